// MARK: - One minibatch step

extension PPOAgent {
    /// One optimiser step on minibatch `index` of the epoch's run-wide permutation: gathers this
    /// rank's samples, computes every term of the loss and its gradient summed over ranks
    /// (`loss`, `PPOLoss.swift`), clips the global gradient norm, adapts the learning rate to
    /// the KL and takes one Adam step (the same on every rank). Returns the loss terms.
    func trainMinibatch(_ index: Int) -> PPOLossStats {
        let scratch = updateScratch
        let run = scratch.chunkStartSlots[minibatchRange(index, of: scratch.chunkStartSlots.count)]
        let minibatch = Minibatch(index: index, slots: localSlots(run), totalRows: run.count)
        gatherPolicyBatch(minibatch.slots[...])
        if config.advantageNormalization == .minibatch {
            normalizeAdvantages(scratch.advantages.pointer, at: (0..<Int32(minibatch.slots.count)).map { $0 })
        }
        var stats = loss(minibatch)
        stats.gradientNorm = GradientClipping.clip(networks.gradients.pointer, count: networks.gradients.count,
                                                   maxNorm: config.maxGradNorm)
        let actorFrozen = iteration < config.experimental.actorFreezeIterations
        if config.adaptiveLearningRate && !actorFrozen { adaptLearningRate(kl: stats.approxKL) }
        optimizer.step(parameters: networks.parameters.pointer, gradients: networks.gradients.pointer,
                       learningRate: learningRate)
        stats.learningRate = learningRate
        return stats
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
    func gatherPolicyBatch(_ slots: ArraySlice<Int32>) {
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
}
