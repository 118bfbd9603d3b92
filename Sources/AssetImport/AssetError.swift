/// An import or library error that names the file and, for text formats, the 1-based line.
///
/// `description` reads `path:line: message` (or `path: message`), the compiler convention,
/// so every message a user sees says where the problem is.
public struct AssetError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong, for programmatic checks.
    public enum Kind: String, Sendable {
        case emptyFile, fileTooLarge, unreadable, notText, syntax, badIndex, nonFinite
        case degenerate, missingReference, unsupported, writeFailed, badLibrary, geometry
    }

    /// Category of the failure.
    public var kind: Kind
    /// Path of the offending file as given by the caller.
    public var file: String
    /// 1-based line number for text formats, nil when it does not apply.
    public var line: Int?
    /// Human-readable explanation.
    public var message: String

    /// Creates an error.
    public init(_ kind: Kind, file: String, line: Int? = nil, _ message: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}
