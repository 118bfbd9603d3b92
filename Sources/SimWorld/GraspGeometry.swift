/// Small geometric quantities of the task, computed the same way everywhere.
public enum GraspGeometry {
    /// Palm point: palm position + 0.08 along palm z - 0.02 along palm y (task.md), from a
    /// root pose [7] (position, quaternion xyzw). Writes 3 floats to `out`.
    @inline(__always)
    public static func palmPoint(_ pose: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>) {
        let q = Quaternion(x: pose[3], y: pose[4], z: pose[5], w: pose[6])
        let offset = q.rotate([0, -0.02, 0.08])
        for k in 0..<3 { out[k] = pose[k] + offset[k] }
    }

    /// Palm point of a flat root pose [7]. [3]
    public static func palmPoint(_ pose: [Float]) -> [Float] {
        var out: [Float] = [0, 0, 0]
        pose.withUnsafeBufferPointer { p in palmPoint(p.baseAddress!, into: &out) }
        return out
    }

    /// Euclidean distance between two 3-vectors.
    @inline(__always)
    public static func distance(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>) -> Float {
        let (x, y, z) = (a[0] - b[0], a[1] - b[1], a[2] - b[2])
        return (x * x + y * y + z * z).squareRoot()
    }
}
