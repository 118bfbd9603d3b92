import Foundation
import XCTest
@testable import Learning

/// Checkpoints written before a setting existed still load: a missing key keeps its default
/// (the checkpoint state of format 1 is migrated, `CheckpointState.decode`); a key of the
/// wrong type is still an error.
final class PPOConfigCodingTests: XCTestCase {
    func testMissingKeysKeepTheirDefaults() throws {
        var config = PPOConfig()
        config.chunkLength = 3
        var tree = try XCTUnwrap(JSONSerialization.jsonObject(with: JSONEncoder().encode(config)) as? [String: Any])
        // format 1 held the experimental settings beside the others
        tree.merge(try XCTUnwrap(tree.removeValue(forKey: "experimental") as? [String: Any])) { kept, _ in kept }
        tree["actorFreezeIterations"] = nil
        let state = CheckpointState.migratedFromVersion1(["formatVersion": 1, "config": tree])
        let decoded = try JSONDecoder().decode(PPOConfig.self, from: JSONSerialization.data(withJSONObject: try XCTUnwrap(state["config"])))
        XCTAssertEqual(decoded, config)
        XCTAssertEqual(decoded.chunkLength, 3, "present keys are read")
    }

    func testWrongTypeIsStillRefused() throws {
        var tree = try XCTUnwrap(JSONSerialization.jsonObject(with: JSONEncoder().encode(PPOConfig())) as? [String: Any])
        tree["gamma"] = "high"
        XCTAssertThrowsError(try JSONDecoder().decode(PPOConfig.self, from: JSONSerialization.data(withJSONObject: tree)))
    }
}
