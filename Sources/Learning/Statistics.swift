/// Small reductions used by the update (Double accumulation, fixed order: deterministic).
enum Statistics {
    /// Mean of `count` floats.
    static func mean(_ values: UnsafePointer<Float>, count: Int) -> Float {
        guard count > 0 else { return 0 }
        var sum = 0.0
        for i in 0..<count { sum += Double(values[i]) }
        return Float(sum / Double(count))
    }

    /// In place at `slots`: x = (x - mean) / (std + 1e-8), std unbiased (as `torch.std`).
    static func normalize(_ values: UnsafeMutablePointer<Float>, at slots: [Int32]) {
        guard slots.count > 1 else { return }
        var sum = 0.0
        for s in slots { sum += Double(values[Int(s)]) }
        let mean = sum / Double(slots.count)
        var squares = 0.0
        for s in slots {
            let d = Double(values[Int(s)]) - mean
            squares += d * d
        }
        let std = (squares / Double(slots.count - 1)).squareRoot()
        let (m, inverse) = (Float(mean), Float(1 / (std + 1e-8)))
        // SAFETY: every slot indexes the advantages column.
        for s in slots { values[Int(s)] = (values[Int(s)] - m) * inverse }
    }

    /// In place over `count` floats, same formula as `normalize(_:at:)`.
    static func normalize(_ values: UnsafeMutablePointer<Float>, count: Int) {
        normalize(values, at: (0..<Int32(count)).map { $0 })
    }

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
