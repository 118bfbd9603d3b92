import Foundation
import RenderKit
import Training

/// A metric of `metrics.csv` that can be plotted against env steps.
public enum CurveMetric: String, CaseIterable, Sendable {
    /// Fraction of finished episodes that succeeded, 0...1.
    case successRate = "success_rate"
    /// Mean per-step reward over the iteration's rollout.
    case meanReward = "mean_reward"
    /// Fraction of the iteration's env steps with the hand enclosing the object, 0...1.
    case enclosedRate = "enclosed_rate"
    /// Fraction of the iteration's env steps with the object enclosed and lifted, 0...1.
    case liftedRate = "lifted_rate"

    /// Axis label.
    public var label: String {
        switch self {
        case .successRate: "success rate"
        case .meanReward: "mean reward"
        case .enclosedRate: "enclosed rate"
        case .liftedRate: "lifted rate"
        }
    }
}

/// One `--run LABEL=DIR[,DIR...]` argument: a legend label and its seeds' run directories.
public struct RunArgument: Sendable, Equatable {
    /// Legend text.
    public var label: String
    /// Run directories, one per seed, each holding `metrics.csv`.
    public var directories: [String]

    /// Creates a run from a label and directories.
    public init(label: String, directories: [String]) {
        self.label = label
        self.directories = directories
    }

    /// Parses `LABEL=DIR[,DIR...]`; `nil` when the label or every directory is missing.
    public init?(parsing text: String) {
        guard let eq = text.firstIndex(of: "=") else { return nil }
        let label = String(text[..<eq]), dirs = text[text.index(after: eq)...].split(separator: ",").map(String.init)
        guard !label.isEmpty, !dirs.isEmpty else { return nil }
        self.init(label: label, directories: dirs)
    }
}

/// Training-curve plots (the paper's Fig. 2) from run directories.
public enum TrainingCurves {
    /// The interquartile mean over seeds with its 95 % bootstrap interval (rliable's measure, as
    /// in the protocol table), at each env-step count.
    public static let interquartileMean = SeedInterval(name: "interquartile mean, 95 % bootstrap interval") { values in
        let interval = SeedStatistics.interval([values], reps: 2000) { SeedStatistics.iqm($0[0]) }
        return (SeedStatistics.iqm(values), interval.low, interval.high)
    }

    /// One series: each directory's `metrics.csv` becomes one seed's `(env_steps, metric)` curve.
    public static func series(_ run: RunArgument, metric: CurveMetric) throws -> CurveSeries {
        let seeds = try run.directories.map { dir in
            let path = (dir as NSString).appendingPathComponent(MetricsTable.fileName)
            let table = try MetricsTable.read(path: path, required: [metric.rawValue])
            return zip(table.columns["env_steps"]!, table.columns[metric.rawValue]!).map { (x: $0, y: $1) }
        }
        return CurveSeries(label: run.label, seeds: seeds)
    }

    /// The plot of `metric` for every run: by default the interquartile mean over seeds with its
    /// 95 % bootstrap interval shaded, each seed smoothed by TensorBoard's exponential moving
    /// average (weight 0.6) with the raw line faint behind. Success rate uses a fixed 0...1 y axis.
    public static func plot(_ runs: [RunArgument], metric: CurveMetric, title: String? = nil,
                            width: Int = 800, height: Int = 500, band: SpreadBand = .interval(interquartileMean),
                            smoothing: Double = Smoothing.tensorBoardDefault) throws -> CurvePlot {
        var plot = CurvePlot(title: title ?? "\(metric.label) vs env steps", yLabel: metric.label,
                             series: try runs.map { try series($0, metric: metric) }, width: width, height: height,
                             yRange: metric == .successRate ? 0...1 : nil, band: band)
        plot.smoothing = smoothing
        return plot
    }
}
