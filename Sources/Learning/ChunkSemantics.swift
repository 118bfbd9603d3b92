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
