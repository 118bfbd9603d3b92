/// Buffers used by `update` (allocated once, sized for the largest minibatch).
final class UpdateScratch {
    /// Actor input rows (chunk starts; h rows per sample for the naive objective). [rows, obsDim]
    let observations: FloatBuffer
    /// Critic input rows when they differ from the actor's. [maxMinibatch, obsDim]
    let criticObservations: FloatBuffer
    /// Executed actions / behaviour means, zero beyond the prefix. [maxMinibatch, h|A|]
    let actions: FloatBuffer, oldMeans: FloatBuffer
    /// Per-sample prefix length, behaviour log-prob, advantage, return. [maxMinibatch]
    let prefixLengths: FloatBuffer, oldLogProbs: FloatBuffer, advantages: FloatBuffer, returns: FloatBuffer
    /// Behaviour log-std, current log-std and its gradient, tiled to h|A|.
    let oldLogStd: FloatBuffer, logStd: FloatBuffer, logStdGradient: FloatBuffer
    /// Run-wide slots (step x run envs + run env) of the chunk starts / of every step, over every
    /// rank's envs: the epoch's permutation is drawn over these, the same on every rank. With
    /// one process they are the rollout's own flat slots.
    var chunkStartSlots: [Int32] = [], allSlots: [Int32] = []
    /// This rank's rollout slots of the chunk starts, in slot order.
    var localChunkStarts: [Int32] = []
    /// Gradients followed by the minibatch's loss statistics, summed over ranks in one call.
    let reduction: FloatBuffer

    init(config: PPOConfig, observationDim: Int, actionDim: Int, actorRows: Int, minibatchRows rows: Int, parameterCount: Int, runEnvCount: Int) {
        let width = config.chunkLength * actionDim
        observations = FloatBuffer(count: actorRows * observationDim)
        criticObservations = FloatBuffer(count: max(rows, config.envCount) * observationDim)
        actions = FloatBuffer(count: rows * width)
        oldMeans = FloatBuffer(count: rows * width)
        prefixLengths = FloatBuffer(count: rows)
        oldLogProbs = FloatBuffer(count: rows)
        advantages = FloatBuffer(count: rows)
        returns = FloatBuffer(count: rows)
        oldLogStd = FloatBuffer(count: width)
        logStd = FloatBuffer(count: width)
        logStdGradient = FloatBuffer(count: width)
        allSlots = (0..<Int32(config.stepsPerRollout * runEnvCount)).map { $0 }
        reduction = FloatBuffer(count: parameterCount + PPOAgent.reducedStatCount)
    }
}

// MARK: - Update

extension PPOAgent {
    /// Finishes the rollout (V of `nextObservations` [envCount, observationDim], GAE) and runs
    /// `updateEpochs` x `minibatchCount` clipped-surrogate steps; then starts a new rollout.
    @discardableResult
    public func update(nextObservations: UnsafePointer<Float>) -> PPOUpdateStats {
        precondition(rollout.isFull, "PPOAgent.update: rollout has \(rollout.cursor) of \(rollout.stepCount) steps")
        var summary = prepareAdvantages(nextObservations: nextObservations)
        if config.experimental.actorFreezeIterations > 0 && iteration == config.experimental.actorFreezeIterations {
            // the actor thaws: its first steps start from the floor (Adam's fresh moments would move
            // every weight by the full rate), and the KL rule raises the rate from there
            learningRate = config.minLearningRate
        }
        let scratch = updateScratch
        tileLogStd(into: scratch.oldLogStd.pointer)
        var steps: Float = 0
        communicator.setContext("update \(iteration + 1)")
        for _ in 0..<config.updateEpochs {
            generator.shuffle(&scratch.chunkStartSlots)
            if config.experimental.valueLossOnAllSteps { generator.shuffle(&scratch.allSlots) }
            for minibatch in 0..<config.minibatchCount {
                summary.losses.add(trainMinibatch(minibatch))
                steps += 1
            }
        }
        summary.losses.scale(by: 1 / steps)
        summary.losses.learningRate = learningRate
        if !config.experimental.freezeNormalizer { normalizer?.commit(communicator) }
        rollout.reset()
        chunks.restart()
        iteration += 1
        return summary
    }

    /// Bootstrap values, GAE, the run-wide chunk-start list, batch advantage normalisation and
    /// the rollout's statistics (over every rank).
    func prepareAdvantages(nextObservations: UnsafePointer<Float>) -> PPOUpdateStats {
        let n = config.envCount
        let scratch = updateScratch
        scratch.criticObservations.pointer.update(from: nextObservations, count: n * observationDim)
        preprocess(scratch.criticObservations.pointer, rows: n, updateStatistics: false)
        let last = networks.critic.forward(scratch.criticObservations.pointer, rows: n)
        rollout.lastValues.pointer.update(from: last, count: n)
        let input = GAE.Inputs(
            rewards: rollout.rewards.pointer, values: rollout.values.pointer,
            terminated: rollout.terminated.pointer, truncated: rollout.truncated.pointer,
            timeoutValues: rollout.timeoutValues.pointer, lastValues: rollout.lastValues.pointer)
        GAE.compute(input, stepCount: rollout.stepCount, envCount: n, gamma: config.gamma,
                    lambda: config.gaeLambda, bootstrapTimeouts: config.bootstrapTimeouts,
                    advantages: rollout.advantages.pointer, returns: rollout.returns.pointer)
        scratch.localChunkStarts.removeAll(keepingCapacity: true)
        for s in 0..<config.batchSize where rollout.chunkStarts[s] != 0 {
            scratch.localChunkStarts.append(Int32(s))
        }
        gatherChunkStarts()
        if config.advantageNormalization == .batch {
            normalizeAdvantages(rollout.advantages.pointer, at: scratch.localChunkStarts)
        }
        var summary = PPOUpdateStats()
        summary.chunkStartCount = scratch.chunkStartSlots.count
        let sums = communicator.allreduceSum(
            Statistics.rewardAndValueSums(rewards: rollout.rewards.pointer, values: rollout.values.pointer,
                                          returns: rollout.returns.pointer, count: config.batchSize),
            what: "rollout statistics")
        summary.meanReward = Float(sums[0] / max(sums[1], 1))
        summary.explainedVariance = Statistics.explainedVariance(sums: sums)
        return summary
    }

    /// Fills `chunkStartSlots` with the run-wide slots of every rank's chunk starts, in slot order.
    private func gatherChunkStarts() {
        let scratch = updateScratch
        guard communicator.size > 1 else {
            scratch.chunkStartSlots = scratch.localChunkStarts
            return
        }
        let mask = (0..<config.batchSize).map { rollout.chunkStarts[$0] != 0 ? UInt8(1) : 0 }
        let masks = communicator.allgather(mask, what: "chunk starts")
        scratch.chunkStartSlots.removeAll(keepingCapacity: true)
        for t in 0..<config.stepsPerRollout {
            for (r, part) in masks.enumerated() {
                let envs = share.range(of: r)
                for e in 0..<envs.count where part[t * envs.count + e] != 0 {
                    scratch.chunkStartSlots.append(Int32(t * share.total + envs.lowerBound + e))
                }
            }
        }
    }

    /// This rank's rollout slots among run-wide slots `run` (step x run envs + run env), in order.
    func localSlots(_ run: ArraySlice<Int32>) -> [Int32] {
        guard communicator.size > 1 else { return Array(run) }
        let (total, mine, n) = (share.total, share.range, config.envCount)
        return run.compactMap { g in
            let (t, env) = (Int(g) / total, Int(g) % total)
            return mine.contains(env) ? Int32(t * n + env - mine.lowerBound) : nil
        }
    }

    /// In place at `slots` of `values`: (A - mean) / (std + 1e-8), with the mean and unbiased
    /// std over these slots on every rank (`torch.std`'s divisor; Double sums, fixed order).
    func normalizeAdvantages(_ values: UnsafeMutablePointer<Float>, at slots: [Int32]) {
        var local = 0.0
        for s in slots { local += Double(values[Int(s)]) }
        let totals = communicator.allreduceSum([Double(slots.count), local], what: "advantage mean")
        guard totals[0] > 1 else { return }
        let mean = totals[1] / totals[0]
        var squares = 0.0
        for s in slots {
            let d = Double(values[Int(s)]) - mean
            squares += d * d
        }
        let total = communicator.allreduceSum([squares], what: "advantage variance")[0]
        let std = (total / (totals[0] - 1)).squareRoot()
        let (m, inverse) = (Float(mean), Float(1 / (std + 1e-8)))
        // SAFETY: every slot indexes `values`.
        for s in slots { values[Int(s)] = (values[Int(s)] - m) * inverse }
    }

    /// Range of minibatch `index` when `count` samples are split into `minibatchCount` parts
    /// (the first `count % minibatchCount` parts get one extra sample).
    func minibatchRange(_ index: Int, of count: Int) -> Range<Int> {
        let parts = config.minibatchCount
        let (base, extra) = (count / parts, count % parts)
        let start = index * base + min(index, extra)
        return start..<(start + base + (index < extra ? 1 : 0))
    }

    /// Copies the log-std, tiled to h|A| for the naive objective, into `destination`.
    func tileLogStd(into destination: UnsafeMutablePointer<Float>) {
        let count = networks.logStdCount
        for j in 0..<(config.chunkLength * actionDim) / count {
            // SAFETY: destination holds h|A| floats, a multiple of logStdCount.
            (destination + j * count).update(from: networks.logStd, count: count)
        }
    }
}
