import BulletShim
import ECSCore

/// The ECS world: component tables for envs, hands, objects and tables, the physics shards
/// (the resource `physics`), and the schedule of systems that advances them one control step
/// at a time (through an `EpisodeDriver`, the one way to step a world).
public final class World: ECSWorld, @unchecked Sendable {
    // SAFETY: systems touch only their shard's rows and physics world (see Schedule).
    /// The phases of a step.
    public typealias Phase = SimWorld.Phase
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
    private(set) var shards: [PhysicsShard]
    /// Object collision shapes shared by the shards.
    let shapes: ShapeSet
    /// Systems in phase order.
    public let schedule: Schedule<World>
    /// The episode-start pass: reset flagged envs, then sync and observe only those envs, then
    /// clear the flags.
    let episodeStart: Schedule<World>
    /// The assets resets draw from (`spec.objectPool`, all when empty; `setObjectPool`).
    public let pool: ObjectPool
    /// The reward terms that may change between steps (`setDistanceTerms`).
    public let rewardTerms: RewardTerms
    /// How each asset rests on the table, by asset index.
    public let restingPoses: [RestingPose]
    /// Each asset's 64-number shape code (zeros when the asset has none). [asset][64]
    public let shapeCodes: [[Float]]
    /// The observation vector's groups.
    public let observationLayout: ObservationLayout

    /// Builds the world and resets every env (its columns, snapshots included, hold the first
    /// states). `systems` run after the physics bridge's own
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
        pool = ObjectPool(spec.objectPool.isEmpty ? Array(assets.indices) : spec.objectPool)
        rewardTerms = RewardTerms(spec.task)
        restingPoses = assets.map(RestingPose.init)
        shapeCodes = assets.map { $0.shapeCode ?? [Float](repeating: 0, count: 64) }
        observationLayout = ObservationLayout(spec.task.observationMode)
        envs = ComponentTable(envCount: spec.envCount, widths: [.observation: observationLayout.count])
        hands = ComponentTable(envCount: spec.envCount)
        objects = ComponentTable(envCount: spec.envCount)
        surfaces = ComponentTable(envCount: spec.envCount)
        shardPlan = ShardPlan(envCount: spec.envCount, shardCount: spec.shardCount)
        let shapes = try ShapeSet(assets: assets)
        self.shapes = shapes
        shards = try shardPlan.ranges.map { try PhysicsShard(envs: $0, hand: hand, shapes: shapes, spec: spec) }
        let reset = ResetSystem(spec: spec, hand: hand, pool: pool, restingPoses: restingPoses)
        let observe = WriteObservationsSystem(hand: hand, full: spec.task.observationMode == .full, shapeCodes: shapeCodes)
        schedule = try Schedule(
            [reset, ClearResetRequestsSystem(phase: .reset),
             ApplyActionsSystem(hand: hand, smoothing: spec.task.fingerTargetSmoothing),
             StepPhysicsSystem(controlDt: spec.controlDt, substeps: spec.substeps), SyncStateSystem(),
             ComputeRewardsSystem(task: spec.task, terms: rewardTerms, restingPoses: restingPoses), observe, ContainNonFiniteSystem()] + systems,
            externalInputs: [FieldID(HandField.action), FieldID(EnvField.resetRequested)],
            staticFields: [FieldID(SurfaceField.pose), FieldID(SurfaceField.halfExtents)])
        var observeReset = observe
        observeReset.onlyResetEnvs = true
        episodeStart = try Schedule(
            [reset, SyncStateSystem(onlyResetEnvs: true), observeReset, ClearResetRequestsSystem(phase: .observations)],
            externalInputs: [FieldID(HandField.action), FieldID(EnvField.resetRequested)],
            // every hand and object field was written by the main schedule before this pass runs
            staticFields: Set(HandField.allCases.map(FieldID.init)).union(ObjectField.allCases.map(FieldID.init)))
        initializeColumns()
        try run(phases: [.reset, .sync, .observations, .record])
        if spec.task.staggerFirstEpisodes { staggerEpisodes() }
    }

    /// Starts each env's first episode at a random step of its own stream (training only).
    private func staggerEpisodes() {
        let streams = envs.column(.rngState, as: UInt64.self).scalars, steps = envs.column(.episodeStep, as: UInt32.self).scalars
        for e in 0..<spec.envCount {
            var rng = SplitMix64(state: streams[e])
            steps[e] = UInt32(rng.next() % UInt64(spec.task.episodeLength))
            streams[e] = rng.state
        }
    }

    /// Seeds every env's random stream, flags every env for reset, writes the static tables.
    private func initializeColumns() {
        let streams = envs.column(.rngState, as: UInt64.self).scalars, reset = envs.column(.resetRequested, as: UInt8.self).scalars
        let poses = surfaces.column(.pose), halfExtents = surfaces.column(.halfExtents)
        for e in 0..<spec.envCount {
            streams[e] = SplitMix64.streamState(seed: spec.seed, index: UInt64(spec.firstEnvIndex + e))
            reset[e] = 1
            let pose = poses[e]
            for k in 0..<3 { pose[k] = SceneLayout.tableCenter[k] }
            pose[6] = 1
            _ = halfExtents[e].update(fromContentsOf: SceneLayout.tableHalfExtents)
        }
    }

    /// Runs only the systems of the given phases (in phase order), each across all shards.
    /// Worlds are stepped through an `EpisodeDriver`, which runs the phases of a step.
    func run(phases: Set<Phase>) throws {
        try schedule.run(self, phases: phases, shards: shardPlan, threads: spec.threads)
    }

    /// Resets the envs flagged for reset (those whose episode ended) and rewrites their
    /// observations (first states).
    func beginEpisodes() throws {
        try episodeStart.run(self, shards: shardPlan, threads: spec.threads)
    }

    /// Flags envs for reset by the next `beginEpisodes`.
    func requestReset(_ envIndices: some Sequence<Int>) {
        let reset = envs.column(.resetRequested, as: UInt8.self).scalars
        for e in envIndices {
            precondition((0..<spec.envCount).contains(e), "World.requestReset: env \(e) out of range")
            reset[e] = 1
        }
    }

    /// Makes later resets draw their objects from `indices` (asset indices, non-empty); the
    /// objects on the table stay until their env's next reset.
    public func setObjectPool(_ indices: [Int]) throws {
        guard !indices.isEmpty, indices.allSatisfy(assets.indices.contains) else {
            throw WorldSpecError(message: "object pool \(indices.prefix(8))\(indices.count > 8 ? "..." : "") must name at least one of the \(assets.count) assets, and only them")
        }
        pool.set(indices)
    }

    /// Puts the reward's distance terms in or takes them out from the next step on (ResDex's
    /// second reward stage: goal, lift and success terms only).
    public func setDistanceTerms(_ on: Bool) {
        rewardTerms.set(distanceTerms: on)
    }

    /// Replaces every Bullet world by a fresh one holding exactly the state in the columns
    /// (poses, velocities, joints, objects), then re-syncs the columns. Checkpoints do this on
    /// both sides of a save, so a resumed run and an uninterrupted one stay bit-identical
    /// (Bullet's contact caches cannot be saved, so both start without them).
    public func rebuildPhysics() throws {
        shards = try shardPlan.ranges.map { try PhysicsShard(envs: $0, hand: hand, shapes: shapes, spec: spec) }
        for (s, range) in shardPlan.ranges.enumerated() {
            let handle = shards[s].handle
            func h(_ f: HandField) -> UnsafeMutablePointer<Float>? { hands.column(f).rows(range).baseAddress }
            func o<T: ColumnScalar>(_ f: ObjectField, _ type: T.Type = Float.self) -> UnsafeMutablePointer<T>? { objects.column(f, as: T.self).rows(range).baseAddress }
            let status = bs_envs_restore(handle, nil, UInt32(range.count), h(.rootPose), h(.rootVelocity), h(.jointPosition), h(.jointVelocity),
                                         o(.asset, UInt32.self), o(.pose), o(.velocity))
            try PhysicsError.check(status, handle)
        }
        try run(phases: [.sync])
    }

    /// Contact points of every env after the last physics step (points of the persistent
    /// manifolds of its hand, object and table, as Bullet's narrowphase left them). [envCount]
    public func contactPointCounts() throws -> [UInt32] {
        var counts = [UInt32](repeating: 0, count: spec.envCount)
        try counts.withUnsafeMutableBufferPointer { buffer in
            for (s, range) in shardPlan.ranges.enumerated() {
                try shards[s].readContactCounts(into: buffer.baseAddress! + range.lowerBound)
            }
        }
        return counts
    }

    /// The physics shard of shard index `s`.
    func shard(_ s: Int) -> PhysicsShard { shards[s] }

    /// The table of a schema (how a system's access finds its columns).
    public func table<F: FieldSchema>(_ schema: F.Type) -> ComponentTable<F> {
        let table: AnyObject
        if F.self == EnvField.self { table = envs } else if F.self == HandField.self { table = hands }
        else if F.self == ObjectField.self { table = objects } else if F.self == SurfaceField.self { table = surfaces }
        else { preconditionFailure("World: no table holds \(F.self)") }
        return unsafeDowncast(table, to: ComponentTable<F>.self)
    }
}
