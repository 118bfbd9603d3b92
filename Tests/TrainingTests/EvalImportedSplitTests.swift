import AssetImport
import Foundation
import SimWorld
import Training
import XCTest

/// `world-train eval --library DIR --split NAME`: a checkpoint evaluated on a split the user
/// imported (any name), with the same numbers as on the same objects through the run's own
/// library; objects without shape codes are refused for a policy that reads them.
final class EvalImportedSplitTests: XCTestCase {
    let checkpoint = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("assets/policies/box-clone").path

    func testACheckpointEvaluatesOnAnImportedSplit() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("imported-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let builtins = try ObjectSet.load(library: nil, split: "train")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true); try ObjectLibraryWriter.write(split: ObjectSplit(name: "my-objects", objects: builtins), to: folder)
        let imported = try Evaluation.run(checkpoint: checkpoint, split: "my-objects", library: folder, episodesPerObject: 2,
                                          envCount: 12, threads: 1)
        let own = try Evaluation.run(checkpoint: checkpoint, split: "train", episodesPerObject: 2, envCount: 12, threads: 1)
        XCTAssertEqual(imported.perObject, own.perObject)
        XCTAssertEqual(imported.perObjectHeld, own.perObjectHeld)
        XCTAssertEqual(imported.episodes, 2 * builtins.count)
        XCTAssertGreaterThan(imported.successRate, 0, "the clone lifts the box")

        var bare = builtins
        for i in bare.indices { bare[i].shapeCode = nil }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true); try ObjectLibraryWriter.write(split: ObjectSplit(name: "uncoded", objects: bare), to: folder)
        XCTAssertThrowsError(try Evaluation.run(checkpoint: checkpoint, split: "uncoded", library: folder, episodesPerObject: 1,
                                                envCount: 6, threads: 1)) { error in
            XCTAssertTrue("\(error)".contains("has no shape code") && "\(error)".contains("asset-import encode"), "\(error)")
        }
        XCTAssertThrowsError(try Evaluation.run(checkpoint: checkpoint, split: "missing", library: folder, episodesPerObject: 1,
                                                envCount: 6, threads: 1)) { error in
            XCTAssertTrue("\(error)".contains("missing"), "\(error)")
        }
    }
}
