/// Generalised advantage estimation over step-major [T, N] columns (a pure function).
public enum GAE {
    /// Read-only per-step inputs, each [stepCount, envCount] except `lastValues` [envCount].
    public struct Inputs {
        /// r_t.
        public var rewards: UnsafePointer<Float>
        /// V(s_t).
        public var values: UnsafePointer<Float>
        /// 1 where the episode terminated at t.
        public var terminated: UnsafePointer<Float>
        /// 1 where the episode was truncated (time-out) at t.
        public var truncated: UnsafePointer<Float>
        /// V(true final state) at time-outs (read only where truncated and bootstrapping).
        public var timeoutValues: UnsafePointer<Float>
        /// V(s_T) after the last step.
        public var lastValues: UnsafePointer<Float>

        /// Bundles the column pointers.
        public init(rewards: UnsafePointer<Float>, values: UnsafePointer<Float>,
                    terminated: UnsafePointer<Float>, truncated: UnsafePointer<Float>,
                    timeoutValues: UnsafePointer<Float>, lastValues: UnsafePointer<Float>) {
            self.rewards = rewards
            self.values = values
            self.terminated = terminated
            self.truncated = truncated
            self.timeoutValues = timeoutValues
            self.lastValues = lastValues
        }
    }

    /// Writes advantages A_t and returns R_t = A_t + V(s_t), each [stepCount, envCount].
    ///
    /// Backwards over t, per env:
    ///   next     = V(s_{t+1})  (lastValues at t = T-1; timeoutValues[t] at a bootstrapped time-out)
    ///   terminal = terminated_t, or truncated_t when `bootstrapTimeouts` is false (published)
    ///   delta_t  = r_t + gamma * next * (1 - terminal) - V(s_t)
    ///   A_t      = delta_t + gamma * lambda * (1 - done_t) * A_{t+1},  done = terminated | truncated
    public static func compute(
        _ input: Inputs, stepCount: Int, envCount: Int, gamma: Float, lambda: Float,
        bootstrapTimeouts: Bool,
        advantages: UnsafeMutablePointer<Float>, returns: UnsafeMutablePointer<Float>
    ) {
        for t in stride(from: stepCount - 1, through: 0, by: -1) {
            let row = t * envCount
            for e in 0..<envCount {
                // SAFETY: every column holds stepCount * envCount floats; t + 1 < stepCount is checked.
                let i = row + e
                let isTerminated = input.terminated[i] != 0
                let isTruncated = input.truncated[i] != 0
                var next = t == stepCount - 1 ? input.lastValues[e] : input.values[i + envCount]
                if bootstrapTimeouts && isTruncated && !isTerminated { next = input.timeoutValues[i] }
                let terminal: Float = (isTerminated || (!bootstrapTimeouts && isTruncated)) ? 1 : 0
                let done: Float = (isTerminated || isTruncated) ? 1 : 0
                let nextAdvantage = t == stepCount - 1 ? 0 : advantages[i + envCount]
                let delta = input.rewards[i] + gamma * next * (1 - terminal) - input.values[i]
                advantages[i] = delta + gamma * lambda * (1 - done) * nextAdvantage
                returns[i] = advantages[i] + input.values[i]
            }
        }
    }
}
