import Foundation
import Training
import XCTest

/// The best checkpoint by a deterministic training-split evaluation is kept and is what the
/// end-of-training evaluation scores.
final class CheckpointSelectionTests: XCTestCase {
    func testBestCheckpointIsKeptAndEvaluated() throws {
        var config = ResumeTests.tinyConfig()
        config.selectionObjects = 2
        config.evalEpisodesPerObject = 1
        let run = RunDirectory(FileManager.default.temporaryDirectory.appendingPathComponent("select-\(UUID().uuidString)").path)
        let trainer = try Trainer(config: config, run: run)
        try trainer.train()
        let results = try trainer.evaluateFinal()
        let state = try JSONSerialization.jsonObject(with: Data(contentsOf: run.best.appendingPathComponent("trainer.json"))) as! [String: Any]
        let iteration = try XCTUnwrap(state["bestIteration"] as? Int)
        XCTAssertTrue([2, 4].contains(iteration), "best is one of the checkpoints, got \(iteration)")
        let chosen = run.checkpoint(iteration)
        for file in try FileManager.default.contentsOfDirectory(atPath: chosen.path) {
            XCTAssertEqual(try Data(contentsOf: chosen.appendingPathComponent(file)),
                           try Data(contentsOf: run.best.appendingPathComponent(file)), "best/\(file) is a copy of iter \(iteration)")
        }
        XCTAssertTrue(results[0].checkpoint?.contains("checkpoints/best (iteration \(iteration)") == true, "\(results[0].checkpoint ?? "nil")")

        var off = config
        off.selectionObjects = 0
        let plain = RunDirectory(run.root.path + "-off")
        let other = try Trainer(config: off, run: plain)
        try other.train()
        XCTAssertFalse(FileManager.default.fileExists(atPath: plain.best.path), "no selection, no best/")
        XCTAssertEqual(try other.evaluateFinal()[0].checkpoint, "final weights (iteration 4)")
    }
}
