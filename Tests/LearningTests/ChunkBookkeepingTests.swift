import XCTest
@testable import Learning

/// Chunk phases, prefixes and minibatch coverage on step-coded rollouts.
final class ChunkBookkeepingTests: XCTestCase {
    func testNextPhase() {
        XCTAssertEqual(ChunkSemantics.nextPhase(after: 0, chunkLength: 3, episodeEnded: false), 1)
        XCTAssertEqual(ChunkSemantics.nextPhase(after: 1, chunkLength: 3, episodeEnded: false), 2)
        XCTAssertEqual(ChunkSemantics.nextPhase(after: 2, chunkLength: 3, episodeEnded: false), 0)
        XCTAssertEqual(ChunkSemantics.nextPhase(after: 1, chunkLength: 3, episodeEnded: true), 0)
        XCTAssertEqual(ChunkSemantics.nextPhase(after: 0, chunkLength: 1, episodeEnded: false), 0)
    }

    /// Collects one rollout (T = 7, N = 3, h = 3) where env 1 ends at t = 1 and env 2 at t = 3.
    private func collect(objective: ChunkObjective, adjust: (inout PPOConfig) -> Void = { _ in }) -> PPOAgent {
        var config = smallConfig(envCount: 3, steps: 7, chunkLength: 3, objective: objective)
        config.minibatchCount = 3
        adjust(&config)
        let agent = try! PPOAgent(config: config, observationDim: 2, actionDim: 2, seed: 7)
        let obs = FloatBuffer(count: 6), actions = FloatBuffer(count: 6), rewards = FloatBuffer(count: 3)
        let terminated = FloatBuffer(count: 3), truncated = FloatBuffer(count: 3)
        for t in 0..<7 {
            for e in 0..<3 { obs[e * 2] = Float(t) * 0.1; obs[e * 2 + 1] = Float(e) * 0.1 }  // step code
            agent.act(observations: obs.pointer, actions: actions.pointer)
            for e in 0..<3 {
                terminated[e] = (e == 1 && t == 1) ? 1 : 0
                truncated[e] = (e == 2 && t == 3) ? 1 : 0
                rewards[e] = Float(t * 10 + e)
            }
            agent.observe(rewards: rewards.pointer, terminated: terminated.pointer, truncated: truncated.pointer,
                          finalObservations: obs.pointer)
        }
        return agent
    }

    func testChunkStartsAndPrefixes() {
        let agent = collect(objective: .chunked)
        let rollout = agent.rollout
        // Expected (step: prefix) per env. env 0: 0:3, 3:3, 6:1. env 1: 0:2, 2:3, 5:2.
        // env 2: 0:3, 3:1 (time-out at 3), 4:3.
        let expected: [[Int: Int]] = [[0: 3, 3: 3, 6: 1], [0: 2, 2: 3, 5: 2], [0: 3, 3: 1, 4: 3]]
        for e in 0..<3 {
            var covered: [Int] = []
            for t in 0..<7 {
                let s = rollout.slot(step: t, env: e)
                XCTAssertEqual(rollout.chunkStarts[s] != 0, expected[e][t] != nil, "start at t \(t) env \(e)")
                XCTAssertEqual(Int(rollout.prefixLengths[s]), expected[e][t] ?? 0, "prefix at t \(t) env \(e)")
                guard let k = expected[e][t] else { continue }
                covered += Array(t..<t + k)
                // The chunk's log-prob is the sum of its executed steps' log-probs.
                var sum: Float = 0
                for j in 0..<k { sum += rollout.stepLogProbs[rollout.slot(step: t + j, env: e)] }
                XCTAssertEqual(rollout.chunkLogProbs[s], sum)
                // The executed actions are the consecutive blocks of one chunk mean + noise:
                // every step in the chunk shares the chunk's start observation (step code t).
                XCTAssertEqual(rollout.observations[s * 2], Float(t) * 0.1)
            }
            XCTAssertEqual(covered, Array(0..<7), "every executed step belongs to exactly one chunk (env \(e))")
        }
        XCTAssertEqual(rollout.timeoutValues[rollout.slot(step: 3, env: 2)] != 0, true)
    }

    func testEveryChunkStartOncePerEpoch() {
        let agent = collect(objective: .chunked)
        let next = FloatBuffer(count: 6)
        // Run the preparation, then check the minibatch split of one permutation.
        let starts = (0..<agent.config.batchSize).filter { agent.rollout.chunkStarts[$0] != 0 }
        agent.update(nextObservations: next.pointer)
        var slots = agent.updateScratch.chunkStartSlots
        XCTAssertEqual(slots.sorted().map(Int.init), starts)
        agent.generator.shuffle(&slots)
        var seen: [Int32] = []
        for m in 0..<agent.config.minibatchCount { seen += slots[agent.minibatchRange(m, of: slots.count)] }
        XCTAssertEqual(seen.sorted().map(Int.init), starts)
        XCTAssertEqual(agent.rollout.cursor, 0, "update starts a new rollout")
    }

    /// The documented option: the critic trains on a minibatch of every stored step, each
    /// step once per epoch; in one epoch (same chunk-start minibatches) and without the global
    /// gradient-norm clip (which couples them) the actor's update is unchanged and only the
    /// critic's differs.
    func testValueLossOnAllStepsCoversEveryStoredStep() {
        let next = FloatBuffer(count: 6)
        func oneEpochUnclipped(_ c: inout PPOConfig) { c.updateEpochs = 1; c.maxGradNorm = 1e9 }
        let agent = collect(objective: .chunked) { oneEpochUnclipped(&$0); $0.experimental.valueLossOnAllSteps = true }
        let starts = (0..<agent.config.batchSize).filter { agent.rollout.chunkStarts[$0] != 0 }
        XCTAssertLessThan(starts.count, agent.config.batchSize)
        agent.update(nextObservations: next.pointer)
        var slots = agent.updateScratch.allSlots
        XCTAssertEqual(slots.sorted().map(Int.init), Array(0..<agent.config.batchSize))
        agent.generator.shuffle(&slots)
        var seen: [Int32] = []
        for m in 0..<agent.config.minibatchCount { seen += slots[agent.minibatchRange(m, of: slots.count)] }
        XCTAssertEqual(seen.sorted().map(Int.init), Array(0..<agent.config.batchSize), "each stored step once per epoch")
        let usual = collect(objective: .chunked, adjust: oneEpochUnclipped)
        usual.update(nextObservations: next.pointer)
        func weights(_ net: MLP) -> [Float] { Array(UnsafeBufferPointer(start: net.parameters, count: net.shape.parameterCount)) }
        XCTAssertEqual(weights(agent.networks.actor), weights(usual.networks.actor), "the actor's update does not change")
        XCTAssertNotEqual(weights(agent.networks.critic), weights(usual.networks.critic), "the extra rows move the critic")
    }

    func testTruncatedChunkScoresOnlyExecutedPrefix() {
        let fixture = PolicyLossFixture(seed: 9)
        let (g1, g2) = (FloatBuffer(count: 24), FloatBuffer(count: 6))
        var before = PPOLossStats()
        fixture.evaluate(meanGradient: g1, logStdGradient: g2, stats: &before)
        // Sample 1 has prefix 1 of 2: its unexecuted block (floats 9..<12) must not matter.
        for i in 9..<12 { fixture.actions[i] += 5; fixture.means[i] -= 3 }
        let (h1, h2) = (FloatBuffer(count: 24), FloatBuffer(count: 6))
        var after = PPOLossStats()
        fixture.evaluate(meanGradient: h1, logStdGradient: h2, stats: &after)
        XCTAssertEqual(before, after)
        XCTAssertEqual(bits(g1), bits(h1))
        XCTAssertEqual(bits(g2), bits(h2))
        for i in 9..<12 { XCTAssertEqual(h1[i], 0) }
    }

    func testNaiveObjectiveUsesSameSegmentation() {
        let agent = collect(objective: .naiveProductOfRatios)
        XCTAssertTrue(agent.rollout.isFull)
        // Naive objective: same segmentation, actor every step, one step per log-prob.
        let s = agent.rollout.slot(step: 0, env: 0)
        XCTAssertEqual(Int(agent.rollout.prefixLengths[s]), 3)
    }
}
