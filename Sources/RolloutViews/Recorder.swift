import SimWorld

/// Copies, after each control step, the columns needed to draw chosen envs (hand link poses,
/// object pose and asset, success so far) into its own flat buffers. Drawing reads these
/// snapshots and never the physics, so a world that records costs training nothing but the copy.
///
/// Storage is structure-of-arrays, step-major then env: `[stepCount, envCount, width]`.
/// The world must run `RecordLinkPosesSystem` so that `hand.linkPose` is filled.
public final class Recorder {
    /// Width of one env's link poses: palm then each joint's frame, `[1 + jointCount, 7]`.
    public static let linkPoseWidth = HandField.linkPose.spec.width
    /// Object centre within this distance of `SceneLayout.goal` counts as success, metres.
    public let goalRadius: Float
    /// World env indices recorded, in recording order. Shape `[envCount]`.
    public let envs: [Int]
    /// Control step (since reset) of each recorded snapshot. Shape `[stepCount]`.
    public private(set) var steps: [Int] = []
    /// Hand link poses, metres (env-local) and xyzw. Shape `[stepCount, envCount, 23 * 7]`.
    public private(set) var linkPoses: [Float] = []
    /// Object centre-of-mass pose, metres (env-local) and xyzw. Shape `[stepCount, envCount, 7]`.
    public private(set) var objectPoses: [Float] = []
    /// Object asset index into the world's assets. Shape `[stepCount, envCount]`.
    public private(set) var objectAssets: [Int32] = []
    /// Whether the object centre has been within `goalRadius` of the goal at any recorded step
    /// so far (1) or not (0). Shape `[stepCount, envCount]`.
    public private(set) var succeeded: [UInt8] = []

    /// Creates an empty recorder for the given world envs.
    public init(envs: [Int], goalRadius: Float = 0.05) {
        precondition(!envs.isEmpty, "Recorder: record at least one env")
        self.envs = envs
        self.goalRadius = goalRadius
    }

    /// Number of recorded snapshots.
    public var stepCount: Int { steps.count }

    /// Appends one snapshot of every recorded env, labelled with control step `step`.
    public func record(_ world: World, step: Int) {
        let links = world.hands.column(.linkPose), poses = world.objects.column(.pose)
        let assets = world.objects.column(.asset, as: UInt32.self).scalars
        let previous = stepCount - 1
        steps.append(step)
        for (slot, env) in envs.enumerated() {
            precondition((0..<world.spec.envCount).contains(env), "Recorder: env \(env) not in the world")
            linkPoses.append(contentsOf: links[env])
            let pose = poses[env]
            objectPoses.append(contentsOf: pose)
            objectAssets.append(Int32(assets[env]))
            let centre = (0..<3).map { pose[$0] - SceneLayout.goal[$0] }
            let reached = (centre.map { $0 * $0 }.reduce(0, +)).squareRoot() <= goalRadius
            let before = previous >= 0 && succeeded[previous * envs.count + slot] != 0
            succeeded.append(reached || before ? 1 : 0)
        }
    }

    /// The snapshot at recorded index `index` of recorded env slot `slot` (0..<envs.count).
    public func snapshot(at index: Int, slot: Int = 0) -> FrameSnapshot {
        precondition((0..<stepCount).contains(index) && envs.indices.contains(slot), "Recorder: no snapshot (\(index), \(slot))")
        let row = index * envs.count + slot
        return FrameSnapshot(step: steps[index],
                             linkPoses: Array(linkPoses[row * Self.linkPoseWidth ..< (row + 1) * Self.linkPoseWidth]),
                             objectPose: Array(objectPoses[row * 7 ..< row * 7 + 7]),
                             objectAsset: Int(objectAssets[row]), succeeded: succeeded[row] != 0)
    }

    /// The recorded index of control step `step`, if it was recorded.
    public func index(ofStep step: Int) -> Int? { steps.firstIndex(of: step) }
}
