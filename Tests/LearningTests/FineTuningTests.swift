import XCTest
@testable import Learning

/// One rollout of a small synthetic task (reward favours a large first and a small second
/// action) and one update.
func trainOneIteration(_ agent: PPOAgent, seed: Int) {
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

/// Critic warm-up: during the first `actorFreezeIterations` updates the actor and its log-std
/// keep their values and the learning rate does not adapt; the critic learns; afterwards the
/// actor learns again, starting from the learning-rate floor.
final class ActorFreezeTests: XCTestCase {
    private func rollout(_ agent: PPOAgent, seed: Int) { trainOneIteration(agent, seed: seed) }

    func testActorStaysFixedWhileTheCriticWarmsUp() throws {
        var config = smallConfig()
        config.experimental.actorFreezeIterations = 2
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
        XCTAssertLessThanOrEqual(agent.learningRate, config.minLearningRate * 1.5 * 1.5 * 1.5 * 1.5 * 1.0001,
                                 "the thawed actor starts from the learning-rate floor (at most one x1.5 per minibatch)")
        XCTAssertNotEqual(Array(agent.networks.parameters.toArray()[..<actorCount]), Array(start[..<actorCount]),
                          "the actor learns after the warm-up")
    }

    func testNegativeFreezeIsRefused() {
        var config = smallConfig()
        config.experimental.actorFreezeIterations = -1
        XCTAssertThrowsError(try config.validate()) { error in
            XCTAssertTrue("\(error)".contains("actorFreezeIterations"), "\(error)")
        }
    }
}

/// The imitation term (DAPG-style) pulls the actor's mean chunk toward the demonstrations, is
/// off at weight 0, and decays geometrically.
final class ImitationTermTests: XCTestCase {
    private func demonstrations(rows: Int) -> (observations: [Float], targets: [Float]) {
        let observations = (0..<rows * 2).map { Float($0 % 7) * 0.1 - 0.3 }
        let targets = [Float](repeating: -0.6, count: rows * 2 * 2)  // h = 2 blocks x 2 dims, all -0.6
        return (observations, targets)
    }

    private func meanError(_ agent: PPOAgent, _ demos: (observations: [Float], targets: [Float])) -> Float {
        let rows = demos.observations.count / 2
        let input = FloatBuffer(count: rows * 2)
        for k in 0..<rows * 2 { input[k] = demos.observations[k] }
        agent.preprocess(input.pointer, rows: rows, updateStatistics: false)
        let means = agent.networks.actor.forward(input.pointer, rows: rows)
        return (0..<rows * 4).reduce(0) { $0 + abs(means[$1] - demos.targets[$1]) } / Float(rows * 4)
    }

    func testImitationPullsTheActorTowardTheDemonstrations() throws {
        let demos = demonstrations(rows: 32)
        var config = smallConfig()
        let plain = try PPOAgent(config: config, observationDim: 2, actionDim: 2, seed: 5)
        config.experimental.imitationWeight = 30
        let imitating = try PPOAgent(config: config, observationDim: 2, actionDim: 2, seed: 5)
        imitating.setDemonstrations(observations: demos.observations, targets: demos.targets)
        let before = meanError(imitating, demos)
        for i in 0..<20 { trainOneIteration(plain, seed: i); trainOneIteration(imitating, seed: i) }
        XCTAssertLessThan(meanError(imitating, demos), before / 3, "the actor moved toward the demonstrated chunks")
        XCTAssertLessThan(meanError(imitating, demos), meanError(plain, demos) / 3, "and PPO alone does not")
    }

    func testZeroWeightLeavesTheUpdateUnchanged() throws {
        let demos = demonstrations(rows: 8)
        let config = smallConfig()
        let a = try PPOAgent(config: config, observationDim: 2, actionDim: 2, seed: 5)
        let b = try PPOAgent(config: config, observationDim: 2, actionDim: 2, seed: 5)
        b.setDemonstrations(observations: demos.observations, targets: demos.targets)
        for i in 0..<2 { trainOneIteration(a, seed: i); trainOneIteration(b, seed: i) }
        XCTAssertEqual(bits(a.networks.parameters), bits(b.networks.parameters))
    }

    func testWeightDecaysPerIteration() throws {
        var config = smallConfig()
        config.experimental.imitationWeight = 2
        config.experimental.imitationDecay = 0.5
        let agent = try PPOAgent(config: config, observationDim: 2, actionDim: 2, seed: 5)
        XCTAssertEqual(agent.currentImitationWeight, 2)
        for i in 0..<3 { trainOneIteration(agent, seed: i) }
        XCTAssertEqual(agent.currentImitationWeight, 0.25, accuracy: 1e-6)
        config.experimental.imitationDecay = 1.5
        XCTAssertThrowsError(try config.validate()) { XCTAssertTrue("\($0)".contains("imitationDecay"), "\($0)") }
    }
}

/// `initStdPrefix` sets the first action dimensions' std in every block of the chunk.
final class InitStdPrefixTests: XCTestCase {
    func testPrefixSetsTheLeadingDimensionsOfEveryBlock() throws {
        var config = smallConfig(chunkLength: 2)
        config.initStd = 0.3
        config.initStdPrefix = [0.01, 0.02]
        let agent = try PPOAgent(config: config, observationDim: 2, actionDim: 3, seed: 5)
        let std = (0..<agent.networks.logStdCount).map { exp(agent.networks.logStd[$0]) }
        XCTAssertEqual(std.count, 6)
        for (j, expected) in [Float(0.01), 0.02, 0.3, 0.01, 0.02, 0.3].enumerated() {
            XCTAssertEqual(std[j], expected, accuracy: 1e-6, "entry \(j)")
        }
        config.initStdPrefix = [0.1, 0.1, 0.1, 0.1]
        XCTAssertThrowsError(try PPOAgent(config: config, observationDim: 2, actionDim: 3, seed: 5)) {
            XCTAssertTrue("\($0)".contains("initStdPrefix"), "\($0)")
        }
    }
}
