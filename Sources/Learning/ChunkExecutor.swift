/// How action chunks map onto environment steps: the one definition the collector, the
/// evaluator and the tests share.
///
/// Per environment (never globally):
/// - Every rollout starts every env at phase 0 (Algorithm 1's `t mod h == 0` counts from the
///   rollout start), so a chunk never spans two rollouts and is scored with the policy that
///   sampled it.
/// - Phase 0 means "start a chunk here": the actor runs on s_t and samples h actions.
/// - Each step executes action `phase` of the current chunk, then the phase advances.
/// - After h steps, or when the episode ends (terminated or truncated), the phase returns to 0;
///   the unexecuted rest of a cut chunk is dropped, and the chunk's likelihood is that of its
///   executed prefix (the Gaussian is diagonal, so it is the sum over executed positions).
/// - Rewards are per step and discounted per step (gamma per step, inside GAE); the chunk's
///   advantage is the GAE value at its start step (paper eq. 22).
/// - The naive objective (`ChunkObjective.naiveProductOfRatios`) keeps the segments of h steps
///   for scoring, but its actor outputs one action and samples it afresh at every step.
public enum ChunkSemantics {
    /// The phase after executing action `phase` of a chunk of length `chunkLength`.
    /// Returns 0 (start a new chunk next step) when the chunk is used up or the episode ended.
    @inline(__always)
    public static func nextPhase(after phase: Int, chunkLength: Int, episodeEnded: Bool) -> Int {
        precondition(phase >= 0 && phase < chunkLength, "ChunkSemantics: phase \(phase) outside 0..<\(chunkLength)")
        return episodeEnded || phase + 1 == chunkLength ? 0 : phase + 1
    }

    /// True when an env at `phase` must sample a new chunk before acting.
    @inline(__always)
    public static func startsChunk(phase: Int) -> Bool { phase == 0 }
}

/// Executes action chunks, one action per env step, under `ChunkSemantics`: each env's phase,
/// its current chunk, which envs need a new chunk before a step, which action of its chunk an
/// env executes, and the clipping of executed actions. The learner's acting (`PPOAgent.act`,
/// sampled chunks) and deterministic evaluation (`PolicyEvaluator`, mean chunks) each drive
/// one, so that both execute chunks alike.
///
/// A step: `beginStep()` lists the envs at a chunk start (`starts`) and those whose chunk is
/// sampled now (`sampling`: the starts, or every env under the naive objective); the caller
/// writes their new chunks into `chunk(of:)`; `execute(into:)` writes every env's current
/// action; after the world's step, `advance(episodeEnded:)` moves the phases on.
public final class ChunkExecutor {
    /// Envs.
    public let envCount: Int
    /// Actions per env step (|A|).
    public let actionDim: Int
    /// Steps of one chunk segment: h (the learner scores segments of h steps under both objectives).
    public let chunkLength: Int
    /// Floats of one stored chunk: the actor's output, h|A| (chunked) or |A| (naive).
    public let chunkWidth: Int
    /// Whether every env samples a new one-action chunk at every step (the naive objective).
    public let samplesEveryStep: Bool
    /// Whether executed actions are clipped to [-1, 1].
    public let clipsActions: Bool
    /// Per env: the index of the action of its current segment executed next (0: a chunk starts). [envCount]
    public private(set) var phases: [Int]
    /// The envs at a chunk start in the current step, in env order (set by `beginStep`).
    public private(set) var starts: [Int32] = []
    /// The envs whose chunk is sampled in the current step, in env order (set by `beginStep`).
    public private(set) var sampling: [Int32] = []
    /// Each env's current chunk. [envCount, chunkWidth]
    private let chunks: FloatBuffer

    /// An executor for `envCount` envs of a learner configured by `config`, with `actionDim` actions.
    public init(config: PPOConfig, envCount: Int, actionDim: Int) {
        precondition(envCount >= 1 && actionDim >= 1, "ChunkExecutor: \(envCount) envs, \(actionDim) actions")
        self.envCount = envCount
        self.actionDim = actionDim
        chunkLength = config.chunkLength
        chunkWidth = config.actorOutputSize(actionDim: actionDim)
        samplesEveryStep = config.objective == .naiveProductOfRatios
        clipsActions = config.clipActions
        phases = Array(repeating: 0, count: envCount)
        starts.reserveCapacity(envCount)
        sampling.reserveCapacity(envCount)
        chunks = FloatBuffer(count: envCount * chunkWidth)
    }

    /// Lists the envs at a chunk start (`starts`) and the envs whose chunk is sampled before this
    /// step (`sampling`); returns `sampling`.
    @discardableResult
    public func beginStep() -> [Int32] {
        starts.removeAll(keepingCapacity: true)
        for e in 0..<envCount where ChunkSemantics.startsChunk(phase: phases[e]) { starts.append(Int32(e)) }
        sampling.removeAll(keepingCapacity: true)
        if samplesEveryStep {
            sampling.append(contentsOf: 0..<Int32(envCount))
        } else {
            sampling.append(contentsOf: starts)
        }
        return sampling
    }

    /// Env `env`'s current chunk, `chunkWidth` floats: where a new chunk is written.
    @inline(__always)
    public func chunk(of env: Int) -> UnsafeMutablePointer<Float> {
        // SAFETY: env < envCount; the row lies inside the [envCount, chunkWidth] buffer.
        chunks.pointer + env * chunkWidth
    }

    /// The index of the action of its chunk that env `env` executes now.
    @inline(__always)
    public func block(of env: Int) -> Int { samplesEveryStep ? 0 : phases[env] }

    /// The action env `env` executes now, as stored (unclipped), `actionDim` floats.
    @inline(__always)
    public func currentAction(of env: Int) -> UnsafeMutablePointer<Float> { chunk(of: env) + block(of: env) * actionDim }

    /// An action value as executed: clipped to [-1, 1] when configured.
    @inline(__always)
    public func executed(_ value: Float) -> Float { clipsActions ? min(max(value, -1), 1) : value }

    /// Writes every env's current action to `actions` [envCount, actionDim], as executed.
    public func execute(into actions: UnsafeMutablePointer<Float>) {
        let a = actionDim
        for e in 0..<envCount {
            let source = currentAction(of: e)
            for d in 0..<a { actions[e * a + d] = executed(source[d]) }
        }
    }

    /// Advances every env's phase after a step; `episodeEnded(e)` is true where env e's episode
    /// ended at it (terminated or truncated).
    @inline(__always)
    public func advance(episodeEnded: (Int) -> Bool) {
        for e in 0..<envCount {
            phases[e] = ChunkSemantics.nextPhase(after: phases[e], chunkLength: chunkLength, episodeEnded: episodeEnded(e))
        }
    }

    /// Advances the phases after a step: the episodes that ended are those with a nonzero
    /// `terminated` or `truncated` [envCount].
    public func advance(terminated: UnsafePointer<Float>, truncated: UnsafePointer<Float>) {
        advance { terminated[$0] != 0 || truncated[$0] != 0 }
    }

    /// Starts every env at a new chunk (a new rollout, or envs that all reset together).
    public func restart() {
        for e in 0..<envCount { phases[e] = 0 }
    }
}
