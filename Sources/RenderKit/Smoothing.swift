import Foundation

/// TensorBoard's scalar smoothing: a debiased exponential moving average.
public enum Smoothing {
    /// TensorBoard's default smoothing weight.
    public static let tensorBoardDefault = 0.6

    /// s_i = m_i / (1 - w^(i+1)) with m_i = w m_{i-1} + (1 - w) y_i, m_{-1} = 0 (the debiasing
    /// makes s_0 = y_0); non-finite values pass through and do not enter the average. `weight` in 0..<1.
    public static func exponentialMovingAverage(_ ys: [Double], weight: Double) -> [Double] {
        precondition(weight >= 0 && weight < 1, "Smoothing: weight must be in 0..<1, got \(weight)")
        var last = 0.0, count = 0.0
        return ys.map { y in
            guard y.isFinite else { return y }
            last = last * weight + (1 - weight) * y
            count += 1
            return weight == 0 ? y : last / (1 - pow(weight, count))
        }
    }

    /// Each seed's curve smoothed along x (points sorted by x first).
    public static func seeds(_ seeds: [[(x: Double, y: Double)]], weight: Double) -> [[(x: Double, y: Double)]] {
        seeds.map { points in
            let sorted = points.sorted { $0.x < $1.x }
            return zip(sorted, exponentialMovingAverage(sorted.map(\.y), weight: weight)).map { (x: $0.x, y: $1) }
        }
    }
}
