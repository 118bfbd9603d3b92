import Foundation

/// Wavefront OBJ reader: `v` and `f` statements; polygons are fan-triangulated; negative
/// (relative) indices are supported; texture coordinates, normals, groups and materials are ignored.
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
            case "f":
                try appendFace(tokens.dropFirst(), to: &mesh, file: file, line: line)
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

    /// Resolves a face's vertex references (`i`, `i/t`, `i//n`, `i/t/n`, negatives relative)
    /// against the vertices read so far and appends the fan triangulation.
    static func appendFace(_ refs: ArraySlice<Substring>, to mesh: inout TriangleMesh, file: String, line: Int) throws(AssetError) {
        guard refs.count >= 3 else {
            throw AssetError(.badIndex, file: file, line: line, "face needs at least 3 vertices, found \(refs.count)")
        }
        var ids: [Int32] = []
        ids.reserveCapacity(refs.count)
        for ref in refs {
            let head = ref.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)[0]
            guard let raw = Int(head) else {
                throw AssetError(.badIndex, file: file, line: line, "bad face index '\(ref.prefix(30))'")
            }
            let count = mesh.vertices.count
            let index = raw > 0 ? raw - 1 : count + raw
            guard raw != 0, index >= 0, index < count else {
                throw AssetError(.badIndex, file: file, line: line, "face index \(raw) out of range (\(count) vertices defined so far)")
            }
            ids.append(Int32(index))
        }
        for k in 1..<(ids.count - 1) { mesh.triangles.append(SIMD3(ids[0], ids[k], ids[k + 1])) }
    }
}
