import Foundation

// MARK: - Behaviour cloning of the actor mean

extension PPOAgent {
    /// Fits the actor's mean chunk to demonstrated chunks by mean squared error with Adam
    /// (the agent's optimizer; critic and log-std untouched). `observations` [rows, obsDim] raw,
    /// `targets` [rows, h|A|]; the normaliser's statistics are first updated from all the
    /// observations. Minibatches of the actor's batch capacity, shuffled with the agent's generator.
    /// Returns the mean squared error of the last epoch.
    @discardableResult
    public func imitate(observations: [Float], targets: [Float], epochs: Int, learningRate: Float) -> Float {
        let rows = observations.count / observationDim
        precondition(rows * observationDim == observations.count && targets.count == rows * actorWidth,
                     "PPOAgent.imitate: \(observations.count) observation and \(targets.count) target floats for \(rows) rows")
        if let normalizer {
            observations.withUnsafeBufferPointer { normalizer.update($0.baseAddress!, rows: rows) }
        }
        let batch = networks.actor.maxBatch
        let inputs = FloatBuffer(count: batch * observationDim)
        var order = (0..<Int32(rows)).map { $0 }
        var lastLoss: Float = 0
        for _ in 0..<max(epochs, 0) {
            generator.shuffle(&order)
            var sum: Float = 0
            var start = 0
            while start < rows {
                let slice = order[start ..< min(start + batch, rows)]
                sum += imitationStep(slice, observations: observations, targets: targets, inputs: inputs, learningRate: learningRate)
                start += slice.count
            }
            lastLoss = sum / Float(rows * actorWidth)
        }
        return lastLoss
    }

    /// One Adam step on the rows `slice`; returns the summed squared error of the minibatch.
    private func imitationStep(_ slice: ArraySlice<Int32>, observations: [Float], targets: [Float], inputs: FloatBuffer,
                               learningRate: Float) -> Float {
        let n = slice.count
        observations.withUnsafeBufferPointer { Self.gatherRows($0.baseAddress!, width: observationDim, indices: slice, into: inputs.pointer) }
        preprocess(inputs.pointer, rows: n, updateStatistics: false)
        let squared = imitationOutputGradient(inputs: inputs.pointer, rows: slice, targets: targets, weight: 1)
        networks.gradients.pointer.update(repeating: 0, count: networks.gradients.count)
        networks.actor.backward(inputs.pointer, rows: n)
        optimizer.step(parameters: networks.parameters.pointer, gradients: networks.gradients.pointer, learningRate: learningRate)
        return squared
    }
}

// MARK: - Starting from a cloned actor

extension PPOAgent {
    /// Copies `source`'s actor weights and observation statistics into this agent (critic,
    /// log-std and optimizer keep their fresh state): RL fine-tuning from a behaviour clone.
    public func initializeActor(from source: PPOAgent) throws {
        guard source.observationDim == observationDim, source.networks.actor.shape == networks.actor.shape else {
            throw CheckpointError(file: "initFrom", problem: "actor \(source.networks.actor.shape.widths) on \(source.observationDim) features does not match this agent's \(networks.actor.shape.widths) on \(observationDim)")
        }
        networks.actor.parameters.update(from: source.networks.actor.parameters, count: networks.actor.shape.parameterCount)
        if let normalizer, let other = source.normalizer {
            normalizer.copy(from: other)
        }
    }
}
