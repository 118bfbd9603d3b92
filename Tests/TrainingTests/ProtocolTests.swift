import Foundation
import Training
import XCTest

/// The protocol trains and evaluates every method x seed, tabulates mean +- std, and reuses
/// finished runs.
final class ProtocolTests: XCTestCase {
    func testTinyProtocolTabulatesEveryMethodAndReusesRuns() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("protocol-\(UUID().uuidString)").path
        let size = BenchmarkProtocol.Size(name: "tiny", envSteps: 64, envCount: 4, episodesPerObject: 1, objectsPerSplit: 2,
                                          cloneEpisodes: 6, cloneEpochs: 2)
        var lines: [String] = []
        var base = TrainConfig()
        base.task.heldHeightReward = 5
        let table = try BenchmarkProtocol.run(size: size, algorithms: [.ppo, .acppo], clones: [.acppo], seeds: [1, 2], library: nil,
                                              base: base, settings: ["task.heldHeightReward=5"], threads: 1, out: out) { lines.append($0) }
        XCTAssertTrue(table.contains("Settings beyond the defaults, in every run: `task.heldHeightReward=5`."), table)
        let runConfig = try JSONDecoder().decode(TrainConfig.self, from: Data(contentsOf: URL(fileURLWithPath: out + "/ppo-seed1/config.json")))
        XCTAssertEqual(runConfig.task.heldHeightReward, 5, "the base config reaches every run")
        let rows = table.split(separator: "\n").filter { $0.hasPrefix("| ppo |") || $0.hasPrefix("| acppo |") }
        XCTAssertEqual(rows.count, 2, table)
        let clone = try XCTUnwrap(table.split(separator: "\n").first { $0.hasPrefix("| clone-acppo | 2 |") }, table)
        XCTAssertTrue(clone.contains("+-"), String(clone))
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/clone-acppo-seed2/checkpoints/clone/tensors.safetensors"))
        XCTAssertTrue(table.contains("clone-* rows: the scripted grasp cloned"), table)
        XCTAssertTrue(rows.allSatisfy { $0.contains("| 2 |") && $0.contains("+-") }, table)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/table.md"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/acppo-seed2/metrics.csv"))
        // the graded columns: lifted %, peak rise and closest approach to the goal per split
        // (the built-ins have only train)
        for row in rows {
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            XCTAssertEqual(cells.count, 11, String(row))
            for graded in cells[8...10] {
                let parts = graded.components(separatedBy: " / ")
                XCTAssertEqual(parts.count, 3, graded)
                XCTAssertNotNil(Double(parts[0]), "train is measured: \(graded)")
                XCTAssertEqual(Array(parts[1...]), ["n/a", "n/a"], "no seen / unseen split on the built-ins")
            }
        }
        // evaluations written before the graded measures existed tabulate them as n/a
        for seed in [1, 2] {
            let path = out + "/ppo-seed\(seed)/eval.json"
            var old = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [[String: Any]])
            for i in old.indices { old[i]["liftedRate"] = nil; old[i]["peakLift"] = nil; old[i]["closestGoal"] = nil }
            try JSONSerialization.data(withJSONObject: old).write(to: URL(fileURLWithPath: path))
        }
        lines.removeAll()
        let again = try BenchmarkProtocol.run(size: size, algorithms: [.ppo, .acppo], clones: [.acppo], seeds: [1, 2], library: nil,
                                              base: base, threads: 1, out: out) { lines.append($0) }
        XCTAssertEqual(lines.filter { $0.contains("reusing") }.count, 6)
        XCTAssertEqual(again.split(separator: "\n").filter { $0.hasPrefix("| ppo |") }.first?.split(separator: "|")[2...4],
                       rows.first?.split(separator: "|")[2...4])
        XCTAssertTrue(again.contains("| n/a / n/a / n/a | n/a / n/a / n/a | n/a / n/a / n/a |"), again)
        XCTAssertEqual(again.split(separator: "\n").filter { $0.hasPrefix("| acppo |") }, rows.filter { $0.hasPrefix("| acppo |") })
        // --reevaluate measures them again from the same checkpoints: the same row as at first
        lines.removeAll()
        let remeasured = try BenchmarkProtocol.run(size: size, algorithms: [.ppo], seeds: [1, 2], library: nil, base: base, threads: 1,
                                                   reevaluate: true, out: out) { lines.append($0) }
        XCTAssertEqual(lines.filter { $0.contains("evaluating its best checkpoint again") }.count, 2, lines.joined(separator: "\n"))
        XCTAssertEqual(remeasured.split(separator: "\n").filter { $0.hasPrefix("| ppo |") }, rows.filter { $0.hasPrefix("| ppo |") })
        // a later version with other defaults still tabulates the finished runs, unchanged
        var later = base
        later.ppo.klTargetPerStep.toggle()
        lines.removeAll()
        let relabelled = try BenchmarkProtocol.run(size: size, algorithms: [.ppo, .acppo], seeds: [1, 2], library: nil,
                                                   base: later, threads: 1, out: out) { lines.append($0) }
        XCTAssertEqual(lines.filter { $0.contains("reusing") }.count, 4, lines.joined(separator: "\n"))
        XCTAssertEqual(relabelled.split(separator: "\n").filter { $0.hasPrefix("| acppo |") }, rows.filter { $0.hasPrefix("| acppo |") })
        // one learner asked for (as when two commands run side by side into one folder): the
        // table still has the other learner's and the clone's evaluated runs
        lines.removeAll()
        let single = try BenchmarkProtocol.run(size: size, algorithms: [.ppo], seeds: [1, 2], library: nil,
                                               base: base, threads: 1, out: out) { lines.append($0) }
        XCTAssertEqual(lines.filter { $0.contains("added to the table") }.count, 4, lines.joined(separator: "\n"))
        XCTAssertEqual(single.split(separator: "\n").filter { $0.hasPrefix("| acppo |") }, rows.filter { $0.hasPrefix("| acppo |") })
        XCTAssertTrue(single.contains("| clone-acppo | 2 |"), single)
        XCTAssertEqual(try String(contentsOfFile: out + "/table.md", encoding: .utf8), single)
    }

    /// An unfinished run resumes under its own config.json (as `world-train --resume`), even
    /// when the protocol's config differs from the one it was started with.
    func testUnfinishedRunResumesUnderItsOwnConfig() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("protocol-\(UUID().uuidString)").path
        func size(_ envSteps: Int) -> BenchmarkProtocol.Size {
            BenchmarkProtocol.Size(name: "tiny", envSteps: envSteps, envCount: 4, episodesPerObject: 1, objectsPerSplit: 1)
        }
        _ = try BenchmarkProtocol.run(size: size(64), algorithms: [.ppo], seeds: [1], library: nil, threads: 1, out: out) { _ in }
        let run = RunDirectory(out + "/ppo-seed1")
        try FileManager.default.removeItem(at: run.evaluation)  // as if stopped before its evaluation
        var later = TrainConfig()
        later.ppo.klTargetPerStep.toggle()
        var lines: [String] = []
        _ = try BenchmarkProtocol.run(size: size(128), algorithms: [.ppo], seeds: [1], library: nil, base: later, threads: 1,
                                      out: out) { lines.append($0) }
        XCTAssertTrue(lines.contains { $0.contains("resuming (its own config.json)") }, lines.joined(separator: "\n"))
        let results = try JSONDecoder().decode([BenchmarkProtocol.RunResult].self, from: Data(contentsOf: URL(fileURLWithPath: out + "/results.json")))
        XCTAssertEqual(results.map(\.envSteps), [128], "trained on to the new budget")
        XCTAssertTrue(FileManager.default.fileExists(atPath: run.evaluation.path))
        let config = try ConfigOverrides.resolve(file: run.config.path)
        XCTAssertEqual(config.ppo.klTargetPerStep, TrainConfig().ppo.klTargetPerStep, "the run keeps the setting it started with")
    }
}

/// `--only`: a cluster's job array runs one cell per task; each task's table holds every cell
/// finished so far, and an empty cell list only tabulates.
final class ProtocolCellTests: XCTestCase {
    func testCellsRunOneAtATimeAndTheTableGrowsWithThem() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("cells-\(UUID().uuidString)").path
        let size = BenchmarkProtocol.Size(name: "tiny", envSteps: 64, envCount: 4, episodesPerObject: 1, objectsPerSplit: 2)
        func rows(_ table: String) -> [String] { table.split(separator: "\n").map(String.init).filter { $0.hasPrefix("| ppo |") || $0.hasPrefix("| acppo |") } }
        let first = try BenchmarkProtocol.runCells([try .init("acppo:2")], size: size, library: nil, threads: 1, out: out) { _ in }
        XCTAssertEqual(rows(first).count, 1, first)
        XCTAssertTrue(rows(first)[0].hasPrefix("| acppo | 1 |"), first)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out + "/ppo-seed1"), "only the asked cell ran")
        _ = try BenchmarkProtocol.runCells([try .init("ppo:1")], size: size, library: nil, threads: 1, out: out) { _ in }
        var log: [String] = []
        let table = try BenchmarkProtocol.runCells([], size: size, library: nil, threads: 1, out: out) { log.append($0) }
        XCTAssertEqual(rows(table).count, 2, table)
        XCTAssertTrue(log.isEmpty, "tabulating trains nothing")
        XCTAssertEqual(try String(contentsOfFile: out + "/table.md", encoding: .utf8), table)
        XCTAssertThrowsError(try BenchmarkProtocol.Cell("acppo")) { XCTAssertTrue("\($0)".contains("METHOD:SEED"), "\($0)") }
        XCTAssertThrowsError(try BenchmarkProtocol.Cell("sac:1"))
        XCTAssertEqual(try BenchmarkProtocol.Cell("clone-ppo:3"), try BenchmarkProtocol.Cell("clone-ppo:3"))
        XCTAssertTrue(try BenchmarkProtocol.Cell("clone-ppo:3").clone)
    }
}
