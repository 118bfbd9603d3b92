import AssetImport
import Learning
import XCTest
@testable import ShapeEncoding

/// Same seed -> same weights -> same codes, bit for bit; codes ignore point order.
final class ShapeEncoderDeterminismTests: XCTestCase {
    func trainShort(seed: UInt64, objects: [ObjectAsset]) throws -> ShapeEncoder {
        var config = ShapeEncoderTrainingConfig()
        (config.steps, config.batchSize, config.seed) = (15, 8, seed)
        let architecture = LibraryFixture.smallArchitecture(categories: Array(Set(objects.map(\.category))).sorted())
        return try ShapeEncoder.train(objects: objects, architecture: architecture, config: config, progressInterval: 0).encoder
    }

    func testSameSeedGivesBitIdenticalWeightsAndCodes() throws {
        let objects = Array(LibraryFixture.shared.train.prefix(48))
        let a = try trainShort(seed: 5, objects: objects), b = try trainShort(seed: 5, objects: objects)
        let c = try trainShort(seed: 6, objects: objects)
        XCTAssertEqual(a.parameterValues.map(\.bitPattern), b.parameterValues.map(\.bitPattern))
        XCTAssertNotEqual(a.parameterValues, c.parameterValues, "a different seed gives different weights")
        let probe = LibraryFixture.shared.seenTest.prefix(5)
        for o in probe {
            XCTAssertEqual(try a.encode(o).map(\.bitPattern), try b.encode(o).map(\.bitPattern))
            XCTAssertEqual(try a.encode(o).map(\.bitPattern), try a.encode(o).map(\.bitPattern), "encoding twice")
        }
    }

    func testCodeIgnoresPointOrder() throws {
        let encoder = LibraryFixture.shared.encoder
        let k = encoder.architecture.pointCount
        var generator = RandomGenerator(seed: 7)
        for o in LibraryFixture.shared.seenTest.prefix(6) {
            // permute the first k points (the ones the encoder reads) and their normals together
            let order = Array(0..<k).shuffled(using: &generator) + Array(k..<o.surfacePointCount)
            let points = order.flatMap { o.surfacePoints[(3 * $0)..<(3 * $0 + 3)] }
            let normals = order.flatMap { o.surfaceNormals[(3 * $0)..<(3 * $0 + 3)] }
            let original = try encoder.encode(o), permuted = try encoder.encode(points: points, normals: normals)
            // up to rounding: on AVX2 a product's row depends on its place in the batch (docs/scaling.md)
            let gap = zip(original, permuted).map { abs($0 - $1) }.max()!, scale = max(original.map(abs).max()!, 1)
            XCTAssertLessThanOrEqual(gap, 1e-5 * scale, "\(o.name): code changed by \(gap) under a point permutation")
        }
    }
}
