import Testing
@testable import RenderKit

@Suite struct CurvePlotTests {
    /// Two runs, two seeds each; seed curves differ by +-0.02 so the mean is known exactly.
    func plot() -> CurvePlot {
        func seeds(_ f: @escaping (Double) -> Double) -> [[(x: Double, y: Double)]] {
            [-0.02, 0.02].map { off in stride(from: 0.0, through: 2e6, by: 2.5e5).map { (x: $0, y: f($0) + off) } }
        }
        return CurvePlot(title: "success", yLabel: "success rate", runs: [
            ("ACPPO", seeds { 0.1 + 0.8 * $0 / 2e6 }),
            ("PPO", seeds { 0.6 - 0.2 * $0 / 2e6 }),
        ], width: 640, height: 400, yRange: 0...1)
    }

    /// Whether `color` appears within one pixel of `p`.
    func colorNear(_ image: RGBImage, _ p: SIMD2<Double>, _ color: Color) -> Bool {
        for dy in -1...1 { for dx in -1...1 where image[Int(p.x) + dx, Int(p.y) + dy] == color { return true } }
        return false
    }

    @Test func curvesPassThroughThePixelsTheirDataMapsTo() {
        let plot = plot(), image = plot.render(), axes = plot.axes()
        let means: [(Double) -> Double] = [{ 0.1 + 0.8 * $0 / 2e6 }, { 0.6 - 0.2 * $0 / 2e6 }]
        for (i, mean) in means.enumerated() {
            let color = plot.color(ofSeries: i)
            // data points and points between them (the line is straight between samples)
            for x in stride(from: 1.25e5, through: 1.875e6, by: 1.25e5) {
                let y = mean(x)
                // where the two curves cross (x = 1M) the later one is drawn on top
                if abs(means[0](x) - means[1](x)) < 0.05 { continue }
                let onCurve = colorNear(image, axes.pixel(x: x, y: y), color)
                #expect(onCurve, "series \(i) missing at x=\(x)")
                // and not where the data is not: 0.15 above the mean
                let offCurve = colorNear(image, axes.pixel(x: x, y: y + 0.15), color)
                #expect(!offCurve, "series \(i) drawn off its data at x=\(x)")
            }
        }
    }

    @Test func axesMapRangesToThePlotBoxEdges() {
        let axes = plot().axes()
        let bottomLeft = axes.pixel(x: 0, y: 0), topRight = axes.pixel(x: 2e6, y: 1)
        #expect(bottomLeft == SIMD2(Double(axes.box.x), Double(axes.box.y + axes.box.height)))
        #expect(topRight == SIMD2(Double(axes.box.x + axes.box.width), Double(axes.box.y)))
        #expect(axes.xTicks.first == 0 && axes.xTicks.last == 2e6)
    }

    @Test func tickLabelsAreReadable() {
        #expect(PlotAxes.format(1.2e6, step: 2e5) == "1.2M")
        #expect(PlotAxes.format(5e5, step: 1e5) == "500k")
        #expect(PlotAxes.format(0.25, step: 0.25) == "0.25")
        #expect(PlotAxes.format(3, step: 1) == "3")
        #expect(PlotAxes.format(0, step: 1e6) == "0" && PlotAxes.format(2e6, step: 1e6) == "2M")
        let ticks = PlotAxes.niceTicks(0...1, count: 6).0
        #expect(ticks.count == 6 && zip(ticks, [0, 0.2, 0.4, 0.6, 0.8, 1.0]).allSatisfy { abs($0 - $1) < 1e-12 })
    }

    @Test func seedSummaryInterpolatesOntoACommonGrid() {
        let s = SeedSummary(seeds: [[(0, 0), (10, 10)], [(0, 2), (5, 2), (10, 2)]], band: .minMax)
        #expect(s.xs == [0, 5, 10])
        #expect(s.mean == [1, 3.5, 6])
        #expect(s.lower == [0, 2, 2] && s.upper == [2, 5, 10])
    }
}
