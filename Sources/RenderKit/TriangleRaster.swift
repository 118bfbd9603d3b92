/// A vertex after the vertex stage: clip-space position plus shading attributes.
struct ShadedVertex {
    /// Clip-space position `(x, y, z, w)`.
    var clip: SIMD4<Float>
    /// `(u, v, d, ndotl)`: light-space position (texels, texels, metres) and the signed
    /// cosine between the normal and the direction towards the light.
    var attr: SIMD4<Float>

    @inline(__always) static func lerp(_ a: ShadedVertex, _ b: ShadedVertex, _ t: Float) -> ShadedVertex {
        ShadedVertex(clip: a.clip + (b.clip - a.clip) * t, attr: a.attr + (b.attr - a.attr) * t)
    }
}

/// Per-item constants for the pixel stage.
struct SurfaceStyle {
    /// Base colour, 0...255 per channel.
    var base: SIMD3<Float>
    /// Ambient and diffuse light intensities (unitless).
    var ambient, diffuse: Float
    /// Skip triangles facing away from the camera.
    var cullsBackFaces: Bool
}

extension FrameBuffer {
    /// Draws one triangle: clips it against the near plane, then rasterises the pieces.
    /// `shadow` is `nil` when the scene has no shadows; `shadowDepth` is its depth array.
    func drawTriangle(_ a: ShadedVertex, _ b: ShadedVertex, _ c: ShadedVertex,
                      style: SurfaceStyle, shadow: ShadowMap?, shadowDepth: UnsafeBufferPointer<Float>) {
        // near plane in clip space: z + w >= 0
        let da = a.clip.z + a.clip.w, db = b.clip.z + b.clip.w, dc = c.clip.z + c.clip.w
        if da >= 0 && db >= 0 && dc >= 0 {
            rasterize(a, b, c, style: style, shadow: shadow, shadowDepth: shadowDepth)
            return
        }
        if da < 0 && db < 0 && dc < 0 { return }
        // Sutherland-Hodgman against one plane: at most 4 output vertices, drawn as a fan
        var poly: [ShadedVertex] = []
        let input = [(a, da), (b, db), (c, dc)]
        for i in 0..<3 {
            let (p, dp) = input[i], (q, dq) = input[(i + 1) % 3]
            if dp >= 0 { poly.append(p) }
            if (dp >= 0) != (dq >= 0) { poly.append(.lerp(p, q, dp / (dp - dq))) }
        }
        for i in stride(from: 1, to: poly.count - 1, by: 1) {
            rasterize(poly[0], poly[i], poly[i + 1], style: style, shadow: shadow, shadowDepth: shadowDepth)
        }
    }

    /// Rasterises a triangle whose vertices are all in front of the near plane.
    /// Samples are taken at sample centres; depth is NDC z (affine in screen space) and the
    /// attributes are interpolated perspective-correctly.
    private func rasterize(_ a: ShadedVertex, _ b: ShadedVertex, _ c: ShadedVertex,
                           style: SurfaceStyle, shadow: ShadowMap?, shadowDepth: UnsafeBufferPointer<Float>) {
        let fw = Float(width), fh = Float(height)
        // to screen: x right, y down; keep 1/w and attr/w for perspective-correct interpolation
        @inline(__always) func screen(_ v: ShadedVertex) -> (SIMD3<Float>, Float, SIMD4<Float>) {
            let iw = 1 / v.clip.w
            return (SIMD3((v.clip.x * iw + 1) * 0.5 * fw, (1 - v.clip.y * iw) * 0.5 * fh, v.clip.z * iw), iw, v.attr * iw)
        }
        var (p0, iw0, a0) = screen(a), (p1, iw1, a1) = screen(b), (p2, iw2, a2) = screen(c)
        var area = (p1.x - p0.x) * (p2.y - p0.y) - (p1.y - p0.y) * (p2.x - p0.x)
        guard area != 0, area.isFinite else { return }
        // counter-clockwise in NDC (y up) is negative area here (y down): that is the front face
        let frontFacing = area < 0
        if style.cullsBackFaces && !frontFacing { return }
        if area < 0 { swap(&p1, &p2); swap(&iw1, &iw2); swap(&a1, &a2); area = -area }
        let ndotlSign: Float = frontFacing ? 1 : -1
        let x0 = max(0, Int(min(p0.x, p1.x, p2.x).rounded(.down))), x1 = min(width - 1, Int(max(p0.x, p1.x, p2.x)))
        let y0 = max(0, Int(min(p0.y, p1.y, p2.y).rounded(.down))), y1 = min(height - 1, Int(max(p0.y, p1.y, p2.y)))
        guard x0 <= x1, y0 <= y1 else { return }
        let inv = 1 / area
        // edge functions at the first sample centre and their per-sample steps
        let sx = Float(x0) + 0.5, sy = Float(y0) + 0.5
        let e0 = (p2.x - p1.x) * (sy - p1.y) - (p2.y - p1.y) * (sx - p1.x)
        let e1 = (p0.x - p2.x) * (sy - p2.y) - (p0.y - p2.y) * (sx - p2.x)
        let e2 = (p1.x - p0.x) * (sy - p0.y) - (p1.y - p0.y) * (sx - p0.x)
        let dx0 = -(p2.y - p1.y), dx1 = -(p0.y - p2.y), dx2 = -(p1.y - p0.y)
        let dy0 = p2.x - p1.x, dy1 = p0.x - p2.x, dy2 = p1.x - p0.x
        let colorBuf = color, depthBuf = depth, w = width
        let hasShadow = shadow != nil, shadowMap = shadow ?? ShadowMap.empty
        for y in y0...y1 {
            let fy = Float(y - y0)
            let r0 = e0 + dy0 * fy, r1 = e1 + dy1 * fy, r2 = e2 + dy2 * fy
            guard let span = coveredSpan(x0: x0, x1: x1, edges: (r0, r1, r2), steps: (dx0, dx1, dx2)) else { continue }
            let row = y * w
            for x in span {
                let fx = Float(x - x0)
                let b0 = (r0 + dx0 * fx) * inv, b1 = (r1 + dx1 * fx) * inv, b2 = (r2 + dx2 * fx) * inv
                let z = b0 * p0.z + b1 * p1.z + b2 * p2.z
                // SAFETY: span lies in x0...x1 and y in y0...y1, both clamped to the buffer, so row+x < width*height.
                guard z < depthBuf[row + x], z >= -1 else { continue }
                depthBuf[row + x] = z
                let attr = (a0 * b0 + a1 * b1 + a2 * b2) / (iw0 * b0 + iw1 * b1 + iw2 * b2)
                let ndotl = attr.w * ndotlSign
                var light = style.ambient
                if ndotl > 0 {
                    let lit = hasShadow ? shadowMap.lit(SIMD3(attr.x, attr.y, attr.z), map: shadowDepth) : 1
                    light += style.diffuse * ndotl * lit
                }
                let rgb = (style.base * light).clamped(lowerBound: .zero, upperBound: SIMD3(repeating: 255))
                // SAFETY: same index as the depth write above.
                colorBuf[row + x] = FrameBuffer.pack(UInt32(rgb.x), UInt32(rgb.y), UInt32(rgb.z))
            }
        }
    }
}

/// The pixel columns of one row where all three edge functions are non-negative.
/// `edges` are the edge values at column `x0`, `steps` their change per column; `nil` if empty.
@inline(__always) func coveredSpan(x0: Int, x1: Int, edges: (Float, Float, Float),
                                   steps: (Float, Float, Float)) -> ClosedRange<Int>? {
    var lo = Float(0), hi = Float(x1 - x0)
    @inline(__always) func limit(_ e: Float, _ d: Float) -> Bool {
        if d > 0 { lo = max(lo, (-e / d).rounded(.up)) }
        else if d < 0 { hi = min(hi, (e / -d).rounded(.down)) }
        else if e < 0 { return false }
        return true
    }
    guard limit(edges.0, steps.0), limit(edges.1, steps.1), limit(edges.2, steps.2), lo <= hi else { return nil }
    return (x0 + Int(lo))...(x0 + Int(hi))
}
