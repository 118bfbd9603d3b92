import Foundation
import Training

/// What a config JSON asks of a world: a `TrainConfig` (any subset of the keys
/// `world-train --config` takes; the world uses `envCount`, `threads`, `seed`, `library`,
/// `objectMaxRadius`, `trainSplit` and `task`; the learner's keys must decode, names and types
/// checked, and are otherwise ignored, their ranges being the learner's business) plus
/// two keys of its own: `split` (the library split to draw objects from; default `trainSplit`)
/// and `objects` (names of the objects resets draw from; default every object of the split).
public struct WorldConfig: Sendable {
    /// The run config the world is built from, every field resolved.
    public var train: TrainConfig
    /// Library split the objects come from (ignored for the built-in objects).
    public var split: String
    /// Names of the objects resets draw from; nil = every object of the split.
    public var objects: [String]?

    /// Most envs one world may hold (each env is a Bullet world of its own, about a megabyte).
    public static let maxEnvCount = 65_536

    /// Where the text is named in error messages.
    static let source = "config JSON"

    /// Parses and checks a config JSON text; errors name the field (`.config`).
    public static func parse(_ text: String) throws -> WorldConfig {
        let parsed: Any
        do { parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? error.localizedDescription
            throw GraspWorldError(.config, "\(source): not valid JSON (\(detail))")
        }
        guard var tree = parsed as? [String: Any] else {
            throw GraspWorldError(.config, "\(source): the top level must be a JSON object")
        }
        var split: String?
        if let value = tree.removeValue(forKey: "split") {
            guard let name = value as? String, !name.isEmpty else {
                throw GraspWorldError(.config, "\(source): split must be a non-empty string (a library split such as \"train\")")
            }
            split = name
        }
        var objects: [String]?
        if let value = tree.removeValue(forKey: "objects") {
            guard let names = value as? [String], !names.isEmpty else {
                throw GraspWorldError(.config, "\(source): objects must be a non-empty array of object names")
            }
            objects = names
        }
        let train: TrainConfig
        do {
            let rest = try JSONSerialization.data(withJSONObject: tree)
            train = try ConfigOverrides.resolve(json: rest, source: source)
        } catch {
            throw GraspWorldError(.config, String(describing: error))
        }
        try checkWorldFields(train)
        if split != nil && train.library == nil {
            throw GraspWorldError(.config, "\(source): split '\(split!)' needs a library (the built-in objects have no splits)")
        }
        return WorldConfig(train: train, split: split ?? train.trainSplit, objects: objects)
    }

    /// Checks the ranges of the fields the world uses (`TrainConfig.validate` also checks the
    /// learner's, some against envCount, which a world alone has no use for).
    static func checkWorldFields(_ train: TrainConfig) throws {
        func fail(_ message: String) -> GraspWorldError { GraspWorldError(.config, "\(source): \(message)") }
        guard (1...maxEnvCount).contains(train.envCount) else {
            throw fail(train.envCount < 1 ? "envCount must be >= 1 (got \(train.envCount))" : "envCount must be at most \(maxEnvCount) (got \(train.envCount))")
        }
        guard train.threads >= 1 else { throw fail("threads must be >= 1 (got \(train.threads))") }
        if let r = train.objectMaxRadius, !(r > 0 && r.isFinite) {
            throw fail("objectMaxRadius must be a positive number of metres (got \(r))")
        }
        // the world counts episode steps in 32 bits
        guard (1...Int(UInt32.max)).contains(train.task.episodeLength) else {
            throw fail("task.episodeLength must be in 1...\(UInt32.max) (got \(train.task.episodeLength))")
        }
    }

    /// The resolved config as JSON (every `TrainConfig` field, plus `split` and `objects`).
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(train),
              var tree = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return "{}" }
        tree["split"] = split
        if let objects { tree["objects"] = objects }
        guard let out = try? JSONSerialization.data(withJSONObject: tree, options: [.sortedKeys]) else { return "{}" }
        return String(decoding: out, as: UTF8.self)
    }
}
