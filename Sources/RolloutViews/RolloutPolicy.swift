import SimWorld

/// A controller for rendered rollouts: at each control step it writes actions into rows
/// `envs` of the world's `hand.action` column (`[envCount, actionCount]`, values in [-1, 1]).
///
/// Policies are driven by `RolloutRecording.run`, which calls `act` once per step before
/// stepping the world (`EpisodeDriver.step`). A learned policy only needs to read observations
/// it derives from the world and write the action rows; `ClosurePolicy` wraps such code
/// without a new type.
public protocol RolloutPolicy {
    /// Name used as the output folder and the contact-sheet row label.
    var name: String { get }
    /// Writes the actions of control step `step` (since reset) for `envs` of `world`.
    func act(world: World, envs: Range<Int>, step: Int) throws
    /// The task settings the policy was trained under (observation mode, finger smoothing);
    /// nil = the default task.
    var task: TaskSpec? { get }
}

extension RolloutPolicy {
    public var task: TaskSpec? { nil }
}

/// The scripted descend-close-lift grasp (`SimWorld.ScriptedGrasp`) as a rollout policy.
public struct ScriptedPolicy: RolloutPolicy {
    /// Row label and folder name.
    public var name: String
    /// The grasp script and its gains.
    public var grasp: ScriptedGrasp

    /// Creates the scripted policy with the default grasp.
    public init(name: String = "scripted", grasp: ScriptedGrasp = ScriptedGrasp()) {
        self.name = name
        self.grasp = grasp
    }

    /// The script's per-world plans (the policy itself holds no other state).
    private let graspers = GrasperCache()

    /// Writes the script's actions for every env in `envs`.
    public func act(world: World, envs: Range<Int>, step: Int) throws {
        let grasper = graspers.grasper(for: world, grasp: grasp)
        for env in envs { grasper.act(env: env, step: step) }
    }
}

/// One `ScriptedGrasper` per world a scripted policy drives.
private final class GrasperCache {
    /// Graspers by world identity.
    private var graspers: [ObjectIdentifier: ScriptedGrasper] = [:]

    func grasper(for world: World, grasp: ScriptedGrasp) -> ScriptedGrasper {
        if let g = graspers[ObjectIdentifier(world)], g.world === world { return g }
        let g = ScriptedGrasper(grasp: grasp, world: world)
        graspers[ObjectIdentifier(world)] = g
        return g
    }
}

/// Uniform random actions in `[-scale, scale]`, a pure function of (seed, env, step), so a
/// rollout repeats exactly without the policy holding any state.
public struct RandomPolicy: RolloutPolicy {
    /// Row label and folder name.
    public var name: String
    /// Seed of the action stream.
    public var seed: UInt64
    /// Largest action magnitude, in (0, 1].
    public var scale: Float

    /// Creates a seeded random policy.
    public init(name: String = "random", seed: UInt64, scale: Float = 1) {
        precondition(scale > 0 && scale <= 1, "RandomPolicy: scale must be in (0, 1]")
        self.name = name
        self.seed = seed
        self.scale = scale
    }

    /// Writes fresh uniform actions for every env in `envs`.
    public func act(world: World, envs: Range<Int>, step: Int) throws {
        let actions = world.hands.column(.action)
        for env in envs {
            let stream = UInt64(truncatingIfNeeded: step) &* 0x1_0000 &+ UInt64(env)
            var rng = SplitMix64(state: SplitMix64.streamState(seed: seed, index: stream))
            let action = actions[env]
            for k in 0..<action.count { action[k] = rng.uniform(-scale, scale) }
        }
    }
}

/// A policy made of a closure: the hook for checkpoint policies and experiments.
///
///     let policy = ClosurePolicy(name: "acppo") { world, envs, step in
///         /* encode observations, run the network, write world.hands.pointer(.action) rows */
///     }
public struct ClosurePolicy: RolloutPolicy {
    /// Row label and folder name.
    public var name: String
    /// Writes the actions of one control step for a range of envs.
    public var body: (World, Range<Int>, Int) throws -> Void

    /// Creates a policy from a closure `(world, envs, step)`.
    public init(name: String, _ body: @escaping (World, Range<Int>, Int) throws -> Void) {
        self.name = name
        self.body = body
    }

    /// Calls the closure.
    public func act(world: World, envs: Range<Int>, step: Int) throws { try body(world, envs, step) }
}
