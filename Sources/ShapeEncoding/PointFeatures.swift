import Foundation
import Learning

/// Writes a point cloud into the encoder's per-point input rows [x, y, z] * scale, [nx, ny, nz].
enum PointFeatures {
    /// Fills `count` rows of `out` ([count, 6]) from the points `indices` of `points`/`normals`
    /// (flat xyz), rotated by `yaw` radians about z, positions jittered by `jitter` (metres,
    /// Gaussian, from `generator`; 0 = none) and scaled by `scale` (1/m).
    static func fill(_ out: UnsafeMutablePointer<Float>, points: [Float], normals: [Float], indices: [Int],
                     yaw: Float, jitter: Float, scale: Float, generator: inout RandomGenerator) {
        let (c, s) = (Float(Foundation.cos(Double(yaw))), Float(Foundation.sin(Double(yaw))))
        var noise: [Float] = [0, 0, 0]
        for (row, p) in indices.enumerated() {
            if jitter > 0 { noise.withUnsafeMutableBufferPointer { generator.fillGaussian($0.baseAddress!, count: 3) } }
            let (x, y, z) = (points[3 * p], points[3 * p + 1], points[3 * p + 2])
            let (nx, ny, nz) = (normals[3 * p], normals[3 * p + 1], normals[3 * p + 2])
            // SAFETY: row < count rows of a [count, 6] buffer.
            let o = out + 6 * row
            o[0] = (c * x - s * y + jitter * noise[0]) * scale
            o[1] = (s * x + c * y + jitter * noise[1]) * scale
            o[2] = (z + jitter * noise[2]) * scale
            o[3] = c * nx - s * ny
            o[4] = s * nx + c * ny
            o[5] = nz
        }
    }

    /// `count` distinct random indices below `available` (partial Fisher-Yates); when fewer
    /// points are available, all of them, repeated cyclically (repeats do not change a max).
    static func randomSubset(count: Int, available: Int, generator: inout RandomGenerator) -> [Int] {
        var all = Array(0..<available)
        guard available > count else { return (0..<count).map { all[$0 % available] } }
        for i in 0..<count {
            let j = i + generator.nextIndex(below: available - i)
            all.swapAt(i, j)
        }
        return Array(all.prefix(count))
    }
}
