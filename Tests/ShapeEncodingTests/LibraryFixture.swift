import AssetImport
import Foundation
@testable import ShapeEncoding

/// A small procedural library (20 training objects per category) and an encoder trained on it
/// once per test process, shared by the tests that need a trained encoder.
final class LibraryFixture: @unchecked Sendable {
    /// Training objects (12 categories x 20).
    let train: [ObjectAsset]
    /// New instances of the training categories (12 x 5).
    let seenTest: [ObjectAsset]
    /// Instances of the held-out categories capsule, mug, tBlock (3 x 10).
    let unseenTest: [ObjectAsset]
    /// Architecture used by the fixture (128 points per object).
    let architecture: ShapeEncoderArchitecture
    /// Short training run.
    let config: ShapeEncoderTrainingConfig
    /// The encoder trained on `train` with `config`.
    let encoder: ShapeEncoder
    /// Seconds spent generating the library and training.
    let generationSeconds: Double, trainingSeconds: Double

    static let shared = LibraryFixture()

    private init() {
        var library = LibraryConfig()
        library.seed = 11
        library.trainCount = 240
        library.seenTestCount = 60
        library.unseenTestCount = 30
        library.surfacePointCount = 256
        let start = Date()
        let plans = SplitPlan.plans(for: library)
        let splits = plans.map { plan in try! LibraryGenerator.generate(plan, config: library).map(\.asset) }
        (train, seenTest, unseenTest) = (splits[0], splits[1], splits[2])
        generationSeconds = Date().timeIntervalSince(start)
        architecture = LibraryFixture.smallArchitecture(categories: Array(Set(train.map(\.category))).sorted())
        var config = ShapeEncoderTrainingConfig()
        config.steps = 300
        config.batchSize = 16
        config.seed = 3
        self.config = config
        let trainStart = Date()
        encoder = try! ShapeEncoder.train(objects: train, architecture: architecture, config: config, progressInterval: 0).encoder
        trainingSeconds = Date().timeIntervalSince(trainStart)
    }

    /// The default layer sizes with 128 points per object (fast in debug builds).
    static func smallArchitecture(categories: [String]) -> ShapeEncoderArchitecture {
        var a = ShapeEncoderArchitecture(categories: categories)
        a.pointCount = 128
        return a
    }

    /// Codes of `objects` from `encoder`.
    static func codes(_ encoder: ShapeEncoder, _ objects: [ObjectAsset]) -> [[Float]] {
        objects.map { try! encoder.encode($0) }
    }
}
