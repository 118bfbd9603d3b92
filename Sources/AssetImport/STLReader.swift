import Foundation

/// STL reader (binary and ASCII). Coincident corners are welded by exact position so that a
/// closed STL becomes a closed indexed mesh.
public enum STLReader {
    /// Parses STL bytes; binary when the size matches the triangle count in the header,
    /// ASCII when the text starts with `solid` and contains `facet` (lines may end in LF, CR LF
    /// or CR).
    public static func parse(_ data: Data, file: String, limits: ReadLimits = ReadLimits()) throws(AssetError) -> TriangleMesh {
        if data.count >= 84 {
            let count = data.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: 80, as: UInt32.self).littleEndian) }
            if 84 + 50 * count == data.count { return try parseBinary(data, count: count, file: file, limits: limits) }
        }
        let head = String(decoding: data.prefix(512), as: UTF8.self).drop { $0.isWhitespace || $0 == "\u{FEFF}" }  // "\r\n" is one Character; BOM
        if head.hasPrefix("solid") { return try parseASCII(data, file: file, limits: limits) }
        throw AssetError(.syntax, file: file, "not an STL file: neither 'solid' text nor a binary body of 84 + 50 x N bytes (\(data.count) bytes)")
    }

    static func parseBinary(_ data: Data, count: Int, file: String, limits: ReadLimits) throws(AssetError) -> TriangleMesh {
        guard count > 0 else { throw AssetError(.degenerate, file: file, "binary STL with zero triangles") }
        guard count <= limits.maxElements else { throw AssetError(.fileTooLarge, file: file, "\(count) triangles, over the limit") }
        var welder = VertexWelder()
        var triangles: [SIMD3<Int32>] = []
        triangles.reserveCapacity(count)
        var bad: Int?
        // SAFETY: offsets stay below 84 + 50 * count == data.count (checked by the caller).
        data.withUnsafeBytes { bytes in
            for t in 0..<count {
                var ids = SIMD3<Int32>()
                for k in 0..<3 {
                    let base = 84 + 50 * t + 12 + 12 * k
                    let p = (0..<3).map { Double(Float(bitPattern: bytes.loadUnaligned(fromByteOffset: base + 4 * $0, as: UInt32.self).littleEndian)) }
                    if !(p[0].isFinite && p[1].isFinite && p[2].isFinite) { bad = bad ?? t }
                    ids[k] = welder.index(of: Vec3(p[0], p[1], p[2]))
                }
                triangles.append(ids)
            }
        }
        if let bad { throw AssetError(.nonFinite, file: file, "triangle \(bad) has a non-finite (NaN or infinite) vertex") }
        return TriangleMesh(vertices: welder.vertices, triangles: triangles)
    }

    static func parseASCII(_ data: Data, file: String, limits: ReadLimits) throws(AssetError) -> TriangleMesh {
        let text = try MeshFile.text(data, file: file)
        var welder = VertexWelder()
        var triangles: [SIMD3<Int32>] = []
        var corners: [Int32] = []
        for (i, raw) in MeshFile.lines(text).enumerated() {
            let line = i + 1
            let tokens = raw.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let keyword = tokens.first else { continue }
            switch keyword {
            case "vertex":
                guard tokens.count == 4 else { throw AssetError(.syntax, file: file, line: line, "vertex needs 3 coordinates") }
                let x = try MeshFile.number(tokens[1], file: file, line: line)
                let y = try MeshFile.number(tokens[2], file: file, line: line)
                let z = try MeshFile.number(tokens[3], file: file, line: line)
                corners.append(welder.index(of: Vec3(x, y, z)))
            case "endloop":
                guard corners.count == 3 else {
                    throw AssetError(.syntax, file: file, line: line, "facet has \(corners.count) vertices, expected 3")
                }
                triangles.append(SIMD3(corners[0], corners[1], corners[2]))
                corners.removeAll(keepingCapacity: true)
                if triangles.count > limits.maxElements { throw AssetError(.fileTooLarge, file: file, line: line, "too many facets") }
            case "facet":
                guard tokens.count == 5, tokens[1] == "normal" else {
                    throw AssetError(.syntax, file: file, line: line, "expected 'facet normal nx ny nz'")
                }
                corners.removeAll(keepingCapacity: true)
            case "solid", "outer", "endfacet", "endsolid": continue
            default:
                throw AssetError(.syntax, file: file, line: line, "unexpected '\(keyword.prefix(20))' in ASCII STL")
            }
        }
        guard !triangles.isEmpty else { throw AssetError(.degenerate, file: file, "ASCII STL with no facets") }
        return TriangleMesh(vertices: welder.vertices, triangles: triangles)
    }
}

/// Merges corners with bit-identical coordinates into one vertex.
struct VertexWelder {
    private(set) var vertices: [Vec3] = []
    private var ids: [SIMD3<UInt64>: Int32] = [:]

    mutating func index(of p: Vec3) -> Int32 {
        let key = SIMD3((p.x + 0).bitPattern, (p.y + 0).bitPattern, (p.z + 0).bitPattern)  // + 0 folds -0 into 0
        if let id = ids[key] { return id }
        let id = Int32(vertices.count)
        ids[key] = id
        vertices.append(p)
        return id
    }
}
