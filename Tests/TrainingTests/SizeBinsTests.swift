import Foundation
@testable import Training
import XCTest

/// Success by object size: bins around DexGraspNet's scales, the run summary's table and the
/// protocol table's rows, on hand-set results.
final class SizeBinsTests: XCTestCase {
    func testBinsCentreOnTheFiveScales() {
        XCTAssertEqual([0.06, 0.08, 0.10, 0.12, 0.15].map { SizeBins.bin($0) }, [0, 1, 2, 3, 4])
        XCTAssertEqual(SizeBins.bin(0.0699), 0)
        XCTAssertEqual(SizeBins.bin(0.07), 1)
        XCTAssertEqual(SizeBins.bin(0.4), 4)
    }

    let result = Evaluator.Result(split: "train", successRate: 0.5, perObject: ["a": 1, "b": 0.5, "c": 0, "d": 0.5],
                                  heldRate: 0.25, perObjectHeld: ["a": 0.5, "b": 0, "c": 0, "d": 0.5], episodes: 8,
                                  perObjectRadius: ["a": 0.06, "b": 0.06, "c": 0.15, "d": 0.1])

    func testMeansPerBinAndTheSummaryTable() throws {
        XCTAssertEqual(SizeBins.means(result.perObject, radii: result.perObjectRadius!),
                       ["r < 0.07 m": 0.75, "0.09-0.11 m": 0.5, "r >= 0.135 m": 0])
        let table = try XCTUnwrap(RunSummary.sizeTable([result]))
        XCTAssertEqual(table, """
        success % (reached / held) by object size (objects):
        | bounding radius | train |
        |---|---|
        | r < 0.07 m | 75.0 / 25.0 (2) |
        | 0.09-0.11 m | 50.0 / 50.0 (1) |
        | r >= 0.135 m | 0.0 / 0.0 (1) |
        """)
        var old = result
        old.perObjectRadius = nil
        XCTAssertNil(RunSummary.sizeTable([old]), "results written before sizes were recorded have no size table")
    }

    func testProtocolTableHasSizeRowsWithTheIQMOverSeeds() {
        var other = result
        other.perObject["a"] = 0
        other.perObject["b"] = 0  // seed 2: the small bin at 0 %
        let runs = [BenchmarkProtocol.RunResult(algorithm: "ppo", seed: 1, evaluations: [result], wallSeconds: 1, envSteps: 1),
                    BenchmarkProtocol.RunResult(algorithm: "ppo", seed: 2, evaluations: [other], wallSeconds: 1, envSteps: 1)]
        let table = BenchmarkProtocol.tabulate(runs, size: .quick, library: nil)
        // IQM of two seeds is their mean: (75 + 0) / 2
        XCTAssertTrue(table.contains("| r < 0.07 m | ppo | 37.5 / 25.0 | - | - |"), table)
        XCTAssertTrue(table.contains("| r >= 0.135 m | ppo | 0.0 / 0.0 | - | - |"), table)
        XCTAssertFalse(table.contains("0.07-0.09 m"), "bins without objects are left out")
    }
}

/// Checkpoint selection ranks by the measure the config names.
final class SelectionMeasureTests: XCTestCase {
    func testSelectionScoresReachedOrHeld() throws {
        let result = Evaluator.Result(split: "train", successRate: 0.75, perObject: ["a": 1, "b": 0.5],
                                      heldRate: 0.25, perObjectHeld: ["a": 0.5, "b": 0], episodes: 4)
        XCTAssertEqual(TrainConfig.SelectionMeasure.reached.score(result), 0.75)
        XCTAssertEqual(TrainConfig.SelectionMeasure.held.score(result), 0.25)
        XCTAssertEqual(TrainConfig().selectionMeasure, .reached, "the published measure by default")
        let config = try ConfigOverrides.resolve(json: Data(#"{"selectionMeasure": "held"}"#.utf8), source: "test")
        XCTAssertEqual(config.selectionMeasure, .held)
        XCTAssertThrowsError(try ConfigOverrides.resolve(json: Data(#"{"selectionMeasure": "best"}"#.utf8), source: "test")) {
            XCTAssertTrue("\($0)".contains("selectionMeasure"), "\($0)")
        }
    }
}
