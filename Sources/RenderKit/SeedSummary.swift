/// How the spread over seeds is shaded around a series' mean curve.
public enum SpreadBand: Hashable, Sendable {
    /// Mean ± one standard deviation (population, divisor n).
    case standardDeviation
    /// From the lowest to the highest seed.
    case minMax
    /// No band.
    case none
    /// A centre line and band the caller computes from the seeds' values at each x (e.g. the
    /// interquartile mean and its bootstrap interval); the centre replaces the mean.
    case interval(SeedInterval)
}

/// A centre and band from the seeds' values at one x; two are equal when their names are.
public struct SeedInterval: Hashable, Sendable {
    /// What it computes (also its identity).
    public let name: String
    /// (centre, low, high) of the seeds' values.
    public let estimate: @Sendable ([Double]) -> (center: Double, low: Double, high: Double)

    public init(name: String, estimate: @escaping @Sendable ([Double]) -> (center: Double, low: Double, high: Double)) {
        self.name = name
        self.estimate = estimate
    }

    public static func == (a: SeedInterval, b: SeedInterval) -> Bool { a.name == b.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
}

/// A series' mean curve (or the centre of an `interval` band) and spread band on a common x grid.
public struct SeedSummary: Hashable, Sendable {
    /// Grid x values, increasing. Shape `[pointCount]`.
    public var xs: [Double]
    /// Mean over seeds at each grid x. Shape `[pointCount]`.
    public var mean: [Double]
    /// Lower and upper edge of the band at each grid x. Shape `[pointCount]` each.
    public var lower: [Double], upper: [Double]

    /// Summarises several seeds' curves. Each seed is a list of `(x, y)` points (any order,
    /// sorted here). The grid is the union of all seeds' x values inside the range that every
    /// seed covers; each seed is linearly interpolated onto it. Seeds with no points are ignored.
    public init(seeds: [[(x: Double, y: Double)]], band: SpreadBand) {
        let curves = seeds.filter { !$0.isEmpty }.map { $0.sorted { $0.x < $1.x } }
        guard !curves.isEmpty else {
            (xs, mean, lower, upper) = ([], [], [], [])
            return
        }
        let lo = curves.map { $0.first!.x }.max()!, hi = curves.map { $0.last!.x }.min()!
        let grid = Array(Set(curves.flatMap { $0.map(\.x) }.filter { $0 >= lo && $0 <= hi })).sorted()
        xs = grid
        (mean, lower, upper) = ([], [], [])
        for x in grid {
            let ys = curves.map { SeedSummary.interpolate($0, at: x) }
            let m = ys.reduce(0, +) / Double(ys.count)
            if case .interval(let interval) = band {
                let e = interval.estimate(ys)
                mean.append(e.center); lower.append(e.low); upper.append(e.high)
                continue
            }
            mean.append(m)
            switch band {
            case .standardDeviation:
                let sd = (ys.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(ys.count)).squareRoot()
                lower.append(m - sd); upper.append(m + sd)
            case .minMax: lower.append(ys.min()!); upper.append(ys.max()!)
            case .none, .interval: lower.append(m); upper.append(m)
            }
        }
    }

    /// Linear interpolation of a sorted curve at `x` (clamped to its ends).
    static func interpolate(_ curve: [(x: Double, y: Double)], at x: Double) -> Double {
        if x <= curve[0].x { return curve[0].y }
        if x >= curve[curve.count - 1].x { return curve[curve.count - 1].y }
        var lo = 0, hi = curve.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if curve[mid].x <= x { lo = mid } else { hi = mid }
        }
        let a = curve[lo], b = curve[hi]
        return b.x > a.x ? a.y + (b.y - a.y) * (x - a.x) / (b.x - a.x) : a.y
    }
}
