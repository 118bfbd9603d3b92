import ECSCore

/// How an env's episode ended at a step.
public enum EpisodeEnd: Sendable, Equatable {
    /// The world contained a step that went non-finite (`env.terminated`): reward 0, final
    /// observation zeros, nothing to bootstrap from.
    case terminated
    /// The time limit, `task.episodeLength` steps (`env.truncated`): the final observation is
    /// a real state to bootstrap from.
    case truncated
}

/// The one way to step a `World`, VecEnv style, with same-step autoreset: write the action
/// column, call `step`, read the step's outcome. A step applies the actions, simulates,
/// rewards and observes every env, keeps what an autoreset would lose (every env's observation
/// before the resets, which for an env whose episode ended is its final one, and the success
/// and non-finite flags), then resets the envs whose episode ended, so that the observation
/// column holds what the next actions are chosen from: for an ended env, its new episode's
/// first observation.
///
/// After `step`, per env: `rewards`, `terminated`, `truncated` (the world's columns, which
/// resets do not touch), `finalObservations`, `success`, `nonFinite` (copies taken before
/// the resets) and `ends`; `observations` is the world's observation column. The world's
/// other columns hold each env's state after its resets; code that needs an ended env's last
/// state (its object pose, the recorded link poses, the contacts) reads it in `step`'s
/// `beforeResets` closure, where every column still holds the step's end.
///
/// Every training, evaluation, demonstration, rendering, benchmark and C ABI loop steps its
/// world through one of these.
public final class EpisodeDriver {
    /// The world stepped.
    public let world: World
    /// Envs of the world.
    public let envCount: Int
    /// Features per observation.
    public let observationDim: Int
    /// Per env, how its episode ended at the last step; nil where it goes on. [envCount]
    public private(set) var ends: [EpisodeEnd?]
    /// The envs whose episode ended at the last step (and were reset), in env order.
    public private(set) var endedEnvs: [Int] = []
    /// Seconds spent in the step's parts since the last `resetTimings`, when `clock` is set.
    public private(set) var timings = Timings()
    /// A clock in seconds; when set, `step` adds up `timings` with it (nil: nothing is timed).
    public var clock: (() -> Double)?

    /// Every env's observation before the last step's resets. [envCount, observationDim]
    private let finals: UnsafeMutablePointer<Float>
    /// `env.success` and `env.nonFinite` before the last step's resets. [envCount]
    private let successFlags: UnsafeMutablePointer<UInt8>, nonFiniteFlags: UnsafeMutablePointer<UInt8>

    /// The phases that turn the action column into a simulated step.
    static let simulatePhases: Set<Phase> = [.applyActions, .physics]
    /// The phases that read the simulated step back into columns: state, rewards and done
    /// flags, observations, containment of non-finite envs, snapshots.
    static let observePhases: Set<Phase> = [.sync, .rewards, .observations, .validate, .record]

    /// Where a step's time went.
    public struct Timings: Sendable, Equatable {
        /// Applying the actions, the physics, and the resets: what the physics engine does.
        public var simulate = 0.0
        /// Reading the state back, rewards, observations, containment, recording.
        public var observe = 0.0
        /// Steps timed.
        public var steps = 0
        /// Everything timed.
        public var total: Double { simulate + observe }
    }

    /// Drives `world` from its current state (a new world has reset every env: the
    /// observation column holds first observations). Before the first step the final
    /// observations are the current ones and the flags are zero.
    public init(world: World) {
        self.world = world
        envCount = world.spec.envCount
        observationDim = world.observationLayout.count
        ends = Array(repeating: nil, count: envCount)
        endedEnvs.reserveCapacity(envCount)
        finals = .allocate(capacity: envCount * observationDim)
        finals.update(from: world.envs.pointer(.observation), count: envCount * observationDim)
        successFlags = .allocate(capacity: envCount)
        successFlags.update(repeating: 0, count: envCount)
        nonFiniteFlags = .allocate(capacity: envCount)
        nonFiniteFlags.update(repeating: 0, count: envCount)
    }

    deinit {
        finals.deallocate()
        successFlags.deallocate()
        nonFiniteFlags.deallocate()
    }

    // MARK: - Columns

    /// The observations the next actions are chosen from (the world's column). [envCount, observationDim]
    public var observations: UnsafePointer<Float> { UnsafePointer(world.envs.pointer(.observation)) }
    /// The actions the next step applies (the world's column), each clipped to [-1, 1] by the world. [envCount, actionCount]
    public var actions: UnsafeMutablePointer<Float> { world.hands.pointer(.action) }
    /// The last step's rewards. [envCount]
    public var rewards: UnsafePointer<Float> { UnsafePointer(world.envs.pointer(.reward)) }
    /// 1 where the last step ended the episode as terminated (non-finite), else 0. [envCount]
    public var terminated: UnsafePointer<Float> { UnsafePointer(world.envs.pointer(.terminated)) }
    /// 1 where the last step ended the episode at its time limit, else 0. [envCount]
    public var truncated: UnsafePointer<Float> { UnsafePointer(world.envs.pointer(.truncated)) }
    /// Every env's observation after the last step, before its resets: for an env whose episode
    /// ended, its final observation (zeros when terminated). [envCount, observationDim]
    public var finalObservations: UnsafePointer<Float> { UnsafePointer(finals) }
    /// 1 where the object had reached the goal in the episode by the end of the last step
    /// (sticky over an episode; for an ended env, whether its episode succeeded). [envCount]
    public var success: UnsafePointer<UInt8> { UnsafePointer(successFlags) }
    /// 1 where the last step went non-finite and was contained. [envCount]
    public var nonFinite: UnsafePointer<UInt8> { UnsafePointer(nonFiniteFlags) }

    // MARK: - Stepping

    /// One control step of every env: the actions in `actions` are applied and simulated, the
    /// columns rewarded and observed; the final observations and flags are copied, `ends` set;
    /// `beforeResets` runs (every column still holds the step's end); then the envs whose
    /// episode ended are reset and observed afresh.
    public func step(beforeResets: () throws -> Void = {}) throws {
        let t0 = clock?()
        try world.run(phases: Self.simulatePhases)
        let t1 = clock?()
        try world.run(phases: Self.observePhases)
        let t2 = clock?()
        finals.update(from: world.envs.pointer(.observation), count: envCount * observationDim)
        successFlags.update(from: world.envs.pointer(.success, as: UInt8.self), count: envCount)
        nonFiniteFlags.update(from: world.envs.pointer(.nonFinite, as: UInt8.self), count: envCount)
        let terminated = world.envs.pointer(.terminated), truncated = world.envs.pointer(.truncated)
        let flagged = world.envs.pointer(.resetRequested, as: UInt8.self)
        endedEnvs.removeAll(keepingCapacity: true)
        var resets = false
        for e in 0..<envCount {
            ends[e] = terminated[e] != 0 ? .terminated : truncated[e] != 0 ? .truncated : nil
            if ends[e] != nil { endedEnvs.append(e) }
            resets = resets || flagged[e] != 0
        }
        try beforeResets()
        let t3 = clock?()
        if resets { try world.beginEpisodes() }
        if let t0, let t1, let t2, let t3, let t4 = clock?() {
            timings.simulate += (t1 - t0) + (t4 - t3)
            timings.observe += t2 - t1
            timings.steps += 1
        }
    }

    /// Starts a new episode in each env of `envs` now (a new object and yaw from the env's own
    /// random stream, the hand at its start pose) and writes its first observation; the other
    /// envs are untouched. The last step's outcome columns are left as they are.
    public func reset(envs: some Sequence<Int>) throws {
        world.requestReset(envs)
        try world.beginEpisodes()
    }

    /// Starts a new episode in every env now (see `reset(envs:)`).
    public func reset() throws {
        try reset(envs: 0..<envCount)
    }

    /// Zeroes `timings`.
    public func resetTimings() {
        timings = Timings()
    }
}
