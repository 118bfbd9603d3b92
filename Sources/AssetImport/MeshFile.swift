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
        var notes: [String] = []
        return try read(path, limits: limits, notes: &notes)
    }

    /// Reads a mesh file as `read(_:limits:)` does and appends to `notes` what the reader changed
    /// that the user should hear about (`path:line: text`), such as the winding reversed under a
    /// mirroring URDF scale.
    public static func read(_ path: String, limits: ReadLimits = ReadLimits(), notes: inout [String]) throws(AssetError) -> TriangleMesh {
        guard let format = MeshFormat(path: path) else {
            throw AssetError(.unsupported, file: path, "unsupported extension; expected .obj, .stl or .urdf")
        }
        let data = try load(path, limits: limits)
        switch format {
        case .obj: return try OBJReader.parse(data, file: path, limits: limits)
        case .stl: return try STLReader.parse(data, file: path, limits: limits)
        case .urdf: return try URDFReader.parse(data, file: path, limits: limits, notes: &notes)
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

    /// Decodes text, rejecting binary data: NUL bytes or invalid UTF-8 (reports the line). A
    /// leading UTF-8 byte-order mark (as Windows editors write it) is dropped.
    static func text(_ data: Data, file: String) throws(AssetError) -> String {
        var line = 1
        var previous: UInt8 = 0
        for byte in data {
            if byte == 0 { throw AssetError(.notText, file: file, line: line, "binary data (NUL byte) in a text format") }
            if byte == 13 || (byte == 10 && previous != 13) { line += 1 }  // CR, LF or CR LF: one line break
            previous = byte
        }
        guard let s = String(data: data, encoding: .utf8) else {
            throw AssetError(.notText, file: file, "not valid UTF-8 text")
        }
        if s.unicodeScalars.first == "\u{FEFF}" { return String(s.unicodeScalars.dropFirst()) }
        return s
    }

    /// Splits text into lines at LF, CR LF or a lone CR (Unix, Windows and classic Mac OS
    /// exporters, also mixed in one file), keeping empty lines so numbering matches editors.
    ///
    /// Works on UTF-8 bytes: in a Swift `String` "\r\n" is one `Character`, so splitting on the
    /// `Character` "\n" would leave a CR LF file as one line.
    static func lines(_ text: String) -> [Substring] {
        let utf8 = text.utf8
        var out: [Substring] = []
        var start = utf8.startIndex, i = start
        while i != utf8.endIndex {
            let byte = utf8[i]
            guard byte == 10 || byte == 13 else { i = utf8.index(after: i); continue }
            out.append(text[start..<i])  // CR and LF are always Character boundaries
            i = utf8.index(after: i)
            if byte == 13, i != utf8.endIndex, utf8[i] == 10 { i = utf8.index(after: i) }
            start = i
        }
        out.append(text[start...])
        return out
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
