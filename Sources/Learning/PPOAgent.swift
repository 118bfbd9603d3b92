import Foundation
/// PPO and ACPPO in one learner, parameterised by the chunk length h (h = 1 is PPO).
///
/// Drive it once per environment step with `act` then `observe`; after `stepsPerRollout`
/// steps call `update`. Inputs are flat row-major Float buffers; nothing here knows about
/// physics. All buffers are allocated in `init` and reused.
public final class PPOAgent {
    /// Hyperparameters (validated).
    public let config: PPOConfig
    /// Observation features per env.
    public let observationDim: Int
    /// Action size per env step (|A|).
    public let actionDim: Int
    /// Actor, log-std and critic in one parameter buffer.
    public let networks: ActorCritic
    /// Adam over `networks.parameters`.
    public let optimizer: AdamOptimizer
    /// The rollout being collected.
    public let rollout: RolloutBuffer
    /// Running observation statistics (nil unless `config.normalizeObservations`).
    public let normalizer: ObservationNormalizer?
    /// Current (adaptive) learning rate.
    public internal(set) var learningRate: Float
    /// Generator of the minibatch permutations (the same on every rank).
    public internal(set) var generator: RandomGenerator
    /// Per env of this rank: the generator of its exploration noise, seeded from the run seed
    /// and the env's index in the whole run, so that env i explores alike however the envs are
    /// split over ranks. [envCount]
    public internal(set) var noiseStreams: [RandomGenerator]
    /// The other ranks of a data-parallel job (gradients, statistics and KL are summed over them).
    public let communicator: Communicator
    /// Which of the run's envs this agent's `config.envCount` envs are.
    public let share: EnvShare
    /// Completed updates.
    public internal(set) var iteration: Int = 0
    /// Environment steps recorded over all rollouts, over every rank's envs.
    public internal(set) var totalEnvSteps: Int = 0

    /// Actions per chunk sample (h for both objectives).
    var blockCount: Int { config.chunkLength }
    /// Actions in one actor output: h for the chunked objective, 1 for the naive one (the
    /// chunk length of the demonstrations `imitate` and `setDemonstrations` take).
    public var actorBlocks: Int { actorWidth / actionDim }
    /// Actor outputs per forward row (h|A| chunked, |A| naive).
    let actorWidth: Int
    /// Each env's phase and current (sampled) chunk; which action it executes. See `ChunkExecutor`.
    public let chunks: ChunkExecutor
    /// Per env: rollout step at which its current chunk started.
    var chunkStartSteps: [Int]
    /// Per env: the current chunk's means. [envCount, actorWidth]
    let currentMeans: FloatBuffer
    /// Per env: log-likelihood of each action of the current chunk. [envCount, actorWidth / |A|]
    let currentBlockLogProbs: FloatBuffer
    /// Collection scratch. See `PPOAgent+Collect.swift`.
    let collectScratch: CollectScratch
    /// Update scratch. See `PPOAgent+Update.swift`.
    let updateScratch: UpdateScratch
    /// Demonstrations for the imitation term (`setDemonstrations`); nil = none.
    var imitation: ImitationTerm?
    /// Frozen base policies this agent's outputs are mixed with (ResDex, `attach`); nil = the
    /// outputs are the env actions.
    public internal(set) var mixture: BaseMixture?
    /// The executed outputs before the mixture makes env actions of them. [envCount, actionDim]
    var hyperActions = FloatBuffer(count: 0)

    /// Builds and initialises the networks (orthogonal init from `seed`). In a data-parallel
    /// job, `config.envCount` is this rank's share of the run's envs (`share`) and every rank
    /// passes the same seed.
    public init(config: PPOConfig, observationDim: Int, actionDim: Int, seed: UInt64,
                communicator: Communicator = SingleProcess(), share: EnvShare? = nil) throws {
        try config.validate()
        let share = share ?? EnvShare(total: config.envCount)
        guard share.count == config.envCount, share.ranks == communicator.size, share.rank == communicator.rank else {
            throw ConfigError("PPOAgent: env share \(share.range) of \(share.total) (rank \(share.rank) of \(share.ranks)) does not fit \(config.envCount) envs on rank \(communicator.rank) of \(communicator.size)")
        }
        guard communicator.size == 1 || config.experimental.imitationWeight == 0 else {
            throw ConfigError("config: ppo.experimental.imitationWeight needs a single process (the imitation term is not data-parallel); got \(communicator.size) ranks")
        }
        self.communicator = communicator
        self.share = share
        guard observationDim >= 1, actionDim >= 1 else {
            throw ConfigError("PPOAgent: observationDim (\(observationDim)) and actionDim (\(actionDim)) must be >= 1")
        }
        guard config.initStdPrefix.count <= actionDim else {
            throw ConfigError("config: initStdPrefix has \(config.initStdPrefix.count) entries, more than the \(actionDim) action dimensions")
        }
        self.config = config
        self.observationDim = observationDim
        self.actionDim = actionDim
        actorWidth = config.actorOutputSize(actionDim: actionDim)
        let actorShape = MLPShape(inputSize: observationDim, hiddenSizes: config.actorHiddenSizes,
                                  outputSize: actorWidth, hiddenActivation: config.activation)
        let criticShape = MLPShape(inputSize: observationDim, hiddenSizes: config.criticHiddenSizes,
                                   outputSize: 1, hiddenActivation: config.activation)
        let naive = config.objective == .naiveProductOfRatios
        let maxMinibatch = config.maxMinibatchSize(runEnvCount: share.total)
        let maxActorRows = max(config.envCount, maxMinibatch * (naive ? config.chunkLength : 1))
        let maxCriticRows = max(config.envCount, maxMinibatch)
        networks = ActorCritic(actorShape: actorShape, criticShape: criticShape,
                               maxActorBatch: maxActorRows, maxCriticBatch: maxCriticRows)
        optimizer = AdamOptimizer(parameterCount: networks.parameters.count, epsilon: config.adamEpsilon)
        rollout = RolloutBuffer(stepCount: config.stepsPerRollout, envCount: config.envCount,
                                observationDim: observationDim, actionDim: actionDim)
        normalizer = config.normalizeObservations ? ObservationNormalizer(featureCount: observationDim) : nil
        learningRate = config.learningRate
        generator = RandomGenerator(seed: seed)
        noiseStreams = share.range.map { RandomGenerator(seed: Self.noiseSeed(seed, env: $0)) }
        chunks = ChunkExecutor(config: config, envCount: config.envCount, actionDim: actionDim)
        chunkStartSteps = Array(repeating: 0, count: config.envCount)
        currentMeans = FloatBuffer(count: config.envCount * actorWidth)
        currentBlockLogProbs = FloatBuffer(count: config.envCount * (actorWidth / actionDim))
        collectScratch = CollectScratch(envCount: config.envCount, observationDim: observationDim,
                                        actorWidth: actorWidth)
        updateScratch = UpdateScratch(config: config, observationDim: observationDim,
                                      actionDim: actionDim, actorRows: maxActorRows, minibatchRows: maxMinibatch,
                                      parameterCount: networks.parameters.count, runEnvCount: share.total)
        networks.initialize(initStd: config.initStd, generator: &generator)
        for j in 0..<networks.logStdCount where j % actionDim < config.initStdPrefix.count {
            networks.logStd[j] = Foundation.log(config.initStdPrefix[j % actionDim])
        }
    }

    /// Seed of the noise stream of run env `env` under run seed `seed`.
    static func noiseSeed(_ seed: UInt64, env: Int) -> UInt64 {
        var x = seed ^ 0x6E6F_6973_6553_7472  // "noiseStr"
        _ = RandomGenerator.splitMix64(&x)
        x &+= UInt64(env) &* 0xD1B5_4A32_D192_ED03
        return RandomGenerator.splitMix64(&x)
    }

    /// Clips to [-observationClip, observationClip], after normalising when enabled
    /// (adding the rows to the statistics' pending moments when `updateStatistics`; they are used from the next `update` on). In place, [rows, obsDim].
    func preprocess(_ batch: UnsafeMutablePointer<Float>, rows: Int, updateStatistics: Bool) {
        if let normalizer {
            if updateStatistics && !config.experimental.freezeNormalizer { normalizer.accumulate(batch, rows: rows) }
            normalizer.normalize(batch, rows: rows, clip: config.observationClip)
        } else {
            ObservationNormalizer.clip(batch, count: rows * observationDim, clip: config.observationClip)
        }
    }

    /// Copies rows `indices` of `source` [*, width] into `destination` [indices.count, width].
    static func gatherRows(_ source: UnsafePointer<Float>, width: Int, indices: ArraySlice<Int32>,
                           into destination: UnsafeMutablePointer<Float>) {
        for (i, row) in indices.enumerated() {
            // SAFETY: row < source rows; destination holds indices.count rows.
            (destination + i * width).update(from: source + Int(row) * width, count: width)
        }
    }
}
