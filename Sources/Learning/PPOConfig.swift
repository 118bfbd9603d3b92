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

/// PPO / ACPPO hyperparameters with cleanrl-style names; defaults are the published values
/// (`task.md` "PPO as published", ACPPO h = 2).
public struct PPOConfig: Codable, Equatable, Sendable {
    /// Parallel environments (N).
    public var envCount: Int = 1024
    /// Environment steps per env per rollout (T).
    public var stepsPerRollout: Int = 8
    /// Chunk length h; 1 is plain PPO.
    public var chunkLength: Int = 2
    /// Chunked actor (ACPPO) or the naive product-of-ratios ablation.
    public var objective: ChunkObjective = .chunked
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
    /// Keep the normaliser's statistics as they are (no running update): for an actor cloned
    /// with them, whose outputs would otherwise drift as the statistics move.
    public var freezeNormalizer: Bool = false
    /// Bootstrap through time-outs with V(final state); false = published (time-out terminal).
    public var bootstrapTimeouts: Bool = true
    /// Train the critic on every stored step instead of chunk starts only (paper: off).
    public var valueLossOnAllSteps: Bool = false
    /// Advantage normalisation scope.
    public var advantageNormalization: AdvantageNormalization = .batch
    /// Clip executed actions to [-1, 1] (log-probs always use the unclipped sample).
    public var clipActions: Bool = true
    /// First iterations in which only the critic learns (the actor and log-std stay as they
    /// are): a critic warm-up for an actor started from a clone. 0 = off (published).
    public var actorFreezeIterations: Int = 0
    /// Weight of a behaviour-cloning term (MSE of the mean chunk to demonstrated chunks, per
    /// output) added to the actor loss of every minibatch when demonstrations are given, as in
    /// DAPG. 0 = off (published).
    public var imitationWeight: Float = 0
    /// Factor applied to `imitationWeight` per iteration (weight at iteration k: w x decay^k).
    public var imitationDecay: Float = 1

    /// Published defaults.
    public init() {}

    /// Samples per rollout, envCount x stepsPerRollout.
    public var batchSize: Int { envCount * stepsPerRollout }
    /// The KL the adaptive learning rate aims at for one sample (a chunk of h steps).
    public var effectiveTargetKL: Float { klTargetPerStep ? targetKL * Float(chunkLength) : targetKL }
    /// Largest possible minibatch (all steps could be chunk starts), ceil(batch / minibatches).
    public var maxMinibatchSize: Int { (batchSize + minibatchCount - 1) / minibatchCount }
    /// Actor outputs (and log-std entries) per decision for action size `actionDim`.
    public func actorOutputSize(actionDim: Int) -> Int {
        objective == .chunked ? chunkLength * actionDim : actionDim
    }
}

extension PPOConfig {
    /// Decodes a config written by any version of this code: a key it lacks (a setting added
    /// later) keeps its default, which is the behaviour the older code had.
    public init(from decoder: Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func field<T: Decodable>(_ value: inout T, _ key: CodingKeys) throws {
            value = try c.decodeIfPresent(T.self, forKey: key) ?? value
        }
        try field(&envCount, .envCount)
        try field(&stepsPerRollout, .stepsPerRollout)
        try field(&chunkLength, .chunkLength)
        try field(&objective, .objective)
        try field(&gamma, .gamma)
        try field(&gaeLambda, .gaeLambda)
        try field(&clipCoef, .clipCoef)
        try field(&valueCoef, .valueCoef)
        try field(&entropyCoef, .entropyCoef)
        try field(&maxGradNorm, .maxGradNorm)
        try field(&targetKL, .targetKL)
        try field(&klTargetPerStep, .klTargetPerStep)
        try field(&adaptiveLearningRate, .adaptiveLearningRate)
        try field(&minLearningRate, .minLearningRate)
        try field(&maxLearningRate, .maxLearningRate)
        try field(&updateEpochs, .updateEpochs)
        try field(&minibatchCount, .minibatchCount)
        try field(&learningRate, .learningRate)
        try field(&freezeNormalizer, .freezeNormalizer)
        try field(&adamEpsilon, .adamEpsilon)
        try field(&actorHiddenSizes, .actorHiddenSizes)
        try field(&criticHiddenSizes, .criticHiddenSizes)
        try field(&activation, .activation)
        try field(&initStd, .initStd)
        try field(&initStdPrefix, .initStdPrefix)
        try field(&observationClip, .observationClip)
        try field(&normalizeObservations, .normalizeObservations)
        try field(&bootstrapTimeouts, .bootstrapTimeouts)
        try field(&valueLossOnAllSteps, .valueLossOnAllSteps)
        try field(&advantageNormalization, .advantageNormalization)
        try field(&clipActions, .clipActions)
        try field(&actorFreezeIterations, .actorFreezeIterations)
        try field(&imitationWeight, .imitationWeight)
        try field(&imitationDecay, .imitationDecay)
    }
}
