import DurableFiles
import Foundation
import Learning
import SimWorld

/// Behaviour cloning of the scripted grasp into a PPO / ACPPO actor: demonstrations from one
/// scripted episode per env (the default grasp and random variants of it; only episodes that
/// reach the goal are kept), an MSE fit of the mean chunk, a checkpoint in a run directory
/// (checkpoints/clone) that `world-train eval`, `render-rollout` and the tests read.
public enum BehaviourCloning {
    /// No scripted episode reached the goal, so there is nothing to clone.
    public struct NothingToClone: Error, CustomStringConvertible {
        /// Scripted episodes run.
        public let episodes: Int
        public var description: String { "behaviour cloning: none of the \(episodes) scripted episodes reached the goal; nothing to learn from" }
    }

    /// Final fit and where the checkpoint went.
    public struct Outcome: Sendable {
        /// Mean squared error per action dimension in the last epoch.
        public var loss: Float
        /// Demonstration rows (env steps).
        public var rows: Int
        /// Scripted episodes run and kept (reached the goal).
        public var episodes: Int, kept: Int
        /// The checkpoint folder.
        public var checkpoint: URL
        /// The demonstrated objects, at most `evalObjects` spread evenly (what to evaluate the clone on).
        public var objects: [ObjectAsset]
    }

    /// Clones the scripted grasp on the training objects of `config` (only `objectName` when
    /// given) with `config.envCount` demonstration episodes, every `variants`-th one the
    /// default grasp and the others random variants, executed with `actionNoise` (labels clean),
    /// and writes `run`.
    public static func run(config: TrainConfig, objectName: String?, variants: Int = 1, actionNoise: Float = 0,
                           epochs: Int, learningRate: Float, run: RunDirectory) throws -> (agent: PPOAgent, outcome: Outcome) {
        try config.validate()
        try run.create()
        BLAS.setThreadCount(config.threads)
        let assets = try ObjectSet.load(config: config, split: config.trainSplit)
        var demonstrated = assets, pool: [Int] = []
        if let objectName {
            guard let index = assets.firstIndex(where: { $0.name == objectName }) else {
                throw ConfigFileError("--object \(objectName): no such object (have \(assets.prefix(8).map(\.name).joined(separator: ", "))...)")
            }
            pool = [index]
            demonstrated = [assets[index]]
        }
        let world = try Demonstrations.world(config: config, envCount: config.envCount, seed: config.seed, assets: assets, objectPool: pool)
        let ppo = config.resolvedPPO
        let agent = try PPOAgent(config: ppo, observationDim: world.observationLayout.count,
                                 actionDim: SceneLayout.actionCount, seed: config.seed)
        let grasps = ScriptedGrasp().varied(count: config.envCount, variants: variants, seed: config.seed)
        let demos = try Demonstrations.collect(world: world, blocks: agent.actorBlocks, grasps: grasps,
                                               actionNoise: actionNoise, seed: config.seed)
        guard demos.kept > 0 else {
            throw NothingToClone(episodes: demos.episodes)
        }
        let loss = agent.imitate(observations: demos.observations, targets: demos.chunks, epochs: epochs, learningRate: learningRate)
        try AtomicFile.writeJSON(config, to: run.config.path)
        let folder = run.checkpoints.appendingPathComponent("clone")
        try agent.saveCheckpoint(to: folder)
        try AtomicFile.write(Data("clone".utf8), to: run.latest.path)
        return (agent, Outcome(loss: loss, rows: demos.observations.count / world.observationLayout.count,
                               episodes: demos.episodes, kept: demos.kept, checkpoint: folder,
                               objects: Evaluation.subset(demonstrated, limit: config.evalObjects)))
    }
}
