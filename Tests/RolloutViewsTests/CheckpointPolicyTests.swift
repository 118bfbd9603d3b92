import Foundation
import RolloutViews
import Training
import XCTest

/// A world-train checkpoint drives a rendered rollout deterministically, and a checkpoint for
/// another observation layout is refused with both sizes named.
final class CheckpointPolicyTests: XCTestCase {
    func testCheckpointPolicyActsDeterministicallyAndChecksTheLayout() throws {
        let run = FileManager.default.temporaryDirectory.appendingPathComponent("ckpt-\(UUID().uuidString)").path
        try Fixtures.trainTinyRun(RunDirectory(run), iterations: 1) { $0.task.fingerTargetSmoothing = 0.5 }
        let policy = try PolicyCatalog.make(run, seed: 0)
        XCTAssertEqual(policy.name, URL(fileURLWithPath: run).lastPathComponent)
        XCTAssertEqual(policy.task?.fingerTargetSmoothing, 0.5, "the rollout world gets the task the run trained under")
        for folder in [RunDirectory(run).best.path, RunDirectory(run).checkpoint(1).path] {
            let saved = try PolicyCatalog.make(folder, seed: 0)
            XCTAssertEqual(saved.name, policy.name, "a checkpoint folder is named after its run (\(folder))")
            XCTAssertEqual(saved.task?.fingerTargetSmoothing, 0.5, "a checkpoint folder gets its run's task (\(folder))")
        }
        XCTAssertEqual(try RolloutRecording.run(policy, setup: RolloutSetup(assets: try BuiltinObjects.all(), steps: 2),
                                                hand: try HandDescription.shadowHand()).stepCount, 3)
        func actions() throws -> [Float] {
            var spec = WorldSpec(envCount: 1, seed: 3)
            spec.randomYaw = false
            let world = try World(spec: spec, hand: try HandDescription.shadowHand(), assets: try ObjectSet.load(library: nil, split: "train"))
            let fresh = try PolicyCatalog.make(run, seed: 0)
            let episodes = EpisodeDriver(world: world)
            var out: [Float] = []
            for step in 0..<6 {
                try fresh.act(world: world, envs: 0..<1, step: step)
                out += (0..<SceneLayout.actionCount).map { world.hands.pointer(.action)[$0] }
                try episodes.step()
            }
            return out
        }
        let a = try actions(), b = try actions()
        XCTAssertEqual(a, b)
        XCTAssertTrue(a.allSatisfy { (-1...1).contains($0) })
        var spec = WorldSpec(envCount: 1, seed: 3)
        spec.task.observationMode = .geometryUnaware
        let other = try World(spec: spec, hand: try HandDescription.shadowHand(), assets: try BuiltinObjects.all())
        XCTAssertThrowsError(try policy.act(world: other, envs: 0..<1, step: 0)) { error in
            XCTAssertTrue("\(error)".contains("expects 235 observations; this world gives 161"), "\(error)")
        }
    }
}
