import Foundation

/// Every term of one minibatch's loss (means over the minibatch, summed over ranks), as
/// `PPOAgent.loss` returns them, with the gradient norm and learning rate of the step they
/// made; `PPOAgent.update` returns their mean over the update's minibatch steps.
public struct PPOLossStats: Codable, Equatable, Sendable {
    /// All zero.
    public init() {}

    /// Clipped-surrogate loss, mean of max(-A r, -A clip(r)).
    public var surrogateLoss: Float = 0
    /// Value loss, mean of (V - R)^2 (before `valueCoef`).
    public var valueLoss: Float = 0
    /// Policy entropy, nats.
    public var entropy: Float = 0
    /// KL(old || new) over the executed prefix, mean (drives the adaptive learning rate).
    public var approxKL: Float = 0
    /// Fraction of samples with |ratio - 1| > clipCoef.
    public var clipFraction: Float = 0
    /// Mean importance ratio.
    public var meanRatio: Float = 0
    /// Gradient norm before clipping.
    public var gradientNorm: Float = 0
    /// Learning rate used for this step.
    public var learningRate: Float = 0
    /// Mean squared error per output of the imitation term (0 when it is off).
    public var imitationLoss: Float = 0

    /// Adds `other`'s terms (not the learning rate) to these.
    mutating func add(_ other: PPOLossStats) {
        surrogateLoss += other.surrogateLoss
        valueLoss += other.valueLoss
        entropy += other.entropy
        approxKL += other.approxKL
        clipFraction += other.clipFraction
        meanRatio += other.meanRatio
        gradientNorm += other.gradientNorm
        imitationLoss += other.imitationLoss
    }

    /// Multiplies the terms (not the learning rate) by `factor`.
    mutating func scale(by factor: Float) {
        surrogateLoss *= factor
        valueLoss *= factor
        entropy *= factor
        approxKL *= factor
        clipFraction *= factor
        meanRatio *= factor
        gradientNorm *= factor
        imitationLoss *= factor
    }
}

/// One minibatch of the update as the loss reads it: this rank's rollout slots of its chunk
/// starts (their inputs gathered into `UpdateScratch` by `gatherPolicyBatch`), and how many
/// samples every rank's share of it holds together.
struct Minibatch {
    /// Index of the minibatch within the epoch (which rows of `allSlots` the critic trains on
    /// when `valueLossOnAllSteps`).
    var index: Int
    /// This rank's rollout slots of the minibatch's chunk starts.
    var slots: [Int32]
    /// The minibatch's samples over every rank (the loss is their mean).
    var totalRows: Int
}

/// One minibatch of chunk-start samples, gathered into contiguous scratch (all [rows, ...]).
struct PolicyBatch {
    /// Samples in the minibatch.
    var rows: Int
    /// Actions per sample (h for both objectives).
    var blockCount: Int
    /// |A|.
    var actionDim: Int
    /// Executed actions, zero beyond the prefix. [rows, blockCount * actionDim]
    var actions: UnsafePointer<Float>
    /// Behaviour means, zero beyond the prefix. [rows, blockCount * actionDim]
    var oldMeans: UnsafePointer<Float>
    /// Behaviour log-std, tiled to the sample width. [blockCount * actionDim]
    var oldLogStd: UnsafePointer<Float>
    /// Executed prefix lengths k (1...blockCount). [rows]
    var prefixLengths: UnsafePointer<Float>
    /// Behaviour log-likelihood of the executed prefix. [rows]
    var oldLogProbs: UnsafePointer<Float>
    /// Advantages (normalised as configured). [rows]
    var advantages: UnsafePointer<Float>
    /// Samples the loss is the mean over: this minibatch's rows on every rank of a
    /// data-parallel job (nil = `rows`, one process); loss, gradients and statistics are this
    /// rank's share of that mean, so that their sum over ranks is the whole minibatch's.
    var totalRows: Int? = nil
}

/// The kernels of the loss terms with their analytic gradients: the clipped surrogate (with
/// the KL, clip fraction and mean ratio it measures) and the value loss.
enum PPOLoss {
    /// Computes the surrogate loss over the executed prefixes and writes dLoss/dMean into
    /// `meanGradient` [rows, width] and dLoss/dLogStd into `logStdGradient` [width]
    /// (overwritten). `means`/`logStd` are the current policy's, logStd tiled to `width`.
    static func policy(
        _ batch: PolicyBatch, means: UnsafePointer<Float>, logStd: UnsafePointer<Float>,
        clipCoef: Float, meanGradient: UnsafeMutablePointer<Float>,
        logStdGradient: UnsafeMutablePointer<Float>, stats: inout PPOLossStats
    ) {
        let width = batch.blockCount * batch.actionDim
        let scale = 1 / Float(batch.totalRows ?? batch.rows)
        logStdGradient.update(repeating: 0, count: width)
        var (surrogate, kl, clipped, ratioSum): (Float, Float, Float, Float) = (0, 0, 0, 0)
        for r in 0..<batch.rows {
            // SAFETY: row r of [rows, width] buffers; executed = k * |A| <= width.
            let base = r * width
            let executed = Int(batch.prefixLengths[r]) * batch.actionDim
            let a = batch.actions + base, mu = means + base, grad = meanGradient + base
            var logProb: Float = 0
            for block in 0..<Int(batch.prefixLengths[r]) {
                var blockSum: Float = 0
                for d in block * batch.actionDim..<(block + 1) * batch.actionDim {
                    let z = (a[d] - mu[d]) * Foundation.exp(-logStd[d])
                    blockSum += -0.5 * z * z - logStd[d] - GaussianPolicy.halfLogTwoPi
                }
                logProb += blockSum
            }
            let ratio = Foundation.exp(logProb - batch.oldLogProbs[r])
            let advantage = batch.advantages[r]
            let clippedRatio = min(max(ratio, 1 - clipCoef), 1 + clipCoef)
            let unclippedLoss = -advantage * ratio
            let clippedLoss = -advantage * clippedRatio
            surrogate += max(unclippedLoss, clippedLoss)
            ratioSum += ratio
            if abs(ratio - 1) > clipCoef { clipped += 1 }
            // dLoss/dlogp = dLoss/dratio * ratio, zero where the clipped branch is active.
            let dLogProb = unclippedLoss >= clippedLoss ? -advantage * ratio * scale : 0
            for d in 0..<width {
                guard d < executed else { grad[d] = 0; continue }
                let inverseStd = Foundation.exp(-logStd[d])
                let z = (a[d] - mu[d]) * inverseStd
                grad[d] = dLogProb * z * inverseStd
                logStdGradient[d] += dLogProb * (z * z - 1)
                // KL(old || new) per dim.
                let oldStd = Foundation.exp(batch.oldLogStd[d])
                let diff = batch.oldMeans[base + d] - mu[d]
                kl += logStd[d] - batch.oldLogStd[d]
                    + (oldStd * oldStd + diff * diff) * 0.5 * inverseStd * inverseStd - 0.5
            }
        }
        stats.surrogateLoss = surrogate * scale
        stats.approxKL = kl * scale
        stats.clipFraction = clipped * scale
        stats.meanRatio = ratioSum * scale
    }

    /// Value loss mean((V - R)^2); writes valueCoef * dLoss/dV into `valueGradient` [rows].
    /// `totalRows` as in `PolicyBatch` (nil = `rows`).
    static func value(
        values: UnsafePointer<Float>, returns: UnsafePointer<Float>, rows: Int, totalRows: Int? = nil, valueCoef: Float,
        valueGradient: UnsafeMutablePointer<Float>
    ) -> Float {
        var loss: Float = 0
        let scale = 1 / Float(totalRows ?? rows)
        for r in 0..<rows {
            // SAFETY: all three buffers hold `rows` floats.
            let error = values[r] - returns[r]
            loss += error * error
            valueGradient[r] = valueCoef * 2 * error * scale
        }
        return loss * scale
    }
}

// MARK: - The loss of one minibatch

extension PPOAgent {
    /// Statistics summed over ranks with the gradients.
    static let reducedStatCount = 5

    /// The loss of one minibatch, CleanRL style: every term, and the gradient of
    ///
    ///     L = surrogate + valueCoef x value - entropyCoef x entropy + w x imitation
    ///
    /// (w: `currentImitationWeight`) in `networks.gradients`, summed over ranks. The surrogate
    /// is the clipped one over each chunk's executed prefix (with the KL, the clip fraction and
    /// the mean ratio it measures; the naive objective's per-step log-std gradient folded into
    /// one); the value loss is on the chunk starts (every stored step with
    /// `valueLossOnAllSteps`; the naive objective's critic rows are gathered apart); the
    /// imitation term is the mean squared error of the actor's mean chunk to demonstrated
    /// chunks; the entropy is the Gaussian's. While the actor is frozen
    /// (`actorFreezeIterations`), or where this rank holds no sample of the minibatch, the
    /// actor's gradient is zero and only the value term is computed.
    func loss(_ minibatch: Minibatch) -> PPOLossStats {
        var terms = PPOLossStats()
        let rows = minibatch.slots.count
        let actorFrozen = iteration < config.experimental.actorFreezeIterations
        if actorFrozen || rows == 0 {
            // critic warm-up (Adam's moments stay zero, so the actor does not move), or no sample here
            let actorGradientCount = networks.actor.shape.parameterCount + networks.logStdCount
            networks.gradients.pointer.update(repeating: 0, count: actorGradientCount)
        } else {
            surrogateTerm(rows: rows, totalRows: minibatch.totalRows, terms: &terms)
            if let imitation, config.experimental.imitationWeight > 0 {
                terms.imitationLoss = imitationTerm(imitation, rows: rows, weight: currentImitationWeight)
            }
        }
        valueTerm(minibatch, terms: &terms)
        sumOverRanks(&terms)
        if !actorFrozen { entropyTerm(&terms) }
        return terms
    }

    /// Actor forward, the clipped surrogate and its backward (the log-std gradient folded for
    /// the naive objective); `totalRows` samples over every rank make the minibatch.
    private func surrogateTerm(rows: Int, totalRows: Int, terms: inout PPOLossStats) {
        let scratch = updateScratch
        let h = config.chunkLength
        let naive = config.objective == .naiveProductOfRatios
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
                       stats: &terms)
        if naive {
            // SAFETY: the tiled gradient is h x |A|; the parameter gradient is |A|.
            networks.logStdGradient.update(from: scratch.logStdGradient.pointer, count: actionDim)
            for j in 1..<h {
                for d in 0..<actionDim { networks.logStdGradient[d] += scratch.logStdGradient[j * actionDim + d] }
            }
        }
        networks.actor.backward(scratch.observations.pointer, rows: actorRows)
    }

    /// Critic forward, value loss and backward on this rank's chunk starts of the minibatch,
    /// or on the minibatch's share of all stored steps when `valueLossOnAllSteps`.
    private func valueTerm(_ minibatch: Minibatch, terms: inout PPOLossStats) {
        let scratch = updateScratch
        let o = observationDim
        let naive = config.objective == .naiveProductOfRatios
        var input = UnsafePointer(scratch.observations.pointer)
        var rows = minibatch.slots.count
        var total = minibatch.totalRows
        if config.experimental.valueLossOnAllSteps || naive {
            var slots = minibatch.slots[...]
            if config.experimental.valueLossOnAllSteps {
                let run = scratch.allSlots[minibatchRange(minibatch.index, of: scratch.allSlots.count)]
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
        terms.valueLoss = PPOLoss.value(values: values, returns: scratch.returns.pointer, rows: rows, totalRows: total,
                                        valueCoef: config.valueCoef,
                                        valueGradient: networks.critic.outputGradient)
        networks.critic.backward(input, rows: rows)
    }

    /// Adds weight x the gradient of the mean squared error (per output) between the actor's
    /// mean chunk and `rows` random demonstrated chunks to the actor gradient already in
    /// `networks.gradients` (DAPG-style). Returns that mean squared error.
    private func imitationTerm(_ term: ImitationTerm, rows requested: Int, weight: Float) -> Float {
        let n = min(requested, networks.actor.maxBatch)
        term.batch.removeAll(keepingCapacity: true)
        for _ in 0..<n { term.batch.append(Int32(generator.nextIndex(below: term.rows))) }
        term.observations.withUnsafeBufferPointer {
            Self.gatherRows($0.baseAddress!, width: observationDim, indices: term.batch[...], into: term.inputs.pointer)
        }
        preprocess(term.inputs.pointer, rows: n, updateStatistics: false)
        let squared = imitationOutputGradient(inputs: term.inputs.pointer, rows: term.batch[...], targets: term.targets, weight: weight)
        let count = networks.actor.shape.parameterCount
        term.saved.pointer.update(from: networks.gradients.pointer, count: count)
        networks.actor.backward(term.inputs.pointer, rows: n)
        for k in 0..<count { networks.gradients.pointer[k] += term.saved.pointer[k] }
        return squared / Float(n * actorWidth)
    }

    /// Actor forward on `inputs` (normalised, one row per entry of `rows`) and, into the actor's
    /// output gradient, weight x the gradient of the mean squared error to the target chunks
    /// `targets[rows[i]]` (mean over rows and outputs). Returns the summed squared error. (The
    /// imitation term's kernel; behaviour cloning, `imitate`, minimises it alone.)
    func imitationOutputGradient(inputs: UnsafePointer<Float>, rows: ArraySlice<Int32>, targets: [Float], weight: Float) -> Float {
        let n = rows.count, width = actorWidth
        let means = networks.actor.forward(inputs, rows: n)
        let gradient = networks.actor.outputGradient
        var squared: Float = 0
        for (i, row) in rows.enumerated() {
            for d in 0..<width {
                let error = means[i * width + d] - targets[Int(row) * width + d]
                squared += error * error
                gradient[i * width + d] = weight * 2 * error / Float(n * width)
            }
        }
        return squared
    }

    /// The entropy of the Gaussian, and -entropyCoef on the log-std gradient (added after the
    /// sum over ranks: the term does not depend on the samples).
    private func entropyTerm(_ terms: inout PPOLossStats) {
        terms.entropy = GaussianPolicy.entropy(logStd: networks.logStd, count: networks.logStdCount)
        if config.entropyCoef > 0 {
            for j in 0..<networks.logStdCount { networks.logStdGradient[j] -= config.entropyCoef }
        }
    }

    /// Sums the gradients and this rank's shares of the loss terms over every rank, in one call.
    private func sumOverRanks(_ terms: inout PPOLossStats) {
        guard communicator.size > 1 else { return }
        let count = networks.gradients.count, buffer = updateScratch.reduction.pointer
        buffer.update(from: networks.gradients.pointer, count: count)
        let shares = [terms.surrogateLoss, terms.approxKL, terms.clipFraction, terms.meanRatio, terms.valueLoss]
        for (k, v) in shares.enumerated() { buffer[count + k] = v }
        communicator.allreduceSum(buffer, count: count + Self.reducedStatCount, what: "gradient all-reduce")
        networks.gradients.pointer.update(from: buffer, count: count)
        (terms.surrogateLoss, terms.approxKL, terms.clipFraction, terms.meanRatio, terms.valueLoss) =
            (buffer[count], buffer[count + 1], buffer[count + 2], buffer[count + 3], buffer[count + 4])
    }
}
