import Foundation

/// Demonstrated (observation, chunk) pairs for the actor's behaviour-cloning term
/// (`PPOConfig.experimental.imitationWeight`, DAPG-style), and the scratch the term uses (the term itself:
/// `PPOAgent.loss`, `PPOLoss.swift`).
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
}
