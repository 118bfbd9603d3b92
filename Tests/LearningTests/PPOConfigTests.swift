import Foundation
import XCTest
@testable import Learning

final class PPOConfigTests: XCTestCase {
    func testDefaultsArePublishedValues() throws {
        let config = PPOConfig()
        try config.validate()
        XCTAssertEqual(config.gamma, 0.96)
        XCTAssertEqual(config.gaeLambda, 0.95)
        XCTAssertEqual(config.valueCoef, 2)
        XCTAssertEqual(config.targetKL, 0.016)
        XCTAssertEqual(config.updateEpochs * config.minibatchCount, 20)
        XCTAssertEqual(config.actorHiddenSizes, [1024, 1024, 512, 512])
        XCTAssertTrue(config.bootstrapTimeouts)
    }

    func testInvalidValuesNameTheField() {
        var config = PPOConfig()
        config.chunkLength = 9
        XCTAssertThrowsError(try config.validate()) { XCTAssertTrue("\($0)".contains("chunkLength")) }
        config = PPOConfig()
        config.minibatchCount = config.envCount + 1
        XCTAssertThrowsError(try config.validate()) { XCTAssertTrue("\($0)".contains("minibatchCount")) }
        config = PPOConfig()
        config.learningRate = 1
        XCTAssertThrowsError(try config.validate()) { XCTAssertTrue("\($0)".contains("learningRate")) }
    }

    func testCodableRoundTrip() throws {
        var config = PPOConfig()
        config.objective = .naiveProductOfRatios
        config.initStd = 0.5
        let decoded = try JSONDecoder().decode(PPOConfig.self, from: JSONEncoder().encode(config))
        XCTAssertEqual(decoded, config)
    }

    func testAdaptiveLearningRateRule() throws {
        let agent = try PPOAgent(config: smallConfig(), observationDim: 3, actionDim: 1, seed: 1)
        agent.adaptLearningRate(kl: 0.1)
        XCTAssertEqual(agent.learningRate, 3e-4 / 1.5, accuracy: 1e-9)
        agent.adaptLearningRate(kl: 0.001)
        agent.adaptLearningRate(kl: 0.001)
        XCTAssertEqual(agent.learningRate, 3e-4 * 1.5, accuracy: 1e-9)
        agent.adaptLearningRate(kl: 0.02)
        XCTAssertEqual(agent.learningRate, 3e-4 * 1.5, accuracy: 1e-9)
        for _ in 0..<40 { agent.adaptLearningRate(kl: 0.001) }
        XCTAssertEqual(agent.learningRate, 1e-2)
    }

    func testPerStepKLTargetScalesWithTheChunkLength() throws {
        // a chunk of h = 3 steps at a KL of 0.04: above 2 x 0.016 per chunk, below 2 x 3 x 0.016 per step
        var config = smallConfig(chunkLength: 3)
        let published = try PPOAgent(config: config, observationDim: 3, actionDim: 1, seed: 1)
        published.adaptLearningRate(kl: 0.04)
        XCTAssertEqual(published.learningRate, 3e-4 / 1.5, accuracy: 1e-9)
        config.klTargetPerStep = true
        XCTAssertEqual(config.effectiveTargetKL, 0.048, accuracy: 1e-7)
        let perStep = try PPOAgent(config: config, observationDim: 3, actionDim: 1, seed: 1)
        perStep.adaptLearningRate(kl: 0.04)
        XCTAssertEqual(perStep.learningRate, 3e-4, accuracy: 1e-9, "within the per-step band: unchanged")
        perStep.adaptLearningRate(kl: 0.1)
        XCTAssertEqual(perStep.learningRate, 3e-4 / 1.5, accuracy: 1e-9)
        config.chunkLength = 1
        XCTAssertEqual(config.effectiveTargetKL, config.targetKL, "h = 1: PPO's target")
    }
}
