import XCTest
@testable import Learning

/// Critic warm-up: during the first `actorFreezeIterations` updates the actor and its log-std
/// keep their values and the learning rate does not adapt; the critic learns; afterwards the
/// actor learns again.
final class ActorFreezeTests: XCTestCase {
    private func rollout(_ agent: PPOAgent, seed: Int) {
        let n = agent.config.envCount
        let obs = FloatBuffer(count: n * 2), actions = FloatBuffer(count: n * 2), rewards = FloatBuffer(count: n)
        let terminated = FloatBuffer(count: n), truncated = FloatBuffer(count: n)
        for t in 0..<agent.config.stepsPerRollout {
            for e in 0..<n { obs[2 * e] = Float(t) * 0.1; obs[2 * e + 1] = Float(e + seed) * 0.05 }
            agent.act(observations: obs.pointer, actions: actions.pointer)
            for e in 0..<n { rewards[e] = actions[2 * e] - 0.5 * actions[2 * e + 1] }
            agent.observe(rewards: rewards.pointer, terminated: terminated.pointer, truncated: truncated.pointer,
                          finalObservations: obs.pointer)
        }
        agent.update(nextObservations: obs.pointer)
    }

    func testActorStaysFixedWhileTheCriticWarmsUp() throws {
        var config = smallConfig()
        config.actorFreezeIterations = 2
        let agent = try PPOAgent(config: config, observationDim: 2, actionDim: 2, seed: 5)
        let actorCount = agent.networks.actor.shape.parameterCount + agent.networks.logStdCount
        let start = agent.networks.parameters.toArray()
        let learningRate = agent.learningRate
        for i in 0..<2 { rollout(agent, seed: i) }
        let warmed = agent.networks.parameters.toArray()
        XCTAssertEqual(Array(warmed[..<actorCount]).map(\.bitPattern), Array(start[..<actorCount]).map(\.bitPattern),
                       "actor and log-std unchanged during the warm-up")
        XCTAssertNotEqual(Array(warmed[actorCount...]), Array(start[actorCount...]), "the critic learned")
        XCTAssertEqual(agent.learningRate, learningRate, "no KL-driven learning-rate change while the actor is frozen")
        rollout(agent, seed: 2)
        XCTAssertNotEqual(Array(agent.networks.parameters.toArray()[..<actorCount]), Array(start[..<actorCount]),
                          "the actor learns after the warm-up")
    }

    func testNegativeFreezeIsRefused() {
        var config = smallConfig()
        config.actorFreezeIterations = -1
        XCTAssertThrowsError(try config.validate()) { error in
            XCTAssertTrue("\(error)".contains("actorFreezeIterations"), "\(error)")
        }
    }
}
