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

    /// Per k-means cluster of the training objects' shape codes (seeded by the run's seed), its
    /// members nearest the centre first: the first is the cluster's base object (as published);
    /// a cloned base falls back to the next ones when the scripted grasp lifts none.
    public static func clusters(config: TrainConfig) throws -> [[ObjectAsset]] {
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
        let result = KMeans.cluster(codes, k: config.resdex.baseCount, seed: config.seed)
        return result.centres.indices.map { c in
            let members = codes.indices.filter { result.assignment[$0] == c }
            let sorted = members.sorted { KMeans.squaredDistance(codes[$0], result.centres[c]) < KMeans.squaredDistance(codes[$1], result.centres[c]) }
            return sorted.map { assets[$0] }
        }
    }

    /// The objects the bases are trained on: per cluster, the member nearest its centre.
    public static func representatives(config: TrainConfig) throws -> [ObjectAsset] {
        try clusters(config: config).map { $0[0] }
    }

    /// Members of a cluster a cloned base tries: the nearest its centre, then the smallest.
    static let candidatesPerRule = 8

    /// The members of a cluster (`members`, nearest the centre first) a cloned base tries, in
    /// order: the `candidatesPerRule` nearest the centre, then as many of the rest, smallest
    /// bounding radius first (nearest first within a radius), because the scripted grasp lifts
    /// mostly small objects (docs/experiments/2026-11-21-scripted-grasp-by-object-size.md).
    static func cloneCandidates(_ members: [ObjectAsset]) -> [ObjectAsset] {
        let smallest = members.dropFirst(candidatesPerRule).enumerated().sorted {
            ($0.element.boundingRadius, $0.offset) < ($1.element.boundingRadius, $1.offset)
        }.prefix(candidatesPerRule)
        return Array(members.prefix(candidatesPerRule)) + smallest.map(\.element)
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
        let clusters = try clusters(config: config)
        return try clusters.enumerated().map { index, members in
            let object = members[0]
            let baseRun = runDirectory(index, config: config, run: run)
            let cloned = config.resdex.baseSource == .clone
            let iterations = cloned ? 0 : config.resdex.baseIterations
            let candidates = cloned ? cloneCandidates(members) : [object]
            if let done = try finished(baseRun, objects: candidates.map(\.name), index: index, iterations: iterations) {
                return done
            }
            guard config.resdex.basesFrom == nil else {
                throw ConfigFileError("resdex.basesFrom: base \(index) in \(baseRun.root.path) is not a finished \(cloned ? "clone" : "run of \(iterations) iterations") on '\(object.name)'")
            }
            if cloned {
                return try clone(candidates, index: index, of: clusters.count, config: config, run: baseRun,
                                 communicator: communicator, log: log)
            }
            let resume = baseRun.latestCheckpoint() != nil
            var baseConfig: TrainConfig
            if resume {
                baseConfig = try ConfigOverrides.resolve(file: baseRun.config.path)
            } else {
                let reference = try ReferenceGrasp.jointAngles(object: object, task: config.task, seed: config.seed)
                baseConfig = Self.baseConfig(config, object: object.name, reference: reference)
            }
            log("\(baseRun.root.path): \(resume ? "resuming" : "training") base policy \(index) of \(clusters.count) on '\(object.name)', \(baseConfig.iterations) iterations")
            let trainer = try Trainer(config: baseConfig, run: baseRun, resume: resume, communicator: communicator)
            try trainer.train(progress: communicator.isRoot ? TrainingProgress(logFile: baseRun.log) : nil)
            let evaluations = try trainer.evaluateFinal()
            return Base(index: index, object: object.name, envSteps: trainer.state.envSteps, evaluations: evaluations)
        }
    }

    /// Base `index` as a behaviour clone of the scripted grasp (`resdex.baseSource` clone) on the
    /// first of `candidates` (its cluster's members in `cloneCandidates` order) on which a
    /// scripted episode reaches the goal: `resdex.cloneEpisodes` demonstration episodes each (the
    /// default grasp and random variants of it, as `world-train clone --variants 8`), the fit,
    /// the clone's evaluation on the whole splits. Its checkpoint gets the counters of a run: the
    /// env steps of every object's demonstrations, the wall time, so that the budget counts them.
    static func clone(_ candidates: [ObjectAsset], index: Int, of count: Int, config: TrainConfig, run baseRun: RunDirectory,
                      communicator: Communicator, log: (String) -> Void) throws -> Base {
        guard communicator.size == 1 else {
            throw ConfigError("config: resdex.baseSource clone runs in one process (behaviour cloning is not data-parallel); got \(communicator.size) ranks")
        }
        let start = Date()
        var envSteps = 0
        for object in candidates {
            var cloneConfig = baseConfig(config, object: object.name, reference: [])
            cloneConfig.task.poseReward = 0
            cloneConfig.envCount = config.resdex.cloneEpisodes
            log("\(baseRun.root.path): cloning the scripted grasp on '\(object.name)' into base policy \(index) of \(count), \(cloneConfig.envCount) demonstration episodes")
            envSteps += cloneConfig.envCount * config.task.episodeLength
            let agent: PPOAgent, outcome: BehaviourCloning.Outcome
            do {
                (agent, outcome) = try BehaviourCloning.run(config: cloneConfig, objectName: object.name, variants: 8, epochs: 100,
                                                            learningRate: 1e-3, run: baseRun)
            } catch let error as BehaviourCloning.NothingToClone {
                log("\(baseRun.root.path): '\(object.name)': \(error); trying the cluster's next object")
                continue
            }
            var counters = TrainerState()
            counters.envSteps = envSteps
            counters.wallSeconds = Date().timeIntervalSince(start)
            try AtomicFile.write(try JSONEncoder().encode(counters), to: outcome.checkpoint.appendingPathComponent("trainer.json").path)
            let evaluations = try Evaluation.splits(agent: agent, config: cloneConfig, envCount: min(cloneConfig.envCount, 256),
                                                    checkpoint: "clone (\(outcome.kept) of \(outcome.episodes) scripted episodes kept)")
            try AtomicFile.writeJSON(evaluations, to: baseRun.evaluation.path)
            return Base(index: index, object: object.name, envSteps: counters.envSteps, evaluations: evaluations)
        }
        throw ConfigFileError("resdex base \(index): the scripted grasp reaches the goal on none of the \(candidates.count) objects of its cluster it tried (\(candidates.map(\.name).joined(separator: ", "))), so no base can be cloned; use resdex.baseSource ppo")
    }

    /// Base `index` when its run is finished (its latest checkpoint at `iterations` and its
    /// evaluation written), else nil; throws when the run trained an object not in `objects`.
    static func finished(_ baseRun: RunDirectory, objects: [String], index: Int, iterations: Int) throws -> Base? {
        guard let latest = baseRun.latestCheckpoint(), let counters = try? Trainer.counters(in: latest),
              counters.iteration >= iterations, let data = FileManager.default.contents(atPath: baseRun.evaluation.path) else { return nil }
        let config = try ConfigOverrides.resolve(file: baseRun.config.path)
        guard let trained = config.trainObjects, trained.count == 1, objects.contains(trained[0]) else {
            throw ConfigFileError("\(baseRun.config.path): base \(index) was trained on \(config.trainObjects ?? []), this run's cluster \(index) is '\(objects[0])' (another library, seed or baseCount?)")
        }
        let evaluations = (try? JSONDecoder().decode([Evaluator.Result].self, from: data)) ?? []
        return Base(index: index, object: trained[0], envSteps: counters.envSteps, evaluations: evaluations)
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

    /// PPO iterations of each base in a budget of `iterations` (of `config`'s envs and rollout
    /// length): PPO bases get a third together (ResDex's published scripts spend about that
    /// share on the bases), at least one each; cloned bases keep `resdex.baseIterations` (unused).
    public static func baseIterations(budget iterations: Int, config: TrainConfig) -> Int {
        config.resdex.baseSource == .ppo ? max(1, iterations / (3 * config.resdex.baseCount)) : config.resdex.baseIterations
    }

    /// The hyper-policy's iterations in a budget of `iterations` once the bases took
    /// `baseEnvSteps` env steps (their training or demonstrations, every cloning try included),
    /// `perIteration` env steps each: the rest, at least one.
    public static func hyperIterations(budget iterations: Int, baseEnvSteps: Int, perIteration: Int) -> Int {
        max(1, iterations - (baseEnvSteps + perIteration - 1) / perIteration)
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
