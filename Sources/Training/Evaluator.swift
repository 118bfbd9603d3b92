import Foundation
import Learning
import SimWorld

/// The deterministic evaluation protocol: mean actions (the mean chunk, open loop), full
/// episodes from step 0, a fixed number of episodes per object; success averaged per object,
/// then over objects. Two graded measures come with it (same averaging), so that a policy that
/// lifts but misses the goal is told from one that never touches the object.
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
        /// Fraction of episodes, per object then averaged, in which the hand held the object
        /// lifted (grasp stage 2: enclosed, at least `liftThreshold` above its rest) at some
        /// step, 0...1; nil in results written before it was measured.
        public var liftedRate: Float?
        /// Highest the object's centre rose above where it was placed (resting height plus the
        /// drop height) in an episode, metres, averaged per object then over objects (the goal
        /// is about 0.25 m up); nil as above.
        public var peakLift: Float?
        /// Closest the object's centre came to the goal in an episode, metres (success is within
        /// 0.05), averaged per object then over objects; nil as above.
        public var closestGoal: Float?
    }

    /// What one evaluation episode reached.
    struct Outcome: Equatable {
        /// The object came within the success distance of the goal.
        var success: Bool
        /// The grasp stage reached 2 (enclosed and lifted) at some step.
        var lifted: Bool
        /// Highest rise of the object's centre above where it was placed, metres (>= 0).
        var peakLift: Float
        /// Closest distance of the object's centre to the goal, metres.
        var closestGoal: Float = .infinity
    }

    /// Evaluates `agent` on `assets` with `episodesPerObject` episodes each, `envCount` at a time.
    /// In a data-parallel job every rank calls it and runs its share of each batch's envs (env i
    /// of a batch seeded as env i, whichever rank runs it); all get the result of one process.
    public static func evaluate(agent: PPOAgent, assets: [ObjectAsset], split: String, task: TaskSpec,
                                episodesPerObject: Int, envCount: Int = 64, threads: Int = 2, seed: UInt64 = 1000,
                                communicator: Communicator = SingleProcess()) throws -> Result {
        let hand = try HandDescription.shadowHand()
        let jobs = assets.indices.flatMap { Array(repeating: $0, count: episodesPerObject) }
        var outcomes = [[Outcome]](repeating: [], count: assets.count)
        var start = 0
        while start < jobs.count {
            let batch = Array(jobs[start ..< min(start + envCount, jobs.count)])
            let ranks = min(communicator.size, batch.count)
            let mine = communicator.rank < ranks ? EnvShare(total: batch.count, ranks: ranks, rank: communicator.rank).range : 0..<0
            let reached = mine.isEmpty ? [] : try runBatch(agent: agent, hand: hand, assets: assets, objects: Array(batch[mine]),
                                                            firstEnv: mine.lowerBound, task: task, threads: threads, seed: seed &+ UInt64(start))
            let all = communicator.size == 1 ? reached : gather(reached, communicator)
            for (asset, outcome) in zip(batch, all) { outcomes[asset].append(outcome) }
            start += batch.count
        }
        /// Per object, the mean of `value` over its episodes.
        func perObjectMeans(_ value: (Outcome) -> Float) -> [Float] {
            outcomes.map { $0.map(value).reduce(0, +) / Float(max($0.count, 1)) }
        }
        func mean(_ values: [Float]) -> Float { values.reduce(0, +) / Float(max(values.count, 1)) }
        let success = perObjectMeans { $0.success ? 1 : 0 }
        return Result(split: split, successRate: mean(success),
                      perObject: Dictionary(zip(assets.map(\.name), success), uniquingKeysWith: { $1 }), episodes: jobs.count,
                      liftedRate: mean(perObjectMeans { $0.lifted ? 1 : 0 }), peakLift: mean(perObjectMeans(\.peakLift)),
                      closestGoal: mean(perObjectMeans(\.closestGoal)))
    }

    /// Every rank's outcomes, in rank order.
    private static func gather(_ outcomes: [Outcome], _ communicator: Communicator) -> [Outcome] {
        let flat = outcomes.flatMap { [$0.success ? 1 : 0, $0.lifted ? 1 : 0, $0.peakLift, $0.closestGoal] as [Float] }
        return communicator.allgather(flat.withUnsafeBytes { Array($0) }, what: "evaluation outcomes").flatMap { part in
            let v = part.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
            return stride(from: 0, to: v.count, by: 4).map {
                Outcome(success: v[$0] != 0, lifted: v[$0 + 1] != 0, peakLift: v[$0 + 2], closestGoal: v[$0 + 3])
            }
        }
    }

    /// One episode per env, env i on asset `objects[i]` (the batch's env `firstEnv + i`); what each reached.
    private static func runBatch(agent: PPOAgent, hand: HandDescription, assets: [ObjectAsset], objects: [Int], firstEnv: Int,
                                 task: TaskSpec, threads: Int, seed: UInt64) throws -> [Outcome] {
        var spec = WorldSpec(envCount: objects.count, threads: threads, seed: seed)
        spec.firstEnvIndex = firstEnv
        spec.task = task
        spec.task.staggerFirstEpisodes = false
        spec.fixedObjects = objects
        let world = try World(spec: spec, hand: hand, assets: assets)
        let policy = PolicyEvaluator(agent: agent, envCount: objects.count)
        let obs = world.envs.pointer(.observation), actions = world.hands.pointer(.action)
        let stage = world.envs.pointer(.graspStage, as: UInt8.self), pose = world.objects.pointer(.pose)
        let poseWidth = ObjectField.pose.spec.width
        let goal = SceneLayout.goal
        let placed = objects.map { SceneLayout.tableTop + world.restingPoses[$0].height + spec.objectDropHeight }
        var outcomes = [Outcome](repeating: Outcome(success: false, lifted: false, peakLift: 0), count: objects.count)
        for _ in 0..<task.episodeLength {
            policy.act(observations: obs, actions: actions)
            try world.advance()
            policy.observe(episodeEnded: world.envs.pointer(.truncated))
            for e in outcomes.indices {
                outcomes[e].lifted = outcomes[e].lifted || stage[e] >= 2
                outcomes[e].peakLift = max(outcomes[e].peakLift, pose[e * poseWidth + 2] - placed[e])
                var squared: Float = 0
                for k in 0..<3 { squared += (pose[e * poseWidth + k] - goal[k]) * (pose[e * poseWidth + k] - goal[k]) }
                outcomes[e].closestGoal = min(outcomes[e].closestGoal, squared.squareRoot())
            }
        }
        let success = world.envs.pointer(.success, as: UInt8.self)
        for e in outcomes.indices { outcomes[e].success = success[e] != 0 }
        return outcomes
    }
}
