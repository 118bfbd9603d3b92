import Foundation
import XCTest
@testable import Interchange
import Learning

/// The policy graph: the nodes and tensor bytes of a hand-set network, the same bytes for the
/// same policy, and, for every mode the config allows, the graph computing what the Swift
/// evaluator executes (run by `GraphInterpreter`).
final class PolicyGraphTests: XCTestCase {
    /// obs 2 -> 3 (ELU) -> 2 = h 2 x 1 action, normalised, actions clipped.
    let handSet = PolicyNetwork(
        observationDim: 2, actionDim: 1, chunkLength: 2,
        preprocessing: .normalize(mean: [0.5, -1], variance: [4, 0.25], epsilon: 0.01, clip: 5),
        layers: [
            .init(inputs: 2, outputs: 3, weight: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6], bias: [0.01, 0.02, 0.03], activation: .elu),
            .init(inputs: 3, outputs: 2, weight: [0.1, -0.1, 0.2, -0.2, -0.3, 0.3], bias: [0.05, -0.05], activation: .linear),
        ],
        clipActions: true)

    func testHandSetNetworkNodesAndTensors() throws {
        let graph = PolicyGraph.graph(handSet)
        XCTAssertEqual(graph.nodes.map(\.opType),
                       ["Sub", "Sqrt", "Add", "Div", "Clip", "MatMul", "Add", "Elu", "MatMul", "Add", "Reshape", "Clip"])
        XCTAssertEqual(graph.nodes.last?.outputs, ["actions"])
        XCTAssertEqual(graph.initializers.map(\.name),
                       ["obs_mean", "obs_variance", "obs_epsilon", "obs_clip_min", "obs_clip_max", "actor.0.weight", "actor.0.bias",
                        "actor.1.weight", "actor.1.bias", "chunk_shape", "action_min", "action_max"])
        XCTAssertEqual(graph.inputs.map(\.shape), [[.parameter("batch"), .value(2)]])
        XCTAssertEqual(graph.outputs.map(\.shape), [[.parameter("batch"), .value(2), .value(1)]])
        let elu = try XCTUnwrap(graph.nodes.first { $0.opType == "Elu" })
        XCTAssertEqual(elu.attributes, [ONNXAttribute("alpha", .float(1))])

        // The initializers as they are in the file: model.graph (7) -> initializer (5) -> dims 1, data_type 2, name 8, raw_data 9.
        let bytes = PolicyGraph.model(handSet, metadata: [("k", "v")], modelVersion: 3, controlRateHz: 60).encoded()
        let graphBytes = try XCTUnwrap(ProtobufReader.messages(7, in: bytes).first)
        var tensors: [String: (dims: [Int64], type: [Int64], raw: [UInt8])] = [:]
        for t in ProtobufReader.messages(5, in: graphBytes) {
            let name = try XCTUnwrap(ProtobufReader.strings(8, in: t).first)
            tensors[name] = (ProtobufReader.ints(1, in: t), ProtobufReader.ints(2, in: t), try XCTUnwrap(ProtobufReader.messages(9, in: t).first))
        }
        func littleEndian(_ values: [Float]) -> [UInt8] {
            values.flatMap { v in (0..<4).map { UInt8(truncatingIfNeeded: v.bitPattern >> (8 * $0)) } }
        }
        XCTAssertEqual(tensors["actor.0.weight"]?.dims, [2, 3], "weights keep the [in, out] layout")
        XCTAssertEqual(tensors["actor.0.weight"]?.type, [1])
        XCTAssertEqual(tensors["actor.0.weight"]?.raw, littleEndian([0.1, 0.2, 0.3, 0.4, 0.5, 0.6]))
        XCTAssertEqual(tensors["actor.1.weight"]?.raw, littleEndian([0.1, -0.1, 0.2, -0.2, -0.3, 0.3]))
        XCTAssertEqual(tensors["actor.1.bias"]?.raw, littleEndian([0.05, -0.05]))
        XCTAssertEqual(tensors["obs_variance"]?.raw, littleEndian([4, 0.25]))
        XCTAssertEqual(tensors["obs_epsilon"]?.dims, [], "a scalar")
        XCTAssertEqual(tensors["obs_epsilon"]?.raw, littleEndian([0.01]))
        XCTAssertEqual(tensors["chunk_shape"]?.type, [7], "int64")
        XCTAssertEqual(tensors["chunk_shape"]?.raw, [0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0])
        let nodeOps = ProtobufReader.messages(1, in: graphBytes).compactMap { ProtobufReader.strings(4, in: $0).first }
        XCTAssertEqual(nodeOps, graph.nodes.map(\.opType), "nodes are written in topological order")
        XCTAssertEqual(ProtobufReader.ints(5, in: bytes), [3], "model_version")
        XCTAssertTrue(try XCTUnwrap(ProtobufReader.strings(6, in: bytes).first).contains("60 Hz"))

        // And it computes the formula, on a row with positive and one with negative ELU inputs.
        let rows: [[Float]] = [[2.5, -0.5], [-1.5, -1.5]]
        let out = try GraphInterpreter.run(graph, input: .init(shape: [2, 2], values: rows.flatMap { $0 }))
        XCTAssertEqual(out.shape, [2, 2, 1])
        for (r, row) in rows.enumerated() {
            let x = [(row[0] - 0.5) / (2 + 0.01), (row[1] + 1) / (0.5 + 0.01)]
            let hidden = (0..<3).map { j -> Float in
                let z = x[0] * [0.1, 0.2, 0.3][j] + x[1] * [0.4, 0.5, 0.6][j] + [0.01, 0.02, 0.03][j]
                return z > 0 ? z : Foundation.exp(z) - 1
            }
            let expected = (0..<2).map { j in
                hidden[0] * [0.1, -0.1][j] + hidden[1] * [0.2, -0.2][j] + hidden[2] * [-0.3, 0.3][j] + [0.05, -0.05][j]
            }
            XCTAssertTrue(expected.allSatisfy { abs($0) > 0.01 && abs($0) < 1 }, "row \(r): \(expected) should be inside the action clip")
            for (a, b) in zip(out.values[2 * r ..< 2 * r + 2], expected) { XCTAssertEqual(a, b, accuracy: 1e-6, "row \(r)") }
        }
    }

    func testClipOnlyUnclippedGraph() {
        var network = handSet
        network.preprocessing = .clip(3)
        network.clipActions = false
        let graph = PolicyGraph.graph(network)
        XCTAssertEqual(graph.nodes.map(\.opType), ["Clip", "MatMul", "Add", "Elu", "MatMul", "Add", "Reshape"])
        XCTAssertEqual(graph.nodes.first?.inputs, ["observation", "obs_clip_min", "obs_clip_max"])
        XCTAssertEqual(graph.nodes.last?.outputs, ["actions"])
        XCTAssertFalse(graph.initializers.contains { $0.name.hasPrefix("obs_mean") || $0.name.hasPrefix("action_") })
    }

    func testSameNetworkSameBytesAndWeightsChangeThem() {
        let a = PolicyGraph.model(handSet, metadata: [("k", "v")], modelVersion: 1, controlRateHz: 60).encoded()
        let b = PolicyGraph.model(handSet, metadata: [("k", "v")], modelVersion: 1, controlRateHz: 60).encoded()
        XCTAssertEqual(a, b)
        var changed = handSet
        changed.layers[1].bias[0] = 0.5000001
        XCTAssertNotEqual(PolicyGraph.model(changed, metadata: [("k", "v")], modelVersion: 1, controlRateHz: 60).encoded(), a)
    }

    func testCheckpointRoundTripGivesTheSameModel() throws {
        let agent = try Self.agent(config: Self.config(chunkLength: 2, objective: .chunked, normalize: true))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("policy-graph-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try agent.saveCheckpoint(to: folder)
        let loaded = try PPOAgent.loadCheckpoint(from: folder)
        let bytes = { (a: PPOAgent) in PolicyGraph.model(PolicyNetwork(agent: a), metadata: [], modelVersion: 0, controlRateHz: nil).encoded() }
        XCTAssertEqual(bytes(agent), bytes(loaded))
    }

    func testNetworkFromAgentReadsTheActor() throws {
        let agent = try Self.agent(config: Self.config(chunkLength: 3, objective: .naiveProductOfRatios, normalize: false))
        let network = PolicyNetwork(agent: agent)
        XCTAssertEqual(network.chunkLength, 1, "the naive objective's actor gives one action")
        XCTAssertEqual(network.layers.map(\.inputs), [Self.observationDim, 16, 8])
        XCTAssertEqual(network.layers.map(\.outputs), [16, 8, Self.actionDim])
        let actor = agent.networks.actor
        XCTAssertEqual(network.layers[1].weight.first, actor.parameters[actor.weightOffset(layer: 1)])
        XCTAssertEqual(network.layers[2].bias.last, actor.parameters[actor.shape.parameterCount - 1])
        XCTAssertEqual(network.preprocessing, .clip(5))
    }

    /// For every mode the config allows, the graph gives what `PolicyEvaluator` executes.
    func testGraphMatchesTheSwiftEvaluatorInEveryMode() throws {
        let modes: [(String, PPOConfig)] = [
            ("ACPPO h=2, normalised, ELU, clipped", Self.config(chunkLength: 2, objective: .chunked, normalize: true)),
            ("PPO, clip only, tanh, unclipped", Self.config(chunkLength: 1, objective: .chunked, normalize: false, activation: .tanh, clipActions: false)),
            ("naive h=3, normalised, linear, clipped", Self.config(chunkLength: 3, objective: .naiveProductOfRatios, normalize: true, activation: .linear)),
            ("ACPPO h=4, normalised, tanh, unclipped", Self.config(chunkLength: 4, objective: .chunked, normalize: true, activation: .tanh, clipActions: false)),
        ]
        for (name, config) in modes {
            let agent = try Self.agent(config: config)
            let rows = 6
            let observations = Self.observations(rows: rows, seed: 7)
            let evaluator = PolicyEvaluator(agent: agent, envCount: rows)
            let network = PolicyNetwork(agent: agent)
            var expected = [Float](repeating: 0, count: rows * network.chunkLength * Self.actionDim)
            observations.withUnsafeBufferPointer { o in
                expected.withUnsafeMutableBufferPointer { evaluator.meanChunks(observations: o.baseAddress!, rows: rows, into: $0.baseAddress!) }
            }
            let out = try GraphInterpreter.run(PolicyGraph.graph(network), input: .init(shape: [rows, Self.observationDim], values: observations))
            XCTAssertEqual(out.shape, [rows, network.chunkLength, Self.actionDim], name)
            let error = zip(out.values, expected).map { abs($0 - $1) }.max() ?? .infinity
            XCTAssertLessThan(error, 1e-5, name)
            let magnitude = expected.map(abs).max() ?? 0
            XCTAssertGreaterThan(magnitude, 0.5, "\(name): outputs too small to show a difference")
            if config.clipActions {
                XCTAssertTrue(expected.contains(1) || expected.contains(-1), "\(name): no action reached the clip")
            } else {
                XCTAssertGreaterThan(magnitude, 1, "\(name): no action beyond [-1, 1]")
            }
            // the evaluator executes the chunk's first action at a chunk start
            var actions = [Float](repeating: 0, count: rows * Self.actionDim)
            observations.withUnsafeBufferPointer { o in actions.withUnsafeMutableBufferPointer { evaluator.act(observations: o.baseAddress!, actions: $0.baseAddress!) } }
            let width = network.chunkLength * Self.actionDim
            for r in 0..<rows {
                XCTAssertEqual(Array(actions[r * Self.actionDim ..< (r + 1) * Self.actionDim]),
                               Array(expected[r * width ..< r * width + Self.actionDim]), "\(name): row \(r)")
            }
        }
    }

    // MARK: - Fixtures

    static let observationDim = 7
    static let actionDim = 3

    static func config(chunkLength: Int, objective: ChunkObjective, normalize: Bool,
                       activation: Activation = .elu, clipActions: Bool = true) -> PPOConfig {
        var c = PPOConfig()
        c.envCount = 4
        c.stepsPerRollout = 4
        c.minibatchCount = 1
        c.chunkLength = chunkLength
        c.objective = objective
        c.actorHiddenSizes = [16, 8]
        c.criticHiddenSizes = [8]
        c.activation = activation
        c.normalizeObservations = normalize
        c.clipActions = clipActions
        return c
    }

    /// Observations spread over about +-8 around an offset (some beyond the clip of 5).
    static func observations(rows: Int, seed: UInt64) -> [Float] {
        var g = RandomGenerator(seed: seed)
        return (0..<rows * observationDim).map { 8 * (2 * g.nextUniform() - 1) + Float($0 % observationDim) * 0.3 }
    }

    /// An agent whose normaliser has seen some observations and whose actor's output layer is
    /// scaled up so that actions reach beyond [-1, 1].
    static func agent(config: PPOConfig) throws -> PPOAgent {
        let agent = try PPOAgent(config: config, observationDim: observationDim, actionDim: actionDim, seed: 11)
        if let normalizer = agent.normalizer {
            let batch = observations(rows: 50, seed: 3).map { 0.5 * $0 + 1 }
            batch.withUnsafeBufferPointer { normalizer.update($0.baseAddress!, rows: 50) }
        }
        let actor = agent.networks.actor
        let last = actor.shape.layerCount - 1
        let start = actor.weightOffset(layer: last)
        for i in start ..< actor.shape.parameterCount { actor.parameters[i] *= 300 }
        return agent
    }
}
