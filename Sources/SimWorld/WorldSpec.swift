/// Everything fixed for the life of a world: sizes, timing, physics settings, start poses.
/// The immutable "model" beside the world's mutable columns (MuJoCo's mjModel / mjData).
public struct WorldSpec: Sendable, Codable, Equatable {
    /// Parallel envs.
    public var envCount: Int
    /// Bullet worlds the envs are split into; each is stepped by one thread at a time. The
    /// default, one world per env, keeps every env's trajectory independent of the others (in a
    /// shared world Bullet orders contacts by sorts over all its bodies), which is what lets a
    /// run split its envs over ranks, or an evaluation over processes, and simulate the same
    /// episodes; it measured no slower than shared worlds (docs/physics.md).
    public var shardCount: Int
    /// Worker threads used to run shards in parallel.
    public var threads: Int
    /// Seed of every env's random stream.
    public var seed: UInt64
    /// Index of this world's first env among the envs of its run (a data-parallel rank's share
    /// starts past the other ranks'); env e's random stream is seeded with index
    /// `firstEnvIndex + e`, so an env's episodes do not depend on how a run is split.
    public var firstEnvIndex: Int = 0
    /// Control period, seconds (60 Hz published).
    public var controlDt: Float = 1.0 / 60
    /// Physics substeps per control step (2 published: 120 Hz).
    public var substeps: Int = 2
    /// Gravity on objects, m/s^2 downwards (the hand floats).
    public var gravity: Float = 9.81
    /// Constraint solver iterations per substep.
    public var solverIterations: Int = 8
    /// Friction coefficients of table and object (1.0 published).
    public var tableFriction: Float = 1, objectFriction: Float = 1
    /// Rolling and spinning resistance of objects, metres (Bullet has none by default, so
    /// balls and cylinders would roll forever; PhysX damps them). Contacts with the hand get the
    /// spinning part only (docs/physics.md: the rolling rows cost 12 % of a contact-heavy step).
    public var objectRollingFriction: Float = 0.002
    /// Palm frame start position, metres, env-local: puts the palm point (palm + 0.08 along
    /// palm z - 0.02 along palm y) 0.2 m above the table top, straight above the object. [3]
    public var handStartPosition: [Float] = [-0.08, 0, 0.82]
    /// Palm frame start orientation, xyzw: palm normal (-y) down, fingers along world +x. [4]
    public var handStartOrientation: [Float] = [0.5, 0.5, 0.5, 0.5]
    /// Height of the object's lowest point above the table top at spawn, metres.
    public var objectDropHeight: Float = 0.01
    /// Whether each reset draws a random object yaw in [-pi, pi).
    public var randomYaw: Bool = true
    /// Asset indices resets draw from (uniformly); empty means all assets.
    public var objectPool: [Int] = []
    /// When set, env e always gets asset fixedObjects[e] (evaluation); else resets draw from the pool.
    public var fixedObjects: [Int]?
    /// The task: observations, reward, success, episode length.
    public var task = TaskSpec()

    /// A spec with published timing and `envCount` envs on `threads` threads.
    public init(envCount: Int, threads: Int = 1, shardCount: Int? = nil, seed: UInt64 = 0) {
        self.envCount = envCount
        self.threads = threads
        self.shardCount = shardCount ?? envCount
        self.seed = seed
    }

    /// Checks sizes and ranges; the message names the field.
    public func validate(assetCount: Int) throws {
        func fail(_ m: String) -> WorldSpecError { WorldSpecError(message: m) }
        guard envCount >= 1 else { throw fail("envCount must be >= 1 (got \(envCount))") }
        guard firstEnvIndex >= 0 else { throw fail("firstEnvIndex must be >= 0 (got \(firstEnvIndex))") }
        guard shardCount >= 1, shardCount <= envCount else { throw fail("shardCount must be in 1...envCount (got \(shardCount))") }
        guard threads >= 1 else { throw fail("threads must be >= 1 (got \(threads))") }
        guard controlDt > 0, controlDt <= 1 else { throw fail("controlDt must be in (0, 1] s (got \(controlDt))") }
        guard (1...64).contains(substeps) else { throw fail("substeps must be in 1...64 (got \(substeps))") }
        guard (1...200).contains(solverIterations) else { throw fail("solverIterations must be in 1...200") }
        guard handStartPosition.count == 3, handStartOrientation.count == 4,
              (handStartPosition + handStartOrientation).allSatisfy(\.isFinite) else {
            throw fail("handStartPosition needs 3 and handStartOrientation 4 finite numbers")
        }
        guard task.episodeLength >= 1 else { throw fail("task.episodeLength must be >= 1") }
        guard task.fingerTargetSmoothing > 0, task.fingerTargetSmoothing <= 1 else {
            throw fail("task.fingerTargetSmoothing must be in (0, 1] (got \(task.fingerTargetSmoothing))")
        }
        if let fixed = fixedObjects {
            guard fixed.count == envCount else { throw fail("fixedObjects has \(fixed.count) entries for \(envCount) envs") }
            for i in fixed where !(0..<assetCount).contains(i) { throw fail("fixedObjects names asset \(i), but there are \(assetCount) assets") }
        }
        for i in objectPool where !(0..<assetCount).contains(i) {
            throw fail("objectPool names asset \(i), but there are \(assetCount) assets")
        }
    }
}

/// A bad world specification.
public struct WorldSpecError: Error, CustomStringConvertible {
    /// What is wrong, naming the field.
    public let message: String
    public var description: String { "world spec: \(message)" }
}
