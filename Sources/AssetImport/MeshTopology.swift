/// Topology checks used by validation: closedness, orientation and degenerate triangles.
public struct MeshTopology: Sendable, Equatable {
    /// Every undirected edge is shared by exactly two triangles, traversed in opposite directions.
    public var isWatertight: Bool
    /// Edges used by only one triangle (holes).
    public var boundaryEdgeCount: Int
    /// Edges used by three or more triangles, or twice in the same direction.
    public var nonManifoldEdgeCount: Int

    /// Analyses the edges of `mesh` (degenerate triangles must be removed first).
    public init(_ mesh: TriangleMesh) {
        var directed: [SIMD2<Int32>: Int] = [:]
        directed.reserveCapacity(mesh.triangles.count * 3)
        for t in mesh.triangles {
            for (a, b) in [(t.x, t.y), (t.y, t.z), (t.z, t.x)] { directed[SIMD2(a, b), default: 0] += 1 }
        }
        var boundary = 0, nonManifold = 0
        for (edge, count) in directed {
            let reverse = directed[SIMD2(edge.y, edge.x)] ?? 0
            if count > 1 || reverse > 1 { nonManifold += 1 } else if reverse == 0 { boundary += 1 }
        }
        isWatertight = boundary == 0 && nonManifold == 0 && !mesh.triangles.isEmpty
        boundaryEdgeCount = boundary
        nonManifoldEdgeCount = nonManifold
    }

    /// The mesh without triangles that repeat a vertex or have area below `minArea` (square units),
    /// and how many were removed.
    public static func removingDegenerate(_ mesh: TriangleMesh, minArea: Double) -> (TriangleMesh, removed: Int) {
        var out = mesh
        out.triangles = mesh.triangles.indices.compactMap { t in
            let tri = mesh.triangles[t]
            if tri.x == tri.y || tri.y == tri.z || tri.x == tri.z { return nil }
            return mesh.area(ofTriangle: t) > minArea ? tri : nil
        }
        return (out, mesh.triangles.count - out.triangles.count)
    }

    /// The mesh with unreferenced vertices dropped and indices compacted.
    public static func compacted(_ mesh: TriangleMesh) -> TriangleMesh {
        var remap = [Int32](repeating: -1, count: mesh.vertices.count)
        var out = TriangleMesh()
        for t in mesh.triangles {
            var ids = SIMD3<Int32>()
            for k in 0..<3 {
                let old = Int(t[k])
                if remap[old] < 0 {
                    remap[old] = Int32(out.vertices.count)
                    out.vertices.append(mesh.vertices[old])
                }
                ids[k] = remap[old]
            }
            out.triangles.append(ids)
        }
        return out
    }
}
