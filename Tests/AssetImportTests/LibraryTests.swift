import Foundation
import XCTest
@testable import AssetImport

final class LibraryTests: XCTestCase {
    func smallConfig(seed: UInt64 = 3) -> LibraryConfig {
        var c = LibraryConfig()
        c.seed = seed
        c.trainCount = 48
        c.seenTestCount = 12
        c.unseenTestCount = 9
        c.surfacePointCount = 64
        return c
    }

    func testSplitsAreDeterministicDisjointAndHoldOutWholeCategories() throws {
        let config = smallConfig()
        let plans = SplitPlan.plans(for: config)
        XCTAssertEqual(plans, SplitPlan.plans(for: config))
        XCTAssertNotEqual(plans, SplitPlan.plans(for: smallConfig(seed: 4)))
        XCTAssertEqual(plans.map(\.objects.count), [48, 12, 9])
        let names = plans.flatMap { $0.objects.map(\.name) }, seeds = plans.flatMap { $0.objects.map(\.seed) }
        XCTAssertEqual(Set(names).count, names.count, "object names are unique across splits")
        XCTAssertEqual(Set(seeds).count, seeds.count, "no instance is shared between splits")
        let train = Set(plans[0].objects.map(\.category)), seen = Set(plans[1].objects.map(\.category))
        let unseen = Set(plans[2].objects.map(\.category))
        XCTAssertEqual(unseen, Set(config.heldOutCategories))
        XCTAssertTrue(train.isDisjoint(with: unseen), "unseen categories never appear in train")
        XCTAssertTrue(seen.isSubset(of: train))
        XCTAssertEqual(train.count, ShapeCategory.allCases.count - config.heldOutCategories.count)
        // generated geometry is identical run to run, and differs between splits
        let a = try LibraryGenerator.generate(plans[1], config: config).map(\.asset)
        let b = try LibraryGenerator.generate(plans[1], config: config).map(\.asset)
        XCTAssertEqual(a, b)
        let trainAssets = try LibraryGenerator.generate(plans[0], config: config).map(\.asset)
        let trainGeometry = Set(trainAssets.map(\.renderVertices))
        XCTAssertTrue(a.allSatisfy { !trainGeometry.contains($0.renderVertices) })
    }

    func testEveryCategoryBuildsAValidObjectAtEveryScale() throws {
        var config = smallConfig()
        config.surfacePointCount = 32
        for (k, category) in ShapeCategory.allCases.enumerated() {
            for radius in config.radii {
                let r = try LibraryGenerator.object(("x", category, UInt64(k), radius), config: config)
                XCTAssertTrue(r.report.isWatertight, "\(category)")
                XCTAssertEqual(r.report.degenerateFaceCount, 0, "\(category)")
                XCTAssertEqual(Double(r.asset.mass), 500 * (r.report.meshVolume ?? 0), accuracy: 1e-3 * Double(r.asset.mass))
                XCTAssertTrue(r.asset.inertiaDiagonal.x > 0 && r.asset.inertiaDiagonal.x <= r.asset.inertiaDiagonal.z)
                XCTAssertLessThanOrEqual(r.asset.radiusAboutCenterOfMass, Float(2 * radius))
            }
        }
    }

    func testWriteLoadRoundTripAndShapeCodes() throws {
        let dir = makeTempFolder(); defer { try? FileManager.default.removeItem(atPath: dir) }
        let config = smallConfig()
        let reports = try LibraryGenerator.write(config: config, to: dir)
        XCTAssertEqual(reports[SplitPlan.train]?.count, 48)
        let library = try ObjectLibrary.load(from: dir)
        XCTAssertEqual(library.index.heldOutCategories, config.heldOutCategories.map(\.rawValue))
        let seen = try XCTUnwrap(library[split: SplitPlan.seenTest])
        let fresh = try LibraryGenerator.generate(SplitPlan.plans(for: config)[1], config: config).map(\.asset)
        XCTAssertEqual(seen.objects, fresh)
        XCTAssertNil(seen[0].shapeCode)
        XCTAssertEqual(seen.inertiaDiagonals.count, 3 * seen.count)
        XCTAssertEqual(seen.surfacePointBatch().count, seen.count * 64 * 3)
        // the encoder's codes are stored and read back; the old pack is removed
        let codes = (0..<seen.count).map { i in (0..<64).map { Float(i) + Float($0) / 64 } }
        try ObjectLibraryWriter.write(split: seen.settingShapeCodes(codes), to: dir)
        let again = try ObjectLibrary.loadSplit(SplitPlan.seenTest, from: dir)
        XCTAssertEqual(again.objects.map { $0.shapeCode! }, codes)
        let packs = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix("test_seen-") }
        XCTAssertEqual(packs.count, 1)
        XCTAssertEqual(assetError { try seen.settingShapeCodes([[1, 2]]) }?.kind, .badLibrary)
    }

    func testCorruptLibraryIsReportedNotTrapped() throws {
        let dir = makeTempFolder(); defer { try? FileManager.default.removeItem(atPath: dir) }
        var config = smallConfig()
        config.trainCount = 4; config.seenTestCount = 2; config.unseenTestCount = 2
        try LibraryGenerator.write(config: config, to: dir)
        let manifest: SplitManifest = try ObjectLibrary.readJSON(dir + "/train.json")
        let pack = dir + "/" + manifest.packFile
        try Data(try Data(contentsOf: URL(fileURLWithPath: pack)).prefix(100)).write(to: URL(fileURLWithPath: pack))
        let e = assetError { try ObjectLibrary.load(from: dir) }
        XCTAssertEqual(e?.kind, .badLibrary)
        XCTAssertTrue(e?.file.hasSuffix(manifest.packFile) ?? false)
    }
}

/// The generated library's sizes follow DexGraspNet's training object-scale distribution.
final class LibrarySizeTests: XCTestCase {
    func testEverySplitHasDexGraspNetsRadiusShares() {
        let config = LibraryConfig()
        let plans = SplitPlan.plans(for: config)
        func counts(_ plan: SplitPlan) -> [Int] { config.radii.map { r in plan.objects.filter { $0.radius == r }.count } }
        // 3200 x 42 / 101 ... with the 3 left over to the largest remainders (0.08, 0.15, 0.06)
        XCTAssertEqual(counts(plans[0]), [1331, 919, 538, 285, 127])
        for plan in plans {
            for (share, count) in zip(config.radiusShares, counts(plan)) {
                XCTAssertEqual(Double(count), Double(plan.objects.count) * share / 101, accuracy: 1, plan.name)
            }
            // sizes are spread over the categories, not one size per category
            for category in Set(plan.objects.map(\.category)) {
                XCTAssertGreaterThan(Set(plan.objects.filter { $0.category == category }.map(\.radius)).count, 1, "\(plan.name) \(category)")
            }
        }
        XCTAssertEqual(SplitPlan.plans(for: config), plans, "deterministic")
        var other = config
        other.seed = 1
        XCTAssertNotEqual(SplitPlan.plans(for: other)[0].objects.map(\.radius), plans[0].objects.map(\.radius))
    }

    func testMismatchedSharesAreRefused() {
        var config = LibraryConfig()
        config.radiusShares = [1, 2]
        XCTAssertThrowsError(try LibraryGenerator.write(config: config, to: NSTemporaryDirectory())) {
            XCTAssertTrue("\($0)".contains("radiusShares"), "\($0)")
        }
    }
}
