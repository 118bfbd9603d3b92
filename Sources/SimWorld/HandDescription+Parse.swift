import Foundation

/// A problem in a `.hand` file, with the file, line and field it concerns.
public struct HandFileError: Error, CustomStringConvertible, Equatable {
    /// File path (or "<string>").
    public let file: String
    /// 1-based line, 0 when the problem is the file as a whole.
    public let line: Int
    /// What is wrong.
    public let message: String

    public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
}

extension HandDescription {
    /// Reads a hand file from disk.
    public static func load(path: String) throws -> HandDescription {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw HandFileError(file: path, line: 0, message: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw HandFileError(file: path, line: 0, message: "the file is not UTF-8 text")
        }
        return try parse(text, file: path)
    }

    /// The Shadow hand shipped with the project (assets/hands/shadow_hand.hand).
    public static func shadowHand() throws -> HandDescription {
        try load(path: ProjectPaths.assets + "/hands/shadow_hand.hand")
    }

    /// Parses hand-file text; `file` names it in errors.
    public static func parse(_ text: String, file: String = "<string>") throws -> HandDescription {
        var builder = HandBuilder(file: file)
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let content = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let words = content.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            guard let keyword = words.first else { continue }
            builder.line = i + 1
            try builder.apply(keyword: keyword, words: Array(words.dropFirst()))
        }
        return try builder.finish()
    }
}

/// One line's `key=values` fields; each value is the numbers (or a name) after `key=`.
struct HandLine {
    let file: String, line: Int
    var name: String?
    var fields: [String: [String]] = [:]

    init(words: [String], file: String, line: Int) throws {
        self.file = file
        self.line = line
        var key: String?
        for word in words {
            if let eq = word.firstIndex(of: "=") {
                let k = String(word[..<eq])
                guard !k.isEmpty, fields[k] == nil else { throw HandFileError(file: file, line: line, message: "bad or repeated field '\(word)'") }
                key = k
                let rest = String(word[word.index(after: eq)...])
                fields[k] = rest.isEmpty ? [] : [rest]
            } else if let k = key {
                fields[k]!.append(word)
            } else if name == nil {
                name = word
            } else {
                throw HandFileError(file: file, line: line, message: "unexpected word '\(word)'")
            }
        }
    }

    func error(_ message: String) -> HandFileError { HandFileError(file: file, line: line, message: message) }

    /// `count` finite numbers of field `key`, or `fallback` when absent.
    func numbers(_ key: String, _ count: Int, default fallback: [Float]? = nil) throws -> [Float] {
        guard let words = fields[key] else {
            if let fallback { return fallback }
            throw error("missing field '\(key)'")
        }
        guard words.count == count else { throw error("field '\(key)' needs \(count) numbers, got \(words.count)") }
        return try words.map { w in
            guard let v = Float(w), v.isFinite else { throw error("field '\(key)': '\(w)' is not a finite number") }
            return v
        }
    }

    func number(_ key: String, default fallback: Float? = nil) throws -> Float {
        try numbers(key, 1, default: fallback.map { [$0] })[0]
    }

    func word(_ key: String) throws -> String {
        guard let w = fields[key], w.count == 1 else { throw error("field '\(key)' needs one name") }
        return w[0]
    }

    func allowOnly(_ keys: Set<String>) throws {
        for k in fields.keys where !keys.contains(k) { throw error("unknown field '\(k)'") }
    }
}
