import AssetImport
import XCTest
@testable import ShapeEncoding

/// Codes separate categories (nearest-neighbour category accuracy of seen-category test
/// instances against the training codes, trained versus untrained), are roughly yaw
/// invariant, and unseen categories get usable codes.
final class ShapeEncoderAccuracyTests: XCTestCase {
    func testTrainedCodesSeparateCategoriesAndBeatUntrained() throws {
        let f = LibraryFixture.shared
        let trained = try CodeEvaluation.evaluate(f.encoder, train: f.train, test: f.seenTest)
        let untrained = try CodeEvaluation.evaluate(ShapeEncoder(architecture: f.architecture, seed: f.config.seed),
                                                    train: f.train, test: f.seenTest)
        print(String(format: "shape codes: generation %.1f s, training %.1f s (%d steps); seen-test NN accuracy trained %.3f, untrained %.3f (chance %.3f); with random yaw trained %.3f, untrained %.3f; yaw sensitivity trained %.3f, untrained %.3f",
                     f.generationSeconds, f.trainingSeconds, f.config.steps, trained.nearestNeighbourAccuracy,
                     untrained.nearestNeighbourAccuracy, 1.0 / 12, trained.yawedNearestNeighbourAccuracy,
                     untrained.yawedNearestNeighbourAccuracy, trained.yawSensitivity, untrained.yawSensitivity))
        // Measured (seed 11 library, 300 steps): trained 0.783 / 0.767 with random yaw; untrained
        // 0.783 / 0.583. Random PointNet features already separate categories well at yaw 0;
        // training makes the separation survive an unknown yaw, which the untrained encoder fails.
        let threshold = 0.70
        XCTAssertGreaterThanOrEqual(trained.nearestNeighbourAccuracy, threshold)
        XCTAssertGreaterThanOrEqual(trained.yawedNearestNeighbourAccuracy, threshold)
        XCTAssertLessThan(untrained.yawedNearestNeighbourAccuracy, threshold, "the test must be one an untrained encoder fails")
        XCTAssertLessThan(trained.yawSensitivity, 0.5 * untrained.yawSensitivity)
    }

    func testUnseenCategoriesGetFiniteDistinctCodes() throws {
        let f = LibraryFixture.shared
        let codes = LibraryFixture.codes(f.encoder, f.unseenTest)
        XCTAssertEqual(Set(f.unseenTest.map(\.category)), ["capsule", "mug", "tBlock"])
        XCTAssertTrue(codes.allSatisfy { $0.count == 64 && $0.allSatisfy(\.isFinite) })
        XCTAssertGreaterThan(CodeMetrics.meanPairwiseDistance(codes), 0.1)
        XCTAssertEqual(Set(codes.map { $0.map(\.bitPattern) }).count, codes.count, "every object gets its own code")
    }
}
