import Foundation

/// Serialisers for OBJ and STL (used to export render meshes and by the round-trip tests).
public enum MeshWriters {
    /// Wavefront OBJ text: `v x y z` lines then `f a b c` (1-based) lines.
    public static func obj(_ mesh: TriangleMesh) -> Data {
        var text = "# written by asset-import\n"
        for v in mesh.vertices { text += "v \(v.x) \(v.y) \(v.z)\n" }
        for t in mesh.triangles { text += "f \(t.x + 1) \(t.y + 1) \(t.z + 1)\n" }
        return Data(text.utf8)
    }

    /// ASCII STL with per-facet normals.
    public static func asciiSTL(_ mesh: TriangleMesh, name: String = "object") -> Data {
        var text = "solid \(name)\n"
        for t in 0..<mesh.triangles.count {
            let (a, b, c) = mesh.corners(t)
            let n = facetNormal(a, b, c)
            text += "  facet normal \(n.x) \(n.y) \(n.z)\n    outer loop\n"
            for p in [a, b, c] { text += "      vertex \(Float(p.x)) \(Float(p.y)) \(Float(p.z))\n" }
            text += "    endloop\n  endfacet\n"
        }
        return Data((text + "endsolid \(name)\n").utf8)
    }

    /// Binary STL: 80-byte header, UInt32 count, 50 bytes per facet (normal, 3 corners, attribute).
    public static func binarySTL(_ mesh: TriangleMesh) -> Data {
        var data = Data(count: 80)
        var count = UInt32(mesh.triangles.count).littleEndian
        data.append(Data(bytes: &count, count: 4))
        for t in 0..<mesh.triangles.count {
            let (a, b, c) = mesh.corners(t)
            var floats: [Float] = []
            for p in [facetNormal(a, b, c), a, b, c] { floats += [Float(p.x), Float(p.y), Float(p.z)] }
            for f in floats {
                var bits = f.bitPattern.littleEndian
                data.append(Data(bytes: &bits, count: 4))
            }
            data.append(contentsOf: [0, 0])
        }
        return data
    }

    static func facetNormal(_ a: Vec3, _ b: Vec3, _ c: Vec3) -> Vec3 {
        let n = cross(b - a, c - a)
        let l = length(n)
        return l > 0 ? n / l : .zero
    }
}
