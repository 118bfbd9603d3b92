import Foundation

/// Per-minibatch statistics of the PPO losses (means over the minibatch).
public struct PPOLossStats: Codable, Equatable, Sendable {
    /// All zero.
    public init() {}

    /// Clipped-surrogate loss, mean of max(-A r, -A clip(r)).
    public var surrogateLoss: Float = 0
    /// Value loss, mean of (V - R)^2 (before `valueCoef`).
    public var valueLoss: Float = 0
    /// Policy entropy, nats.
    public var entropy: Float = 0
    /// KL(old || new) over the executed prefix, mean (drives the adaptive learning rate).
    public var approxKL: Float = 0
    /// Fraction of samples with |ratio - 1| > clipCoef.
    public var clipFraction: Float = 0
    /// Mean importance ratio.
    public var meanRatio: Float = 0
    /// Gradient norm before clipping.
    public var gradientNorm: Float = 0
    /// Learning rate used for this step.
    public var learningRate: Float = 0
    /// Mean squared error per output of the imitation term (0 when it is off).
    public var imitationLoss: Float = 0
}

/// One minibatch of chunk-start samples, gathered into contiguous scratch (all [rows, ...]).
struct PolicyBatch {
    /// Samples in the minibatch.
    var rows: Int
    /// Actions per sample (h for both objectives).
    var blockCount: Int
    /// |A|.
    var actionDim: Int
    /// Executed actions, zero beyond the prefix. [rows, blockCount * actionDim]
    var actions: UnsafePointer<Float>
    /// Behaviour means, zero beyond the prefix. [rows, blockCount * actionDim]
    var oldMeans: UnsafePointer<Float>
    /// Behaviour log-std, tiled to the sample width. [blockCount * actionDim]
    var oldLogStd: UnsafePointer<Float>
    /// Executed prefix lengths k (1...blockCount). [rows]
    var prefixLengths: UnsafePointer<Float>
    /// Behaviour log-likelihood of the executed prefix. [rows]
    var oldLogProbs: UnsafePointer<Float>
    /// Advantages (normalised as configured). [rows]
    var advantages: UnsafePointer<Float>
    /// Samples the loss is the mean over: this minibatch's rows on every rank of a
    /// data-parallel job (nil = `rows`, one process); loss, gradients and statistics are this
    /// rank's share of that mean, so that their sum over ranks is the whole minibatch's.
    var totalRows: Int? = nil
}

/// The clipped surrogate and value losses with their analytic gradients.
enum PPOLoss {
    /// Computes the surrogate loss over the executed prefixes and writes dLoss/dMean into
    /// `meanGradient` [rows, width] and dLoss/dLogStd into `logStdGradient` [width]
    /// (overwritten). `means`/`logStd` are the current policy's, logStd tiled to `width`.
    static func policy(
        _ batch: PolicyBatch, means: UnsafePointer<Float>, logStd: UnsafePointer<Float>,
        clipCoef: Float, meanGradient: UnsafeMutablePointer<Float>,
        logStdGradient: UnsafeMutablePointer<Float>, stats: inout PPOLossStats
    ) {
        let width = batch.blockCount * batch.actionDim
        let scale = 1 / Float(batch.totalRows ?? batch.rows)
        logStdGradient.update(repeating: 0, count: width)
        var (surrogate, kl, clipped, ratioSum): (Float, Float, Float, Float) = (0, 0, 0, 0)
        for r in 0..<batch.rows {
            // SAFETY: row r of [rows, width] buffers; executed = k * |A| <= width.
            let base = r * width
            let executed = Int(batch.prefixLengths[r]) * batch.actionDim
            let a = batch.actions + base, mu = means + base, grad = meanGradient + base
            var logProb: Float = 0
            for block in 0..<Int(batch.prefixLengths[r]) {
                var blockSum: Float = 0
                for d in block * batch.actionDim..<(block + 1) * batch.actionDim {
                    let z = (a[d] - mu[d]) * Foundation.exp(-logStd[d])
                    blockSum += -0.5 * z * z - logStd[d] - GaussianPolicy.halfLogTwoPi
                }
                logProb += blockSum
            }
            let ratio = Foundation.exp(logProb - batch.oldLogProbs[r])
            let advantage = batch.advantages[r]
            let clippedRatio = min(max(ratio, 1 - clipCoef), 1 + clipCoef)
            let unclippedLoss = -advantage * ratio
            let clippedLoss = -advantage * clippedRatio
            surrogate += max(unclippedLoss, clippedLoss)
            ratioSum += ratio
            if abs(ratio - 1) > clipCoef { clipped += 1 }
            // dLoss/dlogp = dLoss/dratio * ratio, zero where the clipped branch is active.
            let dLogProb = unclippedLoss >= clippedLoss ? -advantage * ratio * scale : 0
            for d in 0..<width {
                guard d < executed else { grad[d] = 0; continue }
                let inverseStd = Foundation.exp(-logStd[d])
                let z = (a[d] - mu[d]) * inverseStd
                grad[d] = dLogProb * z * inverseStd
                logStdGradient[d] += dLogProb * (z * z - 1)
                // KL(old || new) per dim.
                let oldStd = Foundation.exp(batch.oldLogStd[d])
                let diff = batch.oldMeans[base + d] - mu[d]
                kl += logStd[d] - batch.oldLogStd[d]
                    + (oldStd * oldStd + diff * diff) * 0.5 * inverseStd * inverseStd - 0.5
            }
        }
        stats.surrogateLoss = surrogate * scale
        stats.approxKL = kl * scale
        stats.clipFraction = clipped * scale
        stats.meanRatio = ratioSum * scale
    }

    /// Value loss mean((V - R)^2); writes valueCoef * dLoss/dV into `valueGradient` [rows].
    /// `totalRows` as in `PolicyBatch` (nil = `rows`).
    static func value(
        values: UnsafePointer<Float>, returns: UnsafePointer<Float>, rows: Int, totalRows: Int? = nil, valueCoef: Float,
        valueGradient: UnsafeMutablePointer<Float>
    ) -> Float {
        var loss: Float = 0
        let scale = 1 / Float(totalRows ?? rows)
        for r in 0..<rows {
            // SAFETY: all three buffers hold `rows` floats.
            let error = values[r] - returns[r]
            loss += error * error
            valueGradient[r] = valueCoef * 2 * error * scale
        }
        return loss * scale
    }
}
