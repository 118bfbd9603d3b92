import Foundation

/// The data-to-pixel mapping of a plot, plus its tick positions.
///
/// `pixel(x:y:)` maps data coordinates to pixel coordinates (fractional, `(0, 0)` at the top-left
/// corner of the image): `xRange` spans the plot box from its left to its right edge, and
/// `yRange` from its bottom edge up to its top edge.
public struct PlotAxes: Hashable, Sendable {
    /// The plot box, pixels.
    public let box: PixelRect
    /// Data range on the x axis (env steps).
    public let xRange: ClosedRange<Double>
    /// Data range on the y axis.
    public let yRange: ClosedRange<Double>
    /// Tick values on x and y, inside the ranges.
    public let xTicks: [Double], yTicks: [Double]
    /// Tick spacings (used to pick label precision).
    public let xStep: Double, yStep: Double

    /// Creates axes for a box and ranges, choosing about `tickCount` "nice" ticks per axis.
    public init(box: PixelRect, xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, tickCount: Int = 6) {
        self.box = box
        self.xRange = xRange
        self.yRange = yRange
        (xTicks, xStep) = PlotAxes.niceTicks(xRange, count: tickCount)
        (yTicks, yStep) = PlotAxes.niceTicks(yRange, count: tickCount)
    }

    /// Maps a data point to pixel coordinates.
    public func pixel(x: Double, y: Double) -> SIMD2<Double> {
        let tx = (x - xRange.lowerBound) / max(xRange.upperBound - xRange.lowerBound, .leastNormalMagnitude)
        let ty = (y - yRange.lowerBound) / max(yRange.upperBound - yRange.lowerBound, .leastNormalMagnitude)
        return SIMD2(Double(box.x) + tx * Double(box.width), Double(box.y + box.height) - ty * Double(box.height))
    }

    /// Ticks at multiples of a 1/2/5 x 10^k step giving about `count` ticks across `range`.
    public static func niceTicks(_ range: ClosedRange<Double>, count: Int) -> ([Double], Double) {
        let span = range.upperBound - range.lowerBound
        guard span > 0, span.isFinite else { return ([range.lowerBound], 1) }
        let raw = span / Double(max(1, count - 1))
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        var ticks: [Double] = []
        var k = (range.lowerBound / step).rounded(.up)
        while k * step <= range.upperBound + step * 1e-9 {
            ticks.append(abs(k * step) < step * 1e-9 ? 0 : k * step)
            k += 1
        }
        return (ticks, step)
    }

    /// Formats a tick value: `1.2M`, `500k` for large magnitudes, otherwise as many decimals
    /// as the tick `step` needs (`0.25`, `0.5`, `3`).
    public static func format(_ value: Double, step: Double) -> String {
        func trimmed(_ v: Double, decimals: Int) -> String {
            String(format: "%.\(max(0, decimals))f", v)
        }
        // fewest decimals that show the step exactly (0.25 -> 2, 0.5 -> 1, 2 -> 0)
        func decimals(for s: Double) -> Int {
            (0...6).first { d in let v = s * pow(10, Double(d)); return abs(v - v.rounded()) < 1e-6 * max(1, v) } ?? 6
        }
        let a = abs(value)
        if a < abs(step) * 1e-9 { return "0" }
        if a >= 1e9 || step >= 1e9 { return trimmed(value / 1e9, decimals: decimals(for: step / 1e9)) + "B" }
        if a >= 1e6 || step >= 1e6 { return trimmed(value / 1e6, decimals: decimals(for: step / 1e6)) + "M" }
        if a >= 1e4 || step >= 1e3 { return trimmed(value / 1e3, decimals: decimals(for: step / 1e3)) + "k" }
        return trimmed(value, decimals: decimals(for: step))
    }

    /// Expands `lo...hi` outward to multiples of a nice step (used for automatic y ranges).
    public static func niceRange(_ lo: Double, _ hi: Double, count: Int = 6) -> ClosedRange<Double> {
        if !(hi > lo) { return (lo - 0.5)...(lo + 0.5) }
        let (_, step) = niceTicks(lo...hi, count: count)
        return (floor(lo / step) * step)...(ceil(hi / step) * step)
    }
}
