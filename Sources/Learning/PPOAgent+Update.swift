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
    /// Flat rollout slots of the chunk starts / of every step.
    var chunkStartSlots: [Int32] = [], allSlots: [Int32] = []

    init(config: PPOConfig, observationDim: Int, actionDim: Int, actorRows: Int) {
        let rows = config.maxMinibatchSize
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
        allSlots = (0..<Int32(config.batchSize)).map { $0 }
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
        if config.actorFreezeIterations > 0 && iteration == config.actorFreezeIterations {
            // the actor thaws: its first steps start from the floor (Adam's fresh moments would move
            // every weight by the full rate), and the KL rule raises the rate from there
            learningRate = config.minLearningRate
        }
        let scratch = updateScratch
        tileLogStd(into: scratch.oldLogStd.pointer)
        var steps: Float = 0
        for _ in 0..<config.updateEpochs {
            generator.shuffle(&scratch.chunkStartSlots)
            if config.valueLossOnAllSteps { generator.shuffle(&scratch.allSlots) }
            for minibatch in 0..<config.minibatchCount {
                let stats = trainMinibatch(minibatch)
                accumulate(stats, into: &summary.losses)
                steps += 1
            }
        }
        scale(&summary.losses, by: 1 / steps)
        summary.losses.learningRate = learningRate
        rollout.reset()
        for e in 0..<config.envCount { phases[e] = 0 }
        iteration += 1
        return summary
    }

    /// Bootstrap values, GAE, chunk-start list and batch advantage normalisation.
    private func prepareAdvantages(nextObservations: UnsafePointer<Float>) -> PPOUpdateStats {
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
        scratch.chunkStartSlots.removeAll(keepingCapacity: true)
        for s in 0..<config.batchSize where rollout.chunkStarts[s] != 0 {
            scratch.chunkStartSlots.append(Int32(s))
        }
        if config.advantageNormalization == .batch {
            Statistics.normalize(rollout.advantages.pointer, at: scratch.chunkStartSlots)
        }
        var summary = PPOUpdateStats()
        summary.chunkStartCount = scratch.chunkStartSlots.count
        summary.meanReward = Statistics.mean(rollout.rewards.pointer, count: config.batchSize)
        summary.explainedVariance = Statistics.explainedVariance(
            values: rollout.values.pointer, returns: rollout.returns.pointer, count: config.batchSize)
        return summary
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

    private func accumulate(_ stats: PPOLossStats, into total: inout PPOLossStats) {
        total.surrogateLoss += stats.surrogateLoss
        total.valueLoss += stats.valueLoss
        total.entropy += stats.entropy
        total.approxKL += stats.approxKL
        total.clipFraction += stats.clipFraction
        total.meanRatio += stats.meanRatio
        total.gradientNorm += stats.gradientNorm
        total.imitationLoss += stats.imitationLoss
    }

    private func scale(_ stats: inout PPOLossStats, by factor: Float) {
        stats.surrogateLoss *= factor
        stats.valueLoss *= factor
        stats.entropy *= factor
        stats.approxKL *= factor
        stats.clipFraction *= factor
        stats.meanRatio *= factor
        stats.gradientNorm *= factor
        stats.imitationLoss *= factor
    }
}
