import ECSCore

/// The phases of the grasping world's control step, in run order (the schedule orders systems
/// by them; `World.advance`, `World.beginEpisodes` and `World.step(phases:)` pick among them).
public enum Phase: SchedulePhase {
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
}
