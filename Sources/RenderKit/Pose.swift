import Foundation

/// A rigid transform in the world frame (z up, metres).
///
/// The orientation is a unit quaternion stored as `(x, y, z, w)`, the same order the
/// physics columns and Bullet use. It is normalised on use, so slightly drifted
/// quaternions from recorded snapshots still render correctly.
public struct Pose: Hashable, Sendable {
    /// Origin of the local frame, metres, world frame.
    public var position: SIMD3<Float>
    /// Rotation from local to world, quaternion `(x, y, z, w)`.
    public var orientation: SIMD4<Float>

    /// Creates a pose from a position (metres) and an `(x, y, z, w)` quaternion.
    public init(position: SIMD3<Float> = .zero, orientation: SIMD4<Float> = SIMD4(0, 0, 0, 1)) {
        self.position = position
        self.orientation = orientation
    }

    /// The identity pose (origin, no rotation).
    public static let identity = Pose()

    /// Reads a pose from flat column storage: `xyz` at `positions[3*row...]` and
    /// `xyzw` at `orientations[4*row...]`.
    public init(positions: [Float], orientations: [Float], row: Int) {
        precondition(positions.count >= 3 * row + 3 && orientations.count >= 4 * row + 4,
                     "Pose(positions:orientations:row:): row \(row) out of range")
        position = SIMD3(positions[3 * row], positions[3 * row + 1], positions[3 * row + 2])
        orientation = SIMD4(orientations[4 * row], orientations[4 * row + 1],
                            orientations[4 * row + 2], orientations[4 * row + 3])
    }

    /// A quaternion `(x, y, z, w)` rotating by `angle` radians about `axis` (any length > 0).
    public static func quaternion(axis: SIMD3<Float>, angle: Float) -> SIMD4<Float> {
        let a = axis / max(length(axis), 1e-12)
        let s = sinf(angle * 0.5)
        return SIMD4(a.x * s, a.y * s, a.z * s, cosf(angle * 0.5))
    }

    /// The 3x3 rotation matrix of `orientation`, as three columns (local x, y, z axes in world).
    public var rotationColumns: (SIMD3<Float>, SIMD3<Float>, SIMD3<Float>) {
        var q = orientation
        let n = (q * q).sum()
        q = n > 0 ? q / n.squareRoot() : SIMD4(0, 0, 0, 1)
        let (x, y, z, w) = (q.x, q.y, q.z, q.w)
        let c0 = SIMD3<Float>(1 - 2 * (y * y + z * z), 2 * (x * y + z * w), 2 * (x * z - y * w))
        let c1 = SIMD3<Float>(2 * (x * y - z * w), 1 - 2 * (x * x + z * z), 2 * (y * z + x * w))
        let c2 = SIMD3<Float>(2 * (x * z + y * w), 2 * (y * z - x * w), 1 - 2 * (x * x + y * y))
        return (c0, c1, c2)
    }

    /// Maps a point from the local frame to the world frame (metres).
    public func transform(_ p: SIMD3<Float>) -> SIMD3<Float> {
        let (c0, c1, c2) = rotationColumns
        return c0 * p.x + c1 * p.y + c2 * p.z + position
    }
}

// MARK: - Small vector helpers

@inline(__always) func dot(_ a: SIMD3<Float>, _ b: SIMD3<Float>) -> Float { (a * b).sum() }

@inline(__always) func cross(_ a: SIMD3<Float>, _ b: SIMD3<Float>) -> SIMD3<Float> {
    SIMD3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x)
}

@inline(__always) func length(_ a: SIMD3<Float>) -> Float { dot(a, a).squareRoot() }

@inline(__always) func normalize(_ a: SIMD3<Float>) -> SIMD3<Float> {
    let l = length(a)
    return l > 0 ? a / l : a
}

// MARK: - Composition

extension Pose {
    /// Hamilton product of two `(x, y, z, w)` quaternions: rotate by `b`, then by `a`.
    public static func multiply(_ a: SIMD4<Float>, _ b: SIMD4<Float>) -> SIMD4<Float> {
        SIMD4(a.w * b.x + a.x * b.w + a.y * b.z - a.z * b.y,
              a.w * b.y - a.x * b.z + a.y * b.w + a.z * b.x,
              a.w * b.z + a.x * b.y - a.y * b.x + a.z * b.w,
              a.w * b.w - a.x * b.x - a.y * b.y - a.z * b.z)
    }

    /// Composition `a * b`: the pose of frame `b` (given relative to `a`) in `a`'s parent frame.
    public static func * (a: Pose, b: Pose) -> Pose {
        Pose(position: a.transform(b.position), orientation: multiply(a.orientation, b.orientation))
    }
}
