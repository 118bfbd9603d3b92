import Foundation
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

/// Appends rows to metrics.csv; on resume keeps only rows up to the checkpoint's iteration.
final class MetricsLog {
    private let handle: FileHandle

    init(url: URL, keepThrough iteration: Int?) throws {
        var text = IterationMetrics.header + "\n"
        if let iteration, let old = try? String(contentsOf: url, encoding: .utf8) {
            for line in old.split(separator: "\n").dropFirst() where (Int(line.split(separator: ",").first ?? "") ?? .max) <= iteration {
                text += line + "\n"
            }
        }
        try Data(text.utf8).write(to: url, options: .atomic)
        handle = try FileHandle(forWritingTo: url)
        handle.seekToEndOfFile()
    }

    func append(_ m: IterationMetrics) { handle.write(Data((m.row + "\n").utf8)) }

    deinit { try? handle.close() }
}
