import Synchronization

/// The reward terms that may change during a run, shared by a world and its reward system, so
/// that a trainer can change them between steps (ResDex's second reward stage drops the
/// distance terms). Read by every shard while a step runs, written only between steps.
public final class RewardTerms: Sendable {
    private let distance: Mutex<Bool>

    /// Terms as `task` sets them.
    init(_ task: TaskSpec) {
        distance = Mutex(task.experimental.distanceTerms)
    }

    /// Whether the reward holds the distance terms, -0.5 finger_dist - hand_dist.
    public var distanceTerms: Bool { distance.withLock { $0 } }

    /// Puts the distance terms in or takes them out.
    func set(distanceTerms: Bool) { distance.withLock { $0 = distanceTerms } }
}
