// MARK: - One minibatch step

extension PPOAgent {
    /// Gathers this rank's samples of minibatch `index` of the epoch's run-wide permutation,
    /// computes the losses and gradients of actor, log-std and critic as this rank's share of
    /// the minibatch mean, sums them over ranks (one call), clips the global norm, adapts the
    /// learning rate to the KL and takes one Adam step (the same on every rank).
    func trainMinibatch(_ index: Int) -> PPOLossStats {
        let scratch = updateScratch
        let run = scratch.chunkStartSlots[minibatchRange(index, of: scratch.chunkStartSlots.count)]
        let slots = localSlots(run)
        let naive = config.objective == .naiveProductOfRatios
        gatherPolicyBatch(slots[...])
        if config.advantageNormalization == .minibatch {
            normalizeAdvantages(scratch.advantages.pointer, at: (0..<Int32(slots.count)).map { $0 })
        }
        var stats = PPOLossStats()
        let actorFrozen = iteration < config.experimental.actorFreezeIterations
        let actorGradientCount = networks.actor.shape.parameterCount + networks.logStdCount
        if actorFrozen || slots.isEmpty {
            // critic warm-up (Adam's moments stay zero, so the actor does not move), or no sample here
            networks.gradients.pointer.update(repeating: 0, count: actorGradientCount)
        } else {
            trainActor(rows: slots.count, totalRows: run.count, naive: naive, stats: &stats)
            if let imitation, config.experimental.imitationWeight > 0 {
                stats.imitationLoss = addImitationGradient(imitation, rows: slots.count, weight: currentImitationWeight)
            }
        }
        trainCritic(index, chunkStarts: slots[...], totalRows: run.count, naive: naive, stats: &stats)
        sumOverRanks(&stats)
        if !actorFrozen {
            stats.entropy = GaussianPolicy.entropy(logStd: networks.logStd, count: networks.logStdCount)
            if config.entropyCoef > 0 {
                for j in 0..<networks.logStdCount { networks.logStdGradient[j] -= config.entropyCoef }
            }
        }
        stats.gradientNorm = GradientClipping.clip(networks.gradients.pointer, count: networks.gradients.count,
                                                   maxNorm: config.maxGradNorm)
        if config.adaptiveLearningRate && !actorFrozen { adaptLearningRate(kl: stats.approxKL) }
        optimizer.step(parameters: networks.parameters.pointer, gradients: networks.gradients.pointer,
                       learningRate: learningRate)
        stats.learningRate = learningRate
        return stats
    }

    /// Statistics summed over ranks with the gradients.
    static let reducedStatCount = 5

    /// Sums the gradients and this rank's shares of the loss statistics over every rank, in one call.
    private func sumOverRanks(_ stats: inout PPOLossStats) {
        guard communicator.size > 1 else { return }
        let count = networks.gradients.count, buffer = updateScratch.reduction.pointer
        buffer.update(from: networks.gradients.pointer, count: count)
        let shares = [stats.surrogateLoss, stats.approxKL, stats.clipFraction, stats.meanRatio, stats.valueLoss]
        for (k, v) in shares.enumerated() { buffer[count + k] = v }
        communicator.allreduceSum(buffer, count: count + Self.reducedStatCount, what: "gradient all-reduce")
        networks.gradients.pointer.update(from: buffer, count: count)
        (stats.surrogateLoss, stats.approxKL, stats.clipFraction, stats.meanRatio, stats.valueLoss) =
            (buffer[count], buffer[count + 1], buffer[count + 2], buffer[count + 3], buffer[count + 4])
    }

    /// rsl_rl's rule: lr / 1.5 when KL > 2 x target, lr x 1.5 when 0 < KL < target / 2
    /// (target: `effectiveTargetKL`).
    func adaptLearningRate(kl: Float) {
        let target = config.effectiveTargetKL
        if kl > target * 2 {
            learningRate = max(config.minLearningRate, learningRate / 1.5)
        } else if kl < target / 2 && kl > 0 {
            learningRate = min(config.maxLearningRate, learningRate * 1.5)
        }
    }

    /// Copies the samples' inputs into scratch: actor observations (h rows per sample for the
    /// naive objective, padded with s_t past the prefix), prefix actions and behaviour means
    /// (zero past the prefix), prefix lengths, behaviour log-probs, advantages and returns.
    private func gatherPolicyBatch(_ slots: ArraySlice<Int32>) {
        let scratch = updateScratch
        let (n, h, a, o) = (config.envCount, config.chunkLength, actionDim, observationDim)
        let naive = config.objective == .naiveProductOfRatios
        for (i, flat) in slots.enumerated() {
            let s = Int(flat)
            let (t, e) = (s / n, s % n)
            let k = Int(rollout.prefixLengths[s])
            scratch.prefixLengths[i] = Float(k)
            scratch.oldLogProbs[i] = rollout.chunkLogProbs[s]
            scratch.advantages[i] = rollout.advantages[s]
            scratch.returns[i] = rollout.returns[s]
            for j in 0..<h {
                // SAFETY: j < k keeps t + j inside the rollout (a chunk never spans rollouts);
                // destinations are row i (or i * h + j) of the minibatch scratch.
                let destination = (i * h + j) * a
                if j < k {
                    let source = rollout.slot(step: t + j, env: e) * a
                    (scratch.actions.pointer + destination).update(from: rollout.actions.pointer + source, count: a)
                    (scratch.oldMeans.pointer + destination).update(from: rollout.means.pointer + source, count: a)
                } else {
                    (scratch.actions.pointer + destination).update(repeating: 0, count: a)
                    (scratch.oldMeans.pointer + destination).update(repeating: 0, count: a)
                }
                guard naive else { continue }
                let row = rollout.slot(step: j < k ? t + j : t, env: e)
                (scratch.observations.pointer + (i * h + j) * o)
                    .update(from: rollout.observations.pointer + row * o, count: o)
            }
            if !naive {
                (scratch.observations.pointer + i * o).update(from: rollout.observations.pointer + s * o, count: o)
            }
        }
    }

    /// Actor forward, surrogate loss and backward (log-std gradient folded for the naive
    /// objective); `totalRows` samples over every rank make the minibatch.
    private func trainActor(rows: Int, totalRows: Int, naive: Bool, stats: inout PPOLossStats) {
        let scratch = updateScratch
        let h = config.chunkLength
        let actorRows = naive ? rows * h : rows
        let means = networks.actor.forward(scratch.observations.pointer, rows: actorRows)
        if naive { tileLogStd(into: scratch.logStd.pointer) }
        let logStd = naive ? UnsafePointer(scratch.logStd.pointer) : UnsafePointer(networks.logStd)
        let logStdGradient = naive ? scratch.logStdGradient.pointer : networks.logStdGradient
        let batch = PolicyBatch(
            rows: rows, blockCount: h, actionDim: actionDim, actions: scratch.actions.pointer,
            oldMeans: scratch.oldMeans.pointer, oldLogStd: scratch.oldLogStd.pointer,
            prefixLengths: scratch.prefixLengths.pointer, oldLogProbs: scratch.oldLogProbs.pointer,
            advantages: scratch.advantages.pointer, totalRows: totalRows)
        PPOLoss.policy(batch, means: means, logStd: logStd, clipCoef: config.clipCoef,
                       meanGradient: networks.actor.outputGradient, logStdGradient: logStdGradient,
                       stats: &stats)
        if naive {
            // SAFETY: the tiled gradient is h x |A|; the parameter gradient is |A|.
            networks.logStdGradient.update(from: scratch.logStdGradient.pointer, count: actionDim)
            for j in 1..<h {
                for d in 0..<actionDim { networks.logStdGradient[d] += scratch.logStdGradient[j * actionDim + d] }
            }
        }
        networks.actor.backward(scratch.observations.pointer, rows: actorRows)
    }

    /// Critic forward, value loss and backward on this rank's chunk starts of the minibatch
    /// (`totalRows` over every rank), or on a minibatch of all stored steps when
    /// `valueLossOnAllSteps`.
    private func trainCritic(_ index: Int, chunkStarts: ArraySlice<Int32>, totalRows: Int, naive: Bool,
                             stats: inout PPOLossStats) {
        let scratch = updateScratch
        let o = observationDim
        var input = UnsafePointer(scratch.observations.pointer)
        var rows = chunkStarts.count
        var total = totalRows
        if config.experimental.valueLossOnAllSteps || naive {
            var slots = chunkStarts
            if config.experimental.valueLossOnAllSteps {
                let run = scratch.allSlots[minibatchRange(index, of: scratch.allSlots.count)]
                slots = localSlots(run)[...]
                total = run.count
            }
            Self.gatherRows(rollout.observations.pointer, width: o, indices: slots,
                            into: scratch.criticObservations.pointer)
            for (i, s) in slots.enumerated() { scratch.returns[i] = rollout.returns[Int(s)] }
            input = UnsafePointer(scratch.criticObservations.pointer)
            rows = slots.count
        }
        guard rows > 0 else {
            let criticOffset = networks.actor.shape.parameterCount + networks.logStdCount
            (networks.gradients.pointer + criticOffset).update(repeating: 0, count: networks.critic.shape.parameterCount)
            return
        }
        let values = networks.critic.forward(input, rows: rows)
        stats.valueLoss = PPOLoss.value(values: values, returns: scratch.returns.pointer, rows: rows, totalRows: total,
                                        valueCoef: config.valueCoef,
                                        valueGradient: networks.critic.outputGradient)
        networks.critic.backward(input, rows: rows)
    }
}
