import DurableFiles
import Foundation
import Interchange
import Learning

/// One iteration's figures: a row of metrics.csv.
public struct IterationMetrics: Sendable, Equatable {
    public var iteration = 0, envSteps = 0
    public var wallSeconds = 0.0, stepsPerSecond = 0.0
    public var meanReward: Float = 0, successRate: Float = 0
    /// Fraction of the iteration's env steps with the hand enclosing the object / enclosing it lifted.
    public var enclosedRate: Float = 0, liftedRate: Float = 0
    public var stats = PPOUpdateStats()
    /// Seconds of this iteration: rollout (world stepping within it) and update.
    public var rolloutSeconds = 0.0, worldSeconds = 0.0, updateSeconds = 0.0
    /// Env steps of this iteration that went numerically wrong (non-finite physics, reward or
    /// observation): each such env was contained and reset (`ContainNonFiniteSystem`).
    public var nonFiniteResets = 0

    /// The CSV header (the column order render-rollout's curves read).
    public static let header = "iteration,env_steps,wall_s,sps,mean_reward,success_rate,policy_loss,value_loss,entropy,approx_kl,clip_fraction,explained_variance,learning_rate,rollout_s,world_s,update_s,enclosed_rate,lifted_rate,nonfinite_resets"

    /// The CSV row.
    public var row: String {
        let l = stats.losses
        return [String(iteration), String(envSteps), String(format: "%.3f", wallSeconds), String(format: "%.1f", stepsPerSecond),
                "\(meanReward)", "\(successRate)", "\(l.surrogateLoss)", "\(l.valueLoss)", "\(l.entropy)", "\(l.approxKL)",
                "\(l.clipFraction)", "\(stats.explainedVariance)", "\(l.learningRate)", String(format: "%.4f", rolloutSeconds),
                String(format: "%.4f", worldSeconds), String(format: "%.4f", updateSeconds),
                "\(enclosedRate)", "\(liftedRate)", String(nonFiniteResets)].joined(separator: ",")
    }
}

/// Appends each iteration's metrics to metrics.csv and, as scalars named after the CSV columns
/// at step = iteration, to a TensorBoard event file in the run folder; on resume both keep only
/// the rows up to the checkpoint's iteration (the event file is rebuilt from the kept rows).
final class MetricsLog {
    private let handle: FileHandle
    private let events: TensorBoardFile

    init(run: RunDirectory, keepThrough iteration: Int?) throws {
        var kept: [Substring] = []
        if let iteration, let old = try? String(contentsOf: run.metrics, encoding: .utf8) {
            kept = old.split(separator: "\n").dropFirst().filter { (Int($0.split(separator: ",").first ?? "") ?? .max) <= iteration }
        }
        let text = ([IterationMetrics.header] + kept.map(String.init)).joined(separator: "\n") + "\n"
        try AtomicFile.write(Array(text.utf8), to: run.metrics.path)
        handle = try FileHandle(forWritingTo: run.metrics)
        handle.seekToEndOfFile()
        let now = Date().timeIntervalSince1970
        let lastWall = kept.last.flatMap { Self.scalars(row: $0).first { $0.tag == "wall_s" }?.value } ?? 0
        let keptEvents = kept.map { row in
            let values = Self.scalars(row: row)
            let wall = values.first { $0.tag == "wall_s" }?.value ?? lastWall
            return TensorBoardEvent.scalars(values, step: Int(row.split(separator: ",")[0]) ?? 0, wallTime: now - Double(lastWall - wall))
        }
        events = try TensorBoardFile(folder: run.root.path, events: keptEvents, wallTime: now)
    }

    func append(_ m: IterationMetrics) throws {
        handle.write(Data((m.row + "\n").utf8))
        try events.append(.scalars(Self.scalars(row: Substring(m.row)), step: m.iteration, wallTime: Date().timeIntervalSince1970))
    }

    /// Every column of a metrics.csv row but `iteration` (the step), as (column name, value).
    static func scalars(row: Substring) -> [(tag: String, value: Float)] {
        zip(IterationMetrics.header.split(separator: ","), row.split(separator: ",", omittingEmptySubsequences: false))
            .dropFirst().map { (String($0), Float($1) ?? .nan) }
    }

    deinit { try? handle.close() }
}

extension RunDirectory {
    /// Adds the PNG at `path` to the run's TensorBoard event file as an image under `tag` at `step`.
    public func addTensorBoardImage(tag: String, png path: String, step: Int) throws {
        let png = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        guard png.count > 24, png[12..<16].elementsEqual("IHDR".utf8) else { throw ConfigError("\(path): not a PNG file") }
        let word = { (at: Int) in png[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        let file = try TensorBoardFile.appending(folder: root.path)
        try file.append(.image(tag: tag, png: png, width: word(16), height: word(20), step: step, wallTime: Date().timeIntervalSince1970))
    }

}
