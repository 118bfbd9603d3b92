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

/// `initFrom` starts a run from another checkpoint's actor and observation statistics.
final class InitFromTests: XCTestCase {
    func testRunStartsFromTheClonedActor() throws {
        var config = ResumeTests.tinyConfig()
        config.ppo.normalizeObservations = true
        let temporary = FileManager.default.temporaryDirectory
        let source = RunDirectory(temporary.appendingPathComponent("clone-\(UUID().uuidString)").path)
        let (clone, _) = try BehaviourCloning.run(config: config, objectName: nil, epochs: 2, learningRate: 1e-3, run: source)
        var fineTune = config
        fineTune.experimental.initFrom = source.root.path
        fineTune.iterations = 0
        let trainer = try Trainer(config: fineTune, run: RunDirectory(temporary.appendingPathComponent("ft-\(UUID().uuidString)").path))
        let count = clone.networks.actor.shape.parameterCount
        let copied = Array(UnsafeBufferPointer(start: trainer.agent.networks.actor.parameters, count: count))
        XCTAssertEqual(copied, Array(UnsafeBufferPointer(start: clone.networks.actor.parameters, count: count)), "actor copied")
        XCTAssertEqual(trainer.agent.normalizer?.mean.toArray(), clone.normalizer?.mean.toArray(), "observation statistics copied")
        let fresh = try Trainer(config: config, run: RunDirectory(temporary.appendingPathComponent("fresh-\(UUID().uuidString)").path))
        XCTAssertNotEqual(Array(UnsafeBufferPointer(start: fresh.agent.networks.actor.parameters, count: count)), copied)
        fineTune.iterations = 1
        fineTune.ppo.experimental.actorFreezeIterations = 1
        let warmUp = try Trainer(config: fineTune, run: RunDirectory(temporary.appendingPathComponent("warm-\(UUID().uuidString)").path))
        try warmUp.train()
        XCTAssertEqual(warmUp.agent.normalizer?.mean.toArray(), clone.normalizer?.mean.toArray(),
                       "the clone's statistics stay fixed while training")
        XCTAssertEqual(Array(UnsafeBufferPointer(start: warmUp.agent.networks.actor.parameters, count: count)), copied,
                       "so a frozen actor is still the clone")
        try fresh.train()
        XCTAssertNotEqual(fresh.agent.normalizer?.mean.toArray(), clone.normalizer?.mean.toArray(), "a fresh run's statistics move")
        var wrong = fineTune
        wrong.ppo.actorHiddenSizes = [16]
        XCTAssertThrowsError(try Trainer(config: wrong, run: RunDirectory(temporary.appendingPathComponent("bad-\(UUID().uuidString)").path))) {
            XCTAssertTrue("\($0)".contains("does not match"), "\($0)")
        }
    }
}
