import XCTest
@testable import Learning

/// h = 1 must be PPO: the chunked path (actor at chunk starts) and the step-wise path
/// (actor every step, product of one ratio) give bit-identical losses and weights.
final class EquivalenceTests: XCTestCase {
    private func train(objective: ChunkObjective, chunkLength: Int, iterations: Int) -> (PPOAgent, [PPOUpdateStats]) {
        var config = smallConfig(envCount: 8, steps: 8, chunkLength: chunkLength, objective: objective)
        config.entropyCoef = 0.01
        let agent = try! PPOAgent(config: config, observationDim: 6, actionDim: 2, seed: 42)
        let trainer = PointMassTrainer(agent: agent, environmentSeed: 4)
        let stats = (0..<iterations).map { _ in trainer.iterate() }
        return (agent, stats)
    }

    func testChunkLengthOneEqualsStepwisePPO() {
        let (chunked, chunkedStats) = train(objective: .chunked, chunkLength: 1, iterations: 3)
        let (stepwise, stepwiseStats) = train(objective: .naiveProductOfRatios, chunkLength: 1, iterations: 3)
        XCTAssertEqual(chunkedStats, stepwiseStats)
        XCTAssertEqual(bits(chunked.networks.parameters), bits(stepwise.networks.parameters))
        XCTAssertEqual(bits(chunked.optimizer.secondMoment), bits(stepwise.optimizer.secondMoment))
        XCTAssertEqual(chunked.learningRate, stepwise.learningRate)
        XCTAssertNotEqual(chunkedStats[0].losses.surrogateLoss, 0)
    }

    func testFirstMinibatchRatioIsOne() {
        // Before any step the new policy is the behaviour policy: ratio exactly 1, KL 0, no clipping.
        var config = smallConfig(envCount: 8, steps: 8, chunkLength: 2)
        config.updateEpochs = 1
        config.minibatchCount = 1
        let agent = try! PPOAgent(config: config, observationDim: 6, actionDim: 2, seed: 1)
        let stats = PointMassTrainer(agent: agent, environmentSeed: 2).iterate()
        XCTAssertEqual(stats.losses.meanRatio, 1, accuracy: 1e-6)
        XCTAssertEqual(stats.losses.approxKL, 0, accuracy: 1e-6)
        XCTAssertEqual(stats.losses.clipFraction, 0)
    }

    func testNaiveProductOfRatiosTrainsWithChunks() {
        let (agent, stats) = train(objective: .naiveProductOfRatios, chunkLength: 2, iterations: 2)
        XCTAssertEqual(agent.networks.logStdCount, 2, "step-wise actor: |A| log-std entries")
        XCTAssertTrue(stats.allSatisfy { $0.losses.surrogateLoss.isFinite })
    }
}
