import DurableFiles
import Foundation

/// The ACPPO-vs-PPO benchmark protocol (docs/protocol.md): for each algorithm and seed, train
/// on the library's training split for a fixed env-step budget, evaluate deterministically on
/// the train, seen-category and unseen-category splits, and tabulate mean and spread over seeds
/// like the paper's Table I. Runs already evaluated are reused, so a protocol can be resumed.
public enum BenchmarkProtocol {
    /// One protocol size; `quick` fits about 20 minutes per run on a 2-core machine, `medium`
    /// (2,000 iterations, where the first library successes came at wrist std 0.05;
    /// docs/experiments/2026-11-22-hand-sized-objects-medium.md) 1 to 2 hours,
    /// `full` is for bigger machines; they differ only in scale.
    public struct Size: Sendable, Equatable {
        public var name: String
        /// Training budget, env steps.
        public var envSteps: Int
        /// Parallel training envs.
        public var envCount: Int
        /// Deterministic episodes per evaluated object.
        public var episodesPerObject: Int
        /// Objects evaluated per split (spread evenly over the split).
        public var objectsPerSplit: Int
        /// Scripted demonstration episodes of a clone baseline (one per env; the successful ones are fitted).
        public var cloneEpisodes: Int
        /// Passes of the clone baseline's fit over its demonstrations.
        public var cloneEpochs: Int

        public static let quick = Size(name: "quick", envSteps: 3_000_000, envCount: 256, episodesPerObject: 4, objectsPerSplit: 50,
                                       cloneEpisodes: 2048, cloneEpochs: 100)
        public static let medium = Size(name: "medium", envSteps: 8_192_000, envCount: 256, episodesPerObject: 4, objectsPerSplit: 50,
                                        cloneEpisodes: 2048, cloneEpochs: 100)
        public static let full = Size(name: "full", envSteps: 200_000_000, envCount: 2048, episodesPerObject: 20, objectsPerSplit: 1000,
                                      cloneEpisodes: 16384, cloneEpochs: 100)
        /// Every named size, smallest first.
        public static let all = [quick, medium, full]

        public init(name: String, envSteps: Int, envCount: Int, episodesPerObject: Int, objectsPerSplit: Int,
                    cloneEpisodes: Int = 64, cloneEpochs: Int = 100) {
            (self.name, self.envSteps, self.envCount, self.episodesPerObject, self.objectsPerSplit) =
                (name, envSteps, envCount, episodesPerObject, objectsPerSplit)
            (self.cloneEpisodes, self.cloneEpochs) = (cloneEpisodes, cloneEpochs)
        }
    }

    /// One trained and evaluated run.
    public struct RunResult: Codable, Sendable {
        public var algorithm: String
        public var seed: UInt64
        public var success: [String: Float]
        public var wallSeconds: Double
        public var envSteps: Int
        /// Per split: fraction of evaluation episodes that held the object lifted at some step
        /// (`Evaluator.Result.liftedRate`); nil for runs evaluated before it was measured.
        public var lifted: [String: Float]?
        /// Per split: mean peak rise of the object, metres (`Evaluator.Result.peakLift`); nil as above.
        public var peakLift: [String: Float]?
        /// Per split: mean closest approach of the object to the goal, metres
        /// (`Evaluator.Result.closestGoal`); nil as above.
        public var closestGoal: [String: Float]?
        /// Per split: held success (`Evaluator.Result.heldRate`); nil as above.
        public var held: [String: Float]?
        /// Per split, per size bin (`SizeBins.labels`): reached success; nil as above.
        public var reachedBySize: [String: [String: Float]]?
        /// Per split, per size bin: held success; nil as above.
        public var heldBySize: [String: [String: Float]]?

        init(algorithm: String, seed: UInt64, evaluations: [Evaluator.Result], wallSeconds: Double, envSteps: Int) {
            (self.algorithm, self.seed, self.wallSeconds, self.envSteps) = (algorithm, seed, wallSeconds, envSteps)
            success = Dictionary(uniqueKeysWithValues: evaluations.map { ($0.split, $0.successRate) })
            let lifted = evaluations.compactMap { r in r.liftedRate.map { (r.split, $0) } }
            let peaks = evaluations.compactMap { r in r.peakLift.map { (r.split, $0) } }
            self.lifted = lifted.isEmpty ? nil : Dictionary(uniqueKeysWithValues: lifted)
            self.peakLift = peaks.isEmpty ? nil : Dictionary(uniqueKeysWithValues: peaks)
            let closest = evaluations.compactMap { r in r.closestGoal.map { (r.split, $0) } }
            closestGoal = closest.isEmpty ? nil : Dictionary(uniqueKeysWithValues: closest)
            let held = evaluations.compactMap { r in r.heldRate.map { (r.split, $0) } }
            self.held = held.isEmpty ? nil : Dictionary(uniqueKeysWithValues: held)
            let sized = evaluations.filter { $0.perObjectRadius != nil }
            if !sized.isEmpty {
                reachedBySize = Dictionary(uniqueKeysWithValues: sized.map { ($0.split, SizeBins.means($0.perObject, radii: $0.perObjectRadius!)) })
                heldBySize = Dictionary(uniqueKeysWithValues: sized.compactMap { r in
                    r.perObjectHeld.map { (r.split, SizeBins.means($0, radii: r.perObjectRadius!)) }
                })
            }
        }
    }

    /// Runs (or reuses) every algorithm x seed, and a behaviour-clone baseline per actor shape
    /// in `clones` x seed (rows "clone-ppo", "clone-acppo": the scripted grasp cloned into that
    /// learner's actor, no RL), and writes table.md and results.json into `out`.
    /// `reevaluate` runs the final evaluation of the asked-for trained runs that are already
    /// evaluated again (to add graded measures measured since; same checkpoint, same episodes).
    /// In a data-parallel job every rank calls it: the trained runs are data-parallel, the clone
    /// baselines (one process) and the files are rank 0's; the table is returned on rank 0.
    public static func run(size: Size, algorithms: [TrainConfig.Algorithm], clones: [TrainConfig.Algorithm] = [],
                           seeds: [UInt64], library: String?, base: TrainConfig = TrainConfig(), settings: [String] = [],
                           threads: Int, reevaluate: Bool = false, out: String, communicator: Communicator = SingleProcess(),
                           log: (String) -> Void) throws -> String {
        var results: [RunResult] = []
        for algorithm in algorithms {
            for seed in seeds {
                results.append(try runOne(size: size, algorithm: algorithm, seed: seed, library: library, base: base, threads: threads,
                                          reevaluate: reevaluate, folder: runFolder(out, algorithm, seed), communicator: communicator, log: log))
            }
        }
        guard communicator.isRoot else { return "" }
        for algorithm in clones {
            for seed in seeds {
                results.append(try runClone(size: size, algorithm: algorithm, seed: seed, library: library, base: base, threads: threads,
                                            folder: cloneFolder(out, algorithm, seed), log: log))
            }
        }
        results += try finishedElsewhere(in: out, except: algorithms, clones: clones, seeds: seeds, log: log)
        return try writeTable(results, size: size, library: library, settings: settings, out: out)
    }

    /// One cell of the protocol's table: a trained learner, or a clone baseline, and a seed.
    public struct Cell: Equatable, Sendable {
        public var algorithm: TrainConfig.Algorithm
        public var clone: Bool
        public var seed: UInt64

        /// Parses "acppo:3" or "clone-ppo:1".
        public init(_ text: String) throws {
            let parts = text.split(separator: ":")
            let name = parts.first.map(String.init) ?? ""
            let clone = name.hasPrefix("clone-")
            guard parts.count == 2, let algorithm = TrainConfig.Algorithm(rawValue: clone ? String(name.dropFirst(6)) : name),
                  let seed = UInt64(parts[1]) else {
                throw ConfigError("--only: '\(text)' is not METHOD:SEED (methods: \(TrainConfig.Algorithm.allCases.map(\.rawValue).joined(separator: ", ")), or clone-<method>)")
            }
            (self.algorithm, self.clone, self.seed) = (algorithm, clone, seed)
        }
    }

    /// Runs just `cells` (each trained, resumed or reused as by `run`), then writes the table of
    /// every cell finished in `out` so far: what a cluster's job array runs, one cell per task.
    /// An empty `cells` only assembles the table.
    public static func runCells(_ cells: [Cell], size: Size, library: String?, base: TrainConfig = TrainConfig(), settings: [String] = [],
                                threads: Int, reevaluate: Bool = false, out: String, communicator: Communicator = SingleProcess(),
                                log: (String) -> Void) throws -> String {
        for cell in cells where !cell.clone {
            _ = try runOne(size: size, algorithm: cell.algorithm, seed: cell.seed, library: library, base: base, threads: threads,
                           reevaluate: reevaluate, folder: runFolder(out, cell.algorithm, cell.seed), communicator: communicator, log: log)
        }
        guard communicator.isRoot else { return "" }
        for cell in cells where cell.clone {
            _ = try runClone(size: size, algorithm: cell.algorithm, seed: cell.seed, library: library, base: base, threads: threads,
                             folder: cloneFolder(out, cell.algorithm, cell.seed), log: log)
        }
        return try writeTable(try finishedCells(in: out), size: size, library: library, settings: settings, out: out)
    }

    /// Every evaluated run and clone baseline in `out`, found by its folder name, in method then seed order.
    static func finishedCells(in out: String) throws -> [RunResult] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []
        var found: [RunResult] = []
        for clone in [false, true] {
            for algorithm in TrainConfig.Algorithm.allCases {
                let prefix = (clone ? "clone-" : "") + algorithm.rawValue + "-seed"
                let seeds = names.compactMap { $0.hasPrefix(prefix) ? UInt64($0.dropFirst(prefix.count)) : nil }.sorted()
                for seed in seeds {
                    let saved = clone ? finishedClone(cloneFolder(out, algorithm, seed))
                                      : try finishedRun(runFolder(out, algorithm, seed), algorithm: algorithm, seed: seed)
                    if let saved { found.append(saved) }
                }
            }
        }
        return found
    }

    /// Writes table.md and results.json of `results` into `out`; returns the table.
    private static func writeTable(_ results: [RunResult], size: Size, library: String?, settings: [String], out: String) throws -> String {
        let table = tabulate(results, size: size, library: library, settings: settings)
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try AtomicFile.write(Data(table.utf8), to: out + "/table.md")
        try AtomicFile.writeJSON(results, to: out + "/results.json")
        return table
    }

    /// The evaluated runs already in `out` for `seeds` of the learners and clone shapes not asked
    /// for, so that two protocol commands run side by side into one folder (`--algos ppo`,
    /// `--algos acppo`) each leave a table of both; unfinished ones are left out.
    static func finishedElsewhere(in out: String, except algorithms: [TrainConfig.Algorithm], clones: [TrainConfig.Algorithm],
                                  seeds: [UInt64], log: (String) -> Void) throws -> [RunResult] {
        var found: [RunResult] = []
        for algorithm in TrainConfig.Algorithm.allCases where !algorithms.contains(algorithm) {
            for seed in seeds {
                let folder = runFolder(out, algorithm, seed)
                guard let saved = try finishedRun(folder, algorithm: algorithm, seed: seed) else { continue }
                log("\(folder): evaluated earlier, added to the table")
                found.append(saved)
            }
        }
        for algorithm in TrainConfig.Algorithm.allCases where !clones.contains(algorithm) {
            for seed in seeds {
                let folder = cloneFolder(out, algorithm, seed)
                guard let saved = finishedClone(folder) else { continue }
                log("\(folder): evaluated earlier, added to the table")
                found.append(saved)
            }
        }
        return found
    }

    /// A trained run's folder in the protocol's output folder.
    static func runFolder(_ out: String, _ algorithm: TrainConfig.Algorithm, _ seed: UInt64) -> String {
        "\(out)/\(algorithm.rawValue)-seed\(seed)"
    }

    /// A behaviour-clone baseline's folder in the protocol's output folder.
    static func cloneFolder(_ out: String, _ algorithm: TrainConfig.Algorithm, _ seed: UInt64) -> String {
        "\(out)/clone-\(algorithm.rawValue)-seed\(seed)"
    }

    /// The file in a clone baseline's folder that records its result.
    static func cloneRecord(_ folder: String) -> String { folder + "/result.json" }

    /// A trained run's result, when it has been evaluated. It is only read (its final evaluation
    /// and counters), so one made by an older version whose defaults differ is still tabulated.
    static func finishedRun(_ folder: String, algorithm: TrainConfig.Algorithm, seed: UInt64) throws -> RunResult? {
        let run = RunDirectory(folder)
        guard let data = FileManager.default.contents(atPath: run.evaluation.path),
              let evaluations = try? JSONDecoder().decode([Evaluator.Result].self, from: data),
              let latest = run.latestCheckpoint() else { return nil }
        let counters = try Trainer.counters(in: latest)
        var bases = (envSteps: 0, wallSeconds: 0.0)
        if algorithm.mixesBases { bases = ResDexBases.spent(config: try ConfigOverrides.resolve(file: run.config.path), run: run) }
        return RunResult(algorithm: algorithm.rawValue, seed: seed, evaluations: evaluations,
                         wallSeconds: counters.wallSeconds + bases.wallSeconds, envSteps: counters.envSteps + bases.envSteps)
    }

    /// A clone baseline's recorded result, when it has one.
    static func finishedClone(_ folder: String) -> RunResult? {
        guard let data = FileManager.default.contents(atPath: cloneRecord(folder)) else { return nil }
        return try? JSONDecoder().decode(RunResult.self, from: data)
    }

    /// The config every protocol row starts from: learner, seed, objects, envs, threads, evaluation.
    static func baseConfig(size: Size, algorithm: TrainConfig.Algorithm, seed: UInt64, library: String?, base: TrainConfig,
                           envCount: Int, threads: Int) -> TrainConfig {
        var config = base
        config.algorithm = algorithm
        config.seed = seed
        config.library = library
        config.envCount = envCount
        config.threads = threads
        config.evalEpisodesPerObject = size.episodesPerObject
        config.evalObjects = size.objectsPerSplit
        return config
    }

    /// Trains one learner x seed (or resumes it, or reuses it when evaluated) and evaluates it.
    static func runOne(size: Size, algorithm: TrainConfig.Algorithm, seed: UInt64, library: String?, base: TrainConfig, threads: Int,
                       reevaluate: Bool = false, folder: String, communicator: Communicator = SingleProcess(),
                       log: (String) -> Void) throws -> RunResult {
        let run = RunDirectory(folder)
        if let saved = try finishedRun(folder, algorithm: algorithm, seed: seed) {
            guard reevaluate else {
                log("\(folder): already evaluated, reusing")
                return saved
            }
            log("\(folder): already evaluated, evaluating its best checkpoint again")
            let trainer = try Trainer(config: try ConfigOverrides.resolve(file: run.config.path), run: run, resume: true,
                                      communicator: communicator)
            return RunResult(algorithm: algorithm.rawValue, seed: seed, evaluations: try trainer.evaluateFinal(),
                             wallSeconds: saved.wallSeconds, envSteps: saved.envSteps)
        }
        var config = baseConfig(size: size, algorithm: algorithm, seed: seed, library: library, base: base, envCount: size.envCount, threads: threads)
        let perIteration = size.envCount * config.ppo.stepsPerRollout
        let budget = max(1, size.envSteps / perIteration)
        config.iterations = budget
        if algorithm.mixesBases { config.resdex.baseIterations = ResDexBases.baseIterations(budget: budget, config: config) }
        let resume = run.latestCheckpoint() != nil || (algorithm.mixesBases && FileManager.default.fileExists(atPath: run.config.path))
        if resume {
            // as `world-train --resume`: the run continues under the config it was started
            // with (threads included: OpenBLAS's split of the work moves the last bits), to this size's budget
            config = try ConfigOverrides.resolve(file: run.config.path)
            config.iterations = budget
        }
        var bases: [ResDexBases.Base]?
        var spent = (envSteps: 0, wallSeconds: 0.0)
        if algorithm.mixesBases {
            // the bases' env steps count in the budget: make them first (finished ones are
            // reused), then the hyper-policy gets what they left
            bases = try ResDexBases.train(config: config, run: run, communicator: communicator, log: log)
            spent = ResDexBases.spent(config: config, run: run)
            config.iterations = ResDexBases.hyperIterations(budget: budget, baseEnvSteps: spent.envSteps, perIteration: perIteration)
        }
        log("\(folder): \(resume ? "resuming (its own config.json)" : "training") \(algorithm.rawValue), seed \(seed), \(config.iterations) iterations")
        let trainer = try Trainer.prepare(config: config, run: run, resume: resume, bases: bases, communicator: communicator, log: log)
        try trainer.train(progress: communicator.isRoot ? TrainingProgress(logFile: run.log) : nil)
        let evaluations = try trainer.evaluateFinal()
        return RunResult(algorithm: algorithm.rawValue, seed: seed, evaluations: evaluations,
                         wallSeconds: trainer.state.wallSeconds + spent.wallSeconds, envSteps: trainer.state.envSteps + spent.envSteps)
    }

    /// A behaviour-clone baseline: scripted demonstrations on the training split cloned into the
    /// learner's actor (`BehaviourCloning`), then the same evaluation as a trained run. Its wall
    /// time covers demonstrations, fit and nothing else; its env steps are the demonstrations'.
    static func runClone(size: Size, algorithm: TrainConfig.Algorithm, seed: UInt64, library: String?, base: TrainConfig, threads: Int,
                         folder: String, log: (String) -> Void) throws -> RunResult {
        let record = cloneRecord(folder)
        if let saved = finishedClone(folder) {
            log("\(folder): already evaluated, reusing")
            return saved
        }
        let config = baseConfig(size: size, algorithm: algorithm, seed: seed, library: library, base: base, envCount: size.cloneEpisodes, threads: threads)
        log("\(folder): cloning the scripted grasp into the \(algorithm.rawValue) actor, seed \(seed), \(size.cloneEpisodes) demonstration episodes")
        let run = RunDirectory(folder)
        let start = Date()
        let (agent, outcome) = try BehaviourCloning.run(config: config, objectName: nil, epochs: size.cloneEpochs, learningRate: 1e-3, run: run)
        let wall = Date().timeIntervalSince(start)
        // one batch of at most 256 envs per split, as for a trained run
        let evaluations = try Evaluation.splits(agent: agent, config: config, envCount: 256,
                                                checkpoint: "checkpoints/clone (kept \(outcome.kept) of \(outcome.episodes) scripted episodes)")
        try AtomicFile.writeJSON(evaluations, to: run.evaluation.path)
        let result = RunResult(algorithm: "clone-\(algorithm.rawValue)", seed: seed, evaluations: evaluations,
                               wallSeconds: wall, envSteps: outcome.episodes * config.task.episodeLength)
        try AtomicFile.writeJSON(result, to: record)
        return result
    }

    /// The Table I style summary: per method, reached success per split as the interquartile
    /// mean over seeds with its 95 % bootstrap interval (and mean +- std), held success per split
    /// (IQM), training wall time and env-steps/s, the graded measures per split (means over
    /// seeds), and the probability that each learner beats PPO, with its interval.
    static func tabulate(_ results: [RunResult], size: Size, library: String?, settings: [String] = []) -> String {
        let splits = ["train", "seen", "unseen"]
        var lines = ["# Benchmark protocol: \(size.name)", "",
                     "Objects: \(library ?? "built-in (one split: train = seen = unseen)"); \(size.envSteps) env steps per run, \(size.envCount) envs; evaluation: \(size.episodesPerObject) deterministic episodes per object, up to \(size.objectsPerSplit) objects per split. Success in %: reached (the object within 5 cm of the goal at some step, as published) as the interquartile mean over seeds [95 % bootstrap interval]; mean +- std; held (within 5 cm at the episode's last step, lifted) as the IQM.", "",
                     "| method | seeds | train | seen category | unseen category | held % (train / seen / unseen) | wall time (s) | env-steps/s | lifted % (train / seen / unseen) | peak rise cm (train / seen / unseen) | closest to goal cm (train / seen / unseen) |",
                     "|---|---|---|---|---|---|---|---|---|---|---|"]
        if !settings.isEmpty {
            lines.insert("Settings beyond the defaults, in every run: " + settings.map { "`\($0)`" }.joined(separator: ", ") + ".", at: 4)
            lines.insert("", at: 5)
        }
        let methods = results.map(\.algorithm).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        /// Per seed of `method`, `value`'s entry for `split`, in %.
        func scores(_ method: String, _ split: String, _ value: (RunResult) -> [String: Float]?) -> [Double] {
            results.filter { $0.algorithm == method }.compactMap { value($0)?[split] }.map { 100 * Double($0) }
        }
        for method in methods {
            let runs = results.filter { $0.algorithm == method }
            func cell(_ split: String) -> String {
                SeedStatistics.summary(scores(method, split, \.success))
            }
            /// Mean over the seeds that measured it of a graded value per split, x `scale`, joined.
            func graded(_ value: (RunResult) -> [String: Float]?, scale: Double) -> String {
                splits.map { split in
                    let values = runs.compactMap { value($0)?[split] }.map { scale * Double($0) }
                    return values.isEmpty ? "n/a" : String(format: "%.1f", SeedStatistics.meanAndStd(values).mean)
                }.joined(separator: " / ")
            }
            let held = splits.map { split -> String in
                let values = scores(method, split, \.held)
                return values.isEmpty ? "n/a" : String(format: "%.1f", SeedStatistics.iqm(values))
            }.joined(separator: " / ")
            let (wall, _) = SeedStatistics.meanAndStd(runs.map(\.wallSeconds))
            let (sps, _) = SeedStatistics.meanAndStd(runs.map { Double($0.envSteps) / max($0.wallSeconds, 1e-9) })
            lines.append("| \(method) | \(runs.count) | \(cell("train")) | \(cell("seen")) | \(cell("unseen")) | \(held) | \(String(format: "%.0f", wall)) | \(String(format: "%.0f", sps)) | "
                         + "\(graded(\.lifted, scale: 100)) | \(graded(\.peakLift, scale: 100)) | \(graded(\.closestGoal, scale: 100)) |")
        }
        // every learner against PPO, and the chunked ResDex against ResDex
        var pairs = methods.filter { $0 != "ppo" && !$0.hasPrefix("clone-") && methods.contains("ppo") }.map { ($0, "ppo") }
        if methods.contains("resdex-acppo") && methods.contains("resdex") { pairs.append(("resdex-acppo", "resdex")) }
        for (method, baseline) in pairs {
            let measures: [(String, (RunResult) -> [String: Float]?)] = [("reached", { $0.success }), ("held", { $0.held })]
            for (name, value) in measures {
                let cells = splits.compactMap { split -> String? in
                    let x = scores(method, split, value), y = scores(baseline, split, value)
                    guard !x.isEmpty, !y.isEmpty else { return nil }
                    return split + " " + SeedStatistics.improvement(x, y)
                }
                guard !cells.isEmpty else { continue }
                lines += ["", "P(\(method) > \(baseline)), \(name) success, per split [95 % bootstrap interval]: " + cells.joined(separator: "; ")]
            }
        }
        if results.contains(where: { $0.reachedBySize != nil }) {
            lines += ["", "Success % by object size (bounding radius bins around DexGraspNet's scales), reached / held, IQM over seeds:", "",
                      "| size | method | train | seen category | unseen category |", "|---|---|---|---|---|"]
            for label in SizeBins.labels {
                for method in methods {
                    let cells = splits.map { split -> String in
                        let r = results.filter { $0.algorithm == method }.compactMap { $0.reachedBySize?[split]?[label] }.map { 100 * Double($0) }
                        let h = results.filter { $0.algorithm == method }.compactMap { $0.heldBySize?[split]?[label] }.map { 100 * Double($0) }
                        guard !r.isEmpty else { return "-" }
                        return String(format: "%.1f", SeedStatistics.iqm(r)) + (h.isEmpty ? "" : String(format: " / %.1f", SeedStatistics.iqm(h)))
                    }
                    guard cells.contains(where: { $0 != "-" }) else { continue }
                    lines.append("| \(label) | \(method) | " + cells.joined(separator: " | ") + " |")
                }
            }
        }
        if results.contains(where: { $0.algorithm.hasPrefix("clone-") }) {
            lines += ["", "clone-* rows: the scripted grasp cloned into that learner's actor (behaviour cloning of the successful episodes among \(size.cloneEpisodes) scripted demonstration episodes, \(size.cloneEpochs) epochs), no RL; their wall time is demonstrations plus fit and their env steps are the demonstrations'."]
        }
        lines += ["", "Lifted: evaluation episodes in which the hand held the object at least the lift threshold up at some step; peak rise: how high the object's centre got above where it was placed (the goal is about 25 cm up); closest to goal: how near the object's centre came to the goal (success: within 5 cm); each per object, then over objects, then over seeds; n/a for runs evaluated before they were measured (`--reevaluate` measures them)."]
        lines += ["", "Training curves (Fig. 2 data): each run's metrics.csv; plot with `render-rollout curves`."]
        return lines.joined(separator: "\n") + "\n"
    }
}
