/// One named run in a curve plot: one `(x, y)` curve per seed.
public struct CurveSeries: Sendable {
    /// Legend text (for example `"ACPPO"`).
    public var label: String
    /// Per-seed curves of `(x = env steps, y = metric)` points. Shape `[seedCount][pointCount]`.
    public var seeds: [[(x: Double, y: Double)]]
    /// Line and band colour; `nil` picks `Color.palette[index]`.
    public var color: Color?

    /// Creates a series.
    public init(label: String, seeds: [[(x: Double, y: Double)]], color: Color? = nil) {
        self.label = label
        self.seeds = seeds
        self.color = color
    }
}

/// A line plot of training curves (success rate or mean reward against env steps) with
/// axes, ticks, axis labels, a title, a legend, and the spread over seeds shaded.
public struct CurvePlot: Sendable {
    /// Title drawn at the top (double size).
    public var title: String
    /// Axis labels.
    public var xLabel: String, yLabel: String
    /// The runs to draw, in legend order.
    public var series: [CurveSeries]
    /// Image size, pixels.
    public var width: Int, height: Int
    /// Fixed axis ranges; `nil` fits the data (x exactly, y widened to nice ticks).
    public var xRange: ClosedRange<Double>?, yRange: ClosedRange<Double>?
    /// Which spread to shade around each mean.
    public var band: SpreadBand
    /// Band opacity, 0...1.
    public var bandAlpha: Float = 0.22
    /// Mean-line stroke width, pixels.
    public var lineWidth: Double = 2.5
    /// Exponential-moving-average weight applied to every seed's curve before the centre line
    /// and band are computed (0: raw; TensorBoard's default is 0.6); when above 0 the raw
    /// centre line is drawn faint behind the smoothed one.
    public var smoothing: Double = 0

    /// Creates a plot.
    public init(title: String, xLabel: String = "env steps", yLabel: String, series: [CurveSeries],
                width: Int = 800, height: Int = 500, xRange: ClosedRange<Double>? = nil,
                yRange: ClosedRange<Double>? = nil, band: SpreadBand = .standardDeviation) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.width = width
        self.height = height
        self.xRange = xRange
        self.yRange = yRange
        self.band = band
    }

    /// Convenience: a plot from `(label, per-seed points)` pairs, colours from the palette.
    public init(title: String, xLabel: String = "env steps", yLabel: String,
                runs: [(label: String, seeds: [[(x: Double, y: Double)]])], width: Int = 800, height: Int = 500,
                yRange: ClosedRange<Double>? = nil, band: SpreadBand = .standardDeviation) {
        self.init(title: title, xLabel: xLabel, yLabel: yLabel,
                  series: runs.map { CurveSeries(label: $0.label, seeds: $0.seeds) }, width: width, height: height,
                  yRange: yRange, band: band)
    }

    /// Mean and band of every series (same order as `series`), of the smoothed curves.
    public var summaries: [SeedSummary] {
        series.map { SeedSummary(seeds: Smoothing.seeds($0.seeds, weight: smoothing), band: band) }
    }

    /// Centre line of every series' raw (unsmoothed) curves.
    public var rawSummaries: [SeedSummary] { series.map { SeedSummary(seeds: $0.seeds, band: band) } }

    /// The colour used for series `index`.
    public func color(ofSeries index: Int) -> Color {
        series[index].color ?? Color.palette[index % Color.palette.count]
    }

    /// The axes (plot box, ranges, ticks) that `render()` draws with.
    public func axes() -> PlotAxes { axes(for: summaries) }

    private func axes(for summaries: [SeedSummary]) -> PlotAxes {
        let xs = summaries.flatMap(\.xs)
        let ys = summaries.flatMap { $0.lower + $0.upper }
        let xr = xRange ?? ((xs.min() ?? 0)...max((xs.max() ?? 1), (xs.min() ?? 0) + 1e-9))
        let yr = yRange ?? PlotAxes.niceRange(ys.min() ?? 0, ys.max() ?? 1)
        // margins: room for the y label and tick labels on the left, x ticks and label below
        let probe = PlotAxes(box: PixelRect(x: 0, y: 0, width: 1, height: 1), xRange: xr, yRange: yr)
        let tickWidth = probe.yTicks.map { BitmapFont.width(of: PlotAxes.format($0, step: probe.yStep)) }.max() ?? 0
        let left = 10 + BitmapFont.lineHeight + 8 + tickWidth + 8
        let top = 14 + 2 * BitmapFont.lineHeight + 10, bottom = 12 + 2 * BitmapFont.lineHeight + 14, right = 24
        return PlotAxes(box: PixelRect(x: left, y: top, width: width - left - right, height: height - top - bottom),
                        xRange: xr, yRange: yr)
    }

    /// Draws the plot.
    public func render() -> RGBImage {
        let sums = summaries, ax = axes(for: sums), box = ax.box
        let ink = Color(30, 30, 35), grid = Color(228, 230, 235)
        var img = RGBImage(width: width, height: height, fill: .white)
        // grid lines and tick labels
        for t in ax.xTicks {
            let px = Int(ax.pixel(x: t, y: ax.yRange.lowerBound).x.rounded(.down))
            img.drawVerticalLine(x: px, y0: box.y, y1: box.y + box.height - 1, color: grid)
            img.drawVerticalLine(x: px, y0: box.y + box.height, y1: box.y + box.height + 4, color: ink)
            img.drawText(PlotAxes.format(t, step: ax.xStep), centerX: px, y: box.y + box.height + 8, color: ink)
        }
        for t in ax.yTicks {
            let py = Int(ax.pixel(x: ax.xRange.lowerBound, y: t).y.rounded(.down))
            img.drawHorizontalLine(x0: box.x, x1: box.x + box.width - 1, y: py, color: grid)
            img.drawHorizontalLine(x0: box.x - 5, x1: box.x - 1, y: py, color: ink)
            let label = PlotAxes.format(t, step: ax.yStep)
            img.drawText(label, x: box.x - 8 - BitmapFont.width(of: label), y: py - 3, color: ink)
        }
        // bands first, then mean lines on top
        for (i, s) in sums.enumerated() where band != .none && s.xs.count >= 2 {
            let lower = zip(s.xs, s.lower).map { ax.pixel(x: $0, y: $1) }, upper = zip(s.xs, s.upper).map { ax.pixel(x: $0, y: $1) }
            img.fillBand(xs: lower.map(\.x), lower: lower.map(\.y), upper: upper.map(\.y), color: color(ofSeries: i), alpha: bandAlpha)
        }
        if smoothing > 0 {
            for (i, s) in rawSummaries.enumerated() {
                img.drawPolyline(zip(s.xs, s.mean).map { ax.pixel(x: $0, y: $1) }, color: color(ofSeries: i).mixed(with: .white, 0.7), width: 1)
            }
        }
        for (i, s) in sums.enumerated() {
            img.drawPolyline(zip(s.xs, s.mean).map { ax.pixel(x: $0, y: $1) }, color: color(ofSeries: i), width: lineWidth)
        }
        img.strokeRect(x: box.x - 1, y: box.y - 1, width: box.width + 2, height: box.height + 2, color: ink)
        // title, axis labels, legend
        img.drawText(title, centerX: box.x + box.width / 2, y: 12, color: ink, scale: 2)
        img.drawText(xLabel, centerX: box.x + box.width / 2, y: height - 12 - BitmapFont.lineHeight, color: ink)
        img.drawTextVertical(yLabel, x: 10, y: box.y + (box.height - BitmapFont.width(of: yLabel)) / 2, color: ink)
        drawLegend(on: &img, box: box, ink: ink)
        return img
    }

    /// Legend in the plot box's top-left corner: a colour swatch and the label per series.
    private func drawLegend(on img: inout RGBImage, box: PixelRect, ink: Color) {
        guard !series.isEmpty else { return }
        let rowHeight = BitmapFont.lineHeight + 6
        let textWidth = series.map { BitmapFont.width(of: $0.label) }.max() ?? 0
        let w = 8 + 20 + 6 + textWidth + 8, h = 6 + series.count * rowHeight
        let x = box.x + 10, y = box.y + 10
        img.fill(x: x, y: y, width: w, height: h, .white)
        img.strokeRect(x: x, y: y, width: w, height: h, color: Color(180, 180, 185))
        for (i, s) in series.enumerated() {
            let rowY = y + 6 + i * rowHeight
            img.fill(x: x + 8, y: rowY + 2, width: 20, height: 3, color(ofSeries: i))
            img.drawText(s.label, x: x + 8 + 20 + 6, y: rowY, color: ink)
        }
    }
}
