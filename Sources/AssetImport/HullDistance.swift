/// Distances between the collision pieces and the render mesh, for validation.
public enum HullDistance {
    /// Largest distance from the pieces' surfaces to the mesh surface, metres, probed at every
    /// piece vertex, edge midpoint and face centroid (a piece bridging a hole has centroids far
    /// from the mesh even when all its vertices lie on it).
    ///
    /// Brute force over triangles (O(vertices x triangles)); fine for one import, too slow to run
    /// on every procedural object, where it is optional.
    public static func maxVertexDistance(pieces: [TriangleMesh], to mesh: TriangleMesh) -> Double {
        var worst = 0.0
        for piece in pieces {
            var probes = piece.vertices
            for t in 0..<piece.triangles.count {
                let (a, b, c) = piece.corners(t)
                probes += [(a + b + c) / 3, (a + b) / 2, (b + c) / 2, (c + a) / 2]
            }
            for p in probes {
                var best = Double.infinity
                for t in 0..<mesh.triangles.count {
                    let (a, b, c) = mesh.corners(t)
                    best = min(best, pointTriangleDistanceSquared(p, a, b, c))
                    if best == 0 { break }
                }
                worst = max(worst, best.squareRoot())
            }
        }
        return worst
    }

    /// Squared distance from `p` to triangle (a, b, c) (Ericson, Real-Time Collision Detection 5.1.5).
    static func pointTriangleDistanceSquared(_ p: Vec3, _ a: Vec3, _ b: Vec3, _ c: Vec3) -> Double {
        let ab = b - a, ac = c - a, ap = p - a
        let d1 = dot(ab, ap), d2 = dot(ac, ap)
        if d1 <= 0 && d2 <= 0 { return dot(ap, ap) }
        let bp = p - b, d3 = dot(ab, bp), d4 = dot(ac, bp)
        if d3 >= 0 && d4 <= d3 { return dot(bp, bp) }
        let vc = d1 * d4 - d3 * d2
        if vc <= 0 && d1 >= 0 && d3 <= 0 { let q = a + d1 / (d1 - d3) * ab; return dot(p - q, p - q) }
        let cp = p - c, d5 = dot(ab, cp), d6 = dot(ac, cp)
        if d6 >= 0 && d5 <= d6 { return dot(cp, cp) }
        let vb = d5 * d2 - d1 * d6
        if vb <= 0 && d2 >= 0 && d6 <= 0 { let q = a + d2 / (d2 - d6) * ac; return dot(p - q, p - q) }
        let va = d3 * d6 - d5 * d4
        if va <= 0 && (d4 - d3) >= 0 && (d5 - d6) >= 0 {
            let q = b + (d4 - d3) / ((d4 - d3) + (d5 - d6)) * (c - b)
            return dot(p - q, p - q)
        }
        let denom = 1 / (va + vb + vc)
        let q = a + ab * (vb * denom) + ac * (vc * denom)
        return dot(p - q, p - q)
    }
}
