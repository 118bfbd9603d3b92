/// Summary of one `PPOAgent.update`: means over all minibatch steps.
public struct PPOUpdateStats: Codable, Equatable, Sendable {
    /// All zero.
    public init() {}

    /// Mean of the per-minibatch loss statistics (learning rate: the final one).
    public var losses = PPOLossStats()
    /// Chunk-start samples the actor was trained on (per epoch).
    public var chunkStartCount = 0
    /// Mean reward per stored step of the rollout.
    public var meanReward: Float = 0
    /// Explained variance of the returns by the rollout values, 1 - Var(R - V) / Var(R).
    public var explainedVariance: Float = 0
}
