/// A checkpoint that cannot be used, naming the file and what is wrong with it.
public struct CheckpointError: Error, CustomStringConvertible, Equatable {
    /// Path of the offending file (or directory).
    public let file: String
    /// What is wrong, in words.
    public let problem: String

    /// Creates an error for `file`.
    public init(file: String, problem: String) {
        self.file = file
        self.problem = problem
    }

    /// "checkpoint file '<file>': <problem>".
    public var description: String { "checkpoint file '\(file)': \(problem)" }
}
