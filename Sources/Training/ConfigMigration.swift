import Foundation

/// How a config JSON written against an earlier `configVersion` is brought to the current one
/// before it is read over the defaults (`ConfigOverrides.resolve`): one function per version
/// step, each changing the JSON tree as that step changed the config (keys moved or removed,
/// and keys added since the file was written given the value the file meant). What a file
/// lacks after its migration takes today's default, `TrainConfig()`: there is no other default.
///
/// A change of a default is a version step too: its migration gives the key its old value in
/// files of older versions that lack it, so that every run reads as it was trained.
public enum ConfigMigration {
    /// The version `TrainConfig` is and writes.
    public static let currentVersion = 3

    /// The version of a config JSON: its `configVersion`; without one, 1 when its `ppo` holds
    /// `envCount` (every config.json written before versions were recorded does, and no later
    /// config may), otherwise the current version (a subset of keys written for this code).
    public static func version(of tree: [String: Any], source: String) throws -> Int {
        guard let given = tree["configVersion"] else {
            return (tree["ppo"] as? [String: Any])?["envCount"] != nil ? 1 : currentVersion
        }
        guard let version = given as? Int, (1...currentVersion).contains(version) else {
            throw ConfigFileError("\(source): configVersion \(given) is not one this code reads (1 to \(currentVersion); a newer version needs newer code)")
        }
        return version
    }

    /// `tree`, of config version `version`, brought to the current version.
    public static func migrate(_ tree: [String: Any], from version: Int) -> [String: Any] {
        var tree = tree
        for step in version..<currentVersion { tree = steps[step - 1](tree) }
        tree["configVersion"] = currentVersion
        return tree
    }

    /// `steps[v - 1]` takes a tree of version v to v + 1.
    static var steps: [([String: Any]) -> [String: Any]] { [version1To2, version2To3] }

    /// Version 2 to 3: a ResDex hyper-policy's clipping moved from `ppo.clipActions` (default
    /// true) to `resdex.clipOutputs` (default false, as ResDex's code); a resdex or resdex-acppo
    /// config gets the clipping it ran with, and `ppo.clipActions` its default.
    static func version2To3(_ tree: [String: Any]) -> [String: Any] {
        guard let algorithm = tree["algorithm"] as? String, ["resdex", "resdex-acppo"].contains(algorithm) else { return tree }
        let clipped = lookUp(["ppo", "clipActions"], in: tree) as? Bool ?? true
        let rest = removing(["ppo", "clipActions"], from: tree).tree
        return setting(["resdex", "clipOutputs"], to: clipped, in: rest)
    }

    /// Version 1 (config.json files written before `configVersion`) to 2:
    /// - the learner's copies of run keys go: `ppo.envCount`, `ppo.chunkLength` and
    ///   `ppo.objective` were always overwritten from `envCount`, `chunkLength` and `algorithm`;
    /// - the settings that are off in every default move into the `experimental` groups
    ///   (`movedInVersion2`);
    /// - the four keys added after the first runs, whose absence meant the published behaviour,
    ///   get it (`addedBeforeVersion2`): finger targets unsmoothed, no held-height reward, no
    ///   wrist std, the KL target per chunk.
    static func version1To2(_ tree: [String: Any]) -> [String: Any] {
        var tree = tree
        for (path, _) in removedInVersion2 { tree = removing(path, from: tree).tree }
        for (from, to) in movedInVersion2 {
            let (rest, value) = removing(from, from: tree)
            tree = rest
            if let value { tree = setting(to, to: value, in: tree) }
        }
        for (path, value) in addedBeforeVersion2 where lookUp(path, in: tree) == nil {
            tree = setting(path, to: value, in: tree)
        }
        return tree
    }

    /// Keys of version 1 removed in version 2, with what decides them instead.
    static let removedInVersion2: [(path: [String], replacement: String)] = [
        (["ppo", "envCount"], "the learner's env count is the run's envCount"),
        (["ppo", "chunkLength"], "the learner's chunk length is the run's chunkLength (1 for algorithm ppo)"),
        (["ppo", "objective"], "the learner's objective follows algorithm (acppo-naive: the naive product of ratios)"),
    ]

    /// Keys of version 1 that moved in version 2: the experiments off in every default.
    static let movedInVersion2: [(from: [String], to: [String])] = [
        (["initFrom"], ["experimental", "initFrom"]),
        (["imitationEpisodes"], ["experimental", "imitationEpisodes"]),
        (["task", "encloseNeedsContact"], ["task", "experimental", "encloseNeedsContact"]),
        (["task", "tipContactReward"], ["task", "experimental", "tipContactReward"]),
        (["task", "distanceTerms"], ["task", "experimental", "distanceTerms"]),
        (["ppo", "freezeNormalizer"], ["ppo", "experimental", "freezeNormalizer"]),
        (["ppo", "valueLossOnAllSteps"], ["ppo", "experimental", "valueLossOnAllSteps"]),
        (["ppo", "actorFreezeIterations"], ["ppo", "experimental", "actorFreezeIterations"]),
        (["ppo", "imitationWeight"], ["ppo", "experimental", "imitationWeight"]),
        (["ppo", "imitationDecay"], ["ppo", "experimental", "imitationDecay"]),
    ]

    /// Keys a version-1 file may lack (written before they existed) whose absence meant a value
    /// other than version 2's default: that value.
    static var addedBeforeVersion2: [(path: [String], value: Any)] { [
        (["task", "fingerTargetSmoothing"], 1),
        (["task", "heldHeightReward"], 0),
        (["ppo", "initStdPrefix"], [Double]()),
        (["ppo", "klTargetPerStep"], false),
    ] }

    /// Where a key of an earlier version went, for the message about an unknown key.
    static func hint(for path: [String]) -> String? {
        if let moved = movedInVersion2.first(where: { $0.from == path }) {
            return "since configVersion 2 it is \(moved.to.joined(separator: "."))"
        }
        if let removed = removedInVersion2.first(where: { $0.path == path }) {
            return "removed in configVersion 2: \(removed.replacement)"
        }
        return nil
    }

    static func lookUp(_ path: [String], in tree: [String: Any]) -> Any? {
        guard let head = path.first else { return tree }
        guard path.count > 1 else { return tree[head] }
        return (tree[head] as? [String: Any]).flatMap { lookUp(Array(path.dropFirst()), in: $0) }
    }

    static func setting(_ path: [String], to value: Any, in tree: [String: Any]) -> [String: Any] {
        var out = tree
        guard let head = path.first else { return tree }
        if path.count == 1 { out[head] = value; return out }
        out[head] = setting(Array(path.dropFirst()), to: value, in: tree[head] as? [String: Any] ?? [:])
        return out
    }

    static func removing(_ path: [String], from tree: [String: Any]) -> (tree: [String: Any], value: Any?) {
        guard let head = path.first else { return (tree, nil) }
        var out = tree
        if path.count == 1 {
            let value = out.removeValue(forKey: head)
            return (out, value)
        }
        guard let child = tree[head] as? [String: Any] else { return (tree, nil) }
        let (rest, value) = removing(Array(path.dropFirst()), from: child)
        out[head] = rest
        return (out, value)
    }
}
