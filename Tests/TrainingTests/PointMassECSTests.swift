import Training
import XCTest

/// A small control task built inside the ECS (a component table, systems in phases, a sharded
/// schedule) and driven through its columns exactly like the grasp world: PPO and ACPPO with
/// h = 2 both learn to reach targets. N point masses in 2-D: obs = [position, target,
/// target - position]; action = velocity in [-1, 1]^2 (x 0.1 per step); reward = -distance,
/// +1 and termination within 0.1 of the target; 30-step episodes.
final class PointMassECSTests: XCTestCase {
    enum PointField: String, FieldSchema {
        case position, target, action, observation, reward, terminated, truncated, step, rng, resetRequested
        static let tableName = "point"
        var spec: FieldSpec {
            switch self {
            case .position, .target, .action: FieldSpec(.float32, width: 2, "metres / velocity action, 2-D")
            case .observation: FieldSpec(.float32, width: 6, "position, target, target - position")
            case .reward, .terminated, .truncated: FieldSpec(.float32, width: 1, "per step")
            case .step: FieldSpec(.uint32, width: 1, "steps since reset")
            case .rng: FieldSpec(.uint64, width: 1, "SplitMix64 state")
            case .resetRequested: FieldSpec(.uint8, width: 1, "reset in the next reset phase")
            }
        }
    }

    /// The phases of a point-mass step, in run order.
    enum PointPhase: SchedulePhase {
        case reset, physics, rewards, observations
    }

    final class PointWorld: ECSWorld {
        typealias Phase = PointPhase
        let table: ComponentTable<PointField>
        let schedule: Schedule<PointWorld>
        let shards: ShardPlan
        init(envs: Int, seed: UInt64) throws {
            table = ComponentTable(envCount: envs)
            shards = ShardPlan(envCount: envs, shardCount: 2)
            schedule = try Schedule([ResetPoints(), MovePoints(), ScorePoints(), ObservePoints()],
                                    externalInputs: [FieldID(PointField.action), FieldID(PointField.resetRequested)])
            let rng = table.column(.rng, as: UInt64.self).scalars, reset = table.column(.resetRequested, as: UInt8.self).scalars
            for e in 0..<envs {
                rng[e] = SplitMix64.streamState(seed: seed, index: UInt64(e))
                reset[e] = 1
            }
            try run([.reset, .observations])
        }
        func table<F: FieldSchema>(_ schema: F.Type) -> ComponentTable<F> { table as! ComponentTable<F> }
        func run(_ phases: Set<Phase>) throws { try schedule.run(self, phases: phases, shards: shards, threads: 2) }
        func f(_ field: PointField) -> UnsafeMutablePointer<Float> { table.pointer(field) }
    }

    struct ResetPoints: System {
        var phase: PointPhase { .reset }
        var reads: Set<FieldID> { [FieldID(PointField.resetRequested), FieldID(PointField.rng)] }
        var writes: Set<FieldID> { Set([PointField.position, .target, .step, .rng, .resetRequested].map(FieldID.init)) }
        func run(_ access: SystemAccess<PointWorld>) throws {
            let reset = access.update(PointField.resetRequested, as: UInt8.self).scalars, streams = access.update(PointField.rng, as: UInt64.self).scalars
            let position = access.write(PointField.position), target = access.write(PointField.target)
            let step = access.write(PointField.step, as: UInt32.self).scalars
            for e in access.envs where reset[e] != 0 {
                var rng = SplitMix64(state: streams[e])
                for d in 0..<2 { position[e][d] = rng.uniform(-1, 1); target[e][d] = rng.uniform(-1, 1) }
                streams[e] = rng.state
                step[e] = 0
                reset[e] = 0
            }
        }
    }

    struct MovePoints: System {
        var phase: PointPhase { .physics }
        var reads: Set<FieldID> { [FieldID(PointField.action), FieldID(PointField.position), FieldID(PointField.step)] }
        var writes: Set<FieldID> { [FieldID(PointField.position), FieldID(PointField.step)] }
        func run(_ access: SystemAccess<PointWorld>) throws {
            let action = access.read(PointField.action), position = access.update(PointField.position)
            let step = access.update(PointField.step, as: UInt32.self).scalars
            for e in access.envs {
                for d in 0..<2 { position[e][d] = min(max(position[e][d] + 0.1 * min(max(action[e][d], -1), 1), -1), 1) }
                step[e] += 1
            }
        }
    }

    struct ScorePoints: System {
        var phase: PointPhase { .rewards }
        var reads: Set<FieldID> { [FieldID(PointField.position), FieldID(PointField.target), FieldID(PointField.step)] }
        var writes: Set<FieldID> { Set([PointField.reward, .terminated, .truncated, .resetRequested].map(FieldID.init)) }
        func run(_ access: SystemAccess<PointWorld>) throws {
            let position = access.read(PointField.position), target = access.read(PointField.target)
            let step = access.read(PointField.step, as: UInt32.self).scalars
            let reward = access.write(PointField.reward).scalars, terminated = access.write(PointField.terminated).scalars
            let truncated = access.write(PointField.truncated).scalars, reset = access.write(PointField.resetRequested, as: UInt8.self).scalars
            for e in access.envs {
                let dx = target[e][0] - position[e][0], dy = target[e][1] - position[e][1]
                let dist = (dx * dx + dy * dy).squareRoot(), reached = dist < 0.1
                reward[e] = reached ? 1 : -dist
                terminated[e] = reached ? 1 : 0
                truncated[e] = !reached && step[e] >= 30 ? 1 : 0
                if terminated[e] != 0 || truncated[e] != 0 { reset[e] = 1 }
            }
        }
    }

    struct ObservePoints: System {
        var phase: PointPhase { .observations }
        var reads: Set<FieldID> { [FieldID(PointField.position), FieldID(PointField.target)] }
        var writes: Set<FieldID> { [FieldID(PointField.observation)] }
        func run(_ access: SystemAccess<PointWorld>) throws {
            let position = access.read(PointField.position), target = access.read(PointField.target)
            let observation = access.write(PointField.observation)
            for e in access.envs {
                for d in 0..<2 {
                    let p = position[e][d], t = target[e][d]
                    observation[e][d] = p
                    observation[e][2 + d] = t
                    observation[e][4 + d] = t - p
                }
            }
        }
    }

    /// Trains through the columns; returns the deterministic success rate before and after.
    func learn(chunkLength: Int) throws -> (before: Float, after: Float) {
        var config = PPOConfig()
        config.envCount = 64
        config.stepsPerRollout = 16
        config.chunkLength = chunkLength
        config.actorHiddenSizes = [32, 32]
        config.criticHiddenSizes = [32, 32]
        let agent = try PPOAgent(config: config, observationDim: 6, actionDim: 2, seed: 2024)
        let world = try PointWorld(envs: 64, seed: 7)
        let before = try evaluate(agent)
        for _ in 0..<150 {
            for _ in 0..<config.stepsPerRollout {
                agent.act(observations: world.f(.observation), actions: world.f(.action))
                try world.run([.physics, .rewards, .observations])
                agent.observe(rewards: world.f(.reward), terminated: world.f(.terminated), truncated: world.f(.truncated),
                              finalObservations: world.f(.observation))
                try world.run([.reset, .observations])
            }
            _ = agent.update(nextObservations: world.f(.observation))
        }
        return (before, try evaluate(agent))
    }

    /// Share of 64 fresh episodes whose mean-action policy reaches its target.
    func evaluate(_ agent: PPOAgent) throws -> Float {
        let world = try PointWorld(envs: 64, seed: 99)
        let policy = PolicyEvaluator(agent: agent, envCount: 64)
        var reached = [Bool](repeating: false, count: 64), over = [Bool](repeating: false, count: 64)
        let ended = UnsafeMutablePointer<Float>.allocate(capacity: 64)
        defer { ended.deallocate() }
        for _ in 0..<30 {
            policy.act(observations: world.f(.observation), actions: world.f(.action))
            try world.run([.physics, .rewards, .observations])
            for e in 0..<64 {
                if !over[e] && world.f(.terminated)[e] != 0 { reached[e] = true }
                if world.f(.terminated)[e] != 0 || world.f(.truncated)[e] != 0 { over[e] = true }
                ended[e] = world.f(.terminated)[e] + world.f(.truncated)[e]
            }
            policy.observe(episodeEnded: ended)
            try world.run([.reset, .observations])
        }
        return Float(reached.filter { $0 }.count) / 64
    }

    func testPPOAndACPPOChunkTwoSolveThePointMassInTheECS() throws {
        for h in [1, 2] {
            let result = try learn(chunkLength: h)
            XCTAssertLessThan(result.before, 0.3, "h = \(h): the untrained policy already succeeds")
            XCTAssertGreaterThan(result.after, 0.8, "h = \(h): success \(result.before) -> \(result.after)")
        }
    }
}
