import Foundation
import Learning
import SimWorld

/// Observations of a deterministic rollout of a policy and the policy's mean chunk for each:
/// the reference an exported policy is checked against. One env steps through consecutive
/// episodes on the run's training objects, acting as `Evaluator` does (the mean chunk, open
/// loop, `PolicyEvaluator`); at every step the observation the policy saw and the mean chunk
/// the policy computes from it (preprocessed and clipped as executed) are recorded.
public struct PolicySamples: Sendable {
    /// Recorded steps.
    public let count: Int
    /// Features per observation.
    public let observationDim: Int
    /// Actions per chunk (h; 1 for PPO and the naive objective).
    public let chunkLength: Int
    /// Actions per control step.
    public let actionDim: Int
    /// The raw observation of each step. [count, observationDim]
    public let observations: [Float]
    /// The mean chunk the policy computes from each observation. [count, chunkLength, actionDim]
    public let chunks: [Float]

    /// Rolls `agent` out for `steps` control steps on the training objects of `config` (its
    /// task, first episodes not staggered), one env seeded with `seed`.
    public static func record(agent: PPOAgent, config: TrainConfig, steps: Int, threads: Int = 1,
                              seed: UInt64 = 1000) throws -> PolicySamples {
        guard steps >= 1 else { throw ConfigFileError("samples: the step count must be >= 1 (got \(steps))") }
        let assets = try ObjectSet.load(config: config, split: try Evaluation.librarySplit("train"))
        var spec = WorldSpec(envCount: 1, threads: threads, seed: seed)
        spec.task = config.task
        spec.task.staggerFirstEpisodes = false
        let world = try World(spec: spec, hand: try HandDescription.shadowHand(), assets: assets)
        guard world.observationLayout.count == agent.observationDim else {
            throw ConfigFileError("samples: the checkpoint expects \(agent.observationDim) observation features; its run's world gives \(world.observationLayout.count) (observation mode \(spec.task.observationMode.rawValue))")
        }
        let policy = PolicyEvaluator(agent: agent, envCount: 1)
        let episodes = EpisodeDriver(world: world)
        let o = agent.observationDim
        let width = agent.networks.actor.shape.outputSize
        let obs = episodes.observations
        var observations = [Float](repeating: 0, count: steps * o)
        var chunks = [Float](repeating: 0, count: steps * width)
        for step in 0..<steps {
            // SAFETY: the observation column holds one row of o features; the arrays hold steps rows.
            observations.withUnsafeMutableBufferPointer { $0.baseAddress!.advanced(by: step * o).update(from: obs, count: o) }
            chunks.withUnsafeMutableBufferPointer {
                policy.meanChunks(observations: obs, rows: 1, into: $0.baseAddress!.advanced(by: step * width))
            }
            policy.act(observations: obs, actions: episodes.actions)
            try episodes.step()
            policy.observe(terminated: episodes.terminated, truncated: episodes.truncated)
        }
        return PolicySamples(count: steps, observationDim: o, chunkLength: width / agent.actionDim,
                             actionDim: agent.actionDim, observations: observations, chunks: chunks)
    }
}
