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
}
