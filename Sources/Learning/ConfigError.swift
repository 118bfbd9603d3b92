/// A configuration value that cannot work, with a message naming the field and the fix.
public struct ConfigError: Error, CustomStringConvertible, Equatable {
    /// Human-readable explanation.
    public let message: String
    /// Creates an error with `message`.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}
