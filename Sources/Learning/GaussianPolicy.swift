import Foundation

/// Diagonal Gaussian over action chunks with a state-independent log-std.
/// A sample is laid out as `blockCount` blocks of `actionDim` values (block j = action j).
public enum GaussianPolicy {
    /// 0.5 * ln(2 pi).
    public static let halfLogTwoPi: Float = 0.918_938_53

    /// Log-likelihood of each block of one sample, nats: for block j,
    /// sum over its dims of -0.5 ((a - mu) / sigma)^2 - logStd - 0.5 ln(2 pi).
    /// `actions`, `means`, `logStd` are [blockCount * actionDim]; writes `out` [blockCount].
    @inline(__always)
    public static func blockLogProbs(
        actions: UnsafePointer<Float>, means: UnsafePointer<Float>, logStd: UnsafePointer<Float>,
        blockCount: Int, actionDim: Int, out: UnsafeMutablePointer<Float>
    ) {
        for block in 0..<blockCount {
            var sum: Float = 0
            for d in block * actionDim..<(block + 1) * actionDim {
                // SAFETY: d < blockCount * actionDim, the length of every input.
                let z = (actions[d] - means[d]) * Foundation.exp(-logStd[d])
                sum += -0.5 * z * z - logStd[d] - halfLogTwoPi
            }
            out[block] = sum
        }
    }

    /// Samples `rows` chunks: actions = means + exp(logStd) * noise, with standard normal
    /// `noise` [rows, width]. All buffers [rows, width].
    public static func sample(
        means: UnsafePointer<Float>, logStd: UnsafePointer<Float>, rows: Int, width: Int,
        noise: UnsafePointer<Float>, actions: UnsafeMutablePointer<Float>
    ) {
        for r in 0..<rows {
            for d in 0..<width {
                // SAFETY: r * width + d < rows * width.
                let i = r * width + d
                actions[i] = means[i] + Foundation.exp(logStd[d]) * noise[i]
            }
        }
    }

    /// Entropy of the distribution with log-std `logStd` [count], nats.
    public static func entropy(logStd: UnsafePointer<Float>, count: Int) -> Float {
        var sum: Float = 0
        for j in 0..<count { sum += 0.5 + halfLogTwoPi + logStd[j] }
        return sum
    }
}
