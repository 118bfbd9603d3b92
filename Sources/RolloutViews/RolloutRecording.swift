import SimWorld

/// What a rendered rollout runs: the world's objects, the one its env spawns, seed and length.
/// Two rollouts with equal setups see the same object at the same yaw.
public struct RolloutSetup: Sendable {
    /// The world's object assets.
    public var assets: [ObjectAsset]
    /// Index into `assets` of the object the env grasps.
    public var objectIndex: Int
    /// Seed of the env's random stream (object yaw).
    public var seed: UInt64
    /// Control steps to run (60 Hz); `steps + 1` snapshots are recorded, step 0 being the reset state.
    public var steps: Int
    /// Whether the reset draws a random object yaw from the seed (else yaw 0).
    public var randomYaw: Bool

    /// Creates a setup.
    public init(assets: [ObjectAsset], objectIndex: Int = 0, seed: UInt64 = 0, steps: Int = 200, randomYaw: Bool = true) {
        precondition(assets.indices.contains(objectIndex), "RolloutSetup: object \(objectIndex) not among \(assets.count) assets")
        precondition(steps >= 0, "RolloutSetup: steps must be >= 0")
        self.assets = assets
        self.objectIndex = objectIndex
        self.seed = seed
        self.steps = steps
        self.randomYaw = randomYaw
    }

    /// The one-env world spec of this setup (one thread, one shard).
    public var worldSpec: WorldSpec {
        var spec = WorldSpec(envCount: 1, threads: 1, shardCount: 1, seed: seed)
        spec.randomYaw = randomYaw
        spec.objectPool = [objectIndex]
        return spec
    }
}

/// Runs policies in fresh deterministic worlds and records what to draw.
public enum RolloutRecording {
    /// Runs `policy` for `setup.steps` control steps in its own one-env world (under the task the
    /// policy was trained with) with `RecordLinkPosesSystem`, recording the reset state (step 0)
    /// and the state at the end of every step (for the step that ends an episode, before the
    /// env is reset).
    public static func run(_ policy: any RolloutPolicy, setup: RolloutSetup, hand: HandDescription) throws -> Recorder {
        var spec = setup.worldSpec
        if let task = policy.task {
            spec.task = task
            spec.task.staggerFirstEpisodes = false
        }
        let world = try World(spec: spec, hand: hand, assets: setup.assets, systems: [RecordLinkPosesSystem()])
        let episodes = EpisodeDriver(world: world)
        let recorder = Recorder(envs: [0])
        recorder.record(world, step: 0)
        for step in 0..<setup.steps {
            try policy.act(world: world, envs: 0..<1, step: step)
            try episodes.step { recorder.record(world, step: step + 1) }
        }
        return recorder
    }
}
