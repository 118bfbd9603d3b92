import Foundation
import RenderKit
@testable import RolloutViews
import SimWorld
import Training
import XCTest

/// A finished run ends with readable curve PNGs and a rollout sheet with one row per policy
/// (the run's best checkpoint and the scripted grasp) for each of the objects asked.
final class RunPicturesTests: XCTestCase {
    func testAFinishedRunGetsCurvesAndARolloutSheet() throws {
        let run = RunDirectory(try Fixtures.temporaryDirectory() + "/tiny-run")
        let config = try Fixtures.trainTinyRun(run, iterations: 2)
        var lines: [String] = []
        let paths = try RunPictures.write(run: run, config: config, objects: 2, steps: 6) { lines.append($0) }
        let folder = RunPictures.folder(run)
        XCTAssertEqual(Set(paths), Set(CurveMetric.allCases.map { "\(folder)/\($0.rawValue).png" }
                + ["\(folder)/rollout/box-30x30x30/sheet.png", "\(folder)/rollout/cylinder-30x50/sheet.png", "\(folder)/rollout/sheet.png"]))
        for path in paths { XCTAssertGreaterThan(try PNGFile.read(from: path).width, 100, path) }
        XCTAssertEqual(lines.count, 4, "two policies on two objects: \(lines)")
        XCTAssertTrue(lines.contains { $0.hasPrefix("box-30x30x30 / tiny-run:") }, "the trained policy's row is named after its run: \(lines)")
        let one = try PNGFile.read(from: "\(folder)/rollout/box-30x30x30/sheet.png")
        XCTAssertGreaterThan(try PNGFile.read(from: "\(folder)/rollout/sheet.png").height, one.height, "the grid stacks both objects")
    }

    func testSheetObjectsTakeOnePerCategoryFirst() throws {
        let objects = try BuiltinObjects.all()
        let picked = RunPictures.sheetObjects(objects, count: objects.count)
        XCTAssertEqual(picked.count, objects.count)
        let categories = Set(objects.map(\.category)).count
        XCTAssertEqual(Set(picked.prefix(categories).map(\.asset.category)).count, categories)
        XCTAssertEqual(RunPictures.sheetObjects(objects, count: 0).count, 1)
    }
}
