/// The policies `render-rollout` knows by name. A checkpoint policy is one more case here
/// that returns a `ClosurePolicy` (or its own `RolloutPolicy` type) around the loaded network.
public enum PolicyCatalog {
    /// Names accepted by `make`.
    public static let names = ["scripted", "random"]

    /// The policy called `name`; `seed` seeds the random policy.
    public static func make(_ name: String, seed: UInt64) throws -> any RolloutPolicy {
        switch name {
        case "scripted": return ScriptedPolicy()
        case "random": return RandomPolicy(seed: seed)
        default: throw RolloutViewsError("unknown policy '\(name)'; known: \(names.joined(separator: ", "))")
        }
    }
}
