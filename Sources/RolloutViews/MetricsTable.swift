import Foundation

/// A metrics file that cannot be used; names the file and, when known, the line (1-based).
public struct MetricsError: Error, CustomStringConvertible, Equatable {
    /// Path of the file.
    public let file: String
    /// Line number, 1-based (the header is line 1); 0 when the problem is the whole file.
    public let line: Int
    /// What is wrong.
    public let message: String

    /// Creates an error.
    public init(file: String, line: Int, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`, or `file: message` for whole-file problems.
    public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
}

/// A training run's `metrics.csv` read into columns: one row per PPO iteration.
///
/// The training loop writes the header
/// `iteration,env_steps,wall_s,sps,mean_reward,success_rate,policy_loss,value_loss,entropy,approx_kl,clip_fraction,explained_variance,learning_rate`.
/// Reading checks that every row has one field per header column and that the columns
/// asked for (`required`) hold finite numbers, with `env_steps` never decreasing.
public struct MetricsTable: Sendable {
    /// File the table was read from.
    public let file: String
    /// Header names, in file order.
    public let header: [String]
    /// The parsed required columns, by name. Each shape `[rowCount]`.
    public let columns: [String: [Double]]

    /// Number of data rows.
    public var rowCount: Int { columns.values.first?.count ?? 0 }

    /// The file name every run directory holds.
    public static let fileName = "metrics.csv"

    /// Reads `path`, parsing the columns `required` (`env_steps` is always required).
    public static func read(path: String, required: [String]) throws -> MetricsTable {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw MetricsError(file: path, line: 0, "missing or unreadable")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw MetricsError(file: path, line: 0, "not UTF-8 text")
        }
        return try parse(text, file: path, required: required)
    }

    /// Parses CSV text (`file` only names it in errors). Blank lines are skipped.
    public static func parse(_ text: String, file: String, required: [String]) throws -> MetricsTable {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard let headerLine = lines.first, !headerLine.isEmpty else { throw MetricsError(file: file, line: 0, "empty file, no header") }
        let header = headerLine.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard Set(header).count == header.count else { throw MetricsError(file: file, line: 1, "repeated column name in header") }
        let wanted = ["env_steps"] + required.filter { $0 != "env_steps" }
        let positions = try wanted.map { name in
            guard let i = header.firstIndex(of: name) else {
                throw MetricsError(file: file, line: 1, "no column '\(name)' in header (have \(header.joined(separator: ",")))")
            }
            return i
        }
        var columns = [[Double]](repeating: [], count: wanted.count)
        for (n, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == header.count else {
                throw MetricsError(file: file, line: n + 1, "\(fields.count) fields, header has \(header.count)")
            }
            for (k, i) in positions.enumerated() {
                let text = fields[i].trimmingCharacters(in: .whitespaces)
                guard let value = Double(text), value.isFinite else {
                    throw MetricsError(file: file, line: n + 1, "\(wanted[k]) is '\(text)', not a finite number")
                }
                columns[k].append(value)
            }
            if let steps = columns.first, steps.count >= 2, steps[steps.count - 1] < steps[steps.count - 2] {
                throw MetricsError(file: file, line: n + 1, "env_steps decreases (\(steps[steps.count - 2]) then \(steps[steps.count - 1]))")
            }
        }
        guard !columns[0].isEmpty else { throw MetricsError(file: file, line: 0, "header only, no data rows") }
        return MetricsTable(file: file, header: header, columns: Dictionary(uniqueKeysWithValues: zip(wanted, columns)))
    }
}
