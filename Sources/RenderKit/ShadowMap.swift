/// An orthographic depth map seen from a directional light, used to darken shadowed pixels.
///
/// Light space: `u` and `v` span the plane perpendicular to the light, `d` is the distance
/// travelled along the light direction (larger is farther from the light). The map covers the
/// light-space bounding box of the whole scene with square texels of `metresPerTexel`.
struct ShadowMap {
    /// Map side, texels.
    let size: Int
    /// Light-space axes in world frame: `right` (u), `up` (v), `forward` (d, the light direction).
    let right, up, forward: SIMD3<Float>
    /// Light-space coordinates of texel `(0, 0)`'s corner, metres.
    let uMin, vMin: Float
    /// Texels per metre in `u` and `v`.
    let texelsPerMetre: Float
    /// Depth offset subtracted before comparing, metres (hides self-shadowing "acne").
    let bias: Float
    /// Nearest occluder distance `d` per texel, metres; `+inf` where nothing was drawn. Shape `[size, size]`.
    var depth: [Float]

    /// Sets up an empty map covering the given world points (`lo...hi` box corners suffice).
    init(direction: SIMD3<Float>, size: Int, boundsMin lo: SIMD3<Float>, boundsMax hi: SIMD3<Float>) {
        forward = normalize(direction)
        let helper: SIMD3<Float> = abs(forward.z) < 0.9 ? SIMD3(0, 0, 1) : SIMD3(1, 0, 0)
        right = normalize(cross(forward, helper))
        up = cross(right, forward)
        var uLo = Float.infinity, uHi = -Float.infinity, vLo = Float.infinity, vHi = -Float.infinity
        for i in 0..<8 {
            let corner = SIMD3(i & 1 == 0 ? lo.x : hi.x, i & 2 == 0 ? lo.y : hi.y, i & 4 == 0 ? lo.z : hi.z)
            let u = dot(corner, right), v = dot(corner, up)
            uLo = min(uLo, u); uHi = max(uHi, u); vLo = min(vLo, v); vHi = max(vHi, v)
        }
        let extent = max(uHi - uLo, vHi - vLo, 1e-3) * 1.02
        self.size = size
        uMin = (uLo + uHi - extent) * 0.5
        vMin = (vLo + vHi - extent) * 0.5
        texelsPerMetre = Float(size) / extent
        bias = 2.5 / texelsPerMetre + 0.001
        depth = [Float](repeating: .infinity, count: size * size)
    }

    /// Light-space coordinates of a world point: `(u, v)` in texels and `d` in metres.
    @inline(__always) func lightSpace(_ p: SIMD3<Float>) -> SIMD3<Float> {
        SIMD3((dot(p, right) - uMin) * texelsPerMetre, (dot(p, up) - vMin) * texelsPerMetre, dot(p, forward))
    }

    /// Rasterises one occluder triangle given in light space (texels, texels, metres), keeping the nearest depth.
    mutating func draw(_ a: SIMD3<Float>, _ b: SIMD3<Float>, _ c: SIMD3<Float>) {
        var (a, b, c) = (a, b, c)
        var area = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)
        if area == 0 { return }
        if area < 0 { swap(&b, &c); area = -area }
        let x0 = max(0, Int(min(a.x, b.x, c.x).rounded(.down))), x1 = min(size - 1, Int(max(a.x, b.x, c.x)))
        let y0 = max(0, Int(min(a.y, b.y, c.y).rounded(.down))), y1 = min(size - 1, Int(max(a.y, b.y, c.y)))
        guard x0 <= x1, y0 <= y1 else { return }
        let inv = 1 / area, n = size
        let sx = Float(x0) + 0.5, sy = Float(y0) + 0.5
        let e0 = (c.x - b.x) * (sy - b.y) - (c.y - b.y) * (sx - b.x)
        let e1 = (a.x - c.x) * (sy - c.y) - (a.y - c.y) * (sx - c.x)
        let e2 = (b.x - a.x) * (sy - a.y) - (b.y - a.y) * (sx - a.x)
        let dx0 = -(c.y - b.y), dx1 = -(a.y - c.y), dx2 = -(b.y - a.y)
        let dy0 = c.x - b.x, dy1 = a.x - c.x, dy2 = b.x - a.x
        depth.withUnsafeMutableBufferPointer { map in
            for y in y0...y1 {
                let fy = Float(y - y0)
                let r0 = e0 + dy0 * fy, r1 = e1 + dy1 * fy, r2 = e2 + dy2 * fy
                guard let span = coveredSpan(x0: x0, x1: x1, edges: (r0, r1, r2), steps: (dx0, dx1, dx2)) else { continue }
                for x in span {
                    let fx = Float(x - x0)
                    let d = ((r0 + dx0 * fx) * a.z + (r1 + dx1 * fx) * b.z + (r2 + dx2 * fx) * c.z) * inv
                    // SAFETY: x in 0..<n and y in 0..<n (clamped above), so y*n+x < n*n.
                    if d < map[y * n + x] { map[y * n + x] = d }
                }
            }
        }
    }

    /// Fraction of light reaching a point at light-space `(u, v, d)`, in `0...1`: the four
    /// nearest texels' depth tests weighted bilinearly (percentage-closer filtering), which
    /// softens the stair-steps of the map. Points outside the map are lit.
    @inline(__always) func lit(_ l: SIMD3<Float>, map: UnsafeBufferPointer<Float>) -> Float {
        let u = l.x - 0.5, v = l.y - 0.5
        guard u >= 0, v >= 0, u < Float(size - 1), v < Float(size - 1) else { return 1 }
        let cx = Int(u), cy = Int(v), fx = u - Float(cx), fy = v - Float(cy), d = l.z - bias
        let i = cy * size + cx
        // SAFETY: 0 <= cx, cy < size-1, so i, i+1, i+size and i+size+1 are inside size*size.
        let t00: Float = d <= map[i] ? 1 : 0, t10: Float = d <= map[i + 1] ? 1 : 0
        let t01: Float = d <= map[i + size] ? 1 : 0, t11: Float = d <= map[i + size + 1] ? 1 : 0
        return (t00 * (1 - fx) + t10 * fx) * (1 - fy) + (t01 * (1 - fx) + t11 * fx) * fy
    }

    /// A 1x1 empty map, used where a scene has no shadows.
    static let empty = ShadowMap(direction: SIMD3(0, 0, -1), size: 1, boundsMin: .zero, boundsMax: .zero)
}
