/// The observation vector: named groups in order, their sizes and scales. The one place the
/// layout is defined; docs/task.md lists the same ranges and a test checks they agree.
public struct ObservationLayout: Sendable, Equatable {
    /// A named run of features.
    public struct Group: Sendable, Equatable {
        /// Group name as in docs/task.md.
        public let name: String
        /// Feature index range in the observation vector.
        public let range: Range<Int>
    }

    /// Groups in order.
    public let groups: [Group]
    /// Total features.
    public var count: Int { groups.last?.range.upperBound ?? 0 }

    /// Group sizes of the full (geometry-aware) observation, in order.
    static let fullGroups: [(String, Int)] = [
        ("joint positions (to [-1, 1])", SceneLayout.jointCount), ("joint velocities x 0.2", SceneLayout.jointCount),
        ("fingertip states (pos, quat, lin vel, ang vel) x 5", 13 * SceneLayout.tipCount),
        ("fingertip contact forces x 0.1", 3 * SceneLayout.tipCount), ("palm point", 3), ("hand orientation", 4),
        ("last action", SceneLayout.actionCount), ("object position", 3), ("object orientation", 4),
        ("object linear velocity", 3), ("object angular velocity x 0.2", 3), ("goal - object position", 3),
        ("object shape code x 0.1", 64),
    ]

    /// Groups the geometry-unaware policy keeps.
    static let geometryUnawareNames: Set<String> = [
        "joint positions (to [-1, 1])", "joint velocities x 0.2", "fingertip states (pos, quat, lin vel, ang vel) x 5",
        "fingertip contact forces x 0.1", "palm point", "hand orientation", "last action", "object position",
        "goal - object position",
    ]

    /// The layout for a mode.
    public init(_ mode: TaskSpec.ObservationMode) {
        var start = 0, groups: [Group] = []
        for (name, size) in Self.fullGroups where mode == .full || Self.geometryUnawareNames.contains(name) {
            groups.append(Group(name: name, range: start ..< start + size))
            start += size
        }
        self.groups = groups
    }

    /// Range of a group, nil when the mode leaves it out.
    public func range(_ name: String) -> Range<Int>? { groups.first { $0.name == name }?.range }
}
