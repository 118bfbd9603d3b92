import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reader for single-link URDF objects: every `<collision>` of the link (or every `<visual>`
/// when there is no collision element) becomes part of one mesh in the link frame, metres.
///
/// Supported geometry: `<mesh filename scale>` (OBJ/STL, path relative to the URDF's folder;
/// `package://pkg/` and `file://` prefixes are stripped), `<box size>`, `<cylinder radius length>`
/// (along z) and `<sphere radius>`, each placed by its `<origin xyz rpy>`.
public enum URDFReader {
    /// Parses URDF bytes read from `file`.
    public static func parse(_ data: Data, file: String, limits: ReadLimits = ReadLimits()) throws(AssetError) -> TriangleMesh {
        var notes: [String] = []
        return try parse(data, file: file, limits: limits, notes: &notes)
    }

    /// Parses URDF bytes read from `file`, appending to `notes` a line per mirrored mesh (a
    /// `<mesh scale>` with an odd number of negative components), whose triangle winding is
    /// reversed so that its normals still point outward.
    public static func parse(_ data: Data, file: String, limits: ReadLimits = ReadLimits(), notes: inout [String]) throws(AssetError) -> TriangleMesh {
        let doc = URDFDocument(file: file)
        let parser = XMLParser(data: normalizingLineBreaks(data))
        parser.delegate = doc
        if !parser.parse() {
            if let error = doc.error { throw error }  // the delegate's own error aborted the parse
            let line = parser.lineNumber > 0 ? parser.lineNumber : nil
            let reason = parser.parserError.map { String(describing: ($0 as NSError).code) } ?? "unknown"
            throw AssetError(.syntax, file: file, line: line, "malformed XML (parser error \(reason))")
        }
        if let error = doc.error { throw error }
        guard doc.linkCount == 1 else {
            throw AssetError(.unsupported, file: file, "expected exactly one <link>, found \(doc.linkCount)")
        }
        let shapes = doc.collisions.isEmpty ? doc.visuals : doc.collisions
        guard !shapes.isEmpty else { throw AssetError(.degenerate, file: file, "the link has no <collision> or <visual> geometry") }
        var mesh = TriangleMesh()
        for shape in shapes { mesh.append(try shape.mesh(urdf: file, limits: limits, notes: &notes)) }
        return mesh
    }

    /// The bytes with CR LF and lone CR turned into LF, as an XML processor must read them
    /// (XML 1.0, 2.11), done before parsing because libxml2 counts lines at LF only: a classic
    /// Mac OS file would be one line in error messages. Data with NUL bytes (UTF-16) is left as is.
    static func normalizingLineBreaks(_ data: Data) -> Data {
        guard data.contains(13), !data.contains(0) else { return data }
        var out = Data(capacity: data.count)
        var previous: UInt8 = 0
        for byte in data {
            if byte == 13 { out.append(10) } else if !(byte == 10 && previous == 13) { out.append(byte) }
            previous = byte
        }
        return out
    }

    /// Rotation matrix columns of URDF roll-pitch-yaw (fixed axes: R = Rz(yaw) Ry(pitch) Rx(roll)).
    static func rotation(rpy: Vec3) -> (Vec3, Vec3, Vec3) {
        let (cr, sr, cp, sp, cy, sy) = (cos(rpy.x), sin(rpy.x), cos(rpy.y), sin(rpy.y), cos(rpy.z), sin(rpy.z))
        return (Vec3(cy * cp, sy * cp, -sp),
                Vec3(cy * sp * sr - sy * cr, sy * sp * sr + cy * cr, cp * sr),
                Vec3(cy * sp * cr + sy * sr, sy * sp * cr - cy * sr, cp * cr))
    }
}

/// One geometry element of the link with its placement and source line.
struct URDFShape {
    enum Geometry { case mesh(path: String, scale: Vec3), box(Vec3), cylinder(radius: Double, length: Double), sphere(Double) }
    var geometry: Geometry
    var xyz = Vec3.zero
    var rpy = Vec3.zero
    var line: Int

    /// The geometry as a mesh in the link frame. A mirroring scale (negative determinant) turns
    /// the mesh inside out; its winding is reversed to point outward again, and `notes` says so.
    func mesh(urdf: String, limits: ReadLimits, notes: inout [String]) throws(AssetError) -> TriangleMesh {
        var local: TriangleMesh
        switch geometry {
        case .box(let size): local = MeshBuilder.box(halfExtents: size / 2)
        case .cylinder(let r, let l): local = MeshBuilder.cylinder(radius: r, length: l, segments: 32)
        case .sphere(let r): local = MeshBuilder.sphere(radius: r, rings: 16, segments: 32)
        case .mesh(let path, let scale):
            let resolved = URDFShape.resolve(path, relativeTo: urdf)
            guard FileManager.default.fileExists(atPath: resolved) else {
                throw AssetError(.missingReference, file: urdf, line: line, "mesh '\(path)' not found (looked for \(resolved))")
            }
            guard let format = MeshFormat(path: resolved), format != .urdf else {
                throw AssetError(.unsupported, file: urdf, line: line, "mesh '\(path)' must be .obj or .stl")
            }
            local = try MeshFile.read(resolved, limits: limits).mapped { $0 * scale }
            if scale.x * scale.y * scale.z < 0 {  // a mirror image: the same winding now faces inward
                local = local.flipped()
                notes.append("\(urdf):\(line): mesh '\(path)' is mirrored by scale (\(scale.x) \(scale.y) \(scale.z)): "
                    + "triangle winding reversed so that normals point outward")
            }
        }
        let (c0, c1, c2) = URDFReader.rotation(rpy: rpy)
        return local.mapped { p in c0 * p.x + c1 * p.y + c2 * p.z + xyz }
    }

    /// Resolves a URDF mesh filename against the URDF's folder.
    static func resolve(_ name: String, relativeTo urdf: String) -> String {
        var path = name
        if path.hasPrefix("file://") { path.removeFirst("file://".count) }
        if path.hasPrefix("package://") {  // package://pkg/rest -> rest (relative to the URDF)
            let rest = path.dropFirst("package://".count)
            path = rest.firstIndex(of: "/").map { String(rest[rest.index(after: $0)...]) } ?? String(rest)
        }
        if path.hasPrefix("/") { return path }
        let folder = (urdf as NSString).deletingLastPathComponent
        return folder.isEmpty ? path : (folder as NSString).appendingPathComponent(path)
    }
}
