import Foundation

/// Mesh file formats the importer reads.
public enum MeshFormat: String, Sendable, CaseIterable {
    case obj, stl, urdf

    /// Format from a path's extension (case-insensitive), nil if unsupported.
    public init?(path: String) {
        self.init(rawValue: (path as NSString).pathExtension.lowercased())
    }
}

/// Reading limits shared by every reader.
public struct ReadLimits: Sendable, Equatable {
    /// Largest accepted file, bytes (default 256 MiB); larger files fail with `.fileTooLarge`.
    public var maxFileBytes: Int = 256 << 20
    /// Largest accepted vertex or triangle count (default 5 million).
    public var maxElements: Int = 5_000_000

    /// Default limits.
    public init() {}
}

/// Entry point of the readers: loads a file by extension into one triangle mesh.
public enum MeshFile {
    /// Reads an OBJ, STL or single-link URDF file into a mesh in the file's units (URDF: metres,
    /// with origin, rpy and scale applied).
    public static func read(_ path: String, limits: ReadLimits = ReadLimits()) throws(AssetError) -> TriangleMesh {
        guard let format = MeshFormat(path: path) else {
            throw AssetError(.unsupported, file: path, "unsupported extension; expected .obj, .stl or .urdf")
        }
        let data = try load(path, limits: limits)
        switch format {
        case .obj: return try OBJReader.parse(data, file: path, limits: limits)
        case .stl: return try STLReader.parse(data, file: path, limits: limits)
        case .urdf: return try URDFReader.parse(data, file: path, limits: limits)
        }
    }

    /// File bytes after the size and emptiness checks (the size is checked before reading).
    public static func load(_ path: String, limits: ReadLimits) throws(AssetError) -> Data {
        let attributes: [FileAttributeKey: Any]
        do { attributes = try FileManager.default.attributesOfItem(atPath: path) } catch {
            throw AssetError(.unreadable, file: path, "cannot open file (missing or unreadable)")
        }
        if let type = attributes[.type] as? FileAttributeType, type == .typeDirectory {
            throw AssetError(.unreadable, file: path, "is a directory, not a mesh file")
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        if size > limits.maxFileBytes {
            throw AssetError(.fileTooLarge, file: path, "file is \(size) bytes, over the \(limits.maxFileBytes)-byte limit (raise --max-file-bytes to accept it)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AssetError(.unreadable, file: path, "cannot read file")
        }
        if data.isEmpty { throw AssetError(.emptyFile, file: path, "file is empty") }
        return data
    }

    /// Decodes text, rejecting binary data: NUL bytes or invalid UTF-8 (reports the line).
    static func text(_ data: Data, file: String) throws(AssetError) -> String {
        var line = 1
        for byte in data {
            if byte == 0 { throw AssetError(.notText, file: file, line: line, "binary data (NUL byte) in a text format") }
            if byte == 10 { line += 1 }
        }
        guard let s = String(data: data, encoding: .utf8) else {
            throw AssetError(.notText, file: file, "not valid UTF-8 text")
        }
        return s
    }

    /// Splits text into lines (LF or CRLF), keeping empty lines so numbering matches editors.
    static func lines(_ text: String) -> [Substring] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? $0.dropLast() : $0
        }
    }

    /// Parses a finite number token or throws a syntax / non-finite error at `line`.
    static func number(_ token: Substring, file: String, line: Int) throws(AssetError) -> Double {
        guard let v = Double(token) else {
            throw AssetError(.syntax, file: file, line: line, "expected a number, found '\(token.prefix(40))'")
        }
        guard v.isFinite else { throw AssetError(.nonFinite, file: file, line: line, "non-finite coordinate '\(token)'") }
        return v
    }
}
