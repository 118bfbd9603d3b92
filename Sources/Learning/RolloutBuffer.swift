/// Preallocated rollout storage: one flat column per field, shaped [stepsPerRollout, envCount, ...]
/// (step-major, so step t is a contiguous [envCount, ...] slab the environment can write in place).
///
/// A cursor counts recorded steps and traps on overflow. Flags are stored as 0/1 floats.
public final class RolloutBuffer {
    /// Steps per rollout (T).
    public let stepCount: Int
    /// Parallel environments (N).
    public let envCount: Int
    /// Observation features per env.
    public let observationDim: Int
    /// Action size per env step (|A|).
    public let actionDim: Int

    /// Network-ready observations s_t (clipped, normalised if enabled). [T, N, observationDim]
    public let observations: FloatBuffer
    /// Sampled (unclipped) action executed at each step. [T, N, actionDim]
    public let actions: FloatBuffer
    /// Behaviour-policy mean of the executed action at each step. [T, N, actionDim]
    public let means: FloatBuffer
    /// Behaviour log-likelihood of the executed action at each step, nats. [T, N]
    public let stepLogProbs: FloatBuffer
    /// At chunk starts: log-likelihood of the chunk's executed prefix, nats (else 0). [T, N]
    public let chunkLogProbs: FloatBuffer
    /// 1 where a chunk starts at (t, env), else 0. [T, N]
    public let chunkStarts: FloatBuffer
    /// At chunk starts: number of the chunk's actions executed (1...h), else 0. [T, N]
    public let prefixLengths: FloatBuffer
    /// Reward r_t. [T, N]
    public let rewards: FloatBuffer
    /// 1 if the episode terminated at step t (no bootstrap). [T, N]
    public let terminated: FloatBuffer
    /// 1 if the episode was truncated (time-out) at step t. [T, N]
    public let truncated: FloatBuffer
    /// Critic value V(s_t). [T, N]
    public let values: FloatBuffer
    /// V(final state) for time-outs (used when bootstrapping through them), else 0. [T, N]
    public let timeoutValues: FloatBuffer
    /// GAE advantage (normalised in place over chunk starts when configured). [T, N]
    public let advantages: FloatBuffer
    /// Return targets R_t = A_t + V(s_t) (unnormalised advantage). [T, N]
    public let returns: FloatBuffer
    /// V(s_T) of the state after the last step, [N].
    public let lastValues: FloatBuffer

    /// Steps recorded so far in this rollout (0...stepCount).
    public private(set) var cursor: Int = 0

    /// Allocates every column once.
    public init(stepCount: Int, envCount: Int, observationDim: Int, actionDim: Int) {
        self.stepCount = stepCount
        self.envCount = envCount
        self.observationDim = observationDim
        self.actionDim = actionDim
        let slots = stepCount * envCount
        observations = FloatBuffer(count: slots * observationDim)
        actions = FloatBuffer(count: slots * actionDim)
        means = FloatBuffer(count: slots * actionDim)
        stepLogProbs = FloatBuffer(count: slots)
        chunkLogProbs = FloatBuffer(count: slots)
        chunkStarts = FloatBuffer(count: slots)
        prefixLengths = FloatBuffer(count: slots)
        rewards = FloatBuffer(count: slots)
        terminated = FloatBuffer(count: slots)
        truncated = FloatBuffer(count: slots)
        values = FloatBuffer(count: slots)
        timeoutValues = FloatBuffer(count: slots)
        advantages = FloatBuffer(count: slots)
        returns = FloatBuffer(count: slots)
        lastValues = FloatBuffer(count: envCount)
    }

    /// True when all `stepCount` steps are recorded.
    public var isFull: Bool { cursor == stepCount }

    /// Observation slot of the step being collected, [envCount, observationDim]; the
    /// environment may write observations here directly (then `act` copies nothing).
    public var currentObservationSlot: UnsafeMutablePointer<Float> {
        precondition(cursor < stepCount, "RolloutBuffer: full (\(stepCount) steps); call update first")
        return observations.pointer + cursor * envCount * observationDim
    }

    /// Marks the current step as recorded. Traps when the buffer is already full.
    func advanceCursor() {
        precondition(cursor < stepCount, "RolloutBuffer overflow: more than \(stepCount) steps recorded")
        cursor += 1
    }

    /// Empties the buffer for the next rollout and zeroes the per-chunk accumulators.
    func reset() {
        cursor = 0
        chunkLogProbs.fill(0)
        chunkStarts.fill(0)
        prefixLengths.fill(0)
        timeoutValues.fill(0)
    }

    /// Flat slot index of (step, env).
    @inline(__always)
    public func slot(step: Int, env: Int) -> Int { step * envCount + env }
}
