/// The per-env columns `gw_view` exposes, all float32, row-major `[envCount, width]`, each a
/// buffer of the handle's filled at every step and reset.
public enum Column: Int32, CaseIterable, Sendable {
    /// After a step, the observation to choose the next actions from (an ended env's row
    /// already holds its new episode's first observation). [envs, obsDim]
    case observation = 0
    /// Reward of the last step. [envs]
    case reward = 1
    /// 1 = the last step ended the episode by failure (in this task only when the env's
    /// physics went non-finite), else 0. [envs]
    case terminated = 2
    /// 1 = the last step hit the episode's time limit, else 0. [envs]
    case truncated = 3
    /// 1 = the episode the last step belonged to has reached the goal at some step
    /// (before any reset of that step). [envs]
    case success = 4
    /// Every env's observation after the last step before ended envs were reset (the
    /// final observation of an ended episode; equal to `observation` for the others). [envs, obsDim]
    case finalObservation = 5
    /// 1 = the last step left the env's physics, reward or observation non-finite (it was
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
