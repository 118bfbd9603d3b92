import Training
import XCTest

/// The rliable aggregates against values worked out by hand.
final class SeedStatisticsTests: XCTestCase {
    func testInterquartileMeanTrimsAQuarterFromEachEnd() {
        XCTAssertEqual(SeedStatistics.iqm([100, 10, 60, 50, 70]), 60)          // 5 seeds: the middle 3
        XCTAssertEqual(SeedStatistics.iqm([0, 1, 2, 10]), 1.5)                  // 4 seeds: the middle 2
        XCTAssertEqual(SeedStatistics.iqm([1, 2, 9]), 4)                        // 3 seeds: nothing trimmed
        XCTAssertEqual(SeedStatistics.iqm([8, 0, 1, 2, 3, 4, 5, 100]), 3.5)   // 8 seeds: 2 from each end, mean of 2, 3, 4, 5
        XCTAssertTrue(SeedStatistics.iqm([]).isNaN)
    }

    func testProbabilityOfImprovementCountsTiesHalf() {
        // pairs: 3 > 1, 3 < 4, 4 > 1, 4 = 4 -> (1 + 0 + 1 + 0.5) / 4
        XCTAssertEqual(SeedStatistics.probabilityOfImprovement([3, 4], [1, 4]), 0.625)
        XCTAssertEqual(SeedStatistics.probabilityOfImprovement([1, 2], [3, 4]), 0)
        XCTAssertEqual(SeedStatistics.probabilityOfImprovement([5], [5]), 0.5)
    }

    func testBootstrapIntervalsMatchTheResamplingDistribution() {
        // constant seeds: every resample has the same IQM
        let constant = SeedStatistics.interval([[0.4, 0.4, 0.4]], seed: 3) { SeedStatistics.iqm($0[0]) }
        XCTAssertEqual(constant.low, 0.4, accuracy: 1e-12)
        XCTAssertEqual(constant.high, 0.4, accuracy: 1e-12)
        // two seeds 0 and 1: a resample's mean is 0, 0.5 or 1 with probability 1/4, 1/2, 1/4, so
        // the 2.5th and 97.5th percentiles of many draws are 0 and 1
        let pair = SeedStatistics.interval([[0, 1]], seed: 7) { SeedStatistics.iqm($0[0]) }
        XCTAssertEqual(pair.low, 0)
        XCTAssertEqual(pair.high, 1)
        // one seed each, x above y: every resample has P(x > y) = 1
        let poi = SeedStatistics.interval([[0.9], [0.2]], seed: 1) { SeedStatistics.probabilityOfImprovement($0[0], $0[1]) }
        XCTAssertEqual(poi.low, 1)
        XCTAssertEqual(poi.high, 1)
        // the same seed gives the same interval; the interval holds the point estimate
        let values = [0.2, 0.5, 0.45, 0.9, 0.6]
        let a = SeedStatistics.interval([values], seed: 11) { SeedStatistics.iqm($0[0]) }
        let b = SeedStatistics.interval([values], seed: 11) { SeedStatistics.iqm($0[0]) }
        XCTAssertEqual(a.low, b.low)
        XCTAssertEqual(a.high, b.high)
        XCTAssertLessThan(a.low, SeedStatistics.iqm(values))
        XCTAssertGreaterThan(a.high, SeedStatistics.iqm(values))
    }

    func testTheTableCellAndTheImprovementText() {
        XCTAssertEqual(SeedStatistics.summary([40, 40, 40]), "40.0 [40.0, 40.0]; 40.0 +- 0.0")
        XCTAssertEqual(SeedStatistics.summary([]), "n/a")
        let (mean, std) = SeedStatistics.meanAndStd([1, 2, 3, 4])
        XCTAssertEqual(mean, 2.5)
        XCTAssertEqual(std, (5.0 / 3).squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(SeedStatistics.improvement([0.9], [0.2]), "1.00 [1.00, 1.00]")
        XCTAssertEqual(SeedStatistics.improvement([1, 2], [3, 4]), "0.00 [0.00, 0.00]")
    }

    func testSeedScoresParseOneValuePerSeedAndNameWhatIsWrong() throws {
        XCTAssertEqual(try SeedScores("resdex= 72.0, 72.5,75"), SeedScores(method: "resdex", values: [72, 72.5, 75]))
        func message(_ text: String) -> String {
            do { _ = try SeedScores(text); return "" } catch { return "\(error)" }
        }
        XCTAssertTrue(message("resdex").contains("expected METHOD=V1,V2"), message("resdex"))
        XCTAssertTrue(message("=1,2").contains("expected METHOD=V1,V2"))
        XCTAssertTrue(message("ppo=1,abc").contains("value 2 ('abc') is not a finite number"), message("ppo=1,abc"))
        XCTAssertTrue(message("ppo=").contains("value 1 ('')"))
        XCTAssertTrue(message("ppo=1,nan").contains("value 2 ('nan')"))
    }

    func testCompareGivesEveryMethodsCellAndEveryLaterOneAgainstEachEarlier() throws {
        let ppo = SeedScores(method: "ppo", values: [79, 67.5, 71.5, 76.5, 77])
        let resdex = SeedScores(method: "resdex", values: [72, 72.5, 75])
        let chunked = SeedScores(method: "resdex-acppo", values: [0, 0, 0])
        let table = try SeedScores.compare([ppo, resdex, chunked])
        XCTAssertTrue(table.contains("| ppo | 5 | \(SeedStatistics.summary(ppo.values)) |"), table)
        XCTAssertTrue(table.contains("| resdex | 3 | 73.2 ["), table)
        XCTAssertTrue(table.contains("- P(resdex > ppo) 0.40 ["), table)                 // 6 wins of 15
        XCTAssertTrue(table.contains("- P(resdex-acppo > ppo) 0.00 [0.00, 0.00]"), table)
        XCTAssertTrue(table.contains("- P(resdex-acppo > resdex) 0.00 [0.00, 0.00]"), table)
        XCTAssertFalse(table.contains("P(ppo >"), table)
        XCTAssertThrowsError(try SeedScores.compare([ppo, ppo])) { XCTAssertTrue("\($0)".contains("'ppo' is given twice")) }
    }
}
