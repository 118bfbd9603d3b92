/// Which surrogate the actor is trained with.
public enum ChunkObjective: String, Codable, Sendable, CaseIterable {
    /// ACPPO: a chunked actor (h x |A| outputs), one ratio over the executed chunk prefix.
    case chunked
    /// Ablation (paper eq. 4-5): a step-wise actor (|A| outputs) and the product of the
    /// step ratios over the chunk's executed steps.
    case naiveProductOfRatios
}

/// Which samples advantage normalisation averages over.
public enum AdvantageNormalization: String, Codable, Sendable, CaseIterable {
    /// No normalisation.
    case none
    /// Over all chunk-start samples of the rollout (the batch), once per update (rsl_rl).
    case batch
    /// Over each minibatch (cleanrl `norm_adv`).
    case minibatch
}

/// PPO / ACPPO hyperparameters with cleanrl-style names: every learner setting a run chooses,
/// recorded under `ppo` in its config.json. Defaults are the published values (`task.md` "PPO
/// as published"). What the run's shape decides (env count, chunk length, objective) is not here:
/// `PPOConfig` adds it.
public struct PPOHyperparameters: Codable, Equatable, Sendable {
    /// Environment steps per env per rollout (T).
    public var stepsPerRollout: Int = 8
    /// Discount per environment step.
    public var gamma: Float = 0.96
    /// GAE lambda.
    public var gaeLambda: Float = 0.95
    /// PPO ratio clip epsilon.
    public var clipCoef: Float = 0.2
    /// Weight of the value loss.
    public var valueCoef: Float = 2.0
    /// Weight of the entropy bonus.
    public var entropyCoef: Float = 0
    /// Global gradient-norm clip.
    public var maxGradNorm: Float = 1.0
    /// KL target of the adaptive learning rate.
    public var targetKL: Float = 0.016
    /// Scale the KL target by the chunk length h, so that the adaptive learning rate allows the
    /// same KL per executed step as PPO (the chunk's KL sums h steps); off as published, where
    /// every chunk gets the one-step target. No effect for h = 1.
    public var klTargetPerStep: Bool = false
    /// Adapt the learning rate to the KL (lr / 1.5 above 2x target, x 1.5 below 0.5x).
    public var adaptiveLearningRate: Bool = true
    /// Lower bound of the adaptive learning rate.
    public var minLearningRate: Float = 1e-5
    /// Upper bound of the adaptive learning rate.
    public var maxLearningRate: Float = 1e-2
    /// Passes over the rollout per update.
    public var updateEpochs: Int = 5
    /// Minibatches per epoch.
    public var minibatchCount: Int = 4
    /// Initial Adam learning rate.
    public var learningRate: Float = 3e-4
    /// Adam epsilon.
    public var adamEpsilon: Float = 1e-8
    /// Actor hidden widths.
    public var actorHiddenSizes: [Int] = [1024, 1024, 512, 512]
    /// Critic hidden widths.
    public var criticHiddenSizes: [Int] = [1024, 1024, 512, 512]
    /// Hidden activation of both networks.
    public var activation: Activation = .elu
    /// Initial policy standard deviation (log-std = log(initStd)).
    public var initStd: Float = 0.8
    /// Initial std of the first action dimensions of every block, overriding `initStd` for them
    /// (e.g. the 6 wrist force / torque dimensions, whose noise moves the whole hand). [] = none.
    public var initStdPrefix: [Float] = []
    /// Observations are clipped to [-observationClip, observationClip] (after normalising).
    public var observationClip: Float = 5
    /// Running mean/std observation normalisation (off as published).
    public var normalizeObservations: Bool = false
    /// Bootstrap through time-outs with V(final state); false = published (time-out terminal).
    public var bootstrapTimeouts: Bool = true
    /// Advantage normalisation scope.
    public var advantageNormalization: AdvantageNormalization = .batch
    /// Clip executed actions to [-1, 1] (log-probs always use the unclipped sample).
    public var clipActions: Bool = true
    /// Settings that are off in every default: the fine-tuning path and an ablation.
    public var experimental = Experimental()

    /// Learner settings off in every default (`ppo.experimental` in a config): the fine-tuning
    /// of a clone (docs/experiments/2026-11-21-fine-tuning-from-clone.md) and one ablation.
    public struct Experimental: Codable, Equatable, Sendable {
        /// Keep the normaliser's statistics as they are (no running update): for an actor cloned
        /// with them, whose outputs would otherwise drift as the statistics move (on whenever a
        /// run starts from `experimental.initFrom`).
        public var freezeNormalizer: Bool = false
        /// Train the critic on every stored step instead of chunk starts only (paper: off).
        public var valueLossOnAllSteps: Bool = false
        /// First iterations in which only the critic learns (the actor and log-std stay as they
        /// are): a critic warm-up for an actor started from a clone. 0 = off (published).
        public var actorFreezeIterations: Int = 0
        /// Weight of a behaviour-cloning term (MSE of the mean chunk to demonstrated chunks, per
        /// output) added to the actor loss of every minibatch when demonstrations are given, as in
        /// DAPG. 0 = off (published).
        public var imitationWeight: Float = 0
        /// Factor applied to `imitationWeight` per iteration (weight at iteration k: w x decay^k).
        public var imitationDecay: Float = 1

        /// Every experiment off.
        public init() {}
    }

    /// Published defaults.
    public init() {}
}

/// What a learner is built from: its hyperparameters and what the run's shape decides, the
/// envs it steps (N), the chunk length h (1 is plain PPO) and the objective. A training run
/// derives the three from its own keys (`TrainConfig.resolvedPPO`); they are stored nowhere
/// else. Every hyperparameter is read and written through it by name (`config.gamma`). A
/// checkpoint's state.json records it whole, the three keys beside the hyperparameters' own.
@dynamicMemberLookup
public struct PPOConfig: Equatable, Sendable {
    /// Parallel environments (N).
    public var envCount: Int = 1024
    /// Chunk length h; 1 is plain PPO.
    public var chunkLength: Int = 2
    /// Chunked actor (ACPPO) or the naive product-of-ratios ablation.
    public var objective: ChunkObjective = .chunked
    /// Everything else.
    public var hyperparameters = PPOHyperparameters()

    /// Published defaults (N = 1024, ACPPO h = 2).
    public init() {}

    /// The learner of `hyperparameters` for `envCount` envs, chunks of `chunkLength` steps and `objective`.
    public init(hyperparameters: PPOHyperparameters, envCount: Int, chunkLength: Int, objective: ChunkObjective) {
        self.hyperparameters = hyperparameters
        self.envCount = envCount
        self.chunkLength = chunkLength
        self.objective = objective
    }

    /// A hyperparameter by name.
    public subscript<T>(dynamicMember path: WritableKeyPath<PPOHyperparameters, T>) -> T {
        get { hyperparameters[keyPath: path] }
        set { hyperparameters[keyPath: path] = newValue }
    }

    /// Samples per rollout, envCount x stepsPerRollout.
    public var batchSize: Int { envCount * hyperparameters.stepsPerRollout }
    /// The KL the adaptive learning rate aims at for one sample (a chunk of h steps).
    public var effectiveTargetKL: Float {
        hyperparameters.klTargetPerStep ? hyperparameters.targetKL * Float(chunkLength) : hyperparameters.targetKL
    }
    /// Largest possible minibatch of this learner's samples when the run has `runEnvCount` envs
    /// (this learner's `envCount` of them): every step could be a chunk start, a run-wide
    /// minibatch holds ceil(run batch / minibatches) samples, and in a data-parallel job all of
    /// them can be one rank's (the permutation is over every rank's samples), up to its batch.
    public func maxMinibatchSize(runEnvCount: Int) -> Int {
        let runBatch = runEnvCount * hyperparameters.stepsPerRollout
        return min(batchSize, (runBatch + hyperparameters.minibatchCount - 1) / hyperparameters.minibatchCount)
    }
    /// Actor outputs (and log-std entries) per decision for action size `actionDim`.
    public func actorOutputSize(actionDim: Int) -> Int {
        objective == .chunked ? chunkLength * actionDim : actionDim
    }
}

extension PPOConfig: Codable {
    private enum CodingKeys: String, CodingKey {
        case envCount, chunkLength, objective
    }

    /// Every key is required (a checkpoint written before one existed is brought up to date by
    /// `CheckpointState.decode` first).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        envCount = try c.decode(Int.self, forKey: .envCount)
        chunkLength = try c.decode(Int.self, forKey: .chunkLength)
        objective = try c.decode(ChunkObjective.self, forKey: .objective)
        hyperparameters = try PPOHyperparameters(from: decoder)
    }

    /// One JSON object: the three keys beside the hyperparameters' own.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(envCount, forKey: .envCount)
        try c.encode(chunkLength, forKey: .chunkLength)
        try c.encode(objective, forKey: .objective)
        try hyperparameters.encode(to: encoder)
    }
}
