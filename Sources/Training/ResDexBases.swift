import DurableFiles
import Foundation
import Learning
import SimWorld

/// ResDex's first phase (docs/resdex.md): k-means on the training objects' shape codes, the
/// object nearest each centre, and one geometry-unaware PPO base policy per such object with a
/// pose term towards the scripted grasp's closed hand on it (`ReferenceGrasp`). Each base is an
/// ordinary run directory, bases/i inside the ResDex run (or inside `resdex.basesFrom`), so
/// the phase resumes base by base and every base has its own evaluation on the whole splits.
public enum ResDexBases {
    /// One trained base policy.
    public struct Base: Sendable {
        /// Its index (cluster).
        public var index: Int
        /// The object it was trained on.
        public var object: String
        /// Env steps its training took.
        public var envSteps: Int
        /// Its final evaluation (eval.json), when it has one.
        public var evaluations: [Evaluator.Result]
    }

    /// The folder of the bases of a ResDex run: bases/ inside `resdex.basesFrom`, or inside the run.
    public static func folder(config: TrainConfig, run: RunDirectory) -> URL {
        (config.resdex.basesFrom.map { URL(fileURLWithPath: $0) } ?? run.root).appendingPathComponent("bases")
    }

    /// The run directory of base `index`.
    static func runDirectory(_ index: Int, config: TrainConfig, run: RunDirectory) -> RunDirectory {
        RunDirectory(folder(config: config, run: run).appendingPathComponent(String(index)).path)
    }

    /// The objects the bases are trained on: per k-means cluster of the training objects' shape
    /// codes (seeded by the run's seed), the object nearest its centre.
    public static func representatives(config: TrainConfig) throws -> [ObjectAsset] {
        let assets = try ObjectSet.training(config: config)
        guard assets.count >= config.resdex.baseCount else {
            throw ConfigError("config: resdex.baseCount \(config.resdex.baseCount) exceeds the \(assets.count) training objects")
        }
        let codes = try assets.map { asset -> [Float] in
            guard let code = asset.shapeCode else {
                throw ConfigFileError("object '\(asset.name)' has no shape code, which ResDex clusters; fill them with `asset-import encode --library \(config.library ?? "DIR")`")
            }
            return code
        }
        return KMeans.cluster(codes, k: config.resdex.baseCount, seed: config.seed).representatives.map { assets[$0] }
    }

    /// The config of the base run on `object`: the ResDex run's settings with PPO, the
    /// geometry-unaware observation, that object alone, the pose term towards `reference`, and
    /// `resdex.baseIterations` iterations.
    static func baseConfig(_ config: TrainConfig, object: String, reference: [Float]) -> TrainConfig {
        var base = config
        base.algorithm = .ppo
        base.task.observationMode = .geometryUnaware
        base.task.poseReward = config.resdex.poseReward
        base.task.poseReference = reference
        base.trainObjects = [object]
        base.iterations = config.resdex.baseIterations
        base.resdex = TrainConfig.ResDexSettings()
        return base
    }

    /// Trains every base that is not finished (a base with checkpoints resumes), and returns
    /// them all. With `resdex.basesFrom` nothing is trained: the bases there must be finished.
    public static func train(config: TrainConfig, run: RunDirectory, communicator: Communicator = SingleProcess(),
                             log: (String) -> Void) throws -> [Base] {
        let objects = try representatives(config: config)
        return try objects.enumerated().map { index, object in
            let baseRun = runDirectory(index, config: config, run: run)
            let iterations = config.resdex.baseSource == .clone ? 0 : config.resdex.baseIterations
            if let done = try finished(baseRun, object: object.name, index: index, iterations: iterations) {
                return done
            }
            guard config.resdex.basesFrom == nil else {
                throw ConfigFileError("resdex.basesFrom: base \(index) in \(baseRun.root.path) is not a finished \(config.resdex.baseSource == .clone ? "clone" : "run of \(iterations) iterations") on '\(object.name)'")
            }
            if config.resdex.baseSource == .clone {
                return try clone(object, index: index, of: objects.count, config: config, run: baseRun, communicator: communicator, log: log)
            }
            let resume = baseRun.latestCheckpoint() != nil
            var baseConfig: TrainConfig
            if resume {
                baseConfig = try ConfigOverrides.resolve(file: baseRun.config.path)
            } else {
                let reference = try ReferenceGrasp.jointAngles(object: object, task: config.task, seed: config.seed)
                baseConfig = Self.baseConfig(config, object: object.name, reference: reference)
            }
            log("\(baseRun.root.path): \(resume ? "resuming" : "training") base policy \(index) of \(objects.count) on '\(object.name)', \(baseConfig.iterations) iterations")
            let trainer = try Trainer(config: baseConfig, run: baseRun, resume: resume, communicator: communicator)
            try trainer.train(progress: communicator.isRoot ? TrainingProgress(logFile: baseRun.log) : nil)
            let evaluations = try trainer.evaluateFinal()
            return Base(index: index, object: object.name, envSteps: trainer.state.envSteps, evaluations: evaluations)
        }
    }

    /// Base `index` as a behaviour clone of the scripted grasp on `object` (`resdex.baseSource`
    /// clone): `resdex.cloneEpisodes` demonstration episodes (the default grasp and random
    /// variants of it, as `world-train clone --variants 8`), the fit, the clone's evaluation on
    /// the whole splits; its checkpoint gets the counters of a run (the demonstrations' env
    /// steps, the wall time) so that the budget counts it.
    static func clone(_ object: ObjectAsset, index: Int, of count: Int, config: TrainConfig, run baseRun: RunDirectory,
                      communicator: Communicator, log: (String) -> Void) throws -> Base {
        guard communicator.size == 1 else {
            throw ConfigError("config: resdex.baseSource clone runs in one process (behaviour cloning is not data-parallel); got \(communicator.size) ranks")
        }
        var cloneConfig = baseConfig(config, object: object.name, reference: [])
        cloneConfig.task.poseReward = 0
        cloneConfig.envCount = config.resdex.cloneEpisodes
        log("\(baseRun.root.path): cloning the scripted grasp on '\(object.name)' into base policy \(index) of \(count), \(cloneConfig.envCount) demonstration episodes")
        let start = Date()
        let (agent, outcome) = try BehaviourCloning.run(config: cloneConfig, objectName: object.name, variants: 8, epochs: 100, learningRate: 1e-3, run: baseRun)
        var counters = TrainerState()
        counters.envSteps = outcome.episodes * config.task.episodeLength
        counters.wallSeconds = Date().timeIntervalSince(start)
        try AtomicFile.write(try JSONEncoder().encode(counters), to: outcome.checkpoint.appendingPathComponent("trainer.json").path)
        let evaluations = try Evaluation.splits(agent: agent, config: cloneConfig, envCount: min(cloneConfig.envCount, 256),
                                                checkpoint: "clone (\(outcome.kept) of \(outcome.episodes) scripted episodes kept)")
        try AtomicFile.writeJSON(evaluations, to: baseRun.evaluation.path)
        return Base(index: index, object: object.name, envSteps: counters.envSteps, evaluations: evaluations)
    }

    /// Base `index` when its run is finished (its latest checkpoint at `iterations` and its
    /// evaluation written), else nil; throws when the run trained another object.
    static func finished(_ baseRun: RunDirectory, object: String, index: Int, iterations: Int) throws -> Base? {
        guard let latest = baseRun.latestCheckpoint(), let counters = try? Trainer.counters(in: latest),
              counters.iteration >= iterations, let data = FileManager.default.contents(atPath: baseRun.evaluation.path) else { return nil }
        let config = try ConfigOverrides.resolve(file: baseRun.config.path)
        guard config.trainObjects == [object] else {
            throw ConfigFileError("\(baseRun.config.path): base \(index) was trained on \(config.trainObjects ?? []), this run's cluster \(index) is '\(object)' (another library, seed or baseCount?)")
        }
        let evaluations = (try? JSONDecoder().decode([Evaluator.Result].self, from: data)) ?? []
        return Base(index: index, object: object, envSteps: counters.envSteps, evaluations: evaluations)
    }

    /// Env steps and wall seconds the bases of a ResDex run took (their latest checkpoints;
    /// zero for a base without one).
    public static func spent(config: TrainConfig, run: RunDirectory) -> (envSteps: Int, wallSeconds: Double) {
        (0..<config.resdex.baseCount).reduce((0, 0)) { total, index in
            guard let latest = runDirectory(index, config: config, run: run).latestCheckpoint(),
                  let counters = try? Trainer.counters(in: latest) else { return total }
            return (total.0 + counters.envSteps, total.1 + counters.wallSeconds)
        }
    }

    /// Splits a budget of `iterations` PPO iterations (of `config`'s envs and rollout length)
    /// between the bases and the hyper-policy: PPO bases get a third together (ResDex's
    /// published scripts spend about that share on the bases), at least one iteration each;
    /// cloned bases take their demonstrations' env steps, and the hyper-policy the rest.
    public static func budget(iterations: Int, config: TrainConfig) -> (base: Int, hyper: Int) {
        let k = config.resdex.baseCount
        guard config.resdex.baseSource == .ppo else {
            let perIteration = config.envCount * config.ppo.stepsPerRollout
            let demonstrations = k * config.resdex.cloneEpisodes * config.task.episodeLength
            return (config.resdex.baseIterations, max(1, iterations - (demonstrations + perIteration - 1) / perIteration))
        }
        let base = max(1, iterations / (3 * k))
        return (base, max(1, iterations - base * k))
    }

    /// The mixture of the trained bases (each run's best checkpoint, else its latest) for a
    /// hyper-policy whose observation has `layout`.
    static func mixture(config: TrainConfig, run: RunDirectory, layout: ObservationLayout) throws -> BaseMixture {
        let bases = try (0..<config.resdex.baseCount).map { index -> PPOAgent in
            let baseRun = runDirectory(index, config: config, run: run)
            let folder = FileManager.default.fileExists(atPath: baseRun.best.path) ? baseRun.best : baseRun.latestCheckpoint()
            guard let folder else {
                throw ConfigFileError("\(baseRun.root.path): base policy \(index) has no checkpoint; train the bases first (world-train trains them as a ResDex run's first phase)")
            }
            return try PPOAgent.loadCheckpoint(from: folder)
        }
        return try BaseMixture(bases: bases, inputIndices: inputIndices(layout), observationDim: layout.count,
                               residual: config.resdex.residual, actionDim: SceneLayout.actionCount)
    }

    /// Features of the full observation `layout` that make the geometry-unaware one, in its order.
    public static func inputIndices(_ layout: ObservationLayout) -> [Int] {
        ObservationLayout(.geometryUnaware).groups.flatMap { group in Array(layout.range(group.name)!) }
    }
}
