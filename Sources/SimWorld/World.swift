import ECSCore

/// The ECS world: component tables for envs, hands, objects and tables, the physics shards,
/// and the schedule of systems that advances them one control step at a time.
public final class World: @unchecked Sendable {
    // SAFETY: systems touch only their shard's rows and physics world (see Schedule).
    /// Sizes, timing and physics settings.
    public let spec: WorldSpec
    /// The hand every env simulates.
    public let hand: HandDescription
    /// Object assets, by index.
    public let assets: [ObjectAsset]
    /// Per-env bookkeeping, one row per env.
    public let envs: ComponentTable<EnvField>
    /// Hands, one row per env.
    public let hands: ComponentTable<HandField>
    /// Objects, one row per env.
    public let objects: ComponentTable<ObjectField>
    /// Tables, one row per env.
    public let surfaces: ComponentTable<SurfaceField>
    /// Which envs each shard owns.
    public let shardPlan: ShardPlan
    /// Bullet worlds, one per shard.
    let shards: [PhysicsShard]
    /// Systems in phase order.
    public let schedule: Schedule<World>
    /// Asset indices resets draw from.
    let pool: [Int]
    /// How each asset rests on the table, by asset index.
    public let restingPoses: [RestingPose]

    /// Builds the world and resets every env. `systems` run after the physics bridge's own
    /// (reset, apply actions, step, sync): rewards, observations, recording.
    public init(spec: WorldSpec, hand: HandDescription, assets: [ObjectAsset], systems: [any System<World>] = []) throws {
        try spec.validate(assetCount: assets.count)
        guard hand.jointCount == SceneLayout.jointCount, hand.actuatorCount == SceneLayout.actuatorCount,
              hand.tips.count == SceneLayout.tipCount else {
            throw WorldSpecError(message: "the hand has \(hand.jointCount) joints, \(hand.actuatorCount) actuators and \(hand.tips.count) tips; the scene columns are laid out for \(SceneLayout.jointCount), \(SceneLayout.actuatorCount) and \(SceneLayout.tipCount)")
        }
        self.spec = spec
        self.hand = hand
        self.assets = assets
        pool = spec.objectPool.isEmpty ? Array(assets.indices) : spec.objectPool
        restingPoses = assets.map(RestingPose.init)
        envs = ComponentTable(envCount: spec.envCount)
        hands = ComponentTable(envCount: spec.envCount)
        objects = ComponentTable(envCount: spec.envCount)
        surfaces = ComponentTable(envCount: spec.envCount)
        shardPlan = ShardPlan(envCount: spec.envCount, shardCount: spec.shardCount)
        let shapes = try ShapeSet(assets: assets)
        shards = try shardPlan.ranges.map { try PhysicsShard(envs: $0, hand: hand, shapes: shapes, spec: spec) }
        schedule = try Schedule(
            [ResetSystem(), ApplyActionsSystem(), StepPhysicsSystem(), SyncStateSystem()] + systems,
            externalInputs: [FieldID(HandField.action), FieldID(EnvField.resetRequested)],
            staticFields: [FieldID(SurfaceField.pose), FieldID(SurfaceField.halfExtents)])
        initializeColumns()
        try step(phases: [.reset, .sync])
    }

    /// Seeds every env's random stream, flags every env for reset, writes the static tables.
    private func initializeColumns() {
        for e in 0..<spec.envCount {
            envs.pointer(.rngState, as: UInt64.self)[e] = SplitMix64.streamState(seed: spec.seed, index: UInt64(e))
            envs.pointer(.resetRequested, as: UInt8.self)[e] = 1
            let pose = surfaces.pointer(.pose) + 7 * e
            for k in 0..<3 { pose[k] = SceneLayout.tableCenter[k] }
            pose[6] = 1
            for k in 0..<3 { surfaces.pointer(.halfExtents)[3 * e + k] = SceneLayout.tableHalfExtents[k] }
        }
    }

    /// Runs one control step: every phase in order, each system across all shards.
    public func step() throws {
        try schedule.run(self, shards: shardPlan, threads: spec.threads)
    }

    /// Runs only the systems of the given phases (in phase order).
    public func step(phases: Set<Phase>) throws {
        try schedule.run(self, phases: phases, shards: shardPlan, threads: spec.threads)
    }

    /// Flags envs for reset in the next reset phase.
    public func requestReset(_ envIndices: some Sequence<Int>) {
        for e in envIndices {
            precondition((0..<spec.envCount).contains(e), "World.requestReset: env \(e) out of range")
            envs.pointer(.resetRequested, as: UInt8.self)[e] = 1
        }
    }

    /// The physics shard of shard index `s`.
    func shard(_ s: Int) -> PhysicsShard { shards[s] }
}
