import Foundation
import Learning
import XCTest
@testable import ShapeEncoding

/// Save/load round trip and clear errors, naming the file, for missing or corrupt weights.
final class ShapeEncoderPersistenceTests: XCTestCase {
    var folder = ""

    override func setUp() {
        folder = NSTemporaryDirectory() + "shape-encoder-tests-\(UUID().uuidString)"
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: folder) }

    func saved() throws -> (ShapeEncoder, String, String) {
        let encoder = ShapeEncoder(architecture: LibraryFixture.smallArchitecture(categories: ["a", "b"]), seed: 1)
        let (weights, json) = try encoder.save(to: folder)
        return (encoder, weights, json)
    }

    func assertLoadFails(naming file: String, containing text: String, line: UInt = #line) {
        do {
            _ = try ShapeEncoder.load(from: folder)
            XCTFail("load succeeded", line: line)
        } catch {
            XCTAssertEqual(error.file, file, line: line)
            XCTAssertTrue(error.message.contains(text), "message: \(error.message)", line: line)
        }
    }

    func testRoundTripGivesIdenticalCodes() throws {
        let (encoder, weights, _) = try saved()
        let loaded = try ShapeEncoder.load(from: folder).encoder
        XCTAssertEqual(loaded.parameterValues.map(\.bitPattern), encoder.parameterValues.map(\.bitPattern))
        let object = LibraryFixture.shared.unseenTest[0]
        XCTAssertEqual(try loaded.encode(object), try encoder.encode(object))
        let bytes = try FileManager.default.attributesOfItem(atPath: weights)[.size] as! Int
        XCTAssertLessThan(bytes, 1 << 20, "weights stay under 1 MB")
    }

    func testMissingFilesAreNamed() throws {
        assertLoadFails(naming: folder + "/shape-encoder.json", containing: "missing")
        let (_, weights, _) = try saved()
        try FileManager.default.removeItem(atPath: weights)
        assertLoadFails(naming: weights, containing: "missing")
    }

    func testCorruptFilesAreNamed() throws {
        let (_, weights, json) = try saved()
        let good = try Data(contentsOf: URL(fileURLWithPath: weights))
        try good.prefix(good.count / 2).write(to: URL(fileURLWithPath: weights))
        assertLoadFails(naming: weights, containing: "truncated")
        try Data("garbage".utf8).write(to: URL(fileURLWithPath: weights))
        assertLoadFails(naming: weights, containing: "truncated")
        // a tensor of the wrong shape, then NaN weights
        let bad = SafeTensors.encode([("point.0.weight", SafeTensor(shape: [2, 2], values: [0, 0, 0, 0]))])
        try Data(bad).write(to: URL(fileURLWithPath: weights))
        assertLoadFails(naming: weights, containing: "shape")
        var tensors = try SafeTensors.decode([UInt8](good), file: weights)
        tensors["code.0.bias"]!.values[3] = .nan
        try Data(SafeTensors.encode(tensors.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })).write(to: URL(fileURLWithPath: weights))
        assertLoadFails(naming: weights, containing: "NaN")
        try Data("{\"formatVersion\": 1".utf8).write(to: URL(fileURLWithPath: json))
        assertLoadFails(naming: json, containing: "not a shape-encoder description")
    }

    func testBadPointCloudsAreRejected() throws {
        let (encoder, _, _) = try saved()
        XCTAssertThrowsError(try encoder.encode(points: [], normals: [], name: "empty"))
        XCTAssertThrowsError(try encoder.encode(points: [0, 0, .nan], normals: [0, 0, 1], name: "nan")) {
            XCTAssertEqual(($0 as? ShapeEncodingError)?.file, "nan")
        }
        XCTAssertThrowsError(try encoder.encode(points: [0, 0, 1], normals: [0, 0], name: "mismatch"))
    }
}
