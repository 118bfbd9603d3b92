import Foundation

/// The agent's networks in one flat parameter buffer: actor MLP, then the state-independent
/// log-std, then the critic MLP. One buffer means one Adam loop and one global gradient norm
/// (as `clip_grad_norm_(actor_critic.parameters())`).
public final class ActorCritic {
    /// Actor: observation -> Gaussian mean, [rows, actorShape.outputSize].
    public let actor: MLP
    /// Critic: observation -> V(s), [rows, 1].
    public let critic: MLP
    /// Entries of the log-std (equal to the actor's output size).
    public let logStdCount: Int
    /// All parameters: [actor | logStd | critic].
    public let parameters: FloatBuffer
    /// Gradients in the same layout as `parameters`.
    public let gradients: FloatBuffer

    /// Allocates both networks; `maxActorBatch`/`maxCriticBatch` bound the rows per pass.
    public init(actorShape: MLPShape, criticShape: MLPShape, maxActorBatch: Int, maxCriticBatch: Int) {
        precondition(criticShape.outputSize == 1, "ActorCritic: the critic must have one output")
        precondition(actorShape.inputSize == criticShape.inputSize, "ActorCritic: input sizes differ")
        logStdCount = actorShape.outputSize
        let actorCount = actorShape.parameterCount
        let total = actorCount + logStdCount + criticShape.parameterCount
        parameters = FloatBuffer(count: total)
        gradients = FloatBuffer(count: total)
        let criticOffset = actorCount + logStdCount
        // SAFETY: the sub-ranges partition the `total`-float buffers owned by self.
        actor = MLP(shape: actorShape, maxBatch: maxActorBatch,
                    parameters: parameters.pointer, gradients: gradients.pointer)
        critic = MLP(shape: criticShape, maxBatch: maxCriticBatch,
                     parameters: parameters.pointer + criticOffset,
                     gradients: gradients.pointer + criticOffset)
    }

    /// Log-std parameters, [logStdCount].
    public var logStd: UnsafeMutablePointer<Float> { parameters.pointer + actor.shape.parameterCount }

    /// Gradient of the log-std, [logStdCount].
    public var logStdGradient: UnsafeMutablePointer<Float> { gradients.pointer + actor.shape.parameterCount }

    /// Orthogonal init (hidden gain sqrt 2, actor output 0.01, critic output 1.0), zero
    /// biases, log-std = log(initStd). Actor first, then critic, from one generator.
    public func initialize(initStd: Float, generator: inout RandomGenerator) {
        let hiddenGain = Float(2).squareRoot()
        actor.initializeOrthogonal(hiddenGain: hiddenGain, outputGain: 0.01, generator: &generator)
        critic.initializeOrthogonal(hiddenGain: hiddenGain, outputGain: 1.0, generator: &generator)
        // SAFETY: logStd has logStdCount entries.
        logStd.update(repeating: Foundation.log(initStd), count: logStdCount)
    }

    /// Named tensors of the parameter buffer in checkpoint order: (name, offset, shape).
    /// Weights are [in, out] row-major (the transpose of PyTorch's layout).
    public var tensorLayout: [(name: String, offset: Int, shape: [Int])] {
        var layout: [(String, Int, [Int])] = []
        let criticOffset = actor.shape.parameterCount + logStdCount
        for (prefix, net, base) in [("actor", actor, 0), ("critic", critic, criticOffset)] {
            let widths = net.shape.widths
            for l in 0..<net.shape.layerCount {
                let offset = base + net.weightOffset(layer: l)
                layout.append(("\(prefix).\(l).weight", offset, [widths[l], widths[l + 1]]))
                layout.append(("\(prefix).\(l).bias", offset + widths[l] * widths[l + 1], [widths[l + 1]]))
            }
            if prefix == "actor" {
                layout.append(("actor.log_std", actor.shape.parameterCount, [logStdCount]))
            }
        }
        return layout
    }
}
