import Foundation

/// Builds a TrainConfig from the defaults, an optional JSON text (any subset of keys, of any
/// `configVersion`: migrated first, `ConfigMigration`) and `key.path=value` overrides, naming the
/// file or key on every error. A run's own config.json, a config file for a new run and a
/// Python world's config are all read this way: the same JSON gives the same config.
public enum ConfigOverrides {
    /// The merged config of a JSON file (nil = none) and overrides.
    public static func resolve(file: String?, overrides: [String] = []) throws -> TrainConfig {
        guard let file else { return try resolve(json: nil, source: "", overrides: overrides) }
        guard let data = FileManager.default.contents(atPath: file) else { throw ConfigFileError("\(file): cannot read the file") }
        return try resolve(json: data, source: file, overrides: overrides)
    }

    /// The merged config from JSON text (any subset of keys; nil = none) and overrides;
    /// `source` names the text in errors (a file path, or e.g. "config JSON").
    public static func resolve(json: Data?, source: String, overrides: [String] = []) throws -> TrainConfig {
        let defaults = try tree(of: TrainConfig())
        var tree = defaults
        var given: [(path: [String], value: Any)] = []
        if let json {
            let parsed: Any
            do { parsed = try JSONSerialization.jsonObject(with: json) } catch {
                throw ConfigFileError("\(source): not valid JSON (\(error.localizedDescription))")
            }
            guard let object = parsed as? [String: Any] else { throw ConfigFileError("\(source): the top level must be a JSON object") }
            let migrated = ConfigMigration.migrate(object, from: try ConfigMigration.version(of: object, source: source))
            tree = try merge(tree, migrated, path: [], source: source)
            given = leaves(migrated, prefix: [])
        }
        for override in overrides {
            guard let eq = override.firstIndex(of: "=") else { throw ConfigFileError("--set \(override): expected key.path=value") }
            let key = String(override[..<eq]), text = String(override[override.index(after: eq)...])
            let value = (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) ?? text
            let path = key.split(separator: ".").map(String.init)
            guard path != ["configVersion"] else {
                throw ConfigFileError("--set \(key): the version is a config file's own; a --set is read at version \(ConfigMigration.currentVersion)")
            }
            tree = try set(tree, path: path, value: value, full: key)
            given += (value as? [String: Any]).map { leaves($0, prefix: path) } ?? [(path, value)]
        }
        let config: TrainConfig
        do {
            config = try JSONDecoder().decode(TrainConfig.self, from: JSONSerialization.data(withJSONObject: tree))
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.dataCorrupted(context),
                let DecodingError.valueNotFound(_, context) {
            // the decoder names no field for a number that does not fit (-1 for an unsigned seed, 1.5 for a count)
            if context.codingPath.isEmpty, let bad = firstUndecodable(given, defaults: defaults) {
                throw ConfigFileError("config field \(bad.path.joined(separator: ".")): \(bad.value) does not fit the field's type")
            }
            throw ConfigFileError("config field \(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)")
        }
        try checkEveryKeyWasRead(given, by: config)
        return config
    }

    /// Throws when a key given a value is missing from the decoded config's encoding: a field
    /// whose decoder skipped it would otherwise be silently left at its default.
    static func checkEveryKeyWasRead(_ given: [(path: [String], value: Any)], by config: TrainConfig) throws {
        let written = try tree(of: config)
        for (path, value) in given where !(value is NSNull) && ConfigMigration.lookUp(path, in: written) == nil {
            throw ConfigFileError("config field \(path.joined(separator: ".")): given but not read (the field is missing from its type's coding)")
        }
    }

    /// A config as a JSON tree, as config.json holds it.
    static func tree(of config: TrainConfig) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: JSONEncoder().encode(config)) as! [String: Any]
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

    private static func merge(_ base: [String: Any], _ top: [String: Any], path: [String], source: String) throws -> [String: Any] {
        var out = base
        for (k, v) in top {
            guard let old = base[k] else {
                guard optionalPaths.contains(path + [k]) else {
                    let within = path.isEmpty ? "" : " " + path.joined(separator: ".") + "."
                    throw ConfigFileError("\(source):\(within) unknown key '\(k)'\(hint(path + [k]))")
                }
                out[k] = v
                continue
            }
            if let a = old as? [String: Any], let b = v as? [String: Any] {
                out[k] = try merge(a, b, path: path + [k], source: source)
            } else {
                out[k] = v
            }
        }
        return out
    }

    private static func set(_ tree: [String: Any], path: [String], value: Any, full: String, at prefix: [String] = []) throws -> [String: Any] {
        guard let head = path.first, tree[head] != nil || optionalPaths.contains(prefix + [head]) else {
            throw ConfigFileError("--set \(full): unknown key '\(path.first ?? "")'\(hint(prefix + [path.first ?? ""]))")
        }
        var out = tree
        if path.count == 1 { out[head] = value; return out }
        guard let child = tree[head] as? [String: Any] else { throw ConfigFileError("--set \(full): '\(head)' has no fields") }
        out[head] = try set(child, path: Array(path.dropFirst()), value: value, full: full, at: prefix + [head])
        return out
    }

    /// Where an unknown key of an earlier config version went, as a suffix of the message.
    private static func hint(_ path: [String]) -> String {
        ConfigMigration.hint(for: path).map { " (\($0))" } ?? ""
    }

    /// Key paths of the optional fields, absent from the default encoding.
    static let optionalPaths: Set<[String]> = [["library"], ["objectMaxRadius"], ["trainObjects"], ["experimental", "initFrom"], ["resdex", "basesFrom"]]
}

/// A bad config file or override.
public struct ConfigFileError: Error, CustomStringConvertible {
    public let description: String
    init(_ d: String) { description = d }
}
