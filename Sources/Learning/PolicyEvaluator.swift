/// Deterministic evaluation: executes the mean chunk open loop, one action per step,
/// with the same chunk semantics as training (`ChunkSemantics`). The actor runs only for
/// envs at a chunk start. Shares the agent's weights (no copy); owns its activations.
public final class PolicyEvaluator {
    /// The agent whose actor (and normaliser) is evaluated.
    public let agent: PPOAgent
    /// Parallel evaluation envs.
    public let envCount: Int
    private let actor: MLP
    private let chunkLength: Int
    private let width: Int
    private var phases: [Int]
    private let chunks: FloatBuffer
    private let inputs: FloatBuffer
    private var envs: [Int32] = []

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
        chunkLength = agent.config.objective == .chunked ? agent.config.chunkLength : 1
        width = networks.actor.shape.outputSize
        phases = Array(repeating: 0, count: envCount)
        chunks = FloatBuffer(count: envCount * width)
        inputs = FloatBuffer(count: envCount * agent.observationDim)
    }

    /// Writes the mean action of each env's current chunk (clipped like training) to
    /// `actions` [envCount, actionDim]; `observations` [envCount, observationDim].
    public func act(observations: UnsafePointer<Float>, actions: UnsafeMutablePointer<Float>) {
        let o = agent.observationDim, a = agent.actionDim
        envs.removeAll(keepingCapacity: true)
        for e in 0..<envCount where ChunkSemantics.startsChunk(phase: phases[e]) { envs.append(Int32(e)) }
        if !envs.isEmpty {
            PPOAgent.gatherRows(observations, width: o, indices: envs[...], into: inputs.pointer)
            let means = meansOfInputs(rows: envs.count)
            for (i, env) in envs.enumerated() {
                // SAFETY: row i of the [rows, width] output into row env of the cache.
                (chunks.pointer + Int(env) * width).update(from: means + i * width, count: width)
            }
        }
        for e in 0..<envCount {
            let source = chunks.pointer + e * width + phases[e] * a
            for d in 0..<a { actions[e * a + d] = executed(source[d]) }
        }
    }

    /// Writes the mean chunk of each of `rows` observations [rows, observationDim] (rows <=
    /// envCount) to `chunks` [rows, h x actionDim], preprocessed and clipped as `act`
    /// executes it (h = 1 for the naive objective). Phases are left as they are.
    public func meanChunks(observations: UnsafePointer<Float>, rows: Int, into chunks: UnsafeMutablePointer<Float>) {
        precondition(rows >= 0 && rows <= envCount, "PolicyEvaluator.meanChunks: \(rows) rows exceed \(envCount) envs")
        // SAFETY: inputs holds envCount >= rows observation rows.
        inputs.pointer.update(from: observations, count: rows * agent.observationDim)
        let means = meansOfInputs(rows: rows)
        for i in 0..<rows * width { chunks[i] = executed(means[i]) }
    }

    /// The actor's mean outputs [rows, width] for the first `rows` rows of `inputs`, which
    /// are preprocessed in place (normaliser statistics unchanged).
    private func meansOfInputs(rows: Int) -> UnsafeMutablePointer<Float> {
        agent.preprocess(inputs.pointer, rows: rows, updateStatistics: false)
        return actor.forward(inputs.pointer, rows: rows)
    }

    /// An action as executed: clipped to [-1, 1] when the config clips actions.
    @inline(__always)
    private func executed(_ x: Float) -> Float { agent.config.clipActions ? min(max(x, -1), 1) : x }

    /// Advances the chunk phases; `episodeEnded` [envCount] is 1 where an episode ended.
    public func observe(episodeEnded: UnsafePointer<Float>) {
        for e in 0..<envCount {
            phases[e] = ChunkSemantics.nextPhase(after: phases[e], chunkLength: chunkLength,
                                                 episodeEnded: episodeEnded[e] != 0)
        }
    }

    /// Starts every env at a new chunk (e.g. when all envs reset together).
    public func reset() { for e in 0..<envCount { phases[e] = 0 } }
}
