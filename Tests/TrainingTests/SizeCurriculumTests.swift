import Foundation
import Learning
import SimWorld
import Training
import XCTest

/// The size curriculum: objects enter by bounding radius on a schedule of the iteration alone,
/// resets draw only from those in, and a resumed run draws as an uninterrupted one.
final class SizeCurriculumTests: XCTestCase {
    /// Objects of radii 0.06, 0.15, 0.08, 0.10: from 0.07 m, full at half of 10 iterations.
    func testPoolGrowsLinearlyBySizeToEveryObject() throws {
        let radii: [Float] = [0.06, 0.15, 0.08, 0.10]
        let assets = try radii.enumerated().map { i, r in
            var a = try BuiltinObjects.all()[0]
            a.name = "object-\(i)"
            a.boundingRadius = r
            return a
        }
        var curriculum = SizeCurriculum()
        XCTAssertEqual(curriculum.pool(assets, iteration: 0, iterations: 10), [0, 1, 2, 3], "off: every object")
        curriculum.startRadius = 0.07
        curriculum.fullAt = 0.5
        // limit = 0.07 + 0.08 x iteration / 5
        XCTAssertEqual(curriculum.limit(iteration: 0, iterations: 10, largest: 0.15), 0.07, accuracy: 1e-6)
        XCTAssertEqual(curriculum.pool(assets, iteration: 0, iterations: 10), [0])
        XCTAssertEqual(curriculum.pool(assets, iteration: 1, iterations: 10), [0, 2], "limit 0.086")
        XCTAssertEqual(curriculum.pool(assets, iteration: 2, iterations: 10), [0, 2, 3], "limit 0.102")
        XCTAssertEqual(curriculum.pool(assets, iteration: 4, iterations: 10), [0, 2, 3], "limit 0.134")
        XCTAssertEqual(curriculum.pool(assets, iteration: 5, iterations: 10), [0, 1, 2, 3])
        XCTAssertEqual(curriculum.pool(assets, iteration: 9, iterations: 10), [0, 1, 2, 3])
        curriculum.startRadius = 0.01
        XCTAssertEqual(curriculum.pool(assets, iteration: 0, iterations: 10), [0], "none within: the smallest")
    }

    /// On the built-ins with the curriculum starting below all but the smallest objects: the
    /// first episodes are all on the objects within the limit, and N + M iterations equal N,
    /// resume, M, bit for bit.
    func testResetsDrawWithinTheLimitAndResumeIsExact() throws {
        var config = ResumeTests.tinyConfig()
        let assets = try ObjectSet.training(config: config)
        let smallest = try XCTUnwrap(assets.map(\.boundingRadius).min())
        config.sizeCurriculum.startRadius = smallest + 0.001
        config.sizeCurriculum.fullAt = 0.75
        let first = config.sizeCurriculum.pool(assets, iteration: 0, iterations: config.iterations)
        XCTAssertLessThan(first.count, assets.count)
        let run = FileManager.default.temporaryDirectory.appendingPathComponent("curriculum-\(UUID().uuidString)").path
        let straight = try Trainer(config: config, run: RunDirectory(run))
        let onTable = straight.world.objects.column(.asset, as: UInt32.self).scalars
        XCTAssertTrue((0..<config.envCount).allSatisfy { first.contains(Int(onTable[$0])) }, "first episodes within the limit")
        try straight.train()
        XCTAssertEqual(straight.world.pool.indices, Array(assets.indices), "every object in by the end")

        // the same run stopped after its checkpoint at iteration 2 (the schedule is of the
        // run's configured iterations, so the stopped run is this config's, not a shorter one)
        let splitRun = RunDirectory(run + "-split")
        try Trainer(config: config, run: splitRun).train()
        try FileManager.default.removeItem(at: splitRun.checkpoint(4))
        try Data("iter_000002".utf8).write(to: splitRun.latest)
        let resumed = try Trainer(config: config, run: splitRun, resume: true)
        try resumed.train()
        XCTAssertEqual(straight.agent.networks.parameters.toArray().map(\.bitPattern),
                       resumed.agent.networks.parameters.toArray().map(\.bitPattern), "weights")
        XCTAssertEqual(straight.world.objects.snapshot(), resumed.world.objects.snapshot(), "object columns")
    }
}
