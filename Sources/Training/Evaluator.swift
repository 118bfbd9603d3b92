import Foundation
import Learning
import SimWorld

/// The deterministic evaluation protocol: mean actions (the mean chunk, open loop), full
/// episodes from step 0, a fixed number of episodes per object; success averaged per object,
/// then over objects. Success is measured twice: "reached" as published (the object within the
/// success distance of the goal at any step) and "held" (within it at the episode's last step,
/// lifted off the table), which does not count an object carried to the goal and dropped.
/// Graded measures come with them (same averaging), so that a policy that lifts but misses the
/// goal is told from one that never touches the object.
public enum Evaluator {
    /// Success of one split.
    public struct Result: Codable, Sendable, Equatable {
        /// Split name.
        public var split: String
        /// Mean over objects of each object's success rate ("reached", as published).
        public var successRate: Float
        /// Per object name: success rate over its episodes ("reached").
        public var perObject: [String: Float]
        /// Mean over objects of each object's held rate (within the success distance at the
        /// episode's last step, lifted); nil in results written before it was measured.
        public var heldRate: Float?
        /// Per object name: held rate over its episodes; nil as above.
        public var perObjectHeld: [String: Float]?
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
        /// Per object name: its bounding radius, metres (for success by size, `SizeBins`); nil as above.
        public var perObjectRadius: [String: Float]?
    }

    /// What one evaluation episode reached.
    struct Outcome: Equatable {
        /// The object came within the success distance of the goal at some step ("reached").
        var success = false
        /// At the latest step the object was within the success distance of the goal and at
        /// least the lift threshold above where it was placed ("held", once the episode is over).
        var held = false
        /// The grasp stage reached 2 (enclosed and lifted) at some step.
        var lifted = false
        /// Highest rise of the object's centre above where it was placed, metres (>= 0).
        var peakLift: Float = 0
        /// Closest distance of the object's centre to the goal, metres.
        var closestGoal: Float = .infinity

        /// Folds in one step: the object centre's distance to the goal and rise above where it
        /// was placed (m), and whether the grasp stage was 2.
        mutating func record(goalDistance: Float, rise: Float, lifted stageTwo: Bool, task: TaskSpec) {
            let atGoal = goalDistance <= task.successDistance
            success = success || atGoal
            held = atGoal && rise >= task.liftThreshold
            lifted = lifted || stageTwo
            peakLift = max(peakLift, rise)
            closestGoal = min(closestGoal, goalDistance)
        }

        /// The five measures as floats (what ranks exchange).
        var packed: [Float] { [success ? 1 : 0, held ? 1 : 0, lifted ? 1 : 0, peakLift, closestGoal] }

        init() {}

        init(packed v: ArraySlice<Float>) {
            let i = v.startIndex
            (success, held, lifted, peakLift, closestGoal) = (v[i] != 0, v[i + 1] != 0, v[i + 2] != 0, v[i + 3], v[i + 4])
        }
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
        let success = perObjectMeans { $0.success ? 1 : 0 }, held = perObjectMeans { $0.held ? 1 : 0 }
        let names = assets.map(\.name)
        return Result(split: split, successRate: mean(success),
                      perObject: Dictionary(zip(names, success), uniquingKeysWith: { $1 }),
                      heldRate: mean(held), perObjectHeld: Dictionary(zip(names, held), uniquingKeysWith: { $1 }), episodes: jobs.count,
                      liftedRate: mean(perObjectMeans { $0.lifted ? 1 : 0 }), peakLift: mean(perObjectMeans(\.peakLift)),
                      closestGoal: mean(perObjectMeans(\.closestGoal)),
                      perObjectRadius: Dictionary(zip(names, assets.map(\.boundingRadius)), uniquingKeysWith: { $1 }))
    }

    /// Every rank's outcomes, in rank order.
    private static func gather(_ outcomes: [Outcome], _ communicator: Communicator) -> [Outcome] {
        let flat = outcomes.flatMap(\.packed)
        let width = Outcome().packed.count
        return communicator.allgather(flat.withUnsafeBytes { Array($0) }, what: "evaluation outcomes").flatMap { part in
            let v = part.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
            return stride(from: 0, to: v.count, by: width).map { Outcome(packed: v[$0 ..< $0 + width]) }
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
        let episodes = EpisodeDriver(world: world)
        let policy = PolicyEvaluator(agent: agent, envCount: objects.count)
        let stage = world.envs.pointer(.graspStage, as: UInt8.self), pose = world.objects.pointer(.pose)
        let poseWidth = ObjectField.pose.spec.width
        let placed = objects.map { SceneLayout.tableTop + world.restingPoses[$0].height + spec.objectDropHeight }
        var outcomes = [Outcome](repeating: Outcome(), count: objects.count)
        var goal = SceneLayout.goal
        for _ in 0..<task.episodeLength {
            policy.act(observations: episodes.observations, actions: episodes.actions)
            try episodes.step {
                // the step's end, before the envs whose episode ended (all, at the last step) are reset
                for e in outcomes.indices {
                    let object = pose + e * poseWidth
                    outcomes[e].record(goalDistance: GraspGeometry.distance(&goal, object), rise: object[2] - placed[e],
                                       lifted: stage[e] >= 2, task: task)
                }
            }
            policy.observe(terminated: episodes.terminated, truncated: episodes.truncated)
        }
        return outcomes
    }
}
