@testable import Learning

/// Test fixture: N point masses in 2-D, each reaching a random target, on flat buffers.
/// obs = [position (2), target (2), target - position (2)]; action = velocity in [-1, 1]^2;
/// position += 0.1 x action (kept in [-1, 1]^2); reward = -distance; an episode terminates on
/// reaching the target (distance < 0.1, reward +1) and is truncated after `episodeLength` steps.
struct PointMassEnvironment {
    static let observationDim = 6
    static let actionDim = 2
    let envCount: Int
    let episodeLength: Int
    var positions: [Float]
    var targets: [Float]
    var stepsInEpisode: [Int]
    var generator: RandomGenerator

    init(envCount: Int, episodeLength: Int = 30, seed: UInt64) {
        self.envCount = envCount
        self.episodeLength = episodeLength
        positions = Array(repeating: 0, count: envCount * 2)
        targets = Array(repeating: 0, count: envCount * 2)
        stepsInEpisode = Array(repeating: 0, count: envCount)
        generator = RandomGenerator(seed: seed)
        for e in 0..<envCount { reset(e) }
    }

    mutating func reset(_ e: Int) {
        for d in 0..<2 {
            positions[e * 2 + d] = generator.nextUniform() * 2 - 1
            targets[e * 2 + d] = generator.nextUniform() * 2 - 1
        }
        stepsInEpisode[e] = 0
    }

    func distance(_ e: Int) -> Float {
        let dx = targets[e * 2] - positions[e * 2], dy = targets[e * 2 + 1] - positions[e * 2 + 1]
        return (dx * dx + dy * dy).squareRoot()
    }

    func writeObservations(_ out: UnsafeMutablePointer<Float>) {
        for e in 0..<envCount {
            let o = out + e * Self.observationDim
            for d in 0..<2 {
                o[d] = positions[e * 2 + d]
                o[2 + d] = targets[e * 2 + d]
                o[4 + d] = targets[e * 2 + d] - positions[e * 2 + d]
            }
        }
    }

    /// Applies `actions` [N, 2]; fills rewards/flags [N] and the final observations of ended
    /// episodes [N, 6], then resets those envs.
    mutating func step(_ actions: UnsafePointer<Float>, rewards: UnsafeMutablePointer<Float>,
                       terminated: UnsafeMutablePointer<Float>, truncated: UnsafeMutablePointer<Float>,
                       finalObservations: UnsafeMutablePointer<Float>) {
        writeObservations(finalObservations)
        for e in 0..<envCount {
            for d in 0..<2 {
                let a = min(max(actions[e * 2 + d], -1), 1)
                positions[e * 2 + d] = min(max(positions[e * 2 + d] + 0.1 * a, -1), 1)
            }
            stepsInEpisode[e] += 1
            let dist = distance(e)
            let reached = dist < 0.1
            rewards[e] = reached ? 1 : -dist
            terminated[e] = reached ? 1 : 0
            truncated[e] = !reached && stepsInEpisode[e] >= episodeLength ? 1 : 0
        }
        writeObservations(finalObservations)
        for e in 0..<envCount where terminated[e] != 0 || truncated[e] != 0 { reset(e) }
    }
}

/// Drives an agent on the point-mass fixture with reusable buffers.
final class PointMassTrainer {
    var environment: PointMassEnvironment
    let agent: PPOAgent
    let actions: FloatBuffer, rewards: FloatBuffer, terminated: FloatBuffer, truncated: FloatBuffer
    let finals: FloatBuffer, next: FloatBuffer

    init(agent: PPOAgent, environmentSeed: UInt64) {
        self.agent = agent
        let n = agent.config.envCount
        environment = PointMassEnvironment(envCount: n, seed: environmentSeed)
        actions = FloatBuffer(count: n * 2)
        rewards = FloatBuffer(count: n)
        terminated = FloatBuffer(count: n)
        truncated = FloatBuffer(count: n)
        finals = FloatBuffer(count: n * 6)
        next = FloatBuffer(count: n * 6)
    }

    /// One rollout and one update; returns the update statistics.
    @discardableResult
    func iterate() -> PPOUpdateStats {
        for _ in 0..<agent.config.stepsPerRollout {
            let slot = agent.rollout.currentObservationSlot
            environment.writeObservations(slot)
            agent.act(observations: slot, actions: actions.pointer)
            environment.step(actions.pointer, rewards: rewards.pointer, terminated: terminated.pointer,
                             truncated: truncated.pointer, finalObservations: finals.pointer)
            agent.observe(rewards: rewards.pointer, terminated: terminated.pointer,
                          truncated: truncated.pointer, finalObservations: finals.pointer)
        }
        environment.writeObservations(next.pointer)
        return agent.update(nextObservations: next.pointer)
    }

    /// Success rate of the deterministic policy over one episode per env from fresh starts.
    func evaluate(envCount: Int = 64, seed: UInt64 = 99) -> Float {
        var env = PointMassEnvironment(envCount: envCount, seed: seed)
        let evaluator = PolicyEvaluator(agent: agent, envCount: envCount)
        let obs = FloatBuffer(count: envCount * 6), act = FloatBuffer(count: envCount * 2)
        let r = FloatBuffer(count: envCount), term = FloatBuffer(count: envCount)
        let trunc = FloatBuffer(count: envCount), fin = FloatBuffer(count: envCount * 6)
        let ended = FloatBuffer(count: envCount)
        var succeeded = [Bool](repeating: false, count: envCount)
        var finished = [Bool](repeating: false, count: envCount)
        for _ in 0..<env.episodeLength {
            env.writeObservations(obs.pointer)
            evaluator.act(observations: obs.pointer, actions: act.pointer)
            env.step(act.pointer, rewards: r.pointer, terminated: term.pointer, truncated: trunc.pointer,
                     finalObservations: fin.pointer)
            for e in 0..<envCount {
                ended[e] = term[e] != 0 || trunc[e] != 0 ? 1 : 0
                if !finished[e] && ended[e] != 0 {
                    finished[e] = true
                    succeeded[e] = term[e] != 0
                }
            }
            evaluator.observe(episodeEnded: ended.pointer)
        }
        return Float(succeeded.filter { $0 }.count) / Float(envCount)
    }
}
