import Foundation

/// A perspective pinhole camera defined by a look-at.
///
/// Conventions (OpenGL-like): view space looks down -z, clip space has `-w <= z <= w`,
/// and pixel `(px, py)` covers `[px, px+1) x [py, py+1)` with `py = 0` at the top row.
/// A world point maps to pixel coordinates
/// `x = (ndc.x + 1) / 2 * width`, `y = (1 - ndc.y) / 2 * height`.
public struct Camera: Hashable, Sendable {
    /// Camera centre, metres, world frame.
    public var eye: SIMD3<Float>
    /// Point the camera looks at, metres, world frame.
    public var target: SIMD3<Float>
    /// Approximate up direction, world frame (z up by default); need not be unit length.
    public var up: SIMD3<Float>
    /// Vertical field of view, degrees.
    public var verticalFOVDegrees: Float
    /// Near clip distance along the view direction, metres (> 0).
    public var near: Float
    /// Far clip distance along the view direction, metres (> near).
    public var far: Float

    /// Creates a look-at camera. Distances in metres, field of view in degrees.
    public init(eye: SIMD3<Float>, target: SIMD3<Float>, up: SIMD3<Float> = SIMD3(0, 0, 1),
                verticalFOVDegrees: Float = 45, near: Float = 0.02, far: Float = 20) {
        precondition(near > 0 && far > near, "Camera: need 0 < near < far")
        self.eye = eye
        self.target = target
        self.up = up
        self.verticalFOVDegrees = verticalFOVDegrees
        self.near = near
        self.far = far
    }

    /// Orthonormal camera basis in world frame: right, true up, and forward (towards target).
    public var basis: (right: SIMD3<Float>, up: SIMD3<Float>, forward: SIMD3<Float>) {
        let f = normalize(target - eye)
        var r = cross(f, up)
        if length(r) < 1e-6 { r = cross(f, abs(f.z) < 0.9 ? SIMD3(0, 0, 1) : SIMD3(0, 1, 0)) }
        r = normalize(r)
        return (r, cross(r, f), f)
    }

    /// The combined view-projection matrix for an image with `aspect = width / height`.
    func viewProjection(aspect: Float) -> Matrix4 {
        let (r, u, f) = basis
        let view = Matrix4(rows: SIMD4(r.x, r.y, r.z, -dot(r, eye)),
                           SIMD4(u.x, u.y, u.z, -dot(u, eye)),
                           SIMD4(-f.x, -f.y, -f.z, dot(f, eye)),
                           SIMD4(0, 0, 0, 1))
        let t = 1 / tanf(verticalFOVDegrees * .pi / 360)
        let proj = Matrix4(rows: SIMD4(t / aspect, 0, 0, 0),
                           SIMD4(0, t, 0, 0),
                           SIMD4(0, 0, (far + near) / (near - far), 2 * far * near / (near - far)),
                           SIMD4(0, 0, -1, 0))
        return proj * view
    }

    /// Projects a world point to pixel coordinates `(x, y)` and NDC depth in `[-1, 1]`
    /// for an image of `width x height` pixels; `nil` when the point is behind the near plane.
    public func project(_ point: SIMD3<Float>, width: Int, height: Int) -> SIMD3<Float>? {
        let clip = viewProjection(aspect: Float(width) / Float(height)).apply(SIMD4(point, 1))
        guard clip.w >= near * 0.999 else { return nil }
        let ndc = SIMD3(clip.x, clip.y, clip.z) / clip.w
        return SIMD3((ndc.x + 1) * 0.5 * Float(width), (1 - ndc.y) * 0.5 * Float(height), ndc.z)
    }
}

/// A row-major 4x4 matrix (internal; the public API uses poses and look-ats).
struct Matrix4: Sendable {
    var r0, r1, r2, r3: SIMD4<Float>

    init(rows r0: SIMD4<Float>, _ r1: SIMD4<Float>, _ r2: SIMD4<Float>, _ r3: SIMD4<Float>) {
        (self.r0, self.r1, self.r2, self.r3) = (r0, r1, r2, r3)
    }

    /// Matrix-vector product `M v`.
    @inline(__always) func apply(_ v: SIMD4<Float>) -> SIMD4<Float> {
        SIMD4((r0 * v).sum(), (r1 * v).sum(), (r2 * v).sum(), (r3 * v).sum())
    }

    /// Matrix product `a b`.
    static func * (a: Matrix4, b: Matrix4) -> Matrix4 {
        let c0 = SIMD4(b.r0.x, b.r1.x, b.r2.x, b.r3.x), c1 = SIMD4(b.r0.y, b.r1.y, b.r2.y, b.r3.y)
        let c2 = SIMD4(b.r0.z, b.r1.z, b.r2.z, b.r3.z), c3 = SIMD4(b.r0.w, b.r1.w, b.r2.w, b.r3.w)
        func row(_ r: SIMD4<Float>) -> SIMD4<Float> {
            SIMD4((r * c0).sum(), (r * c1).sum(), (r * c2).sum(), (r * c3).sum())
        }
        return Matrix4(rows: row(a.r0), row(a.r1), row(a.r2), row(a.r3))
    }
}
