/// Ear-clipping triangulation of simple planar polygons (caps of extruded prisms and L/T blocks).
enum PolygonTriangulator {
    /// Signed area of a polygon (positive when counter-clockwise), square units.
    static func signedArea(_ p: [SIMD2<Double>]) -> Double {
        var a = 0.0
        for i in p.indices {
            let j = (i + 1) % p.count
            a += p[i].x * p[j].y - p[j].x * p[i].y
        }
        return a / 2
    }

    /// Triangles (counter-clockwise index triples) of a simple counter-clockwise polygon.
    ///
    /// O(n^3) in the worst case, meant for the small polygons of the procedural library.
    static func earClip(_ p: [SIMD2<Double>]) -> [(Int, Int, Int)] {
        var remaining = Array(p.indices)
        var out: [(Int, Int, Int)] = []
        var guardCount = 0
        while remaining.count > 3 && guardCount < p.count * p.count {
            guardCount += 1
            let n = remaining.count
            for k in 0..<n {
                let a = remaining[(k + n - 1) % n], b = remaining[k], c = remaining[(k + 1) % n]
                guard cross2(p[b] - p[a], p[c] - p[b]) > 0 else { continue }  // reflex corner
                let blocked = remaining.contains { i in
                    i != a && i != b && i != c && inside(p[i], p[a], p[b], p[c])
                }
                if blocked { continue }
                out.append((a, b, c))
                remaining.remove(at: k)
                break
            }
        }
        if remaining.count == 3 { out.append((remaining[0], remaining[1], remaining[2])) }
        return out
    }

    static func cross2(_ u: SIMD2<Double>, _ v: SIMD2<Double>) -> Double { u.x * v.y - u.y * v.x }

    static func inside(_ q: SIMD2<Double>, _ a: SIMD2<Double>, _ b: SIMD2<Double>, _ c: SIMD2<Double>) -> Bool {
        cross2(b - a, q - a) >= 0 && cross2(c - b, q - b) >= 0 && cross2(a - c, q - c) >= 0
    }
}
