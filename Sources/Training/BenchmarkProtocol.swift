import Foundation

/// The ACPPO-vs-PPO benchmark protocol (docs/protocol.md): for each algorithm and seed, train
/// on the library's training split for a fixed env-step budget, evaluate deterministically on
/// the train, seen-category and unseen-category splits, and tabulate mean and spread over seeds
/// like the paper's Table I. Runs already evaluated are reused, so a protocol can be resumed.
public enum BenchmarkProtocol {
    /// One protocol size; `quick` fits about 20 minutes per run on a 2-core machine, `full`
    /// differs only in scale.
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

        public static let quick = Size(name: "quick", envSteps: 3_000_000, envCount: 256, episodesPerObject: 4, objectsPerSplit: 50)
        public static let full = Size(name: "full", envSteps: 200_000_000, envCount: 2048, episodesPerObject: 20, objectsPerSplit: 1000)

        public init(name: String, envSteps: Int, envCount: Int, episodesPerObject: Int, objectsPerSplit: Int) {
            (self.name, self.envSteps, self.envCount, self.episodesPerObject, self.objectsPerSplit) =
                (name, envSteps, envCount, episodesPerObject, objectsPerSplit)
        }
    }

    /// One trained and evaluated run.
    public struct RunResult: Codable, Sendable {
        public var algorithm: String
        public var seed: UInt64
        public var success: [String: Float]
        public var wallSeconds: Double
        public var envSteps: Int
    }

    /// Runs (or reuses) every algorithm x seed and writes table.md and results.json into `out`.
    public static func run(size: Size, algorithms: [TrainConfig.Algorithm], seeds: [UInt64], library: String?,
                           threads: Int, out: String, log: (String) -> Void) throws -> String {
        var results: [RunResult] = []
        for algorithm in algorithms {
            for seed in seeds {
                results.append(try runOne(size: size, algorithm: algorithm, seed: seed, library: library, threads: threads,
                                          folder: "\(out)/\(algorithm.rawValue)-seed\(seed)", log: log))
            }
        }
        let table = tabulate(results, size: size, library: library)
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try AtomicFile.write(Data(table.utf8), to: out + "/table.md")
        try AtomicFile.writeJSON(results, to: out + "/results.json")
        return table
    }

    static func runOne(size: Size, algorithm: TrainConfig.Algorithm, seed: UInt64, library: String?, threads: Int,
                       folder: String, log: (String) -> Void) throws -> RunResult {
        let run = RunDirectory(folder)
        var config = TrainConfig()
        config.algorithm = algorithm
        config.seed = seed
        config.library = library
        config.envCount = size.envCount
        config.threads = threads
        config.iterations = max(1, size.envSteps / (size.envCount * config.ppo.stepsPerRollout))
        config.evalEpisodesPerObject = size.episodesPerObject
        config.evalObjects = size.objectsPerSplit
        let evaluations: [Evaluator.Result]
        let trainer: Trainer
        if let data = FileManager.default.contents(atPath: run.evaluation.path),
           let saved = try? JSONDecoder().decode([Evaluator.Result].self, from: data) {
            log("\(folder): already evaluated, reusing")
            trainer = try Trainer(config: config, run: run, resume: true)
            evaluations = saved
        } else {
            let resume = run.latestCheckpoint() != nil
            log("\(folder): \(resume ? "resuming" : "training") \(algorithm.rawValue), seed \(seed), \(config.iterations) iterations")
            trainer = try Trainer(config: config, run: run, resume: resume)
            try trainer.train(progress: TrainingProgress(logFile: run.log))
            evaluations = try trainer.evaluateFinal()
        }
        return RunResult(algorithm: algorithm.rawValue, seed: seed,
                         success: Dictionary(uniqueKeysWithValues: evaluations.map { ($0.split, $0.successRate) }),
                         wallSeconds: trainer.state.wallSeconds, envSteps: trainer.state.envSteps)
    }

    /// The Table I style summary: per method, success per split as mean +- std over seeds (%),
    /// training wall time and env-steps/s.
    static func tabulate(_ results: [RunResult], size: Size, library: String?) -> String {
        func stats(_ values: [Double]) -> (Double, Double) {
            let mean = values.reduce(0, +) / Double(max(values.count, 1))
            let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(max(values.count - 1, 1))
            return (mean, variance.squareRoot())
        }
        var lines = ["# Benchmark protocol: \(size.name)", "",
                     "Objects: \(library ?? "built-in (one split: train = seen = unseen)"); \(size.envSteps) env steps per run, \(size.envCount) envs; evaluation: \(size.episodesPerObject) deterministic episodes per object, up to \(size.objectsPerSplit) objects per split. Success in %, mean +- std over seeds.", "",
                     "| method | seeds | train | seen category | unseen category | wall time (s) | env-steps/s |", "|---|---|---|---|---|---|---|"]
        let methods = results.map(\.algorithm).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        for method in methods {
            let runs = results.filter { $0.algorithm == method }
            func cell(_ split: String) -> String {
                let values = runs.compactMap { $0.success[split] }.map { 100 * Double($0) }
                guard !values.isEmpty else { return "n/a" }
                let (m, s) = stats(values)
                return String(format: "%.1f +- %.1f", m, s)
            }
            let (wall, _) = stats(runs.map(\.wallSeconds))
            let (sps, _) = stats(runs.map { Double($0.envSteps) / max($0.wallSeconds, 1e-9) })
            lines.append("| \(method) | \(runs.count) | \(cell("train")) | \(cell("seen")) | \(cell("unseen")) | \(String(format: "%.0f", wall)) | \(String(format: "%.0f", sps)) |")
        }
        lines += ["", "Training curves (Fig. 2 data): each run's metrics.csv; plot with `render-rollout curves`."]
        return lines.joined(separator: "\n") + "\n"
    }
}
