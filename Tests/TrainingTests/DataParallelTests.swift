import Foundation
import Learning
import XCTest

/// `world-train` under `mpirun -np 2` on this machine (tools/mpirun): 2 ranks x 32 envs train
/// what 1 process x 64 envs trains, a 2-rank run resumes exactly and only under 2 ranks, and a
/// rank that dies or hangs ends the job with a message naming it.
final class DataParallelTests: XCTestCase {
    /// The repository (tools/mpirun) and the built world-train beside this test bundle.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let binary: URL = {
        let bundle = Bundle(for: DataParallelTests.self).bundleURL
        let candidates = [bundle, bundle.deletingLastPathComponent()].map { $0.appendingPathComponent("world-train") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }()
    /// A short run on the built-in objects: no selection, no final evaluation, no pictures.
    static let quiet = ["--set", "selectionObjects=0", "--set", "evalEpisodesPerObject=0", "--set", "checkpointEvery=1", "--no-pictures"]

    var folder: URL!

    override func setUpWithError() throws {
        let built = FileManager.default.isExecutableFile(atPath: Self.binary.path)
        XCTAssertTrue(built, "world-train is not built beside the tests (\(Self.binary.path)); swift test builds it")
        try XCTSkipUnless(built)
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("data-parallel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }

    /// Runs world-train (under tools/mpirun -np `ranks` when ranks > 0); returns exit status and output.
    @discardableResult
    func worldTrain(ranks: Int, _ arguments: [String], environment: [String: String] = [:],
                    whileRunning: ((Process) throws -> Void)? = nil) throws -> (status: Int32, output: String) {
        let process = Process()
        if ranks > 0 {
            process.executableURL = Self.repository.appendingPathComponent("tools/mpirun")
            process.arguments = ["-np", String(ranks), "--oversubscribe"] + environment.keys.flatMap { ["-x", $0] } + [Self.binary.path] + arguments
        } else {
            process.executableURL = Self.binary
            process.arguments = arguments
        }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let log = folder.appendingPathComponent("output-\(UUID().uuidString).txt")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        try whileRunning?(process)
        process.waitUntilExit()
        try handle.close()
        return (process.terminationStatus, try String(contentsOf: log, encoding: .utf8))
    }

    /// Pid of the world-train process of rank `rank` (Open MPI puts the rank in its environment).
    func pid(ofRank rank: Int) -> Int32? {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries {
            guard let pid = Int32(entry),
                  let command = try? String(contentsOfFile: "/proc/\(entry)/cmdline", encoding: .utf8),
                  command.hasPrefix(Self.binary.path),
                  let environment = FileManager.default.contents(atPath: "/proc/\(entry)/environ") else { continue }
            let variables = environment.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            if variables.contains("OMPI_COMM_WORLD_RANK=\(rank)") { return pid }
        }
        return nil
    }

    /// Waits until `run`'s train.log has `lines` lines (the job is past start-up and training).
    func waitForIterations(_ run: URL, _ lines: Int, timeout: TimeInterval = 120) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let text = (try? String(contentsOf: run.appendingPathComponent("train.log"), encoding: .utf8)) ?? ""
            if text.split(separator: "\n").count >= lines { return }
            Thread.sleep(forTimeInterval: 0.2)
        }
        XCTFail("no \(lines) iterations in \(run.path) within \(timeout) s")
    }

    /// Bit-identical episodes need a product whose row i does not depend on how many rows
    /// share the call: true of OpenBLAS's SkylakeX kernel (AVX-512), not of its Haswell kernel
    /// (AVX2), where 28 of 64 rows of a dense layer differ in the last bits between one call of
    /// 64 rows and two of 32 (docs/scaling.md).
    func requireRowIndependentProducts() throws {
        let core = BLAS.recommendedCoreType() ?? "the default"
        try XCTSkipUnless(core == "SkylakeX", "OpenBLAS kernel \(core): a row's product depends on the batch, so 2 x 32 and 1 x 64 envs act differently in the last bits")
    }

    /// ACPPO (the default) and PPO, whose minibatches are every step: a run-wide minibatch can
    /// hold more of one rank's samples than its share.
    func testTwoRanksOf32EnvsTrainWhatOneProcessOf64Trains() throws {
        try requireRowIndependentProducts()
        for algorithm in ["acppo", "ppo"] { try twoRanksTrainWhatOneProcessTrains(algorithm) }
    }

    func twoRanksTrainWhatOneProcessTrains(_ algorithm: String) throws {
        let one = folder.appendingPathComponent("one-\(algorithm)"), two = folder.appendingPathComponent("two-\(algorithm)")
        let common = ["--algo", algorithm, "--envs", "64", "--threads", "1", "--iterations", "1"] + Self.quiet
        let a = try worldTrain(ranks: 0, common + ["--out", one.path])
        XCTAssertEqual(a.status, 0, a.output)
        let b = try worldTrain(ranks: 2, common + ["--out", two.path])
        XCTAssertEqual(b.status, 0, b.output)
        let c1 = one.appendingPathComponent("checkpoints/iter_000001"), c2 = two.appendingPathComponent("checkpoints/iter_000001")
        // the same episodes: every env's world state after the rollout, bit for bit
        XCTAssertEqual(FileManager.default.contents(atPath: c1.appendingPathComponent("world.safetensors").path),
                       FileManager.default.contents(atPath: c2.appendingPathComponent("world.safetensors").path),
                       "the 64 envs' states differ between 1 process and 2 ranks")
        // the same update, up to the order of the gradient sums
        let p1 = try PPOAgent.loadCheckpoint(from: c1), p2 = try PPOAgent.loadCheckpoint(from: c2)
        let w1 = p1.networks.parameters.toArray(), w2 = p2.networks.parameters.toArray()
        let scale = w1.map(abs).max()!
        let difference = zip(w1, w2).map { abs($0 - $1) }.max()!
        XCTAssertLessThanOrEqual(difference, 1e-5 * scale, "weights differ by \(difference) (largest weight \(scale))")
        let fresh = try PPOAgent(config: p1.config, observationDim: p1.observationDim, actionDim: p1.actionDim, seed: 1)
        let moved = zip(w1, fresh.networks.parameters.toArray()).map { abs($0 - $1) }.max()!
        XCTAssertGreaterThan(moved, 100 * difference, "the update moved the weights")
        let n1 = try XCTUnwrap(p1.normalizer), n2 = try XCTUnwrap(p2.normalizer)
        XCTAssertEqual(n1.count, n2.count)
        XCTAssertEqual(n1.count, 64 * 16, "one rollout's observations folded in")
        for (x, y) in zip(n1.mean.toArray() + n1.variance.toArray(), n2.mean.toArray() + n2.variance.toArray()) {
            XCTAssertEqual(x, y, accuracy: 1e-5 * max(abs(x), 1e-3))
        }
    }

    func testEvaluationSplitOverTwoRanksReportsWhatOneProcessReports() throws {
        try requireRowIndependentProducts()
        let checkpoint = Self.repository.appendingPathComponent("assets/policies/box-clone").path
        let arguments = ["eval", "--checkpoint", checkpoint, "--episodes", "3", "--envs", "16"]
        let one = try worldTrain(ranks: 0, arguments), two = try worldTrain(ranks: 2, arguments)
        XCTAssertEqual(one.status, 0, one.output)
        XCTAssertEqual(two.status, 0, two.output)
        func report(_ output: String) -> [String] { output.split(separator: "\n").map(String.init).filter { $0.contains("%") } }
        XCTAssertEqual(report(one.output).count, 7, one.output)
        XCTAssertEqual(report(one.output), report(two.output))
    }

    func testTwoRankCheckpointResumesExactlyUnderTwoRanksAndIsRefusedUnderOne() throws {
        let straight = folder.appendingPathComponent("straight"), resumed = folder.appendingPathComponent("resumed")
        let common = ["--envs", "48"] + Self.quiet
        XCTAssertEqual(try worldTrain(ranks: 2, common + ["--iterations", "3", "--out", straight.path]).status, 0)
        XCTAssertEqual(try worldTrain(ranks: 2, common + ["--iterations", "2", "--out", resumed.path]).status, 0)
        let again = try worldTrain(ranks: 2, ["--resume", resumed.path, "--iterations", "3", "--no-pictures"])
        XCTAssertEqual(again.status, 0, again.output)
        for file in ["tensors.safetensors", "state.json", "world.safetensors"] {
            let a = FileManager.default.contents(atPath: straight.appendingPathComponent("checkpoints/iter_000003/\(file)").path)
            let b = FileManager.default.contents(atPath: resumed.appendingPathComponent("checkpoints/iter_000003/\(file)").path)
            XCTAssertNotNil(a)
            XCTAssertEqual(a, b, "\(file) differs after a resume under 2 ranks")
        }
        let single = try worldTrain(ranks: 0, ["--resume", resumed.path, "--iterations", "4", "--no-pictures"])
        XCTAssertNotEqual(single.status, 0)
        XCTAssertTrue(single.output.contains("written by a job of 2 ranks, resumed by one of 1"), single.output)
        // options that would change a resumed run are refused by name, not ignored
        let changed = try worldTrain(ranks: 0, ["--resume", resumed.path, "--iterations", "4", "--seed", "9", "--set", "ppo.gamma=0.9"])
        XCTAssertNotEqual(changed.status, 0)
        XCTAssertTrue(changed.output.contains("--seed, --set would change it"), changed.output)
    }

    func testKilledRankEndsTheJobNamingItWithinAMinute() throws {
        let run = folder.appendingPathComponent("killed")
        var killedAt = Date()
        let result = try worldTrain(ranks: 2, ["--envs", "32", "--iterations", "100000", "--out", run.path] + Self.quiet) { _ in
            try self.waitForIterations(run, 2)
            let victim = try XCTUnwrap(self.pid(ofRank: 1), "rank 1's process")
            killedAt = Date()
            kill(victim, SIGKILL)
        }
        XCTAssertLessThan(Date().timeIntervalSince(killedAt), 60)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.output.contains("rank 1"), result.output)
    }

    func testHungRankEndsTheJobNamingItAfterTheCollectiveTimeout() throws {
        let run = folder.appendingPathComponent("hung")
        var stopped: Int32 = 0
        let result = try worldTrain(ranks: 2, ["--envs", "32", "--iterations", "100000", "--out", run.path] + Self.quiet,
                                    environment: ["ACPPO_COLLECTIVE_TIMEOUT": "5"]) { _ in
            try self.waitForIterations(run, 2)
            stopped = try XCTUnwrap(self.pid(ofRank: 1), "rank 1's process")
            kill(stopped, SIGSTOP)
        }
        if stopped > 0 { kill(stopped, SIGKILL) }
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.output.contains("rank 1 never reached it"), result.output)
    }
}
