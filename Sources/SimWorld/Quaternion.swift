import Foundation

/// A unit quaternion (x, y, z, w) for small pose computations outside the hot loops.
public struct Quaternion: Sendable, Equatable {
    public var x: Float, y: Float, z: Float, w: Float

    public init(x: Float, y: Float, z: Float, w: Float) { (self.x, self.y, self.z, self.w) = (x, y, z, w) }
    /// From a flat xyzw array. [4]
    public init(_ q: [Float]) { self.init(x: q[0], y: q[1], z: q[2], w: q[3]) }
    /// Rotation of `angle` rad about the unit `axis`.
    public init(axis: [Float], angle: Float) {
        let s = (angle / 2).sinValue
        self.init(x: axis[0] * s, y: axis[1] * s, z: axis[2] * s, w: (angle / 2).cosValue)
    }

    /// The identity rotation.
    public static let identity = Quaternion(x: 0, y: 0, z: 0, w: 1)
    /// Flat xyzw. [4]
    public var array: [Float] { [x, y, z, w] }

    /// Hamilton product: first `b`, then `self`.
    public static func * (a: Quaternion, b: Quaternion) -> Quaternion {
        Quaternion(x: a.w * b.x + a.x * b.w + a.y * b.z - a.z * b.y,
                   y: a.w * b.y - a.x * b.z + a.y * b.w + a.z * b.x,
                   z: a.w * b.z + a.x * b.y - a.y * b.x + a.z * b.w,
                   w: a.w * b.w - a.x * b.x - a.y * b.y - a.z * b.z)
    }

    /// Rotates a vector. [3]
    public func rotate(_ v: [Float]) -> [Float] {
        // v' = v + 2 w (q x v) + 2 q x (q x v)
        let t = [2 * (y * v[2] - z * v[1]), 2 * (z * v[0] - x * v[2]), 2 * (x * v[1] - y * v[0])]
        return [v[0] + w * t[0] + (y * t[2] - z * t[1]),
                v[1] + w * t[1] + (z * t[0] - x * t[2]),
                v[2] + w * t[2] + (x * t[1] - y * t[0])]
    }
}

extension Float {
    /// sin(self), rad.
    var sinValue: Float { Foundation.sin(self) }
    /// cos(self), rad.
    var cosValue: Float { Foundation.cos(self) }
}
