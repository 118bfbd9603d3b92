import XCTest
@testable import Learning

/// The loss function: every term of a minibatch, and the gradient of their weighted sum.
final class LossFunctionTests: XCTestCase {
    /// An agent with a collected rollout (envs 1 and 2 end episodes on the way), demonstrations,
    /// and its update prepared as `update` prepares it; the whole rollout as one minibatch.
    private func prepared(_ objective: ChunkObjective) -> (PPOAgent, Minibatch) {
        var config = smallConfig(envCount: 4, steps: 6, chunkLength: 2, objective: objective)
        config.minibatchCount = 1
        config.entropyCoef = 0.01
        config.experimental.imitationWeight = 0.5
        let (o, a) = (3, 2)
        let agent = try! PPOAgent(config: config, observationDim: o, actionDim: a, seed: 5)
        let obs = FloatBuffer(count: 4 * o), actions = FloatBuffer(count: 4 * a), rewards = FloatBuffer(count: 4)
        let terminated = FloatBuffer(count: 4), truncated = FloatBuffer(count: 4)
        for t in 0..<6 {
            for i in 0..<(4 * o) { obs[i] = Float((i + 5 * t) % 7) / 7 - 0.4 }
            agent.act(observations: obs.pointer, actions: actions.pointer)
            for e in 0..<4 {
                rewards[e] = Float(e * t % 5) / 4 - 0.3
                terminated[e] = e == 1 && t == 2 ? 1 : 0
                truncated[e] = e == 2 && t == 3 ? 1 : 0
            }
            agent.observe(rewards: rewards.pointer, terminated: terminated.pointer, truncated: truncated.pointer,
                          finalObservations: obs.pointer)
        }
        let rows = 5
        agent.setDemonstrations(observations: (0..<(rows * o)).map { Float($0 % 4) / 4 },
                                targets: (0..<(rows * agent.actorBlocks * a)).map { Float($0 % 3) / 3 - 0.3 })
        _ = agent.prepareAdvantages(nextObservations: obs.pointer)
        agent.tileLogStd(into: agent.updateScratch.oldLogStd.pointer)
        let slots = agent.updateScratch.chunkStartSlots
        let minibatch = Minibatch(index: 0, slots: slots, totalRows: slots.count)
        agent.gatherPolicyBatch(minibatch.slots[...])
        return (agent, minibatch)
    }

    /// `loss` returns every term (surrogate, value, entropy, KL, clip fraction, mean ratio,
    /// imitation), and the gradient it leaves is that of surrogate + valueCoef x value -
    /// entropyCoef x entropy + w x imitation: central finite differences over actor, log-std and
    /// critic parameters, for both objectives.
    func testLossGradientIsTheGradientOfItsWeightedTerms() {
        for objective in [ChunkObjective.chunked, .naiveProductOfRatios] {
            let (agent, minibatch) = prepared(objective)
            let config = agent.config, generator = agent.generator
            func total() -> Float {
                agent.generator = generator  // the imitation term draws the same demonstrations
                let t = agent.loss(minibatch)
                return t.surrogateLoss + config.valueCoef * t.valueLoss - config.entropyCoef * t.entropy
                    + agent.currentImitationWeight * t.imitationLoss
            }
            agent.generator = generator
            let terms = agent.loss(minibatch)
            XCTAssertEqual(terms.meanRatio, 1, accuracy: 1e-5, "\(objective): the behaviour policy itself")
            XCTAssertEqual(terms.approxKL, 0, accuracy: 1e-6)
            XCTAssertEqual(terms.clipFraction, 0)
            XCTAssertNotEqual(terms.surrogateLoss, 0)
            XCTAssertGreaterThan(terms.valueLoss, 0)
            XCTAssertGreaterThan(terms.imitationLoss, 0)
            XCTAssertEqual(terms.entropy, GaussianPolicy.entropy(logStd: agent.networks.logStd, count: agent.networks.logStdCount))
            let gradient = agent.networks.gradients.toArray()
            let parameters = agent.networks.parameters
            let actorEnd = agent.networks.actor.shape.parameterCount, logStdEnd = actorEnd + agent.networks.logStdCount
            let checked = Array(stride(from: 0, to: actorEnd, by: 17)) + Array(actorEnd..<logStdEnd)
                + Array(stride(from: logStdEnd, to: parameters.count, by: 23))
            let epsilon: Float = 1e-2
            for p in checked {
                let saved = parameters[p]
                parameters[p] = saved + epsilon
                let plus = total()
                parameters[p] = saved - epsilon
                let minus = total()
                parameters[p] = saved
                let numeric = (plus - minus) / (2 * epsilon)
                XCTAssertEqual(gradient[p], numeric, accuracy: 3e-3 + 3e-2 * abs(numeric), "\(objective): parameter \(p)")
            }
        }
    }
}
