/// The per-env columns `gw_view` exposes, all float32, row-major `[envCount, width]`.
public enum Column: Int32, CaseIterable, Sendable {
    /// The world's observation column (zero-copy): after a step, the next observation (an
    /// ended env's row already holds its new episode's first observation). [envs, obsDim]
    case observation = 0
    /// The world's reward column (zero-copy): reward of the last step. [envs]
    case reward = 1
    /// The world's terminated column (zero-copy): 1 = the last step ended the episode by
    /// failure (only when the env's physics went non-finite), else 0. [envs]
    case terminated = 2
    /// The world's truncated column (zero-copy): 1 = the last step hit the time limit. [envs]
    case truncated = 3
    /// Copy: 1 = the episode the last step belonged to has reached the goal at some step
    /// (before any reset of that step). [envs]
    case success = 4
    /// Copy: every env's observation after the last step before ended envs were reset (the
    /// final observation of an ended episode; equal to `observation` for the others). [envs, obsDim]
    case finalObservation = 5
    /// Copy: 1 = the last step left the env's physics, reward or observation non-finite (it was
    /// contained: reward 0, terminated 1, final observation zeros, then reset). [envs]
    case nonFinite = 6

    /// Name as in the header and the Python package.
    public var name: String {
        switch self {
        case .observation: "observation"
        case .reward: "reward"
        case .terminated: "terminated"
        case .truncated: "truncated"
        case .success: "success"
        case .finalObservation: "final_observation"
        case .nonFinite: "non_finite"
        }
    }
}
