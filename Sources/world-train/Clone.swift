import ArgumentParser
import Foundation
import Training

/// Behaviour cloning of the scripted grasp into a checkpoint.
struct Clone: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fit a policy to scripted-grasp demonstrations (behaviour cloning) and evaluate it.")

    @Option(help: "ppo, acppo or acppo-naive.")
    var algo: String = "acppo"
    @Option(help: "Chunk length h.")
    var chunk: Int = 2
    @Option(help: "Demonstration episodes (one per env).")
    var envs: Int = 64
    @Option(help: "Grasp variants: every n-th episode uses the default scripted grasp, the others random variants of it (1: the default only).")
    var variants: Int = 1
    @Option(help: "Std of Gaussian noise added to the executed scripted actions (the labels stay clean: DART); 0 = none.")
    var noise: Float = 0
    @Option(help: "Only this object (by name); default every training object.")
    var object: String?
    @Option(help: "Object library folder (default: the built-in objects).")
    var library: String?
    @Option(help: "Passes over the demonstrations.")
    var epochs: Int = 100
    @Option(help: "Adam learning rate.")
    var learningRate: Float = 1e-3
    @Option(help: "Evaluation episodes per object afterwards (0: none).")
    var episodes: Int = 8
    @Option(help: "Seed of the demonstration world and the network.")
    var seed: UInt64 = 1
    @Option(help: "Threads.")
    var threads: Int = 2
    @Option(name: .customLong("set"), help: "Override one config value: key.path=value (repeatable), e.g. ppo.actorHiddenSizes=[128,64].")
    var overrides: [String] = []
    @Option(help: "Run directory to write.")
    var out: String = "runs/clone"

    func run() throws {
        guard epochs >= 1, envs >= 1, variants >= 1 else { throw ValidationError("--epochs, --envs and --variants must be >= 1") }
        guard noise >= 0, noise.isFinite else { throw ValidationError("--noise must be a finite number >= 0 (got \(noise))") }
        guard let algorithm = TrainConfig.Algorithm(rawValue: algo), !algorithm.mixesBases else { throw ValidationError("--algo must be ppo, acppo or acppo-naive") }
        var config = try ConfigOverrides.resolve(file: nil, overrides: overrides)
        config.algorithm = algorithm
        config.chunkLength = chunk
        config.envCount = envs
        config.library = library
        config.seed = seed
        config.threads = threads
        let start = Date()
        let (agent, outcome) = try BehaviourCloning.run(config: config, objectName: object, variants: variants, actionNoise: noise, epochs: epochs,
                                                        learningRate: learningRate, run: RunDirectory(out))
        print(String(format: "kept %d of %d scripted episodes (reached the goal); cloned %d demonstration steps in %.0f s: loss %.5f per action dimension; checkpoint %@",
                     outcome.kept, outcome.episodes, outcome.rows, Date().timeIntervalSince(start), outcome.loss, outcome.checkpoint.path))
        guard episodes > 0 else { return }
        let result = try Evaluator.evaluate(agent: agent, assets: outcome.objects, split: "train",
                                            task: config.task, episodesPerObject: episodes, threads: threads)
        print(String(format: "deterministic evaluation: success %.1f %% over %d objects, %d episodes", 100 * result.successRate,
                     result.perObject.count, result.episodes) + result.gradedSummary)
    }
}
