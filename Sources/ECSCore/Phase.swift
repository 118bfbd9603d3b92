/// The fixed order in which systems run each control step (flecs phases, MuJoCo stages).
public enum Phase: Int, CaseIterable, Comparable, Sendable {
    /// Envs flagged for reset get their initial state.
    case reset
    /// Policy actions become physical commands (targets, wrenches).
    case applyActions
    /// The physics engine advances.
    case physics
    /// Physics state is copied back into the component columns.
    case sync
    /// Rewards, success and done flags.
    case rewards
    /// Observation features.
    case observations
    /// Envs whose numbers are broken (not finite) are contained before anything reads them.
    case validate
    /// Snapshots for rendering and logging.
    case record

    public static func < (a: Phase, b: Phase) -> Bool { a.rawValue < b.rawValue }
}
