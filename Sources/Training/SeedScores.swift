import Foundation
import Learning

/// Per-seed scores of one method given by hand, recorded or published ("NAME=V1,V2,..."):
/// what `world-train compare` summarises with the protocol's statistics.
public struct SeedScores: Equatable, Sendable {
    /// The method's name as it appears in the output.
    public var method: String
    /// One score per seed (any unit; the protocol's are % of episodes).
    public var values: [Double]

    public init(method: String, values: [Double]) {
        (self.method, self.values) = (method, values)
    }

    /// Parses "resdex=72.0,72.5,75.0"; a missing name, no values or a value that is not a
    /// finite number throws an error naming the entry and the part.
    public init(_ text: String) throws {
        let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let name = parts.first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard parts.count == 2, !name.isEmpty else { throw ConfigError("--scores '\(text)': expected METHOD=V1,V2,... (one value per seed)") }
        let fields = parts[1].split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        let values = try fields.enumerated().map { index, field -> Double in
            guard let value = Double(field), value.isFinite else {
                throw ConfigError("--scores '\(text)': value \(index + 1) ('\(field)') is not a finite number")
            }
            return value
        }
        self.init(method: name, values: values)
    }

    /// A markdown table of every method's seeds (IQM [95 % bootstrap]; mean +- std, as the
    /// protocol's table) and P(later > earlier) with its interval for every pair; methods must
    /// have distinct names.
    public static func compare(_ methods: [SeedScores]) throws -> String {
        var seen: Set<String> = []
        for m in methods where !seen.insert(m.method).inserted { throw ConfigError("--scores: method '\(m.method)' is given twice") }
        var lines = ["| method | seeds | IQM [95 % bootstrap interval]; mean +- std |", "|---|---|---|"]
        lines += methods.map { "| \($0.method) | \($0.values.count) | \(SeedStatistics.summary($0.values)) |" }
        let pairs = methods.indices.flatMap { j in (0..<j).map { (methods[j], methods[$0]) } }
        if !pairs.isEmpty {
            lines += ["", "Probability of improvement (a seed of the first above a seed of the second, ties half) [95 % bootstrap interval]:", ""]
            lines += pairs.map { "- P(\($0.method) > \($1.method)) \(SeedStatistics.improvement($0.values, $1.values))" }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
