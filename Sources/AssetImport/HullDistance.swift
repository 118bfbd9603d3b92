/// Distances between the collision pieces and the render mesh, for validation.
public enum HullDistance {
    /// Largest distance from the pieces' surfaces to the mesh surface, metres, probed at every
    /// piece vertex, edge midpoint and face centroid (a piece bridging a hole has centroids far
    /// from the mesh even when all its vertices lie on it).
    ///
    /// Each probe's nearest triangle is found through a bounding-box tree over the mesh
    /// (`TriangleTree`); the result is the same number as a search over every triangle.
    public static func maxVertexDistance(pieces: [TriangleMesh], to mesh: TriangleMesh) -> Double {
        let tree = TriangleTree(mesh)
        var worst = 0.0
        for piece in pieces {
            for p in probes(of: piece) { worst = max(worst, tree.nearestDistanceSquared(p).squareRoot()) }
        }
        return worst
    }

    /// Where a piece is probed: its vertices, then per triangle its centroid and edge midpoints.
    static func probes(of piece: TriangleMesh) -> [Vec3] {
        var probes = piece.vertices
        for t in 0..<piece.triangles.count {
            let (a, b, c) = piece.corners(t)
            probes += [(a + b + c) / 3, (a + b) / 2, (b + c) / 2, (c + a) / 2]
        }
        return probes
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

/// A bounding-box tree over a mesh's triangles for nearest-surface queries.
///
/// Leaves hold up to 4 triangles; inner nodes split their triangles at the median centroid along
/// the box's longest axis. A query visits the nearer child first and skips a box whose distance
/// exceeds the best so far by more than `slack` (10^-9 of the squared mesh diagonal, far above
/// the rounding of either distance), so no triangle that could be nearest is ever skipped and
/// the minimum is the one a search over every triangle finds, to the last bit.
struct TriangleTree {
    struct Node {
        var lo: Vec3, hi: Vec3
        /// Leaf: range of `order`; inner: `first` is the left child (the right one follows it).
        var first: Int, count: Int
    }

    let mesh: TriangleMesh
    private(set) var nodes: [Node] = []
    private(set) var order: [Int]
    let slack: Double

    init(_ mesh: TriangleMesh) {
        self.mesh = mesh
        order = Array(0..<mesh.triangles.count)
        let (lo, hi) = mesh.bounds
        slack = 1e-9 * dot(hi - lo, hi - lo)
        let centroids = (0..<mesh.triangles.count).map { t in
            let (a, b, c) = mesh.corners(t)
            return (a + b + c) / 3
        }
        guard !order.isEmpty else { return }
        nodes.append(Node(lo: .zero, hi: .zero, first: 0, count: 0))
        var stack = [(node: 0, start: 0, end: order.count)]
        while let (node, start, end) = stack.popLast() {
            var lo = Vec3(repeating: .infinity), hi = Vec3(repeating: -.infinity)
            for i in start..<end {
                let (a, b, c) = mesh.corners(order[i])
                lo = pointwiseMin(lo, pointwiseMin(a, pointwiseMin(b, c)))
                hi = pointwiseMax(hi, pointwiseMax(a, pointwiseMax(b, c)))
            }
            nodes[node].lo = lo
            nodes[node].hi = hi
            guard end - start > 4 else {
                nodes[node].first = start
                nodes[node].count = end - start
                continue
            }
            let extent = hi - lo
            let axis = extent.x >= extent.y && extent.x >= extent.z ? 0 : (extent.y >= extent.z ? 1 : 2)
            order[start..<end].sort { centroids[$0][axis] < centroids[$1][axis] }
            let middle = (start + end) / 2
            let left = nodes.count
            nodes[node].first = left
            nodes.append(Node(lo: .zero, hi: .zero, first: 0, count: 0))
            nodes.append(Node(lo: .zero, hi: .zero, first: 0, count: 0))
            stack.append((left, start, middle))
            stack.append((left + 1, middle, end))
        }
    }

    /// Squared distance from `p` to the nearest triangle (infinity for an empty mesh).
    func nearestDistanceSquared(_ p: Vec3) -> Double {
        var best = Double.infinity
        guard !nodes.isEmpty else { return best }
        var stack = [0]
        while let n = stack.popLast() {
            let node = nodes[n]
            guard boxDistanceSquared(p, node) <= best + slack else { continue }
            if node.count > 0 {
                for i in node.first..<(node.first + node.count) {
                    let (a, b, c) = mesh.corners(order[i])
                    best = min(best, HullDistance.pointTriangleDistanceSquared(p, a, b, c))
                    if best == 0 { return 0 }
                }
            } else {
                let (l, r) = (node.first, node.first + 1)
                let nearLeft = boxDistanceSquared(p, nodes[l]) <= boxDistanceSquared(p, nodes[r])
                stack.append(nearLeft ? r : l)
                stack.append(nearLeft ? l : r)
            }
        }
        return best
    }

    /// Squared distance from `p` to a node's box (0 inside).
    private func boxDistanceSquared(_ p: Vec3, _ node: Node) -> Double {
        let d = pointwiseMax(pointwiseMax(node.lo - p, p - node.hi), .zero)
        return dot(d, d)
    }
}
