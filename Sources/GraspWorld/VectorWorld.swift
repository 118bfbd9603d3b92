import Foundation
import Training

/// One world behind a C handle, stepped by its `EpisodeDriver` (the contract every loop of
/// the project steps a world by): `step` checks and writes one action per env, steps the
/// driver (same-step autoreset) and copies its outcome (the final observations, success and
/// non-finite flags taken before the resets; observations, rewards and done flags) into
/// buffers of the handle's own, so the pointers `view` gives stay valid across resets, which
/// rebuild the world (one copy of each column per step: microseconds beside the physics).
/// Calls are serialised by a lock.
public final class VectorWorld: @unchecked Sendable {
    // SAFETY: every mutable member is touched only while `lock` is held (or in init / deinit).
    /// The resolved config.
    public let config: WorldConfig
    /// Envs, features per observation, actions per env.
    public let envCount: Int, observationDim: Int, actionDim: Int
    /// The world now stepped (rebuilt by every reset that starts afresh) and its driver.
    public private(set) var world: World
    private var episodes: EpisodeDriver
    /// Seed of the world now stepped (the config's, a reset's, or one drawn for an unseeded reset).
    public private(set) var seed: UInt64
    /// The hand and the objects, loaded once and reused by every rebuild.
    private let hand: HandDescription
    private let objects: WorldObjects
    /// Seeds of unseeded resets: a SplitMix64 stream started by the last seed given.
    private var seeds: SplitMix64
    /// Steps since the world was built (0: it is as a fresh world with `seed` is).
    private var stepsSinceBuild = 0
    /// Why an earlier step failed; steps are refused until a reset rebuilds the world.
    private var failure: String?
    /// The handle's copy of each column, row-major [envs, width].
    private let buffers: [Column: UnsafeMutablePointer<Float>]
    /// Observation group names, action names, the resolved config JSON, as C strings.
    let groupNames: CStringTable, actionNames: CStringTable, configJSON: CStringTable
    /// The observation groups (name and feature range), in order.
    public let groups: [ObservationLayout.Group]
    private let lock = NSLock()

    /// Loads the objects and the hand and builds the world with the config's seed.
    public init(config: WorldConfig) throws {
        self.config = config
        objects = try WorldObjects.load(config)
        do { hand = try HandDescription.shadowHand() } catch {
            throw GraspWorldError(.world, "the hand description: \(error) (set ACPPO_ASSETS to the project's assets folder)")
        }
        seed = config.train.seed
        seeds = SplitMix64(seed: seed)
        world = try Self.build(config: config, hand: hand, objects: objects, seed: seed)
        episodes = EpisodeDriver(world: world)
        envCount = world.spec.envCount
        observationDim = world.observationLayout.count
        actionDim = SceneLayout.actionCount
        groups = world.observationLayout.groups
        let (n, d) = (envCount, observationDim)
        buffers = Dictionary(uniqueKeysWithValues: Column.allCases.map { ($0, .allocate(capacity: n * Self.width($0, observationDim: d))) })
        groupNames = CStringTable(groups.map(\.name))
        actionNames = CStringTable(Self.actionNames(hand))
        configJSON = CStringTable([config.json()])
        copyColumns()
    }

    deinit {
        for buffer in buffers.values { buffer.deallocate() }
    }

    /// Floats per env of a column.
    static func width(_ column: Column, observationDim: Int) -> Int {
        column == .observation || column == .finalObservation ? observationDim : 1
    }

    /// Names of the action vector's entries: wrist force and torque, then each actuated joint's target.
    static func actionNames(_ hand: HandDescription) -> [String] {
        ["wrist force x", "wrist force y", "wrist force z", "wrist torque x", "wrist torque y", "wrist torque z"]
            + hand.actuatedJoints.map { "finger target \(hand.joints[$0].name)" }
    }

    /// A world as a training run builds one from its config (`Trainer.init`), with `seed`.
    private static func build(config: WorldConfig, hand: HandDescription, objects: WorldObjects, seed: UInt64) throws -> World {
        var spec = WorldSpec(envCount: config.train.envCount, threads: config.train.threads, seed: seed)
        spec.task = config.train.task
        spec.objectPool = objects.pool
        do { return try World(spec: spec, hand: hand, assets: objects.assets) } catch let error as WorldSpecError {
            throw GraspWorldError(.config, "\(WorldConfig.source): \(error)")
        } catch {
            throw GraspWorldError(.world, "building the world: \(error)")
        }
    }

    /// Copies the driver's columns: observations, final observations (a fresh driver's are the
    /// current ones), reward and done flags (zeros in a fresh world), success and non-finite
    /// (zeros in a fresh driver).
    private func copyColumns() {
        let d = envCount * observationDim
        buffers[.observation]!.update(from: episodes.observations, count: d)
        buffers[.finalObservation]!.update(from: episodes.finalObservations, count: d)
        buffers[.reward]!.update(from: episodes.rewards, count: envCount)
        buffers[.terminated]!.update(from: episodes.terminated, count: envCount)
        buffers[.truncated]!.update(from: episodes.truncated, count: envCount)
        let success = buffers[.success]!, nonFinite = buffers[.nonFinite]!
        for e in 0..<envCount {
            success[e] = Float(episodes.success[e])
            nonFinite[e] = Float(episodes.nonFinite[e])
        }
    }

    /// Starts every env afresh: with `seed`, exactly as a world created with that seed (the
    /// world is rebuilt unless it is already untouched with that seed); without, as a world
    /// created with the next seed of a stream started by the last seed given (a no-op while the
    /// world is untouched since it was built).
    public func reset(seed newSeed: UInt64?) throws {
        lock.lock()
        defer { lock.unlock() }
        let untouched = stepsSinceBuild == 0 && failure == nil
        let target: UInt64
        if let newSeed {
            seeds = SplitMix64(seed: newSeed)
            if untouched && newSeed == seed { return }
            target = newSeed
        } else {
            if untouched { return }
            target = seeds.next()
        }
        world = try Self.build(config: config, hand: hand, objects: objects, seed: target)
        episodes = EpisodeDriver(world: world)
        seed = target
        stepsSinceBuild = 0
        failure = nil
        copyColumns()
    }

    /// One step of every env with `count` actions, env-major `[envCount, actionDim]`, each
    /// clipped to [-1, 1] by the world; NaN is refused before anything moves.
    public func step(actions: UnsafePointer<Float>, count: Int) throws {
        lock.lock()
        defer { lock.unlock() }
        if let failure {
            throw GraspWorldError(.world, "step: the world failed at an earlier step (\(failure)); reset it first")
        }
        let n = envCount * actionDim
        guard count == n else {
            throw GraspWorldError(.argument, "step: expected \(n) actions (\(envCount) envs x \(actionDim)), got \(count)")
        }
        if let i = (0..<n).first(where: { actions[$0].isNaN }) {
            throw GraspWorldError(.argument, "step: the action of env \(i / actionDim), index \(i % actionDim) is NaN")
        }
        episodes.actions.update(from: actions, count: n)
        do {
            try episodes.step()
            copyColumns()
        } catch {
            failure = String(describing: error)
            throw GraspWorldError(.world, "step: \(error); reset the world before stepping again")
        }
        stepsSinceBuild += 1
    }

    /// Base address and row width of the handle's copy of a column: valid as long as the
    /// handle, its contents rewritten by every step and reset.
    public func view(_ column: Column) -> (UnsafePointer<Float>, Int) {
        (UnsafePointer(buffers[column]!), Self.width(column, observationDim: observationDim))
    }

    /// Seed of the world now stepped.
    public var currentSeed: UInt64 {
        lock.lock()
        defer { lock.unlock() }
        return seed
    }
}
