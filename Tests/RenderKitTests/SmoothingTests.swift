import XCTest
@testable import RenderKit

/// TensorBoard's debiased exponential moving average and its use in the plot.
final class SmoothingTests: XCTestCase {
    func testDebiasedAverageMatchesHandComputedValues() {
        // w = 0.6: m = 0.4, 0.4*0.6 + 0.4*2 = 1.04, 1.04*0.6 + 0.4*4 = 2.224; debias 0.4, 0.64, 0.784.
        let s = Smoothing.exponentialMovingAverage([1, 2, 4], weight: 0.6)
        XCTAssertEqual(s[0], 1, accuracy: 1e-12)
        XCTAssertEqual(s[1], 1.04 / 0.64, accuracy: 1e-12)
        XCTAssertEqual(s[2], 2.224 / 0.784, accuracy: 1e-12)
        XCTAssertEqual(Smoothing.exponentialMovingAverage([3, 7], weight: 0), [3, 7])
    }

    func testNonFiniteValuesPassThroughWithoutEnteringTheAverage() {
        let s = Smoothing.exponentialMovingAverage([1, .nan, 1], weight: 0.5)
        XCTAssertEqual(s[0], 1)
        XCTAssertTrue(s[1].isNaN)
        XCTAssertEqual(s[2], 1, accuracy: 1e-12)
    }

    func testPlotSmoothsTheCentreLineButKeepsTheRawOne() {
        let seed = [(x: 0.0, y: 0.0), (x: 1, y: 1), (x: 2, y: 0), (x: 3, y: 1)]
        var plot = CurvePlot(title: "t", yLabel: "y", runs: [(label: "a", seeds: [seed])], band: .none)
        plot.smoothing = 0.6
        XCTAssertEqual(plot.rawSummaries[0].mean, [0, 1, 0, 1])
        XCTAssertEqual(plot.summaries[0].mean, Smoothing.exponentialMovingAverage([0, 1, 0, 1], weight: 0.6))
        XCTAssertLessThan(plot.summaries[0].mean[1], 1)
    }
}
