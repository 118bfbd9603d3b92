import ArgumentParser
import RenderKit
import RolloutViews

extension CurveMetric: ExpressibleByArgument {}

extension RunArgument: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
}

/// Which spread over seeds to shade.
enum BandArgument: String, ExpressibleByArgument, CaseIterable {
    case iqm, std, minmax, none

    var band: SpreadBand {
        switch self {
        case .iqm: .interval(TrainingCurves.interquartileMean)
        case .std: .standardDeviation
        case .minmax: .minMax
        case .none: .none
        }
    }
}

/// Plots a metric of one or more runs' metrics.csv against env steps.
struct CurvesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "curves",
        abstract: "Plot success rate or mean reward against env steps from runs' metrics.csv files.")

    @Option(name: .customLong("run"), help: ArgumentHelp("A run: legend label and its seeds' run folders (repeatable).", valueName: "LABEL=DIR[,DIR...]"))
    var runs: [RunArgument]
    @Option(help: "Metric to plot: \(CurveMetric.allCases.map(\.rawValue).joined(separator: ", ")).")
    var metric: CurveMetric = .successRate
    @Option(help: "Line and band over seeds: iqm (interquartile mean, 95 % bootstrap interval, as the protocol table), std (mean +- std), minmax or none (mean).")
    var band: BandArgument = .iqm
    @Option(help: "Exponential-moving-average weight of each seed's curve, 0..<1 (TensorBoard's default 0.6; 0: raw); the raw line is drawn faint behind.")
    var smoothing = Smoothing.tensorBoardDefault
    @Option(help: "Plot title (default: the metric against env steps).")
    var title: String?
    @Option(help: "Image width, pixels.")
    var width = 800
    @Option(help: "Image height, pixels.")
    var height = 500
    @Option(help: "Output PNG file.")
    var out: String

    func validate() throws {
        guard !runs.isEmpty else { throw ValidationError("give at least one --run LABEL=DIR") }
        guard smoothing >= 0, smoothing < 1 else { throw ValidationError("--smoothing must be in 0..<1, got \(smoothing)") }
        guard width >= 200, height >= 150 else { throw ValidationError("the plot needs at least 200 x 150 pixels") }
    }

    func run() throws {
        let plot = try TrainingCurves.plot(runs, metric: metric, title: title, width: width, height: height, band: band.band, smoothing: smoothing)
        try PNGFile.write(plot.render(), to: out)
        print("wrote \(out)")
    }
}
