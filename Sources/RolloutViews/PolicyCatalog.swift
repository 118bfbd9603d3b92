import Foundation

/// The policies `render-rollout` knows: by name, or a checkpoint by path.
public enum PolicyCatalog {
    /// Names accepted by `make` besides checkpoint paths.
    public static let names = ["scripted", "random"]

    /// The policy called `name` (a checkpoint folder or run directory when it is a path);
    /// `seed` seeds the random policy.
    public static func make(_ name: String, seed: UInt64) throws -> any RolloutPolicy {
        switch name {
        case "scripted": return ScriptedPolicy()
        case "random": return RandomPolicy(seed: seed)
        default:
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: name, isDirectory: &isDirectory), isDirectory.boolValue {
                return try CheckpointPolicy(path: name)
            }
            throw RolloutViewsError("unknown policy '\(name)'; known: \(names.joined(separator: ", ")), or a checkpoint folder / run directory")
        }
    }
}
