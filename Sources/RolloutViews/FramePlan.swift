/// Which control steps of a rollout become frames.
public enum FramePlan {
    /// `count` steps spread evenly over `0...lastStep`, both ends included (rounded to the
    /// nearest step, duplicates removed). Every policy of a sheet uses the same list.
    public static func evenly(count: Int, lastStep: Int) -> [Int] {
        precondition(count >= 1 && lastStep >= 0, "FramePlan.evenly: need count >= 1 and lastStep >= 0")
        guard count > 1 else { return [lastStep] }
        var steps: [Int] = []
        for i in 0..<count {
            let step = Int((Double(i) * Double(lastStep) / Double(count - 1)).rounded())
            if steps.last != step { steps.append(step) }
        }
        return steps
    }

    /// Steps `0, n, 2n, ...` up to `lastStep`.
    public static func every(_ n: Int, lastStep: Int) -> [Int] {
        precondition(n >= 1 && lastStep >= 0, "FramePlan.every: need n >= 1 and lastStep >= 0")
        return Array(stride(from: 0, through: lastStep, by: n))
    }
}
