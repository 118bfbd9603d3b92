/// Deterministic evaluation: executes the mean chunk open loop, one action per step, through
/// a `ChunkExecutor` as the learner's acting does (the same phases, chunk starts and
/// clipping). The actor runs only for the envs whose chunk starts. Shares the agent's weights
/// (no copy); owns its activations.
public final class PolicyEvaluator {
    /// The agent whose actor (and normaliser) is evaluated.
    public let agent: PPOAgent
    /// Parallel evaluation envs.
    public let envCount: Int
    /// Each env's phase and current mean chunk.
    public let chunks: ChunkExecutor
    private let actor: MLP
    private let width: Int
    private let inputs: FloatBuffer
    /// The executed outputs before the agent's mixture makes env actions of them. [envCount, actionDim]
    private let hyperActions: FloatBuffer

    /// Prepares `envCount` evaluation envs for `agent`.
    public init(agent: PPOAgent, envCount: Int) {
        precondition(envCount >= 1, "PolicyEvaluator: envCount must be >= 1")
        self.agent = agent
        self.envCount = envCount
        let networks = agent.networks
        // SAFETY: the MLP reads the agent's parameters, which `agent` keeps alive; its
        // gradient pointer is the agent's buffer but evaluation never runs backward.
        actor = MLP(shape: networks.actor.shape, maxBatch: envCount,
                    parameters: networks.parameters.pointer, gradients: networks.gradients.pointer)
        chunks = ChunkExecutor(config: agent.config, envCount: envCount, actionDim: agent.actionDim)
        width = networks.actor.shape.outputSize
        inputs = FloatBuffer(count: envCount * agent.observationDim)
        hyperActions = FloatBuffer(count: agent.mixture == nil ? 0 : envCount * agent.actionDim)
    }

    /// Writes the mean action of each env's current chunk (clipped like training; mixed with the
    /// agent's base policies when it has them) to `actions` [envCount, envActionDim];
    /// `observations` [envCount, observationDim].
    public func act(observations: UnsafePointer<Float>, actions: UnsafeMutablePointer<Float>) {
        let envs = chunks.beginStep()
        if !envs.isEmpty {
            PPOAgent.gatherRows(observations, width: agent.observationDim, indices: envs[...], into: inputs.pointer)
            let means = meansOfInputs(rows: envs.count)
            for (i, env) in envs.enumerated() {
                // SAFETY: row i of the [rows, width] output into row env of the cache.
                chunks.chunk(of: Int(env)).update(from: means + i * width, count: width)
            }
        }
        guard let mixture = agent.mixture else { return chunks.execute(into: actions) }
        mixture.prepare(observations: observations, rows: envCount)
        chunks.execute(into: hyperActions.pointer)
        mixture.compose(hyper: hyperActions.pointer, rows: envCount, into: actions)
    }

    /// Writes the mean chunk of each of `rows` observations [rows, observationDim] (rows <=
    /// envCount) to `chunks` [rows, h x actionDim], preprocessed and clipped as `act`
    /// executes it (h = 1 for the naive objective). Phases are left as they are.
    public func meanChunks(observations: UnsafePointer<Float>, rows: Int, into output: UnsafeMutablePointer<Float>) {
        precondition(rows >= 0 && rows <= envCount, "PolicyEvaluator.meanChunks: \(rows) rows exceed \(envCount) envs")
        // SAFETY: inputs holds envCount >= rows observation rows.
        inputs.pointer.update(from: observations, count: rows * agent.observationDim)
        let means = meansOfInputs(rows: rows)
        for i in 0..<rows * width { output[i] = chunks.executed(means[i]) }
    }

    /// The actor's mean outputs [rows, width] for the first `rows` rows of `inputs`, which
    /// are preprocessed in place (normaliser statistics unchanged).
    private func meansOfInputs(rows: Int) -> UnsafeMutablePointer<Float> {
        agent.preprocess(inputs.pointer, rows: rows, updateStatistics: false)
        return actor.forward(inputs.pointer, rows: rows)
    }

    /// Advances the chunk phases; `episodeEnded` [envCount] is 1 where an episode ended.
    public func observe(episodeEnded: UnsafePointer<Float>) {
        chunks.advance { episodeEnded[$0] != 0 }
    }

    /// Advances the chunk phases as the learner's `observe` does: an episode ended where
    /// `terminated` or `truncated` [envCount] is nonzero.
    public func observe(terminated: UnsafePointer<Float>, truncated: UnsafePointer<Float>) {
        chunks.advance(terminated: terminated, truncated: truncated)
    }

    /// Starts every env at a new chunk (e.g. when all envs reset together).
    public func reset() { chunks.restart() }
}
