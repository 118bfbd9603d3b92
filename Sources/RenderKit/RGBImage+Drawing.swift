/// 2D drawing helpers for plots and sheets. Coordinates are in pixels with `(0, 0)` at the
/// top-left corner of the top-left pixel, so pixel `(x, y)` has its centre at `(x + 0.5, y + 0.5)`.
extension RGBImage {
    /// Draws an anti-aliased polyline of the given stroke `width` (pixels) through `points`
    /// (pixel coordinates). Coverage is the max over segments, so joints are not darkened twice;
    /// pixels whose centre lies within `width / 2 - 0.5` of the line get exactly `color`.
    public mutating func drawPolyline(_ points: [SIMD2<Double>], color: Color, width: Double = 2) {
        guard let first = points.first else { return }
        let half = width / 2
        var lo = first, hi = first
        for p in points { lo = pointwiseMin(lo, p); hi = pointwiseMax(hi, p) }
        let x0 = max(0, Int((lo.x - half - 1).rounded(.down))), x1 = min(self.width - 1, Int((hi.x + half + 1).rounded(.up)))
        let y0 = max(0, Int((lo.y - half - 1).rounded(.down))), y1 = min(height - 1, Int((hi.y + half + 1).rounded(.up)))
        guard x0 <= x1, y0 <= y1 else { return }
        let bw = x1 - x0 + 1
        var coverage = [Float](repeating: 0, count: bw * (y1 - y0 + 1))
        let segments = points.count == 1 ? [(first, first)] : (1..<points.count).map { (points[$0 - 1], points[$0]) }
        for (a, b) in segments {
            let sx0 = max(x0, Int((min(a.x, b.x) - half - 1).rounded(.down))), sx1 = min(x1, Int((max(a.x, b.x) + half + 1).rounded(.up)))
            let sy0 = max(y0, Int((min(a.y, b.y) - half - 1).rounded(.down))), sy1 = min(y1, Int((max(a.y, b.y) + half + 1).rounded(.up)))
            guard sx0 <= sx1, sy0 <= sy1 else { continue }
            for y in sy0...sy1 {
                for x in sx0...sx1 {
                    let d = Self.distance(SIMD2(Double(x) + 0.5, Double(y) + 0.5), a, b)
                    let c = Float(max(0, min(1, half + 0.5 - d)))
                    let i = (y - y0) * bw + (x - x0)
                    if c > coverage[i] { coverage[i] = c }
                }
            }
        }
        for y in y0...y1 {
            for x in x0...x1 { blend(x: x, y: y, color, alpha: coverage[(y - y0) * bw + (x - x0)]) }
        }
    }

    /// Draws a one-pixel axis-aligned line from `(x0, y)` to `(x1, y)` inclusive.
    public mutating func drawHorizontalLine(x0: Int, x1: Int, y: Int, color: Color) {
        fill(x: min(x0, x1), y: y, width: abs(x1 - x0) + 1, height: 1, color)
    }

    /// Draws a one-pixel axis-aligned line from `(x, y0)` to `(x, y1)` inclusive.
    public mutating func drawVerticalLine(x: Int, y0: Int, y1: Int, color: Color) {
        fill(x: x, y: min(y0, y1), width: 1, height: abs(y1 - y0) + 1, color)
    }

    /// Draws a one-pixel rectangle outline around `[x, x+w) x [y, y+h)`.
    public mutating func strokeRect(x: Int, y: Int, width w: Int, height h: Int, color: Color) {
        drawHorizontalLine(x0: x, x1: x + w - 1, y: y, color: color)
        drawHorizontalLine(x0: x, x1: x + w - 1, y: y + h - 1, color: color)
        drawVerticalLine(x: x, y0: y, y1: y + h - 1, color: color)
        drawVerticalLine(x: x + w - 1, y0: y, y1: y + h - 1, color: color)
    }

    /// Blends a vertical band between two curves sampled at the same pixel `xs` (increasing):
    /// in every pixel column between consecutive samples, the pixels whose centres lie between
    /// the linearly interpolated `lower` and `upper` y values get `color` at opacity `alpha`.
    public mutating func fillBand(xs: [Double], lower: [Double], upper: [Double], color: Color, alpha: Float) {
        precondition(xs.count == lower.count && xs.count == upper.count, "fillBand: arrays must match")
        guard xs.count >= 2 else { return }
        var k = 0
        let start = max(0, Int(xs[0].rounded(.down))), end = min(width - 1, Int(xs[xs.count - 1].rounded(.up)))
        guard start <= end else { return }
        for x in start...end {
            let cx = Double(x) + 0.5
            guard cx >= xs[0], cx <= xs[xs.count - 1] else { continue }
            while k < xs.count - 2 && xs[k + 1] < cx { k += 1 }
            let t = xs[k + 1] > xs[k] ? (cx - xs[k]) / (xs[k + 1] - xs[k]) : 0
            let a = lower[k] + (lower[k + 1] - lower[k]) * t, b = upper[k] + (upper[k + 1] - upper[k]) * t
            let top = min(a, b), bottom = max(a, b)
            for y in max(0, Int(top.rounded(.down)))...max(0, min(height - 1, Int(bottom))) {
                let cy = Double(y) + 0.5
                if cy >= top && cy <= bottom { blend(x: x, y: y, color, alpha: alpha) }
            }
        }
    }

    /// Distance from `p` to the segment `a`-`b`, pixels.
    private static func distance(_ p: SIMD2<Double>, _ a: SIMD2<Double>, _ b: SIMD2<Double>) -> Double {
        let ab = b - a, ap = p - a
        let len2 = (ab * ab).sum()
        let t = len2 > 0 ? max(0, min(1, (ap * ab).sum() / len2)) : 0
        let d = ap - ab * t
        return (d * d).sum().squareRoot()
    }
}
