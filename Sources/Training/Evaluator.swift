import Foundation
import Learning
import SimWorld

/// The deterministic evaluation protocol: mean actions (the mean chunk, open loop), full
/// episodes from step 0, a fixed number of episodes per object; success averaged per object,
/// then over objects.
public enum Evaluator {
    /// Success of one split.
    public struct Result: Codable, Sendable, Equatable {
        /// Split name.
        public var split: String
        /// Mean over objects of each object's success rate.
        public var successRate: Float
        /// Per object name: success rate over its episodes.
        public var perObject: [String: Float]
        /// Episodes run.
        public var episodes: Int
        /// Which weights were evaluated (set by the end-of-training evaluation).
        public var checkpoint: String?
    }

    /// Evaluates `agent` on `assets` with `episodesPerObject` episodes each, `envCount` at a time.
    public static func evaluate(agent: PPOAgent, assets: [ObjectAsset], split: String, task: TaskSpec,
                                episodesPerObject: Int, envCount: Int = 64, threads: Int = 2, seed: UInt64 = 1000) throws -> Result {
        let hand = try HandDescription.shadowHand()
        let jobs = assets.indices.flatMap { Array(repeating: $0, count: episodesPerObject) }
        var successes = [Int](repeating: 0, count: assets.count)
        var start = 0
        while start < jobs.count {
            let batch = Array(jobs[start ..< min(start + envCount, jobs.count)])
            let won = try runBatch(agent: agent, hand: hand, assets: assets, objects: batch, task: task, threads: threads,
                                   seed: seed &+ UInt64(start))
            for (asset, ok) in zip(batch, won) where ok { successes[asset] += 1 }
            start += batch.count
        }
        var perObject: [String: Float] = [:]
        for (i, asset) in assets.enumerated() { perObject[asset.name] = Float(successes[i]) / Float(max(episodesPerObject, 1)) }
        let mean = perObject.values.reduce(0, +) / Float(max(perObject.count, 1))
        return Result(split: split, successRate: mean, perObject: perObject, episodes: jobs.count)
    }

    /// One episode per env, env i on asset `objects[i]`; whether each succeeded.
    private static func runBatch(agent: PPOAgent, hand: HandDescription, assets: [ObjectAsset], objects: [Int], task: TaskSpec,
                                 threads: Int, seed: UInt64) throws -> [Bool] {
        var spec = WorldSpec(envCount: objects.count, threads: threads, seed: seed)
        spec.task = task
        spec.task.staggerFirstEpisodes = false
        spec.fixedObjects = objects
        let world = try World(spec: spec, hand: hand, assets: assets)
        let policy = PolicyEvaluator(agent: agent, envCount: objects.count)
        let obs = world.envs.pointer(.observation), actions = world.hands.pointer(.action)
        for _ in 0..<task.episodeLength {
            policy.act(observations: obs, actions: actions)
            try world.advance()
            policy.observe(episodeEnded: world.envs.pointer(.truncated))
        }
        return (0..<objects.count).map { world.envs.pointer(.success, as: UInt8.self)[$0] != 0 }
    }
}
