/// Running per-feature mean/variance normalisation (rsl_rl `EmpiricalNormalization`), followed
/// by clipping to [-clip, clip]. The running moments are float64 count / mean / M2, merged with
/// the parallel-variance formula (Chan et al.); a rollout's observations are accumulated apart
/// (`accumulate`) and folded in once per iteration (`commit`), across every rank of a job, so
/// that every rank normalises with the same statistics and the statistics do not depend on how
/// the envs are split. `mean` and `variance` are their Float copies that `normalize` uses.
public final class ObservationNormalizer {
    /// Count, per-feature mean and per-feature sum of squared deviations (M2).
    struct Moments: Equatable {
        var count: Double
        var mean: [Double]
        var m2: [Double]

        init(featureCount: Int) {
            count = 0
            mean = Array(repeating: 0, count: featureCount)
            m2 = Array(repeating: 0, count: featureCount)
        }

        /// Folds `other` in (Chan et al.'s pairwise update).
        mutating func merge(_ other: Moments) {
            guard other.count > 0 else { return }
            guard count > 0 else { self = other; return }
            let total = count + other.count
            for f in mean.indices {
                let delta = other.mean[f] - mean[f]
                mean[f] += delta * other.count / total
                m2[f] += other.m2[f] + delta * delta * count * other.count / total
            }
            count = total
        }

        /// The moments of `rows` rows of `batch` [rows, featureCount] (two passes, float64).
        static func of(_ batch: UnsafePointer<Float>, rows: Int, featureCount: Int) -> Moments {
            var m = Moments(featureCount: featureCount)
            m.count = Double(rows)
            for f in 0..<featureCount {
                var sum = 0.0
                // SAFETY: batch is [rows, featureCount].
                for r in 0..<rows { sum += Double(batch[r * featureCount + f]) }
                let mean = sum / Double(rows)
                var squares = 0.0
                for r in 0..<rows {
                    let d = Double(batch[r * featureCount + f]) - mean
                    squares += d * d
                }
                (m.mean[f], m.m2[f]) = (mean, squares)
            }
            return m
        }

        /// [count, mean..., m2...] (what ranks exchange and checkpoints keep).
        var flat: [Double] { [count] + mean + m2 }

        init(flat: ArraySlice<Double>, featureCount: Int) {
            let base = flat.startIndex
            count = flat[base]
            mean = Array(flat[base + 1 ..< base + 1 + featureCount])
            m2 = Array(flat[base + 1 + featureCount ..< base + 1 + 2 * featureCount])
        }
    }

    /// Features per observation.
    public let featureCount: Int
    /// Running mean per feature, as used by `normalize`. [featureCount]
    public let mean: FloatBuffer
    /// Running (population) variance per feature, as used by `normalize`. [featureCount]
    public let variance: FloatBuffer
    /// Added to the std before dividing.
    public let epsilon: Float = 1e-2
    /// The running moments.
    var running: Moments
    /// Moments of the observations accumulated since the last `commit`.
    var pending: Moments

    /// Starts at mean 0, variance 1, count 0.
    public init(featureCount: Int) {
        self.featureCount = featureCount
        mean = FloatBuffer(count: featureCount)
        variance = FloatBuffer(count: featureCount)
        variance.fill(1)
        running = Moments(featureCount: featureCount)
        pending = Moments(featureCount: featureCount)
    }

    /// Observations folded into the running statistics so far.
    public var count: Double { running.count }

    /// Adds `rows` observations [rows, featureCount] to the pending moments (not yet used).
    public func accumulate(_ batch: UnsafePointer<Float>, rows: Int) {
        guard rows > 0 else { return }
        pending.merge(.of(batch, rows: rows, featureCount: featureCount))
    }

    /// Folds every rank's pending moments, in rank order, into the running statistics and
    /// refreshes `mean` / `variance`; a collective (every rank calls it).
    public func commit(_ communicator: Communicator) {
        var merged = pending
        if communicator.size > 1 {
            let bytes = pending.flat.withUnsafeBytes { Array($0) }
            merged = Moments(featureCount: featureCount)
            for part in communicator.allgather(bytes, what: "observation statistics") {
                let values = part.withUnsafeBytes { Array($0.bindMemory(to: Double.self)) }
                merged.merge(Moments(flat: values[...], featureCount: featureCount))
            }
        }
        pending = Moments(featureCount: featureCount)
        guard merged.count > 0 else { return }
        running.merge(merged)
        refresh()
    }

    /// Folds `rows` observations in at once (all of them: no other rank takes part).
    public func update(_ batch: UnsafePointer<Float>, rows: Int) {
        guard rows > 0 else { return }
        running.merge(.of(batch, rows: rows, featureCount: featureCount))
        refresh()
    }

    /// The running moments as [count, mean..., m2...] (checkpoints).
    public var moments: [Double] { running.flat }

    /// Restores moments written by `moments`; refreshes `mean` / `variance`.
    public func restore(moments flat: [Double]) {
        running = Moments(flat: flat[...], featureCount: featureCount)
        pending = Moments(featureCount: featureCount)
        refresh()
    }

    /// Restores the running statistics from Float mean / variance and a count (checkpoints
    /// written before the float64 moments were kept).
    public func restore(mean m: [Float], variance v: [Float], count n: Double) {
        running.count = n
        running.mean = m.map(Double.init)
        running.m2 = v.map { Double($0) * n }
        pending = Moments(featureCount: featureCount)
        mean.copy(from: m)
        variance.copy(from: v)
    }

    /// Copies `other`'s running statistics.
    public func copy(from other: ObservationNormalizer) {
        running = other.running
        pending = Moments(featureCount: featureCount)
        mean.pointer.update(from: other.mean.pointer, count: featureCount)
        variance.pointer.update(from: other.variance.pointer, count: featureCount)
    }

    /// Float copies of the running mean and population variance.
    private func refresh() {
        guard running.count > 0 else { return }
        for f in 0..<featureCount {
            mean[f] = Float(running.mean[f])
            variance[f] = Float(running.m2[f] / running.count)
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
