import Learning

/// Aggregates over seeds as rliable does (Agarwal et al., "Deep RL at the Edge of the
/// Statistical Precipice", NeurIPS 2021): the interquartile mean, percentile bootstrap
/// confidence intervals over resampled seeds, and the probability of improvement.
public enum SeedStatistics {
    /// Interquartile mean: the mean after trimming floor(n / 4) values from each end of the
    /// sorted values (scipy's `trim_mean(x, 0.25)`, which rliable uses); nan for no values.
    public static func iqm(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted(), cut = values.count / 4
        let middle = sorted[cut ..< sorted.count - cut]
        return middle.reduce(0, +) / Double(middle.count)
    }

    /// The `q` percentile (0...100) of `values` with linear interpolation (numpy's default).
    static func percentile(_ values: [Double], _ q: Double) -> Double {
        let sorted = values.sorted()
        let position = q / 100 * Double(sorted.count - 1)
        let low = Int(position.rounded(.down)), high = min(low + 1, sorted.count - 1)
        return sorted[low] + (position - Double(low)) * (sorted[high] - sorted[low])
    }

    /// 95 % percentile bootstrap interval of `statistic` over `samples` (each a list of per-seed
    /// values, resampled with replacement independently: one stratum per list), `reps` draws
    /// from a generator seeded with `seed` (same inputs, same interval).
    public static func interval(_ samples: [[Double]], reps: Int = 20_000, seed: UInt64 = 0,
                                statistic: ([[Double]]) -> Double) -> (low: Double, high: Double) {
        guard samples.allSatisfy({ !$0.isEmpty }) else { return (.nan, .nan) }
        var generator = RandomGenerator(seed: seed)
        let draws = (0..<reps).map { _ in
            statistic(samples.map { values in values.indices.map { _ in values[generator.nextIndex(below: values.count)] } })
        }
        return (percentile(draws, 2.5), percentile(draws, 97.5))
    }

    /// Probability that a seed of `x` scores higher than a seed of `y` (ties count half): the
    /// normalised Mann-Whitney U statistic rliable reports as probability of improvement.
    public static func probabilityOfImprovement(_ x: [Double], _ y: [Double]) -> Double {
        guard !x.isEmpty, !y.isEmpty else { return .nan }
        var wins = 0.0
        for a in x { for b in y { wins += a > b ? 1 : (a == b ? 0.5 : 0) } }
        return wins / Double(x.count * y.count)
    }

    /// "IQM [low, high]; mean +- std" of per-seed values, one decimal (a protocol table's cell).
    public static func summary(_ values: [Double]) -> String {
        guard !values.isEmpty else { return "n/a" }
        let (mean, std) = meanAndStd(values), ci = interval([values]) { iqm($0[0]) }
        return String(format: "%.1f [%.1f, %.1f]; %.1f +- %.1f", iqm(values), ci.low, ci.high, mean, std)
    }

    /// Mean and sample standard deviation (n - 1; 0 for one value; 0, 0 for none).
    public static func meanAndStd(_ values: [Double]) -> (mean: Double, std: Double) {
        let mean = values.reduce(0, +) / Double(max(values.count, 1))
        let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(max(values.count - 1, 1))
        return (mean, variance.squareRoot())
    }

    /// "p [low, high]": the probability that a seed of `x` beats one of `y`, with its 95 %
    /// bootstrap interval (each list resampled on its own).
    public static func improvement(_ x: [Double], _ y: [Double]) -> String {
        let ci = interval([x, y]) { probabilityOfImprovement($0[0], $0[1]) }
        return String(format: "%.2f [%.2f, %.2f]", probabilityOfImprovement(x, y), ci.low, ci.high)
    }
}
