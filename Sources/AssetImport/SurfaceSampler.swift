/// Deterministic, area-weighted sampling of points on a mesh surface.
public enum SurfaceSampler {
    /// `count` points uniformly distributed over the surface of `mesh`, with the unit normal of
    /// the triangle each lies on. Same mesh and seed give bit-identical output.
    ///
    /// Triangles are chosen by binary search in the cumulative area table, points by the
    /// square-root barycentric map (Osada et al. 2002), which is uniform within a triangle.
    public static func sample(_ mesh: TriangleMesh, count: Int, seed: UInt64) -> (points: [Vec3], normals: [Vec3]) {
        var cumulative = [Double]()
        cumulative.reserveCapacity(mesh.triangles.count)
        var total = 0.0
        for t in 0..<mesh.triangles.count {
            total += mesh.area(ofTriangle: t)
            cumulative.append(total)
        }
        guard total > 0, count > 0 else { return ([], []) }
        var rng = SplitMix64(seed: seed)
        var points = [Vec3](), normals = [Vec3]()
        points.reserveCapacity(count)
        normals.reserveCapacity(count)
        for _ in 0..<count {
            let target = rng.unit() * total
            var lo = 0, hi = cumulative.count - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if cumulative[mid] < target { lo = mid + 1 } else { hi = mid }
            }
            let (a, b, c) = mesh.corners(lo)
            let r1 = rng.unit().squareRoot(), r2 = rng.unit()
            points.append((1 - r1) * a + r1 * (1 - r2) * b + r1 * r2 * c)
            let n = cross(b - a, c - a)
            normals.append(n / max(length(n), .leastNormalMagnitude))
        }
        return (points, normals)
    }
}
