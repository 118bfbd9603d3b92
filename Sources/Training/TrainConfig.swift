import Foundation
import Learning
import SimWorld

/// Everything a training run needs; written to the run directory as config.json. Every field
/// has a default, a config file may set any subset, and `--set key.path=value` overrides one
/// (`ConfigOverrides`). The defaults are the only ones a config is read over; a config.json of
/// an earlier `configVersion` is first brought to this one by `ConfigMigration`.
public struct TrainConfig: Codable, Sendable, Equatable {
    /// Which learner.
    public enum Algorithm: String, Codable, Sendable, CaseIterable {
        /// PPO (chunk length 1).
        case ppo
        /// ACPPO: chunked actor, chunk-likelihood ratio.
        case acppo
        /// The naive chunking ablation: step-wise actor, product of h step ratios.
        case acppoNaive = "acppo-naive"
        /// ResDex: geometry-unaware base policies (trained first, `resdex`) mixed by a PPO
        /// hyper-policy that also outputs a residual action.
        case resdex
        /// ResDex whose hyper-policy samples chunks of h (residual, weights) outputs under the
        /// ACPPO objective; the bases still act on every step's observation.
        case resdexACPPO = "resdex-acppo"

        /// Whether the learner mixes base policies (ResDex).
        public var mixesBases: Bool { self == .resdex || self == .resdexACPPO }
        /// Whether the learner samples chunks of `chunkLength` (false: one action per sample, PPO).
        public var chunks: Bool { self != .ppo && self != .resdex }
    }

    /// The layout and defaults this config follows (`ConfigMigration.currentVersion`); a config
    /// read from a file of an earlier version has been migrated to it.
    public private(set) var configVersion: Int = ConfigMigration.currentVersion
    /// The success measure checkpoint selection ranks by.
    public enum SelectionMeasure: String, Codable, Sendable, CaseIterable {
        /// Within the success distance of the goal at some step (published).
        case reached
        /// Within it at the episode's last step, lifted.
        case held

        /// The score of `result` under this measure (fraction, mean over objects).
        public func score(_ result: Evaluator.Result) -> Float {
            switch self {
            case .reached: result.successRate
            case .held: result.heldRate ?? 0
            }
        }
    }

    /// Learner.
    public var algorithm: Algorithm = .acppo
    /// Chunk length h for acppo and acppo-naive (ignored by ppo).
    public var chunkLength: Int = 2
    /// Parallel envs.
    public var envCount: Int = 64
    /// Worker threads for physics and BLAS.
    public var threads: Int = 2
    /// Seed of the world and the learner.
    public var seed: UInt64 = 1
    /// PPO iterations to train (each: stepsPerRollout steps on every env, then an update); the
    /// default, 3.69M env steps at 64 envs, is where the default run on the built-ins carries
    /// nearly every object to the goal (docs/results.md, default run).
    public var iterations: Int = 3600
    /// Objects: a procedural/imported library folder, or nil for the built-in primitives.
    public var library: String?
    /// Only objects with a bounding radius of at most this, metres, are used, in training and in
    /// every evaluation split; nil = all (the library's published sizes, 0.06 to 0.15 m).
    public var objectMaxRadius: Float?
    /// Split the training objects come from.
    public var trainSplit: String = SplitPlan.train
    /// Only these objects (names) of the training split are trained on and selected by; nil =
    /// every one. Evaluation splits are not narrowed (a policy trained on one object is
    /// evaluated on the whole split, as ResDex's base policies are).
    public var trainObjects: [String]?
    /// The task (observation mode, episode length, reward options, ...): `cpuTask`.
    public var task: TaskSpec = TrainConfig.cpuTask
    /// Learner hyperparameters: `cpuPPO`. The learner's env count, chunk length and objective
    /// are not among them: `resolvedPPO` derives them from `envCount`, `chunkLength` and `algorithm`.
    public var ppo: PPOHyperparameters = TrainConfig.cpuPPO
    /// Save a checkpoint every this many iterations (and at the end).
    public var checkpointEvery: Int = 50
    /// Keep only this many of the newest checkpoints/iter_N folders (checkpoints/best is a copy
    /// and always kept); 0 keeps every one.
    public var keepCheckpoints: Int = 0
    /// Deterministic evaluation episodes per object at the end of training.
    public var evalEpisodesPerObject: Int = 4
    /// At most this many objects per split are evaluated (spread evenly over the split).
    public var evalObjects: Int = 100
    /// Deterministic selection episodes at every checkpoint: one on each of up to this many
    /// training-split objects, or, when the split has fewer objects, as many on each as fit
    /// (the 6 built-ins: 5 each); the best checkpoint by their success is kept as
    /// checkpoints/best and is the one finally evaluated (guards against late collapse; ties go
    /// to the later checkpoint). 0 = off: the last checkpoint is evaluated.
    public var selectionObjects: Int = 32
    /// Which success the checkpoint selection ranks by: `reached` (the published measure, the
    /// default: it rewards the carry to the goal the learner has to find first) or `held` (still
    /// at the goal at the episode's end: prefers policies that stop there over ones that fling
    /// the object through it).
    public var selectionMeasure: SelectionMeasure = .reached
    /// Training objects enter by size, smallest first (off by default: `startRadius` 0).
    public var sizeCurriculum = SizeCurriculum()
    /// ResDex's base policies and mixture (algorithms resdex and resdex-acppo).
    public var resdex = ResDexSettings()
    /// Run settings off in every default: starting from a clone and imitating demonstrations.
    public var experimental = Experimental()

    /// ResDex (docs/resdex.md): k-means on the training objects' shape codes, one
    /// geometry-unaware PPO base policy per cluster's most central object with a pose term
    /// towards a reference grasp, then the hyper-policy over all training objects.
    public struct ResDexSettings: Codable, Sendable, Equatable {
        /// Base policies k (clusters).
        public var baseCount: Int = 4
        /// PPO iterations of each base policy (their env steps count in the run's budget).
        public var baseIterations: Int = 150
        /// Weight of the base policies' pose term, reward per rad of joint distance to the
        /// reference grasp (`TaskSpec.poseReward`).
        public var poseReward: Float = 0.1
        /// Whether the hyper-policy outputs a residual action (false: the mixture-only ablation).
        public var residual: Bool = true
        /// A ResDex run directory whose trained bases (its bases/ folder) this run uses instead of
        /// training its own; nil = train them as the run's first phase, in bases/.
        public var basesFrom: String?
        /// How a base is made: PPO on its object (as published), or a behaviour clone of the
        /// scripted grasp on it (a departure for CPU budgets, where PPO bases do not grasp yet).
        public var baseSource: BaseSource = .ppo
        /// Scripted demonstration episodes of a cloned base (their env steps count in the budget).
        public var cloneEpisodes: Int = 256
        /// Whether the hyper-policy's sampled outputs (residual, weight logits) are clipped to
        /// [-1, 1] before the composition; false as ResDex's code (the composed action is clipped
        /// either way). It takes the place of `ppo.clipActions` for the hyper-policy.
        public var clipOutputs: Bool = false
        /// Fraction of the hyper-policy's iterations after which its reward is ResDex's stage 2:
        /// goal, lift and success terms only (the distance terms dropped); 1 = one stage.
        public var stageTwoAt: Float = 1

        /// The first iteration (0-based) of reward stage 2 in a run of `iterations` iterations.
        public func stageTwoStart(iterations: Int) -> Int {
            Int((stageTwoAt * Float(iterations)).rounded(.down))
        }

        /// How a base policy is made.
        public enum BaseSource: String, Codable, Sendable, CaseIterable {
            /// PPO with the pose term, `baseIterations` iterations.
            case ppo
            /// A behaviour clone of the scripted grasp, `cloneEpisodes` episodes, no PPO.
            case clone
        }

        /// ResDex's best row: k = 4, with residual.
        public init() {}
    }

    /// Run settings that are off in every default (`experimental` in a config): fine-tuning a
    /// behaviour clone with RL, together with `ppo.experimental`
    /// (docs/experiments/2026-11-21-fine-tuning-from-clone.md; it does not beat the clone yet).
    public struct Experimental: Codable, Sendable, Equatable {
        /// A run directory or checkpoint folder (e.g. from `world-train clone`) whose actor and
        /// observation statistics (kept fixed: `ppo.experimental.freezeNormalizer`) start this
        /// run; nil = fresh networks.
        public var initFrom: String?
        /// Scripted-grasp episodes (one per env of a separate world, training objects) whose
        /// successful ones feed the actor's imitation term when `ppo.experimental.imitationWeight`
        /// > 0. 0 = none.
        public var imitationEpisodes: Int = 0

        /// Nothing experimental.
        public init() {}
    }

    /// The published task with the changes under which RL learns to lift within a few million
    /// env steps (docs/experiments/2026-11-21-first-rl-lift-builtins.md and
    /// 2026-11-22-builtin-three-seeds-kl-per-step.md): first episodes staggered (as published for
    /// training); finger targets a moving average with weight 0.15, so that per-step exploration
    /// noise does not change the squeeze on a held object every step; and a held-height reward of
    /// 5 per metre of object height while the thumb and another fingertip touch it.
    public static var cpuTask: TaskSpec {
        var t = TaskSpec()
        t.staggerFirstEpisodes = true
        t.fingerTargetSmoothing = 0.15
        t.heldHeightReward = 5
        return t
    }

    /// The published PPO settings with the CPU-budget changes measured in docs/experiments/: a network of
    /// (256, 128, 64), about 40 % of the update FLOPs of (256, 256, 128) and 5 % of the published
    /// (1024, 1024, 512, 512); an initial action std of 0.3 instead of 0.8 (at 0.8 the 833 N-per-unit
    /// wrist noise throws the hand off the object); 16 rollout steps and 2 minibatches instead of
    /// 8 and 4, so that a minibatch of 256 envs holds 2,048 steps (1,024 ACPPO chunks) rather than
    /// 512; running observation normalisation (value fit 0.98 explained variance instead of 0.9);
    /// and a wrist std of 0.15 on the 6 force and torque actions (`initStdPrefix`): at 0.3 the
    /// wrist noise breaks most grasps (docs/experiments/2026-11-21-exploration-noise-a-grasp-survives.md),
    /// at 0.05 the upward carry to the goal was found only after 5.6M env steps, at 0.15 within 3M
    /// (2026-11-22-wrist-noise.md); and for ACPPO a KL target per executed step (`klTargetPerStep`):
    /// with the one-step target on a whole chunk the adaptive learning rate sat at its floor and
    /// ACPPO lifted late (2026-11-22-builtin-three-seeds-kl-per-step.md).
    public static var cpuPPO: PPOHyperparameters {
        var p = PPOHyperparameters()
        p.actorHiddenSizes = [256, 128, 64]
        p.criticHiddenSizes = [256, 128, 64]
        p.initStd = 0.3
        p.initStdPrefix = Array(repeating: 0.15, count: 6)
        p.klTargetPerStep = true
        p.stepsPerRollout = 16
        p.minibatchCount = 2
        p.normalizeObservations = true
        return p
    }

    public init() {}

    /// What the learner is built from: `ppo` with the env count, the chunk length (1 for ppo) and
    /// the objective (the naive product of ratios for acppo-naive) of this run, and the
    /// normaliser frozen when the run starts from a clone (its observation statistics are part
    /// of its actor: moving them moves the policy); a ResDex hyper-policy clips its outputs by
    /// `resdex.clipOutputs`.
    public var resolvedPPO: PPOConfig {
        var hyperparameters = ppo
        if experimental.initFrom != nil { hyperparameters.experimental.freezeNormalizer = true }
        if algorithm.mixesBases && !resdex.residual { hyperparameters.initStdPrefix = [] }
        if algorithm.mixesBases { hyperparameters.clipActions = resdex.clipOutputs }
        return PPOConfig(hyperparameters: hyperparameters, envCount: envCount,
                         chunkLength: algorithm.chunks ? chunkLength : 1,
                         objective: algorithm == .acppoNaive ? .naiveProductOfRatios : .chunked)
    }

    /// Checks ranges; the message names the field.
    public func validate() throws {
        func fail(_ m: String) -> ConfigError { ConfigError("config: \(m)") }
        guard configVersion == ConfigMigration.currentVersion else {
            throw fail("configVersion \(configVersion): this code reads configs of version \(ConfigMigration.currentVersion) (older files are migrated when read)")
        }
        guard envCount >= 1 else { throw fail("envCount must be >= 1 (got \(envCount))") }
        guard threads >= 1 else { throw fail("threads must be >= 1 (got \(threads))") }
        guard chunkLength >= 1 else { throw fail("chunkLength must be >= 1 (got \(chunkLength))") }
        guard iterations >= 0 else { throw fail("iterations must be >= 0") }
        guard checkpointEvery >= 1 else { throw fail("checkpointEvery must be >= 1") }
        guard keepCheckpoints >= 0 else { throw fail("keepCheckpoints must be >= 0 (0 keeps every checkpoint; got \(keepCheckpoints))") }
        guard evalEpisodesPerObject >= 0 else { throw fail("evalEpisodesPerObject must be >= 0") }
        let episodes = experimental.imitationEpisodes
        guard episodes >= 0 else { throw fail("experimental.imitationEpisodes must be >= 0 (got \(episodes))") }
        guard episodes == 0 || ppo.experimental.imitationWeight > 0 else {
            throw fail("experimental.imitationEpisodes \(episodes) needs ppo.experimental.imitationWeight > 0 (the demonstrations would be unused)")
        }
        if let r = objectMaxRadius, !(r > 0 && r.isFinite) {
            throw fail("objectMaxRadius must be a positive number of metres (got \(r))")
        }
        guard selectionObjects >= 0 else { throw fail("selectionObjects must be >= 0 (got \(selectionObjects))") }
        guard task.poseReward == 0 || task.poseReference.count == SceneLayout.jointCount else {
            throw fail("task.poseReward \(task.poseReward) needs task.poseReference of \(SceneLayout.jointCount) joint angles (got \(task.poseReference.count))")
        }
        guard sizeCurriculum.startRadius >= 0, sizeCurriculum.fullAt > 0, sizeCurriculum.fullAt <= 1 else {
            throw fail("sizeCurriculum: startRadius must be >= 0 m (0 = off) and fullAt in (0, 1] (got \(sizeCurriculum.startRadius), \(sizeCurriculum.fullAt))")
        }
        guard trainObjects.map({ !$0.isEmpty }) ?? true else { throw fail("trainObjects must name at least one object (or be null for all)") }
        if algorithm.mixesBases {
            guard resdex.baseCount >= 1 else { throw fail("resdex.baseCount must be >= 1 (got \(resdex.baseCount))") }
            guard resdex.baseIterations >= 1 else { throw fail("resdex.baseIterations must be >= 1 (got \(resdex.baseIterations))") }
            guard ppo.clipActions else { throw fail("ppo.clipActions is for ppo and acppo: the hyper-policy of \(algorithm.rawValue) clips its outputs by resdex.clipOutputs (default false, as ResDex's code)") }
            guard resdex.stageTwoAt > 0, resdex.stageTwoAt <= 1 else { throw fail("resdex.stageTwoAt must be in (0, 1] (1 = no second reward stage; got \(resdex.stageTwoAt))") }
            guard resdex.cloneEpisodes >= 1 else { throw fail("resdex.cloneEpisodes must be >= 1 (got \(resdex.cloneEpisodes))") }
            guard task.observationMode == .full else { throw fail("algorithm \(algorithm.rawValue) needs task.observationMode full (the hyper-policy sees everything; its bases are geometry-unaware)") }
        }
        try resolvedPPO.validate()
    }
}
