/// Running per-feature mean/variance normalisation (rsl_rl `EmpiricalNormalization`),
/// followed by clipping to [-clip, clip]. State is Float so checkpoints restore it exactly.
public final class ObservationNormalizer {
    /// Features per observation.
    public let featureCount: Int
    /// Running mean per feature. [featureCount]
    public let mean: FloatBuffer
    /// Running (population) variance per feature. [featureCount]
    public let variance: FloatBuffer
    /// Observations seen so far.
    public var count: Double = 0
    /// Added to the std before dividing.
    public let epsilon: Float = 1e-2

    /// Starts at mean 0, variance 1, count 0.
    public init(featureCount: Int) {
        self.featureCount = featureCount
        mean = FloatBuffer(count: featureCount)
        variance = FloatBuffer(count: featureCount)
        variance.fill(1)
    }

    /// Folds `rows` observations [rows, featureCount] into the running statistics.
    public func update(_ batch: UnsafePointer<Float>, rows: Int) {
        guard rows > 0 else { return }
        count += Double(rows)
        let rate = Float(Double(rows) / count)
        for f in 0..<featureCount {
            var sum = 0.0, squares = 0.0
            for r in 0..<rows {
                // SAFETY: batch is [rows, featureCount].
                let x = Double(batch[r * featureCount + f])
                sum += x
                squares += x * x
            }
            let batchMean = sum / Double(rows)
            let batchVariance = Float(max(squares / Double(rows) - batchMean * batchMean, 0))
            let delta = Float(batchMean) - mean[f]
            mean[f] += rate * delta
            variance[f] += rate * (batchVariance - variance[f] + delta * (Float(batchMean) - mean[f]))
        }
    }

    /// In place: x = clip((x - mean) / (sqrt(variance) + epsilon), -clip, clip). [rows, featureCount]
    public func normalize(_ batch: UnsafeMutablePointer<Float>, rows: Int, clip: Float) {
        for r in 0..<rows {
            let row = batch + r * featureCount
            for f in 0..<featureCount {
                // SAFETY: row f of a [rows, featureCount] batch; mean/variance hold featureCount.
                let z = (row[f] - mean.pointer[f]) / (variance.pointer[f].squareRoot() + epsilon)
                row[f] = min(max(z, -clip), clip)
            }
        }
    }

    /// In place: x = clip(x, -clip, clip) (the published preprocessing). [count]
    public static func clip(_ values: UnsafeMutablePointer<Float>, count: Int, clip: Float) {
        // SAFETY: `count` floats.
        for i in 0..<count { values[i] = min(max(values[i], -clip), clip) }
    }
}
