/// Yaw-invariant size numbers of a point cloud, regressed from the code as an auxiliary
/// training objective so that codes keep the object's size (the policy sees no other size).
public enum SizeTargets {
    /// Targets per object: farthest point from the origin, largest |z|, farthest point from
    /// the z axis; each in units of 1 / `scale` metres.
    public static let count = 3

    /// The targets of `pointCount` points (flat xyz, metres, body frame), times `scale` (1/m).
    public static func compute(points: UnsafePointer<Float>, pointCount: Int, scale: Float) -> [Float] {
        var radius: Float = 0, height: Float = 0, axial: Float = 0
        for p in 0..<pointCount {
            // SAFETY: point p of a [pointCount, 3] array.
            let x = points[3 * p], y = points[3 * p + 1], z = points[3 * p + 2]
            let horizontal = x * x + y * y
            radius = max(radius, horizontal + z * z)
            height = max(height, abs(z))
            axial = max(axial, horizontal)
        }
        return [radius.squareRoot() * scale, height * scale, axial.squareRoot() * scale]
    }
}
