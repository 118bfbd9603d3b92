import XCTest
@testable import Learning

/// The chunk executor: which envs start or sample a chunk, which action each env executes, the
/// clipping, the phases after episode ends; and that the learner's acting and deterministic
/// evaluation execute chunks alike.
final class ChunkExecutorTests: XCTestCase {
    /// h = 3, |A| = 2, 3 envs: env 1's episode ends after its first step.
    func testChunksAreExecutedBlockByBlockAndCutAtEpisodeEnds() {
        let executor = ChunkExecutor(config: smallConfig(envCount: 3, chunkLength: 3), envCount: 3, actionDim: 2)
        XCTAssertEqual(executor.chunkWidth, 6)
        XCTAssertEqual(executor.beginStep(), [0, 1, 2], "every env starts a chunk at first")
        XCTAssertEqual(executor.starts, [0, 1, 2])
        for e in 0..<3 {
            for k in 0..<6 { executor.chunk(of: e)[k] = Float(10 * e + k) / 10 }  // env e, action k / 2, entry k % 2
        }
        let actions = FloatBuffer(count: 6)
        executor.execute(into: actions.pointer)
        XCTAssertEqual(actions.toArray(), [0, 0.1, 1, 1, 1, 1], "block 0, clipped to [-1, 1]")
        let ended: [Float] = [0, 1, 0], going: [Float] = [0, 0, 0]
        executor.advance(terminated: going, truncated: ended)
        XCTAssertEqual(executor.phases, [1, 0, 1])
        XCTAssertEqual(executor.beginStep(), [1], "only the env whose episode ended starts a chunk")
        for k in 0..<6 { executor.chunk(of: 1)[k] = -Float(k) / 10 }
        executor.execute(into: actions.pointer)
        XCTAssertEqual(actions.toArray(), [0.2, 0.3, 0, -0.1, 1, 1], "block 1 of envs 0 and 2, block 0 of env 1's new chunk")
        executor.advance(terminated: going, truncated: going)
        XCTAssertEqual(executor.phases, [2, 1, 2])
        executor.advance(terminated: going, truncated: going)
        XCTAssertEqual(executor.phases, [0, 2, 0], "a used-up chunk starts anew")
        XCTAssertEqual(executor.beginStep(), [0, 2])
        executor.restart()
        XCTAssertEqual(executor.phases, [0, 0, 0])
    }

    /// The naive objective: segments of h for scoring, a fresh one-action chunk for every env at every step.
    func testNaiveObjectiveSamplesEveryEnvEveryStep() {
        let executor = ChunkExecutor(config: smallConfig(envCount: 2, chunkLength: 3, objective: .naiveProductOfRatios),
                                     envCount: 2, actionDim: 2)
        XCTAssertEqual(executor.chunkWidth, 2)
        let none: [Float] = [0, 0]
        for step in 0..<4 {
            XCTAssertEqual(executor.beginStep(), [0, 1], "step \(step)")
            XCTAssertEqual(executor.starts, step % 3 == 0 ? [0, 1] : [], "segments of h = 3 (step \(step))")
            XCTAssertEqual(executor.block(of: 0), 0)
            executor.advance(terminated: none, truncated: none)
        }
    }

    /// The learner (`PPOAgent.act` / `observe`) and the evaluator (`PolicyEvaluator`) stepped
    /// through the same episode ends keep the same phases, start chunks at the same envs and
    /// steps and execute the same action of each chunk, for both objectives.
    func testLearnerAndEvaluatorShareThePhases() {
        for objective in [ChunkObjective.chunked, .naiveProductOfRatios] {
            let (n, o, a) = (4, 3, 2)
            var config = smallConfig(envCount: n, steps: 9, chunkLength: 3, objective: objective)
            config.initStd = 1e-6  // sampled chunks all but equal to the means
            let agent = try! PPOAgent(config: config, observationDim: o, actionDim: a, seed: 3)
            let evaluator = PolicyEvaluator(agent: agent, envCount: n)
            let obs = FloatBuffer(count: n * o), learned = FloatBuffer(count: n * a), evaluated = FloatBuffer(count: n * a)
            let rewards = FloatBuffer(count: n), terminated = FloatBuffer(count: n), truncated = FloatBuffer(count: n)
            for t in 0..<9 {
                for i in 0..<(n * o) { obs[i] = Float((i * 7 + t * 3) % 11) / 11 - 0.5 }
                agent.act(observations: obs.pointer, actions: learned.pointer)
                evaluator.act(observations: obs.pointer, actions: evaluated.pointer)
                XCTAssertEqual(agent.chunks.starts, evaluator.chunks.starts, "\(objective) step \(t)")
                XCTAssertEqual(agent.chunks.sampling, evaluator.chunks.sampling, "\(objective) step \(t)")
                for i in 0..<(n * a) { XCTAssertEqual(learned[i], evaluated[i], accuracy: 1e-4, "\(objective) step \(t) action \(i)") }
                for e in 0..<n {
                    terminated[e] = e == 1 && t == 2 ? 1 : 0
                    truncated[e] = (e == 2 && t == 4) || (e == 3 && t % 4 == 3) ? 1 : 0
                }
                agent.observe(rewards: rewards.pointer, terminated: terminated.pointer, truncated: truncated.pointer,
                              finalObservations: obs.pointer)
                evaluator.observe(terminated: terminated.pointer, truncated: truncated.pointer)
                XCTAssertEqual(agent.chunks.phases, evaluator.chunks.phases, "\(objective) step \(t)")
            }
            XCTAssertTrue(agent.rollout.isFull)
        }
    }
}
