import Foundation

/// Wavefront OBJ reader: `v` and `f` statements; polygons are fan-triangulated; negative
/// (relative) indices are supported. Texture coordinates and normals are not kept, but a face's
/// `vt` / `vn` references must point at ones defined before it; groups and materials are ignored.
/// Lines may end in LF, CR LF or CR (`MeshFile.lines`).
public enum OBJReader {
    /// Statements that are valid OBJ but carry nothing the importer uses.
    static let ignored: Set<Substring> = [
        "vt", "vn", "vp", "g", "o", "s", "usemtl", "mtllib", "l", "p", "cstype", "deg", "curv", "curv2",
        "surf", "parm", "trim", "hole", "scrv", "sp", "end", "con", "mg", "bmat", "step", "call", "csh",
        "lod", "shadow_obj", "trace_obj", "bevel", "c_interp", "d_interp", "maplib", "usemap",
    ]

    /// Parses OBJ text. Errors name `file` and the 1-based line.
    public static func parse(_ data: Data, file: String, limits: ReadLimits = ReadLimits()) throws(AssetError) -> TriangleMesh {
        let text = try MeshFile.text(data, file: file)
        var mesh = TriangleMesh()
        var counts = AttributeCounts()
        for (i, raw) in MeshFile.lines(text).enumerated() {
            let line = i + 1
            let content = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let tokens = content.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let keyword = tokens.first else { continue }
            switch keyword {
            case "v":
                guard tokens.count >= 4 else {
                    throw AssetError(.syntax, file: file, line: line, "vertex needs 3 coordinates, found \(tokens.count - 1)")
                }
                let x = try MeshFile.number(tokens[1], file: file, line: line)
                let y = try MeshFile.number(tokens[2], file: file, line: line)
                let z = try MeshFile.number(tokens[3], file: file, line: line)
                mesh.vertices.append(Vec3(x, y, z))
                if mesh.vertices.count > limits.maxElements {
                    throw AssetError(.fileTooLarge, file: file, line: line, "more than \(limits.maxElements) vertices")
                }
            case "vt": counts.textureCoordinates += 1
            case "vn": counts.normals += 1
            case "f":
                try appendFace(tokens.dropFirst(), to: &mesh, counts: counts, file: file, line: line)
                if mesh.triangles.count > limits.maxElements {
                    throw AssetError(.fileTooLarge, file: file, line: line, "more than \(limits.maxElements) triangles")
                }
            default:
                guard ignored.contains(keyword) else {
                    throw AssetError(.syntax, file: file, line: line, "unknown OBJ statement '\(keyword.prefix(20))' (not an OBJ file?)")
                }
            }
        }
        guard !mesh.vertices.isEmpty else { throw AssetError(.degenerate, file: file, "no vertices ('v' lines) found") }
        guard !mesh.triangles.isEmpty else { throw AssetError(.degenerate, file: file, "no faces ('f' lines) found") }
        return mesh
    }

    /// How many `vt` and `vn` statements came so far (what a face's `t` and `n` may refer to).
    struct AttributeCounts {
        var textureCoordinates = 0
        var normals = 0
    }

    /// Resolves a face's vertex references (`i`, `i/t`, `i//n`, `i/t/n`, negatives relative)
    /// against the vertices read so far and appends the fan triangulation. Texture and normal
    /// references are checked against the `vt` / `vn` lines read so far, then dropped.
    static func appendFace(_ refs: ArraySlice<Substring>, to mesh: inout TriangleMesh, counts: AttributeCounts,
                           file: String, line: Int) throws(AssetError) {
        guard refs.count >= 3 else {
            throw AssetError(.badIndex, file: file, line: line, "face needs at least 3 vertices, found \(refs.count)")
        }
        var ids: [Int32] = []
        ids.reserveCapacity(refs.count)
        for ref in refs {
            let fields = ref.split(separator: "/", omittingEmptySubsequences: false)
            guard fields.count <= 3 else {
                throw AssetError(.badIndex, file: file, line: line, "bad face vertex '\(ref.prefix(30))': expected v, v/vt, v//vn or v/vt/vn")
            }
            guard let raw = Int(fields[0]) else {
                throw AssetError(.badIndex, file: file, line: line, "bad face index '\(ref.prefix(30))'")
            }
            let count = mesh.vertices.count
            let index = raw > 0 ? raw - 1 : count + raw
            guard raw != 0, index >= 0, index < count else {
                throw AssetError(.badIndex, file: file, line: line, "face index \(raw) out of range (\(count) vertices defined so far)")
            }
            if fields.count > 1, !fields[1].isEmpty {
                try checkReference(fields[1], in: ref, field: "texture-coordinate", statement: "vt", defined: counts.textureCoordinates, file: file, line: line)
            }
            if fields.count > 2, !fields[2].isEmpty {
                try checkReference(fields[2], in: ref, field: "normal", statement: "vn", defined: counts.normals, file: file, line: line)
            }
            ids.append(Int32(index))
        }
        for k in 1..<(ids.count - 1) { mesh.triangles.append(SIMD3(ids[0], ids[k], ids[k + 1])) }
    }

    /// Checks one texture-coordinate or normal reference of face vertex `ref`: an integer, not 0,
    /// and (1-based, or negative counting back) among the `defined` `statement` lines read so far.
    static func checkReference(_ token: Substring, in ref: Substring, field: String, statement: String, defined: Int,
                               file: String, line: Int) throws(AssetError) {
        guard let raw = Int(token) else {
            throw AssetError(.badIndex, file: file, line: line, "bad face \(field) index '\(token.prefix(20))' in '\(ref.prefix(30))'")
        }
        let index = raw > 0 ? raw - 1 : defined + raw
        guard raw != 0, index >= 0, index < defined else {
            throw AssetError(.badIndex, file: file, line: line,
                             "face \(field) index \(raw) out of range in '\(ref.prefix(30))' (\(defined) '\(statement)' lines defined so far)")
        }
    }
}
