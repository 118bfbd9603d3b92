import ArgumentParser
import Foundation
import Training

/// `world-bench learning`: network update throughput and inference latency (LearningBenchmark),
/// then end-to-end training env-steps/s on the grasp scene for PPO and ACPPO.
struct LearningBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learning", abstract: "Network update samples/s, inference latency, end-to-end training SPS.")

    @Option(help: "BLAS and physics threads.")
    var threads = 2
    @Option(help: "Repetitions of each network measurement.")
    var repetitions = 5
    @Option(help: "Envs of the end-to-end training measurement.")
    var envs = 256
    @Option(help: "Iterations of the end-to-end training measurement (after 2 untimed).")
    var iterations = 10
    @Flag(help: "End with one JSON line holding every figure.")
    var json = false

    func run() throws {
        var options = LearningBenchmark.Options()
        options.threadCount = threads
        options.repetitions = repetitions
        let network = LearningBenchmark.run(options) { print($0) }
        var figures = try JSONSerialization.jsonObject(with: JSONEncoder().encode(network)) as? [String: Any] ?? [:]
        let hand = try HandDescription.shadowHand(), assets = try BuiltinObjects.all()
        for algorithm in [TrainConfig.Algorithm.ppo, .acppo] {
            // the physics figure is taken right before, on the same scene, to share the VM's conditions
            let physics = try measure(WorldSpec(envCount: envs, threads: threads, seed: 1), hand: hand, assets: assets,
                                      steps: 400, warmup: 20).full
            let sps = try trainingSPS(algorithm)
            print(String(format: "end-to-end training, %@, %d envs, %d threads, CPU default network: %.0f env-steps/s (rollout %.0f, update %.0f); full-scene physics just before: %.0f; ratio %.0f %%",
                         algorithm.rawValue, envs, threads, sps.total, sps.rollout, sps.update, physics, 100 * sps.total / physics))
            figures["train_env_steps_per_s_\(algorithm.rawValue)"] = sps.total
            figures["train_physics_env_steps_per_s_\(algorithm.rawValue)"] = physics
            figures["train_to_physics_ratio_\(algorithm.rawValue)"] = sps.total / physics
            figures["train_rollout_env_steps_per_s_\(algorithm.rawValue)"] = sps.rollout
            figures["train_update_env_steps_per_s_\(algorithm.rawValue)"] = sps.update
        }
        if json {
            let data = try JSONSerialization.data(withJSONObject: figures, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        }
    }

    /// Env-steps/s of a short training run: overall, and of the rollout and update parts alone.
    func trainingSPS(_ algorithm: TrainConfig.Algorithm) throws -> (total: Double, rollout: Double, update: Double) {
        var config = TrainConfig()
        config.algorithm = algorithm
        config.envCount = envs
        config.threads = threads
        config.iterations = iterations + 2
        config.checkpointEvery = 1_000_000
        config.evalEpisodesPerObject = 0
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("world-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let trainer = try Trainer(config: config, run: RunDirectory(folder.path))
        try trainer.train()
        let rows = try String(contentsOf: RunDirectory(folder.path).metrics, encoding: .utf8).split(separator: "\n").dropFirst(3)
        let columns = rows.map { $0.split(separator: ",").map { Double($0) ?? 0 } }
        let steps = Double(envs * config.ppo.stepsPerRollout) * Double(columns.count)
        let rollout = columns.reduce(0) { $0 + $1[13] }, update = columns.reduce(0) { $0 + $1[15] }
        return (steps / (rollout + update), steps / rollout, steps / update)
    }
}
