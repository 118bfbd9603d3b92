import Foundation

/// Demonstrated (observation, chunk) pairs for the actor's behaviour-cloning term
/// (`PPOConfig.experimental.imitationWeight`, DAPG-style), and the scratch the term uses.
final class ImitationTerm {
    /// Raw demonstrated observations. [rows, obsDim]
    let observations: [Float]
    /// Demonstrated chunks. [rows, h|A|]
    let targets: [Float]
    /// Demonstration rows.
    let rows: Int
    /// Normalised observations of one imitation minibatch. [actor maxBatch, obsDim]
    let inputs: FloatBuffer
    /// The PPO gradient of the actor, kept while the imitation gradient is computed. [actor parameters]
    let saved: FloatBuffer
    /// Row indices of the current imitation minibatch.
    var batch: [Int32] = []

    init(observations: [Float], targets: [Float], rows: Int, observationDim: Int, maxBatch: Int, actorParameters: Int) {
        self.observations = observations
        self.targets = targets
        self.rows = rows
        inputs = FloatBuffer(count: maxBatch * observationDim)
        saved = FloatBuffer(count: actorParameters)
    }
}

extension PPOAgent {
    /// Gives the update demonstrations for the imitation term: raw observations [rows, obsDim]
    /// and chunks [rows, h|A|] (as `imitate` takes them). The term is active when
    /// `config.experimental.imitationWeight` > 0.
    public func setDemonstrations(observations: [Float], targets: [Float]) {
        let rows = observations.count / observationDim
        precondition(rows > 0 && rows * observationDim == observations.count && targets.count == rows * actorWidth,
                     "PPOAgent.setDemonstrations: \(observations.count) observation and \(targets.count) target floats for \(rows) rows")
        imitation = ImitationTerm(observations: observations, targets: targets, rows: rows, observationDim: observationDim,
                                  maxBatch: networks.actor.maxBatch, actorParameters: networks.actor.shape.parameterCount)
    }

    /// The imitation weight at the current iteration: imitationWeight x imitationDecay^iteration.
    public var currentImitationWeight: Float {
        config.experimental.imitationWeight * Foundation.pow(config.experimental.imitationDecay, Float(iteration))
    }

    /// Adds weight x the gradient of the mean squared error (per output) between the actor's
    /// mean chunk and `rows` random demonstrated chunks to the actor gradient already in
    /// `networks.gradients`. Returns that mean squared error.
    func addImitationGradient(_ term: ImitationTerm, rows requested: Int, weight: Float) -> Float {
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
}
