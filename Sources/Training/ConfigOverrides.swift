import Foundation

/// Builds a TrainConfig from defaults, an optional JSON file (any subset of keys) and
/// `key.path=value` overrides, naming the file or key on every error.
public enum ConfigOverrides {
    /// The merged config.
    public static func resolve(file: String?, overrides: [String], base: TrainConfig = TrainConfig()) throws -> TrainConfig {
        guard let file else { return try resolve(json: nil, source: "", overrides: overrides, base: base) }
        guard let data = FileManager.default.contents(atPath: file) else { throw ConfigFileError("\(file): cannot read the file") }
        return try resolve(json: data, source: file, overrides: overrides, base: base)
    }

    /// The merged config from JSON text (any subset of keys; nil = none) and overrides;
    /// `source` names the text in errors (a file path, or e.g. "config JSON").
    public static func resolve(json: Data?, source: String, overrides: [String] = [], base: TrainConfig = TrainConfig()) throws -> TrainConfig {
        let defaults = try JSONSerialization.jsonObject(with: JSONEncoder().encode(base)) as! [String: Any]
        var tree = defaults
        var given: [(path: [String], value: Any)] = []
        if let json {
            let parsed: Any
            do { parsed = try JSONSerialization.jsonObject(with: json) } catch {
                throw ConfigFileError("\(source): not valid JSON (\(error.localizedDescription))")
            }
            guard let object = parsed as? [String: Any] else { throw ConfigFileError("\(source): the top level must be a JSON object") }
            tree = try merge(tree, object, path: source + ":")
            given = leaves(object, prefix: [])
        }
        for override in overrides {
            guard let eq = override.firstIndex(of: "=") else { throw ConfigFileError("--set \(override): expected key.path=value") }
            let key = String(override[..<eq]), text = String(override[override.index(after: eq)...])
            let value = (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) ?? text
            tree = try set(tree, path: key.split(separator: ".").map(String.init), value: value, full: key)
            given.append((key.split(separator: ".").map(String.init), value))
        }
        do {
            return try JSONDecoder().decode(TrainConfig.self, from: JSONSerialization.data(withJSONObject: tree))
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.dataCorrupted(context),
                let DecodingError.valueNotFound(_, context) {
            // the decoder names no field for a number that does not fit (-1 for an unsigned seed, 1.5 for a count)
            if context.codingPath.isEmpty, let bad = firstUndecodable(given, defaults: defaults) {
                throw ConfigFileError("config field \(bad.path.joined(separator: ".")): \(bad.value) does not fit the field's type")
            }
            throw ConfigFileError("config field \(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)")
        }
    }

    /// Every non-object value of a JSON object with its key path.
    private static func leaves(_ object: [String: Any], prefix: [String]) -> [(path: [String], value: Any)] {
        object.sorted { $0.key < $1.key }.flatMap { key, value -> [(path: [String], value: Any)] in
            if let child = value as? [String: Any] { return leaves(child, prefix: prefix + [key]) }
            return [(prefix + [key], value)]
        }
    }

    /// The first given value that alone, set into the defaults, does not decode.
    private static func firstUndecodable(_ given: [(path: [String], value: Any)], defaults: [String: Any]) -> (path: [String], value: Any)? {
        given.first { leaf in
            guard let tree = try? set(defaults, path: leaf.path, value: leaf.value, full: leaf.path.joined(separator: ".")),
                  let data = try? JSONSerialization.data(withJSONObject: tree) else { return true }
            return (try? JSONDecoder().decode(TrainConfig.self, from: data)) == nil
        }
    }

    /// A run directory's own config.json, written by this or an earlier version (missing keys:
    /// `TrainConfig.olderRunBase`), for resuming, evaluating or rendering that run.
    public static func runConfig(file: String) throws -> TrainConfig {
        try resolve(file: file, overrides: [], base: .olderRunBase)
    }

    private static func merge(_ base: [String: Any], _ top: [String: Any], path: String) throws -> [String: Any] {
        var out = base
        for (k, v) in top {
            guard let old = base[k] else {
                guard optionalKeys.contains(k) else { throw ConfigFileError("\(path) unknown key '\(k)'") }
                out[k] = v
                continue
            }
            if let a = old as? [String: Any], let b = v as? [String: Any] { out[k] = try merge(a, b, path: path + " " + k + ".") } else { out[k] = v }
        }
        return out
    }

    private static func set(_ tree: [String: Any], path: [String], value: Any, full: String) throws -> [String: Any] {
        guard let head = path.first, tree[head] != nil || (path.count == 1 && tree.keys.contains(head)) || optionalKeys.contains(head) else {
            throw ConfigFileError("--set \(full): unknown key '\(path.first ?? "")'")
        }
        var out = tree
        if path.count == 1 { out[head] = value; return out }
        guard let child = tree[head] as? [String: Any] else { throw ConfigFileError("--set \(full): '\(head)' has no fields") }
        out[head] = try set(child, path: Array(path.dropFirst()), value: value, full: full)
        return out
    }

    /// Optional keys absent from the default encoding.
    static let optionalKeys: Set<String> = ["library", "initFrom", "objectMaxRadius"]
}

/// A bad config file or override.
public struct ConfigFileError: Error, CustomStringConvertible {
    public let description: String
    init(_ d: String) { description = d }
}
