import DurableFiles
import Foundation
import Learning
import SimWorld

/// The learner produced NaN or infinite numbers; the message names the iteration and the last good checkpoint.
public struct TrainingDiverged: Error, CustomStringConvertible {
    public let description: String
}

/// Counters a run carries across checkpoints (trainer.json).
struct TrainerState: Codable, Equatable {
    var iteration = 0
    var envSteps = 0
    var wallSeconds = 0.0
    /// Success rate of the episodes finished in the last iteration that finished any.
    var successRate: Float = 0
    var episodesFinished = 0
    /// Best selection success so far (fraction) and the iteration of that checkpoint; nil before the first.
    var bestSuccess: Float?
    var bestIteration: Int?
    /// Ranks of the job that wrote the checkpoint (nil: one); a resume needs as many.
    var ranks: Int?
}

/// A checkpoint written by a job of another rank count: not damaged, so a resume does not fall
/// back past it; it stops with this message.
public struct RankCountMismatch: Error, CustomStringConvertible {
    public let description: String
}

/// A training run: the ECS world feeding the learner through the world's own columns (the
/// observation column is the actor's input, the action column its output; rewards and done
/// flags are read in place), chunked rollouts, updates, metrics, checkpoints, evaluation.
public final class Trainer {
    /// The run's configuration.
    public let config: TrainConfig
    /// The simulated envs.
    public let world: World
    /// Steps `world` (same-step autoreset, final observations kept for bootstrapping).
    let episodes: EpisodeDriver
    /// The learner.
    public let agent: PPOAgent
    /// Where the run writes (rank 0 alone writes).
    public let run: RunDirectory
    /// The job's ranks: each steps its share of the envs (`share`); one process without mpirun.
    public let communicator: Communicator
    /// This rank's envs among the run's `config.envCount`.
    public let share: EnvShare
    var state = TrainerState()
    /// Seconds of the last iteration: whole rollout, world stepping within it, update.
    var timing = (rollout: 0.0, world: 0.0, update: 0.0)
    /// Fractions of the last iteration's env steps at grasp stage >= 1 (enclosed) and 2 (lifted).
    var stageRates: (enclosed: Float, lifted: Float) = (0, 0)
    /// Env steps of the last iteration that were contained as non-finite (over every rank).
    var nonFiniteResets = 0
    /// Checkpoints a resume passed over because they could not be read, newest first, with why.
    public let skippedCheckpoints: [(name: String, problem: String)]
    /// metrics.csv (rank 0 only).
    let metrics: MetricsLog?
    /// Training-split objects of the checkpoint selection (empty when it is off).
    let selectionAssets: [ObjectAsset]
    /// The training objects (the world's assets, in order).
    let trainingAssets: [ObjectAsset]
    /// A ResDex run's base policies, trained by `prepare` before this run (empty otherwise).
    public internal(set) var bases: [ResDexBases.Base] = []

    /// A new run in `run` (its config.json is written), or, with `resume`, the run continued
    /// from its latest checkpoint. In a data-parallel job every rank builds one, with the
    /// same config; rank 0's learner state is then copied to every rank.
    public init(config: TrainConfig, run: RunDirectory, resume: Bool = false, communicator: Communicator = SingleProcess()) throws {
        try config.validate()
        guard config.envCount >= communicator.size else {
            throw ConfigError("config: envCount \(config.envCount) is fewer than the job's \(communicator.size) ranks (each rank steps a share of the envs)")
        }
        guard communicator.size == 1 || config.experimental.imitationEpisodes == 0 else {
            throw ConfigError("config: experimental.imitationEpisodes needs a single process (the imitation term is not data-parallel); got \(communicator.size) ranks")
        }
        self.config = config
        self.run = run
        self.communicator = communicator
        share = EnvShare(total: config.envCount, ranks: communicator.size, rank: communicator.rank)
        if communicator.isRoot { try run.create() }
        BLAS.setThreadCount(config.threads)
        let hand = try HandDescription.shadowHand()
        let assets = try ObjectSet.training(config: config)
        var spec = WorldSpec(envCount: share.count, threads: config.threads, seed: config.seed)
        spec.firstEnvIndex = share.range.lowerBound
        spec.task = config.task
        spec.objectPool = config.sizeCurriculum.isOn ? config.sizeCurriculum.pool(assets, iteration: 0, iterations: config.iterations) : []
        world = try World(spec: spec, hand: hand, assets: assets)
        trainingAssets = assets
        episodes = EpisodeDriver(world: world)
        selectionAssets = config.selectionObjects > 0 ? Evaluation.subset(assets, limit: config.selectionObjects) : []
        var ppo = config.resolvedPPO
        ppo.envCount = share.count
        let mixture = config.algorithm.mixesBases ? try ResDexBases.mixture(config: config, run: run, layout: world.observationLayout) : nil
        agent = try PPOAgent(config: ppo, observationDim: world.observationLayout.count,
                             actionDim: mixture?.hyperWidth ?? SceneLayout.actionCount, seed: config.seed, communicator: communicator, share: share)
        if let mixture { try agent.attach(mixture) }
        var restoredIteration: Int?
        var skipped: [(name: String, problem: String)] = []
        if resume {
            (state, skipped) = try Self.resumeFromNewestValid(run, world: world, agent: agent, share: share)
            restoredIteration = state.iteration
        } else {
            if let source = config.experimental.initFrom {
                let folder = RunDirectory(source).latestCheckpoint() ?? URL(fileURLWithPath: source)
                try agent.initializeActor(from: try PPOAgent.loadCheckpoint(from: folder))
            }
            if communicator.isRoot { try AtomicFile.writeJSON(config, to: run.config.path) }
        }
        skippedCheckpoints = skipped
        agent.broadcastFromRoot()
        if config.experimental.imitationEpisodes > 0 {
            let demos = try Self.demonstrations(config: config, assets: assets, blocks: agent.actorBlocks)
            agent.setDemonstrations(observations: demos.observations, targets: demos.chunks)
        }
        metrics = communicator.isRoot ? try MetricsLog(run: run, keepThrough: restoredIteration ?? 0) : nil
    }

    /// The trainer of a run, after a ResDex run's first phase: its base policies trained (or
    /// resumed, or found finished) in bases/, its config.json written first so that the run
    /// can be resumed at any point; `bases` given (the protocol trains them first, to count
    /// their env steps in the budget) are used as they are. Other algorithms: `init`.
    public static func prepare(config: TrainConfig, run: RunDirectory, resume: Bool, bases: [ResDexBases.Base]? = nil,
                               communicator: Communicator = SingleProcess(), log: (String) -> Void) throws -> Trainer {
        guard config.algorithm.mixesBases else { return try Trainer(config: config, run: run, resume: resume, communicator: communicator) }
        try config.validate()
        if communicator.isRoot && !resume {
            try run.create()
            try AtomicFile.writeJSON(config, to: run.config.path)
        }
        let trained = try bases ?? ResDexBases.train(config: config, run: run, communicator: communicator, log: log)
        let trainer = try Trainer(config: config, run: run, resume: resume && run.latestCheckpoint() != nil, communicator: communicator)
        trainer.bases = trained
        return trainer
    }

    /// The successful scripted episodes of `config.experimental.imitationEpisodes` envs on the training objects
    /// (a world of its own, seeded from the run's seed: the same on resume).
    static func demonstrations(config: TrainConfig, assets: [ObjectAsset], blocks: Int) throws -> Demonstrations.Set {
        let world = try Demonstrations.world(config: config, envCount: config.experimental.imitationEpisodes, seed: config.seed &+ 0x5EED, assets: assets)
        let demos = try Demonstrations.collect(world: world, blocks: blocks)
        guard demos.kept > 0 else {
            throw ConfigError("config: experimental.imitationEpisodes: none of the \(demos.episodes) scripted episodes reached the goal; nothing to imitate")
        }
        return demos
    }

    /// Trains until `config.iterations` iterations are done, checkpointing on the way.
    public func train(progress: TrainingProgress? = nil) throws {
        while state.iteration < config.iterations {
            communicator.setContext("iteration \(state.iteration + 1)")
            try applySizeCurriculum(progress: progress)
            applyRewardStage(progress: progress)
            let start = Date()
            let stats = try iterate()
            let seconds = Date().timeIntervalSince(start)
            state.wallSeconds += seconds
            state.envSteps += config.envCount * config.ppo.stepsPerRollout
            state.iteration += 1
            var m = IterationMetrics()
            m.iteration = state.iteration
            m.envSteps = state.envSteps
            m.wallSeconds = state.wallSeconds
            m.stepsPerSecond = Double(config.envCount * config.ppo.stepsPerRollout) / seconds
            m.meanReward = stats.meanReward
            m.successRate = state.successRate
            (m.enclosedRate, m.liftedRate) = stageRates
            m.nonFiniteResets = nonFiniteResets
            m.stats = stats
            (m.rolloutSeconds, m.worldSeconds, m.updateSeconds) = timing
            try metrics?.append(m)
            progress?.report(m, total: config.iterations)
            if state.iteration % config.checkpointEvery == 0 || state.iteration == config.iterations,
               let selection = try checkpoint(), let best = state.bestSuccess, let at = state.bestIteration {
                progress?.note(String(format: "checkpoint %d: selection success (\(config.selectionMeasure.rawValue)) %.1f %% on %d objects (best %.1f %% at %d)",
                                      state.iteration, 100 * selection, selectionAssets.count, 100 * best, at))
            }
        }
    }

    /// Sets the objects resets draw from for the next iteration (`config.sizeCurriculum`),
    /// noting when more enter.
    func applySizeCurriculum(progress: TrainingProgress?) throws {
        guard config.sizeCurriculum.isOn else { return }
        let pool = config.sizeCurriculum.pool(trainingAssets, iteration: state.iteration, iterations: config.iterations)
        guard pool != world.pool.indices else { return }
        try world.setObjectPool(pool)
        let largest = pool.map { trainingAssets[$0].boundingRadius }.max() ?? 0
        progress?.note(String(format: "size curriculum: %d of %d training objects (bounding radius up to %.3f m) from iteration %d",
                              pool.count, trainingAssets.count, largest, state.iteration + 1))
    }

    /// From `resdex.stageTwoStart` on, a ResDex hyper-policy's reward is ResDex's stage 2
    /// (no distance terms), noting the switch.
    func applyRewardStage(progress: TrainingProgress?) {
        guard config.algorithm.mixesBases, config.task.experimental.distanceTerms else { return }
        let stageTwo = state.iteration >= config.resdex.stageTwoStart(iterations: config.iterations)
        guard world.rewardTerms.distanceTerms == stageTwo else { return }
        world.setDistanceTerms(!stageTwo)
        if stageTwo { progress?.note("reward stage 2 (ResDex): goal, lift and success terms only, from iteration \(state.iteration + 1)") }
    }

    /// One rollout of `stepsPerRollout` steps on every env, then one update.
    func iterate() throws -> PPOUpdateStats {
        let obs = episodes.observations, actions = episodes.actions
        let stage = world.envs.pointer(.graspStage, as: UInt8.self)
        var finished = 0, succeeded = 0, enclosed = 0, lifted = 0, contained = 0
        let t0 = Date()
        var physicsSeconds = 0.0
        for _ in 0..<config.ppo.stepsPerRollout {
            agent.act(observations: obs, actions: actions)
            try checkFinite(actions, count: share.count * SceneLayout.actionCount, what: "the policy's actions")
            let p0 = Date()
            try episodes.step()
            physicsSeconds += Date().timeIntervalSince(p0)
            let truncated = episodes.truncated, success = episodes.success, broken = episodes.nonFinite
            for e in 0..<share.count {
                contained += Int(broken[e])
                enclosed += stage[e] >= 1 ? 1 : 0
                lifted += stage[e] >= 2 ? 1 : 0
                guard truncated[e] != 0 else { continue }
                finished += 1
                succeeded += Int(success[e])
            }
            agent.observe(rewards: episodes.rewards, terminated: episodes.terminated,
                          truncated: truncated, finalObservations: episodes.finalObservations)
        }
        let counts = communicator.allreduceSum([finished, succeeded, enclosed, lifted, contained].map(Double.init), what: "episode counts")
        (finished, succeeded, enclosed, lifted) = (Int(counts[0]), Int(counts[1]), Int(counts[2]), Int(counts[3]))
        nonFiniteResets = Int(counts[4])
        if finished > 0 { state.successRate = Float(succeeded) / Float(finished) }
        let samples = Float(config.envCount * config.ppo.stepsPerRollout)
        stageRates = (Float(enclosed) / samples, Float(lifted) / samples)
        state.episodesFinished += finished
        let t1 = Date()
        let stats = agent.update(nextObservations: obs)
        let l = stats.losses
        try checkFinite([l.surrogateLoss, l.valueLoss, l.approxKL, l.gradientNorm], count: 4, what: "the update's losses")
        try checkFinite(agent.networks.parameters.pointer, count: agent.networks.parameters.count, what: "the network's weights")
        timing = (t1.timeIntervalSince(t0), physicsSeconds, Date().timeIntervalSince(t1))
        return stats
    }

    /// Throws, naming this iteration and the last good checkpoint, when a value is NaN or infinite:
    /// the learner diverged (a broken env never gets here: the world contains it).
    private func checkFinite(_ values: UnsafePointer<Float>, count: Int, what: String) throws {
        guard !(0..<count).allSatisfy({ values[$0].isFinite }) else { return }
        let last = run.latestCheckpoint().map { "the last good checkpoint is \($0.path) (continue from it with --resume, e.g. after lowering ppo.learningRate in its config.json)" }
            ?? "no checkpoint was written yet"
        throw TrainingDiverged(description: "training diverged at iteration \(state.iteration + 1): \(what) are not finite (NaN or infinite); \(last)")
    }
}
