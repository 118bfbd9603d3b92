import Foundation
@testable import Learning
import XCTest

/// ResDex's action composition: a = clip(a_R + sum_i softmax(w)_i a_i^B, -1, 1) with frozen,
/// deterministic bases acting on their own features of the observation.
final class BaseMixtureTests: XCTestCase {
    /// A PPO base policy (chunk length 1) on `observationDim` features; random weights unless
    /// `constant` is given, then its mean action is `constant` whatever it sees.
    func base(observationDim: Int, actionDim: Int, seed: UInt64, constant: [Float]? = nil) throws -> PPOAgent {
        let agent = try PPOAgent(config: smallConfig(envCount: 4, chunkLength: 1), observationDim: observationDim, actionDim: actionDim, seed: seed)
        if let constant { setActorOutput(agent, weights: 0, bias: constant) }
        return agent
    }

    /// Sets the actor's last layer to `weights` everywhere and its bias to `bias`.
    func setActorOutput(_ agent: PPOAgent, weights: Float, bias: [Float]) {
        let layers = agent.networks.tensorLayout.filter { $0.name.hasPrefix("actor.") && $0.name != "actor.log_std" }
        let weight = layers[layers.count - 2], last = layers[layers.count - 1]
        let p = agent.networks.parameters.pointer
        for i in 0..<weight.shape.reduce(1, *) { p[weight.offset + i] = weights }
        for (i, b) in bias.enumerated() { p[last.offset + i] = b }
    }

    /// Hand-set numbers: two constant bases, a residual and weight logits ln 3 and 0
    /// (weights 0.75, 0.25); the third action is clipped.
    func testComposesResidualAndSoftmaxWeightedBasesOnHandSetNumbers() throws {
        let bases = [try base(observationDim: 2, actionDim: 3, seed: 1, constant: [0.2, -0.4, 0.9]),
                     try base(observationDim: 2, actionDim: 3, seed: 2, constant: [0.6, 0.0, -0.5])]
        let mixture = try BaseMixture(bases: bases, inputIndices: [3, 0], observationDim: 4, residual: true, actionDim: 3)
        XCTAssertEqual(mixture.hyperWidth, 5)
        let observations: [Float] = [0.1, 0.2, 0.3, 0.4, -1, -2, -3, -4]
        mixture.prepare(observations: observations, rows: 2)
        let hyper: [Float] = [0.1, 0.5, 0.3, log(3), 0,
                              0.0, 0.0, 0.9, log(3), 0]
        var actions = [Float](repeating: .nan, count: 6)
        mixture.compose(hyper: hyper, rows: 2, into: &actions)
        let expected: [Float] = [0.1 + 0.75 * 0.2 + 0.25 * 0.6, 0.5 + 0.75 * -0.4, 0.3 + 0.75 * 0.9 + 0.25 * -0.5,
                                 0.75 * 0.2 + 0.25 * 0.6, 0.75 * -0.4, 1]
        for (a, e) in zip(actions, expected) { XCTAssertEqual(a, e, accuracy: 1e-6) }

        let mixtureOnly = try BaseMixture(bases: bases, inputIndices: [3, 0], observationDim: 4, residual: false, actionDim: 3)
        XCTAssertEqual(mixtureOnly.hyperWidth, 2, "no residual: only the weights")
        mixtureOnly.prepare(observations: observations, rows: 1)
        mixtureOnly.compose(hyper: [0, log(3)], rows: 1, into: &actions)
        for (a, e) in zip(actions[0..<3], [0.25 * 0.2 + 0.75 * 0.6, 0.25 * -0.4, 0.25 * 0.9 + 0.75 * -0.5] as [Float]) {
            XCTAssertEqual(a, e, accuracy: 1e-6)
        }
    }

    /// With a zero output layer (zero residual, equal weight logits) the hyper-policy acts
    /// exactly as the mean of its bases, each run on its own features of the observation.
    func testZeroResidualHeadAndEqualWeightsActAsTheMeanOfTheBases() throws {
        let (observationDim, actionDim) = (7, 3)
        let indices = [6, 1, 2, 4]
        let bases = try (0..<3).map { try base(observationDim: indices.count, actionDim: actionDim, seed: 10 + UInt64($0)) }
        let hyper = try PPOAgent(config: smallConfig(envCount: 5, chunkLength: 2), observationDim: observationDim,
                                 actionDim: actionDim + bases.count, seed: 3)
        setActorOutput(hyper, weights: 0, bias: [Float](repeating: 0, count: 2 * (actionDim + bases.count)))
        try hyper.attach(BaseMixture(bases: bases, inputIndices: indices, observationDim: observationDim, residual: true, actionDim: actionDim))
        var generator = RandomGenerator(seed: 9)
        var observations = [Float](repeating: 0, count: 5 * observationDim)
        observations.withUnsafeMutableBufferPointer { generator.fillGaussian($0.baseAddress!, count: $0.count) }
        var actions = [Float](repeating: .nan, count: 5 * actionDim)
        PolicyEvaluator(agent: hyper, envCount: 5).act(observations: observations, actions: &actions)

        var expected = [Float](repeating: 0, count: 5 * actionDim)
        for b in bases {
            let inputs = (0..<5).flatMap { r in indices.map { observations[r * observationDim + $0] } }
            var own = [Float](repeating: 0, count: 5 * actionDim)
            PolicyEvaluator(agent: b, envCount: 5).meanChunks(observations: inputs, rows: 5, into: &own)
            for i in own.indices { expected[i] += own[i] / Float(bases.count) }
        }
        XCTAssertTrue(expected.contains { abs($0) > 1e-3 }, "the bases act")
        for (a, e) in zip(actions, expected) { XCTAssertEqual(a, e, accuracy: 1e-6) }
    }

    /// A checkpoint of a hyper-policy holds its bases: loaded back, it acts identically, and a
    /// plain agent refuses to restore it.
    func testCheckpointHoldsTheBases() throws {
        let bases = try (0..<2).map { try base(observationDim: 3, actionDim: 2, seed: 20 + UInt64($0)) }
        let hyper = try PPOAgent(config: smallConfig(envCount: 4, chunkLength: 1), observationDim: 5, actionDim: 4, seed: 4)
        try hyper.attach(BaseMixture(bases: bases, inputIndices: [0, 2, 4], observationDim: 5, residual: true, actionDim: 2))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mixture-\(UUID().uuidString)")
        try hyper.saveCheckpoint(to: folder)
        let loaded = try PPOAgent.loadCheckpoint(from: folder)
        let mixture = try XCTUnwrap(loaded.mixture)
        XCTAssertEqual(mixture.inputIndices, [0, 2, 4])
        for (a, b) in zip(mixture.bases, bases) { XCTAssertEqual(bits(a.networks.parameters), bits(b.networks.parameters)) }
        let observations: [Float] = (0..<20).map { Float($0) * 0.1 - 1 }
        var original = [Float](repeating: 0, count: 8), reloaded = original
        PolicyEvaluator(agent: hyper, envCount: 4).act(observations: observations, actions: &original)
        PolicyEvaluator(agent: loaded, envCount: 4).act(observations: observations, actions: &reloaded)
        XCTAssertEqual(original.map(\.bitPattern), reloaded.map(\.bitPattern))

        let plain = try PPOAgent(config: smallConfig(envCount: 4, chunkLength: 1), observationDim: 5, actionDim: 4, seed: 4)
        XCTAssertThrowsError(try plain.restoreCheckpoint(from: folder)) {
            XCTAssertTrue("\($0)".contains("holds base policies"), "\($0)")
        }
        XCTAssertThrowsError(try hyper.attach(BaseMixture(bases: bases, inputIndices: [0, 2, 4], observationDim: 5, residual: false, actionDim: 2))) {
            XCTAssertTrue("\($0)".contains("needs 2 outputs"), "\($0)")
        }
    }
}
