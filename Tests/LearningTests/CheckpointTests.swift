import Foundation
import XCTest
@testable import Learning

/// Save -> resume is bit-identical; damaged checkpoints are refused with clear errors.
final class CheckpointTests: XCTestCase {
    private var directory: URL!

    override func setUp() {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("learning-ckpt-\(UUID().uuidString)")
    }

    override func tearDown() { try? FileManager.default.removeItem(at: directory) }

    private func config() -> PPOConfig {
        var config = smallConfig()
        config.normalizeObservations = true
        return config
    }

    func testResumeEqualsUninterruptedTraining() throws {
        let straight = PointMassTrainer(agent: try PPOAgent(config: config(), observationDim: 6, actionDim: 2, seed: 9),
                                        environmentSeed: 1)
        let interrupted = PointMassTrainer(agent: try PPOAgent(config: config(), observationDim: 6, actionDim: 2, seed: 9),
                                           environmentSeed: 1)
        for _ in 0..<2 { straight.iterate(); interrupted.iterate() }
        try interrupted.agent.saveCheckpoint(to: directory)
        let resumed = PointMassTrainer(agent: try PPOAgent.loadCheckpoint(from: directory), environmentSeed: 1)
        resumed.environment = interrupted.environment  // the env side restores its own state
        var straightStats: [PPOUpdateStats] = [], resumedStats: [PPOUpdateStats] = []
        for _ in 0..<2 { straightStats.append(straight.iterate()); resumedStats.append(resumed.iterate()) }
        XCTAssertEqual(straightStats, resumedStats)
        XCTAssertEqual(bits(straight.agent.networks.parameters), bits(resumed.agent.networks.parameters))
        XCTAssertEqual(bits(straight.agent.optimizer.firstMoment), bits(resumed.agent.optimizer.firstMoment))
        XCTAssertEqual(bits(straight.agent.normalizer!.variance), bits(resumed.agent.normalizer!.variance))
        XCTAssertEqual(straight.agent.generator, resumed.agent.generator)
        XCTAssertEqual(resumed.agent.iteration, 4)
    }

    private func savedAgent() throws -> PPOAgent {
        let agent = try PPOAgent(config: config(), observationDim: 6, actionDim: 2, seed: 9)
        try agent.saveCheckpoint(to: directory)
        return agent
    }

    private func assertRefused(_ fragment: String, file: String, line: UInt = #line) {
        XCTAssertThrowsError(try PPOAgent.loadCheckpoint(from: directory), line: line) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains(fragment), "message '\(message)' lacks '\(fragment)'", line: line)
            XCTAssertTrue(message.contains(file), "message '\(message)' does not name \(file)", line: line)
        }
    }

    func testTruncatedTensorFileIsRefused() throws {
        _ = try savedAgent()
        let url = directory.appendingPathComponent(PPOAgent.tensorFileName)
        let data = try Data(contentsOf: url)
        try data.prefix(data.count / 2).write(to: url)
        assertRefused("truncated", file: PPOAgent.tensorFileName)
    }

    func testCorruptTensorByteIsRefused() throws {
        _ = try savedAgent()
        let url = directory.appendingPathComponent(PPOAgent.tensorFileName)
        var data = try Data(contentsOf: url)
        data[data.count - 10] ^= 0x40
        try data.write(to: url)
        assertRefused("checksum", file: PPOAgent.tensorFileName)
    }

    func testCorruptStateJSONIsRefused() throws {
        _ = try savedAgent()
        try Data("{\"formatVersion\": 1, \"config\": ".utf8).write(to: directory.appendingPathComponent(PPOAgent.stateFileName))
        assertRefused("not a valid checkpoint state", file: PPOAgent.stateFileName)
    }

    func testMissingCheckpointIsRefused() {
        assertRefused("missing", file: PPOAgent.stateFileName)
    }

    func testMismatchedAgentIsRefused() throws {
        _ = try savedAgent()
        var other = config()
        other.actorHiddenSizes = [8]
        let agent = try PPOAgent(config: other, observationDim: 6, actionDim: 2, seed: 1)
        XCTAssertThrowsError(try agent.restoreCheckpoint(from: directory)) { error in
            XCTAssertTrue("\(error)".contains("PPOConfig differs"), "\(error)")
        }
        let wrongSize = try PPOAgent(config: config(), observationDim: 7, actionDim: 2, seed: 1)
        XCTAssertThrowsError(try wrongSize.restoreCheckpoint(from: directory)) { error in
            XCTAssertTrue("\(error)".contains("sizes"), "\(error)")
        }
    }

    func testSafeTensorsRoundTripAndBadHeaders() throws {
        let tensors = [("a.weight", SafeTensor(shape: [2, 3], values: [1, 2, 3, 4, 5, -6])),
                       ("b", SafeTensor(shape: [1], values: [.pi]))]
        let bytes = SafeTensors.encode(tensors, metadata: ["k": "v"])
        XCTAssertEqual((bytes.count - 8 - 24 - 4) % 8, 0, "header padded to 8 bytes")
        let decoded = try SafeTensors.decode(bytes, file: "x.safetensors")
        XCTAssertEqual(decoded["a.weight"], tensors[0].1)
        XCTAssertEqual(decoded["b"], tensors[1].1)
        XCTAssertThrowsError(try SafeTensors.decode([1, 2, 3], file: "x.safetensors")) {
            XCTAssertTrue("\($0)".contains("x.safetensors"))
        }
        var hugeHeader = bytes
        hugeHeader[7] = 0x7f
        XCTAssertThrowsError(try SafeTensors.decode(hugeHeader, file: "x.safetensors")) {
            XCTAssertTrue("\($0)".contains("header claims"))
        }
        var badJSON = bytes
        badJSON[8] = UInt8(ascii: "]")
        XCTAssertThrowsError(try SafeTensors.decode(badJSON, file: "x.safetensors")) {
            XCTAssertTrue("\($0)".contains("not a JSON object"))
        }
    }

    func testSavingMidRolloutIsRefused() throws {
        let agent = try PPOAgent(config: config(), observationDim: 6, actionDim: 2, seed: 9)
        let obs = FloatBuffer(count: 8 * 6), actions = FloatBuffer(count: 8 * 2)
        agent.act(observations: obs.pointer, actions: actions.pointer)
        let zeros = FloatBuffer(count: 8)
        agent.observe(rewards: zeros.pointer, terminated: zeros.pointer, truncated: zeros.pointer, finalObservations: nil)
        XCTAssertThrowsError(try agent.saveCheckpoint(to: directory)) {
            XCTAssertTrue("\($0)".contains("middle of a rollout"))
        }
    }
}
