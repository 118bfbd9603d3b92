/// A shape-encoder problem (missing or corrupt weights, bad input), naming the file or object.
public struct ShapeEncodingError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Path of the offending file, or the object's name.
    public let file: String
    /// What is wrong, in words.
    public let message: String

    /// Creates an error about `file`.
    public init(file: String, _ message: String) {
        self.file = file
        self.message = message
    }

    /// "<file>: <message>".
    public var description: String { "\(file): \(message)" }
}
