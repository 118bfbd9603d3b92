/// Small reductions used by the update (Double accumulation, fixed order: deterministic).
enum Statistics {
    /// [sum of rewards, count, sum R, sum R^2, sum E, sum E^2] with R the returns and E the
    /// returns minus the values: sums that add up over ranks (`explainedVariance(sums:)`).
    static func rewardAndValueSums(rewards: UnsafePointer<Float>, values: UnsafePointer<Float>,
                                   returns: UnsafePointer<Float>, count: Int) -> [Double] {
        var (sumReward, sumR, sumR2, sumE, sumE2) = (0.0, 0.0, 0.0, 0.0, 0.0)
        for i in 0..<count {
            let r = Double(returns[i]), e = Double(returns[i] - values[i])
            sumReward += Double(rewards[i])
            sumR += r; sumR2 += r * r; sumE += e; sumE2 += e * e
        }
        return [sumReward, Double(count), sumR, sumR2, sumE, sumE2]
    }

    /// 1 - Var(returns - values) / Var(returns) from `rewardAndValueSums` (0 when the returns
    /// are constant).
    static func explainedVariance(sums: [Double]) -> Float {
        let (n, sumR, sumR2, sumE, sumE2) = (sums[1], sums[2], sums[3], sums[4], sums[5])
        guard n > 0 else { return 0 }
        let varianceR = sumR2 / n - (sumR / n) * (sumR / n)
        let varianceE = sumE2 / n - (sumE / n) * (sumE / n)
        return varianceR > 1e-12 ? Float(1 - varianceE / varianceR) : 0
    }
}
