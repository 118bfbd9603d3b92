import Foundation
import Learning
import Training
import XCTest

/// Training N + M iterations equals training N, resuming, then M: bit for bit, learner and
/// world; damaged checkpoints are refused by name.
final class ResumeTests: XCTestCase {
    static func tinyConfig() -> TrainConfig {
        var c = TrainConfig()
        c.envCount = 8
        c.threads = 1
        c.iterations = 4
        c.checkpointEvery = 2
        c.evalEpisodesPerObject = 0
        c.ppo.actorHiddenSizes = [32, 32]
        c.ppo.criticHiddenSizes = [32, 32]
        return c
    }

    func temporaryRun() -> RunDirectory {
        RunDirectory(FileManager.default.temporaryDirectory.appendingPathComponent("resume-\(UUID().uuidString)").path)
    }

    func testResumeEqualsUninterruptedTraining() throws {
        let config = Self.tinyConfig()
        let straight = temporaryRun(), split = temporaryRun()
        let a = try Trainer(config: config, run: straight)
        try a.train()
        var half = config
        half.iterations = 2
        try Trainer(config: half, run: split).train()
        var rest = config
        rest.iterations = 4
        let b = try Trainer(config: rest, run: split, resume: true)
        try b.train()
        XCTAssertEqual(a.agent.networks.parameters.toArray(), b.agent.networks.parameters.toArray(), "weights")
        XCTAssertEqual(a.world.hands.snapshot(), b.world.hands.snapshot(), "hand columns")
        XCTAssertEqual(a.world.objects.snapshot(), b.world.objects.snapshot(), "object columns")
        XCTAssertEqual(a.world.envs.snapshot(), b.world.envs.snapshot(), "env columns")
        func rows(_ r: RunDirectory) throws -> [String] {
            // drop the timing columns
            let timing: Set<String> = ["wall_s", "sps", "rollout_s", "world_s", "update_s"]
            let header = IterationMetrics.header.split(separator: ",").map(String.init)
            return try String(contentsOf: r.metrics, encoding: .utf8).split(separator: "\n").map { line in
                let c = line.split(separator: ",", omittingEmptySubsequences: false)
                return zip(header, c).filter { !timing.contains($0.0) }.map { String($0.1) }.joined(separator: ",")
            }
        }
        XCTAssertEqual(try rows(straight), try rows(split), "metrics")
        XCTAssertEqual(try rows(straight).count, 5)
    }

    /// `keepCheckpoints` keeps the newest iter_N folders only, across a resume, and the run
    /// resumes from the newest.
    func testKeepCheckpointsKeepsTheNewest() throws {
        var config = Self.tinyConfig()
        config.checkpointEvery = 1
        config.keepCheckpoints = 2
        let run = temporaryRun()
        var half = config
        half.iterations = 2
        try Trainer(config: half, run: run).train()
        let resumed = try Trainer(config: config, run: run, resume: true)
        try resumed.train()
        let kept = try FileManager.default.contentsOfDirectory(atPath: run.checkpoints.path).filter { $0.hasPrefix("iter_") }.sorted()
        XCTAssertEqual(kept, ["iter_000003", "iter_000004"])
        XCTAssertEqual(run.latestCheckpoint()?.lastPathComponent, "iter_000004")
    }

    /// A damaged latest checkpoint is passed over, named with its problem, for the newest one
    /// that reads back whole, and the run continues from there exactly as an uninterrupted run.
    func testResumeFallsBackPastADamagedLatestCheckpoint() throws {
        let config = Self.tinyConfig()
        let straight = temporaryRun(), damaged = temporaryRun()
        let a = try Trainer(config: config, run: straight)
        try a.train()
        try Trainer(config: config, run: damaged).train()
        let latest = try XCTUnwrap(damaged.latestCheckpoint())
        XCTAssertEqual(latest.lastPathComponent, "iter_000004")
        try Data("{".utf8).write(to: latest.appendingPathComponent("trainer.json"))
        let b = try Trainer(config: config, run: damaged, resume: true)
        XCTAssertEqual(b.skippedCheckpoints.map(\.name), ["iter_000004"])
        XCTAssertTrue(b.skippedCheckpoints[0].problem.contains("trainer.json"), b.skippedCheckpoints[0].problem)
        try b.train()
        XCTAssertEqual(a.agent.networks.parameters.toArray(), b.agent.networks.parameters.toArray(), "continued from iter_000002 exactly")
        XCTAssertEqual(a.world.objects.snapshot(), b.world.objects.snapshot())
    }

    func testDamagedCheckpointsAreRefusedByName() throws {
        let run = temporaryRun()
        var config = Self.tinyConfig()
        config.iterations = 2
        try Trainer(config: config, run: run).train()
        let folder = run.latestCheckpoint()!
        let world = folder.appendingPathComponent("world.safetensors")
        let bytes = try Data(contentsOf: world)
        try bytes.prefix(bytes.count / 2).write(to: world)
        XCTAssertThrowsError(try Trainer(config: config, run: run, resume: true)) { error in
            XCTAssertTrue("\(error)".contains("world.safetensors"), "\(error)")
        }
        // an older checkpoint without a column the sync phase recomputes resumes; one without
        // a state column is refused
        var tensors = try SafeTensors.decode([UInt8](bytes), file: world.path)
        tensors["hand.tipObjectForce"] = nil
        try Data(SafeTensors.encode(tensors.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })).write(to: world)
        XCTAssertNoThrow(try Trainer(config: config, run: run, resume: true))
        tensors["hand.tipPose"] = nil
        try Data(SafeTensors.encode(tensors.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })).write(to: world)
        XCTAssertThrowsError(try Trainer(config: config, run: run, resume: true)) { error in
            XCTAssertTrue("\(error)".contains("'hand.tipPose' is missing"), "\(error)")
        }
        // without latest.txt the iter_N folders are tried, each named with its problem
        try FileManager.default.removeItem(at: run.latest)
        XCTAssertThrowsError(try Trainer(config: config, run: run, resume: true)) { error in
            XCTAssertTrue("\(error)".contains("no checkpoint reads back whole (iter_000002:") && "\(error)".contains("'hand.tipPose' is missing"), "\(error)")
        }
        try FileManager.default.removeItem(at: folder)
        XCTAssertThrowsError(try Trainer(config: config, run: run, resume: true)) { error in
            XCTAssertTrue("\(error)".contains("no checkpoint to resume from"), "\(error)")
        }
    }
}
