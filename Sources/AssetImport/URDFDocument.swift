import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// XMLParser delegate that collects the link's collision and visual geometry with line numbers.
final class URDFDocument: NSObject, XMLParserDelegate {
    let file: String
    var linkCount = 0
    var collisions: [URDFShape] = []
    var visuals: [URDFShape] = []
    /// First error met; parsing is aborted when it is set.
    var error: AssetError?

    private var section: String?  // "collision" or "visual" while inside one
    private var current: (xyz: Vec3, rpy: Vec3, geometry: URDFShape.Geometry?, line: Int)?
    private var depthInJointOrLink = 0

    init(file: String) { self.file = file }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        let line = parser.lineNumber
        do throws(AssetError) {
            switch name {
            case "link": linkCount += 1
            case "collision", "visual":
                section = name
                current = (.zero, .zero, nil, line)
            case "origin" where current != nil:
                current?.xyz = try vector(attributes["xyz"], default: .zero, line: line)
                current?.rpy = try vector(attributes["rpy"], default: .zero, line: line)
            case "mesh" where current != nil:
                guard let path = attributes["filename"], !path.isEmpty else {
                    throw AssetError(.syntax, file: file, line: line, "<mesh> without a filename")
                }
                let scale = try vector(attributes["scale"], default: Vec3(1, 1, 1), line: line)
                guard scale.x != 0, scale.y != 0, scale.z != 0 else {
                    throw AssetError(.degenerate, file: file, line: line, "<mesh> scale '\(attributes["scale"] ?? "")' has a zero component (flattens the mesh)")
                }
                current?.geometry = .mesh(path: path, scale: scale)
            case "box" where current != nil:
                let size = try vector(attributes["size"], default: nil, line: line)
                guard size.min() > 0 else { throw AssetError(.degenerate, file: file, line: line, "box size must be positive") }
                current?.geometry = .box(size)
            case "cylinder" where current != nil:
                let r = try scalar(attributes["radius"], name: "radius", line: line)
                let l = try scalar(attributes["length"], name: "length", line: line)
                current?.geometry = .cylinder(radius: r, length: l)
            case "sphere" where current != nil:
                current?.geometry = .sphere(try scalar(attributes["radius"], name: "radius", line: line))
            case "capsule" where current != nil:
                throw AssetError(.unsupported, file: file, line: line, "<capsule> is not URDF standard; use a mesh")
            default: break
            }
        } catch {
            self.error = self.error ?? error
            parser.abortParsing()
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        guard name == section, let shape = current else { return }
        section = nil
        current = nil
        guard let geometry = shape.geometry else {
            error = error ?? AssetError(.syntax, file: file, line: shape.line, "<\(name)> without supported geometry")
            parser.abortParsing()
            return
        }
        let s = URDFShape(geometry: geometry, xyz: shape.xyz, rpy: shape.rpy, line: shape.line)
        if name == "collision" { collisions.append(s) } else { visuals.append(s) }
    }

    /// Parses "x y z" (finite numbers) or returns `default` when the attribute is absent.
    private func vector(_ text: String?, default value: Vec3?, line: Int) throws(AssetError) -> Vec3 {
        guard let text else {
            if let value { return value }
            throw AssetError(.syntax, file: file, line: line, "missing vector attribute")
        }
        let parts = text.split(whereSeparator: \.isWhitespace)  // also "\r\n", one Character in Swift
        guard parts.count == 3 else { throw AssetError(.syntax, file: file, line: line, "expected 3 numbers, found '\(text)'") }
        return Vec3(try MeshFile.number(parts[0], file: file, line: line),
                    try MeshFile.number(parts[1], file: file, line: line),
                    try MeshFile.number(parts[2], file: file, line: line))
    }

    /// Parses a positive finite scalar attribute.
    private func scalar(_ text: String?, name: String, line: Int) throws(AssetError) -> Double {
        guard let text else { throw AssetError(.syntax, file: file, line: line, "missing attribute '\(name)'") }
        let v = try MeshFile.number(Substring(text.trimmingCharacters(in: .whitespacesAndNewlines)), file: file, line: line)
        guard v > 0 else { throw AssetError(.degenerate, file: file, line: line, "'\(name)' must be positive") }
        return v
    }
}
