import ArgumentParser
import Foundation
import RolloutViews
import Training

/// Trains a run (the default subcommand).
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Train a policy (no arguments: the default ACPPO run on the built-in objects, 3.69M env steps, about 16 min on 2 cores).")

    @Option(name: .customLong("algo"), help: "ppo, acppo, acppo-naive, resdex or resdex-acppo (docs/resdex.md).")
    var algorithm: TrainConfig.Algorithm?
    @Option(name: .customLong("chunk"), help: "Chunk length h for acppo (paper: 2).")
    var chunkLength: Int?
    @Option(name: .customLong("envs"), help: "Parallel envs.")
    var envCount: Int?
    @Option(help: "Worker threads (physics and BLAS) of each process (default 2; 1 per rank under mpirun).")
    var threads: Int?
    @Option(help: "Training iterations (each: ppo.stepsPerRollout steps on every env, then an update).")
    var iterations: Int?
    @Option(name: .customLong("env-steps"), help: "Train for this many env steps instead of --iterations.")
    var envSteps: Int?
    @Option(help: "Seed of world and learner.")
    var seed: UInt64?
    @Option(help: "Object library folder (asset-import generate); default: the built-in objects.")
    var library: String?
    @Option(help: "Observation groups: full or geometry-unaware.")
    var observations: String?
    @Option(help: "JSON config file (any subset of config.json's keys).")
    var config: String?
    @Option(name: .customLong("set"), help: "Override one config value: key.path=value (repeatable), e.g. ppo.learningRate=1e-4.")
    var overrides: [String] = []
    @Option(help: "Run directory (default: runs/<algo>-seed<seed>).")
    var out: String?
    @Option(help: "Continue the run in this directory from its latest checkpoint under its own config.json (--iterations or --env-steps may extend it, --keep-last change its retention; options that would change the run are refused).")
    var resume: String?
    @Option(name: .customLong("keep-last"), help: "Keep only the K newest checkpoints/iter_N folders (checkpoints/best is kept too); default: all.")
    var keepLast: Int?
    @Flag(inversion: .prefixedNo, help: "End with pictures in <run>/pictures: training curves and a rollout sheet of the best policy beside the scripted grasp.")
    var pictures = true

    func run() throws {
        let directory: String
        var cfg: TrainConfig
        if let resume {
            try refuseChangesOnResume()
            directory = resume
            cfg = try ConfigOverrides.resolve(file: RunDirectory(resume).config.path)
            if let iterations { cfg.iterations = iterations }
            if let envSteps { cfg.iterations = (envSteps + cfg.envCount * cfg.ppo.stepsPerRollout - 1) / (cfg.envCount * cfg.ppo.stepsPerRollout) }
            if let keepLast { cfg.keepCheckpoints = keepLast }
        } else {
            cfg = try ConfigOverrides.resolve(file: config, overrides: overrides)
            if let algorithm { cfg.algorithm = algorithm }
            if let chunkLength { cfg.chunkLength = chunkLength }
            if let envCount { cfg.envCount = envCount }
            if let threads { cfg.threads = threads } else if Job.communicator.size > 1 { cfg.threads = 1 }
            if let seed { cfg.seed = seed }
            if let library { cfg.library = library }
            if let observations {
                guard let mode = TaskSpec.ObservationMode(rawValue: observations) else {
                    throw ValidationError("--observations must be full or geometry-unaware, got '\(observations)'")
                }
                cfg.task.observationMode = mode
            }
            if let iterations { cfg.iterations = iterations }
            if let envSteps { cfg.iterations = (envSteps + cfg.envCount * cfg.ppo.stepsPerRollout - 1) / (cfg.envCount * cfg.ppo.stepsPerRollout) }
            if let keepLast { cfg.keepCheckpoints = keepLast }
            directory = out ?? "runs/\(cfg.algorithm.rawValue)-seed\(cfg.seed)"
        }
        let runDir = RunDirectory(directory)
        let job = Job.communicator
        let trainer = try Trainer.prepare(config: cfg, run: runDir, resume: resume != nil, communicator: job, log: Job.say)
        for skipped in trainer.skippedCheckpoints { Job.say("resume: skipped checkpoints/\(skipped.name): \(skipped.problem)") }
        let ranks = job.size > 1 ? " on \(job.size) ranks (about \(cfg.envCount / job.size) envs and \(cfg.threads) threads each)" : ", \(cfg.threads) threads"
        Job.say("run \(directory): \(cfg.algorithm.rawValue)\(cfg.algorithm.chunks ? " h=\(cfg.chunkLength)" : ""), \(cfg.envCount) envs\(ranks), \(cfg.iterations) iterations, objects: \(cfg.library ?? "built-in")")
        try trainer.train(progress: job.isRoot ? TrainingProgress(logFile: runDir.log) : nil)
        let results = try trainer.evaluateFinal()
        guard job.isRoot else { return }
        print(RunSummary.text(config: cfg, trainer: trainer, results: results))
        if pictures {
            let paths = try RunPictures.write(run: runDir, config: cfg) { print("picture: \($0)") }
            print("pictures: \(paths.count) PNGs in \(RunPictures.folder(runDir)) (rollout sheet: \(RunPictures.folder(runDir))/rollout/sheet.png)")
        }
    }

    /// A resumed run continues under its own config.json, bit for bit; options that would
    /// change it (threads included: BLAS's split of the work moves the last bits) are refused
    /// by name instead of being silently ignored.
    func refuseChangesOnResume() throws {
        let given = [("--algo", algorithm != nil), ("--chunk", chunkLength != nil), ("--envs", envCount != nil),
                     ("--threads", threads != nil), ("--seed", seed != nil), ("--library", library != nil),
                     ("--observations", observations != nil), ("--config", config != nil), ("--set", !overrides.isEmpty),
                     ("--out", out != nil)].filter(\.1).map(\.0)
        guard given.isEmpty else {
            throw ValidationError("--resume continues the run under its own config.json; \(given.joined(separator: ", ")) would change it "
                                  + "(start a new run with --out, or edit the run's config.json knowingly)")
        }
    }
}

extension TrainConfig.Algorithm: ExpressibleByArgument {}
