import Foundation
import SimWorld
import Training

/// A trained policy from a checkpoint folder (or a run directory's latest checkpoint), acting
/// with the deterministic evaluation protocol: the mean chunk, executed open loop.
public final class CheckpointPolicy: RolloutPolicy {
    /// Row label: the run directory's name (a ResDex base run: "<run>-base-<i>").
    public let name: String
    /// The task of the run's config.json (nil when the folder has none).
    public let task: TaskSpec?
    private let agent: PPOAgent
    private var evaluator: PolicyEvaluator?

    /// Loads the checkpoint at `path`; throws naming the file when it is missing or damaged.
    public init(path: String) throws {
        var folder = URL(fileURLWithPath: path)
        if let latest = RunDirectory(path).latestCheckpoint() { folder = latest }
        agent = try PPOAgent.loadCheckpoint(from: folder)
        let run = RunDirectory.owning(checkpoint: folder)
        let parent = run.root.deletingLastPathComponent()
        name = parent.lastPathComponent == "bases"
            ? "\(parent.deletingLastPathComponent().lastPathComponent)-base-\(run.root.lastPathComponent)" : run.root.lastPathComponent
        task = try Self.trainedTask(run)
    }

    /// The task settings in `run`'s config.json (read as `world-train eval` reads it), nil
    /// when the folder has none.
    private static func trainedTask(_ run: RunDirectory) throws -> TaskSpec? {
        guard FileManager.default.fileExists(atPath: run.config.path) else { return nil }
        return try ConfigOverrides.resolve(file: run.config.path).task
    }

    public func act(world: World, envs: Range<Int>, step: Int) throws {
        guard world.observationLayout.count == agent.observationDim else {
            throw RolloutViewsError("policy \(name) expects \(agent.observationDim) observations; this world gives \(world.observationLayout.count) (observation mode \(world.spec.task.observationMode.rawValue))")
        }
        if step == 0 || evaluator == nil {
            evaluator = PolicyEvaluator(agent: agent, envCount: world.spec.envCount)
        } else {
            evaluator!.observe(terminated: world.envs.pointer(.terminated), truncated: world.envs.pointer(.truncated))
        }
        evaluator!.act(observations: world.envs.pointer(.observation), actions: world.hands.pointer(.action))
    }
}
