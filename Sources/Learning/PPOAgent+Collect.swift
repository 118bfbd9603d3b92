/// Buffers used while collecting a rollout (allocated once).
final class CollectScratch {
    /// Observations of the envs that start a chunk (or of time-out final states). [N, obsDim]
    let observations: FloatBuffer
    /// Standard normal noise for the sampled chunks. [N, actorWidth]
    let noise: FloatBuffer
    /// Sampled chunks in gathered order. [N, actorWidth]
    let sampled: FloatBuffer
    /// Env indices selected for a batched forward.
    var envs: [Int32]

    init(envCount: Int, observationDim: Int, actorWidth: Int) {
        observations = FloatBuffer(count: envCount * observationDim)
        noise = FloatBuffer(count: envCount * actorWidth)
        sampled = FloatBuffer(count: envCount * actorWidth)
        envs = []
        envs.reserveCapacity(envCount)
    }
}

// MARK: - Rollout collection

extension PPOAgent {
    /// Records s_t and writes the action each env executes now.
    ///
    /// `observations` [envCount, observationDim] (may be `rollout.currentObservationSlot`, then
    /// nothing is copied); `actions` out [envCount, envActionDim], clipped to [-1, 1] when
    /// configured (with a `mixture`, the mixed action of the executed outputs). The critic runs
    /// on every env; the actor only on the envs whose chunk is sampled now (`chunks`: the chunk
    /// starts, in one gathered batch; every env each step for the naive objective).
    public func act(observations: UnsafePointer<Float>, actions: UnsafeMutablePointer<Float>) {
        let n = config.envCount
        let t = rollout.cursor
        mixture?.prepare(observations: observations, rows: n)
        let slot = rollout.currentObservationSlot
        if UnsafePointer(slot) != observations {
            // SAFETY: both are [envCount, observationDim]; distinct buffers.
            slot.update(from: observations, count: n * observationDim)
        }
        preprocess(slot, rows: n, updateStatistics: true)
        let values = networks.critic.forward(slot, rows: n)
        // SAFETY: the values column row t holds envCount floats.
        (rollout.values.pointer + t * n).update(from: values, count: n)

        let sampling = chunks.beginStep()
        for env in chunks.starts {
            let e = Int(env)
            rollout.chunkStarts[rollout.slot(step: t, env: e)] = 1
            chunkStartSteps[e] = t
        }
        sampleChunks(for: sampling, input: sampling.count == n ? UnsafePointer(slot) : nil)
        recordStep(t)
        if let mixture {
            chunks.execute(into: hyperActions.pointer)
            mixture.compose(hyper: hyperActions.pointer, rows: n, into: actions)
        } else {
            chunks.execute(into: actions)
        }
    }

    /// Runs the actor on the observations of `envs` (`input`, or gathered from the current
    /// slot when nil) and stores their new chunks, means and per-action log-likelihoods.
    private func sampleChunks(for envs: [Int32], input: UnsafePointer<Float>?) {
        let rows = envs.count
        guard rows > 0 else { return }
        let width = actorWidth
        let scratch = collectScratch
        let slot = UnsafePointer(rollout.currentObservationSlot)
        let batch = input ?? {
            Self.gatherRows(slot, width: observationDim, indices: envs[...], into: scratch.observations.pointer)
            return UnsafePointer(scratch.observations.pointer)
        }()
        let means = networks.actor.forward(batch, rows: rows)
        for (i, env) in envs.enumerated() {
            noiseStreams[Int(env)].fillGaussian(scratch.noise.pointer + i * width, count: width)
        }
        GaussianPolicy.sample(means: means, logStd: networks.logStd, rows: rows, width: width,
                              noise: scratch.noise.pointer, actions: scratch.sampled.pointer)
        let blocks = width / actionDim
        for (i, env) in envs.enumerated() {
            let e = Int(env)
            // SAFETY: row i of [rows, width] scratch into row e of [envCount, width] caches.
            chunks.chunk(of: e).update(from: scratch.sampled.pointer + i * width, count: width)
            (currentMeans.pointer + e * width).update(from: means + i * width, count: width)
            GaussianPolicy.blockLogProbs(
                actions: chunks.chunk(of: e), means: currentMeans.pointer + e * width,
                logStd: networks.logStd, blockCount: blocks, actionDim: actionDim,
                out: currentBlockLogProbs.pointer + e * blocks)
        }
    }

    /// Records each env's executed action (unclipped), its behaviour mean and log-likelihood in
    /// the rollout at step `t`.
    private func recordStep(_ t: Int) {
        let width = actorWidth
        let blocks = width / actionDim
        for e in 0..<config.envCount {
            let block = chunks.block(of: e)
            let s = rollout.slot(step: t, env: e)
            // SAFETY: block < blocks, so the |A| values lie inside row e of the caches.
            (rollout.actions.pointer + s * actionDim).update(from: chunks.currentAction(of: e), count: actionDim)
            (rollout.means.pointer + s * actionDim)
                .update(from: currentMeans.pointer + e * width + block * actionDim, count: actionDim)
            rollout.stepLogProbs[s] = currentBlockLogProbs[e * blocks + block]
        }
    }

    /// Records the step's outcome and advances every env's chunk phase (`chunks`).
    ///
    /// `rewards`, `terminated`, `truncated` are [envCount] (flags 0/1). `finalObservations`
    /// [envCount, observationDim] holds the true last state of envs that timed out (only those
    /// rows are read); it is required when bootstrapping through a time-out.
    public func observe(rewards: UnsafePointer<Float>, terminated: UnsafePointer<Float>,
                        truncated: UnsafePointer<Float>, finalObservations: UnsafePointer<Float>?) {
        let n = config.envCount
        let t = rollout.cursor
        precondition(t < rollout.stepCount, "PPOAgent.observe: rollout full; call update first")
        // SAFETY: row t of each [T, N] column holds envCount floats.
        (rollout.rewards.pointer + t * n).update(from: rewards, count: n)
        (rollout.terminated.pointer + t * n).update(from: terminated, count: n)
        (rollout.truncated.pointer + t * n).update(from: truncated, count: n)
        if config.bootstrapTimeouts { recordTimeoutValues(t, terminated: terminated, truncated: truncated,
                                                          finalObservations: finalObservations) }
        for e in 0..<n {
            let start = rollout.slot(step: chunkStartSteps[e], env: e)
            rollout.prefixLengths[start] += 1
            rollout.chunkLogProbs[start] += rollout.stepLogProbs[rollout.slot(step: t, env: e)]
        }
        chunks.advance(terminated: terminated, truncated: truncated)
        rollout.advanceCursor()
        totalEnvSteps += share.total
    }

    /// V(final state) of the envs that timed out at step t, from one gathered critic pass.
    private func recordTimeoutValues(_ t: Int, terminated: UnsafePointer<Float>,
                                     truncated: UnsafePointer<Float>, finalObservations: UnsafePointer<Float>?) {
        let scratch = collectScratch
        scratch.envs.removeAll(keepingCapacity: true)
        for e in 0..<config.envCount where truncated[e] != 0 && terminated[e] == 0 {
            scratch.envs.append(Int32(e))
        }
        guard !scratch.envs.isEmpty else { return }
        guard let finalObservations else {
            preconditionFailure("PPOAgent.observe: finalObservations is required when an env times out and bootstrapTimeouts is on")
        }
        Self.gatherRows(finalObservations, width: observationDim, indices: scratch.envs[...],
                        into: scratch.observations.pointer)
        preprocess(scratch.observations.pointer, rows: scratch.envs.count, updateStatistics: false)
        let values = networks.critic.forward(scratch.observations.pointer, rows: scratch.envs.count)
        for (i, env) in scratch.envs.enumerated() {
            rollout.timeoutValues[rollout.slot(step: t, env: Int(env))] = values[i]
        }
    }
}
