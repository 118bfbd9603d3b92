import XCTest
@testable import Learning

/// End-to-end: PPO and ACPPO (h = 2) learn to reach targets on the point-mass fixture.
final class PointMassLearningTests: XCTestCase {
    private func learn(chunkLength: Int, iterations: Int) throws -> (before: Float, after: Float, reward: Float) {
        var config = PPOConfig()
        config.envCount = 64
        config.stepsPerRollout = 16
        config.chunkLength = chunkLength
        config.actorHiddenSizes = [32, 32]
        config.criticHiddenSizes = [32, 32]
        let agent = try PPOAgent(config: config, observationDim: 6, actionDim: 2, seed: 2024)
        let trainer = PointMassTrainer(agent: agent, environmentSeed: 7)
        let before = trainer.evaluate()
        var rewards: [Float] = []
        for _ in 0..<iterations { rewards.append(trainer.iterate().meanReward) }
        let lastRewards = rewards.suffix(10).reduce(0, +) / 10
        return (before, trainer.evaluate(), lastRewards)
    }

    func testPPOSolvesPointMass() throws {
        let result = try learn(chunkLength: 1, iterations: 150)
        print("PPO point mass: success \(result.before) -> \(result.after), reward \(result.reward)")
        XCTAssertLessThan(result.before, 0.3)
        XCTAssertGreaterThan(result.after, 0.8)
    }

    func testACPPOChunkTwoSolvesPointMass() throws {
        let result = try learn(chunkLength: 2, iterations: 150)
        print("ACPPO h=2 point mass: success \(result.before) -> \(result.after), reward \(result.reward)")
        XCTAssertLessThan(result.before, 0.3)
        XCTAssertGreaterThan(result.after, 0.8)
    }
}
