/// Hyperparameters of encoder training (category classification + size regression).
public struct ShapeEncoderTrainingConfig: Codable, Equatable, Sendable {
    /// Seed of the initial weights and of every batch, rotation and jitter draw.
    public var seed: UInt64 = 0
    /// Adam steps.
    public var steps: Int = 1500
    /// Objects per step.
    public var batchSize: Int = 32
    /// Adam learning rate at step 0; decays linearly to `learningRate * finalLearningRateFraction`.
    public var learningRate: Float = 1e-3
    /// Learning rate at the last step, as a fraction of the first.
    public var finalLearningRateFraction: Float = 0.1
    /// Standard deviation of the Gaussian jitter added to point positions, metres.
    public var jitter: Float = 0.001
    /// Rotate every training cloud by a uniform random yaw about z.
    public var randomYaw: Bool = true
    /// Weight of the size-regression loss (mean squared error of `SizeTargets`) next to the
    /// category cross-entropy; 0 trains a pure classifier.
    public var sizeWeight: Float = 0.3
    /// Global gradient-norm clip.
    public var maxGradNorm: Float = 5.0

    /// Default configuration.
    public init() {}

    /// Throws `ShapeEncodingError` when a value is out of range.
    public func validate() throws(ShapeEncodingError) {
        let problem: String? =
            steps < 0 ? "steps must be >= 0" :
            batchSize < 1 ? "batchSize must be >= 1" :
            !(learningRate > 0 && learningRate < 1) ? "learningRate must be in (0, 1)" :
            !(finalLearningRateFraction >= 0 && finalLearningRateFraction <= 1) ? "finalLearningRateFraction must be in [0, 1]" :
            !(jitter >= 0 && jitter < 0.05) ? "jitter must be in [0, 0.05) m" :
            !(sizeWeight >= 0 && sizeWeight.isFinite) ? "sizeWeight must be >= 0" :
            !(maxGradNorm > 0) ? "maxGradNorm must be positive" : nil
        if let problem { throw ShapeEncodingError(file: "training config", problem) }
    }
}

/// What a training run did.
public struct ShapeEncoderTrainingReport: Codable, Equatable, Sendable {
    /// Steps taken.
    public var steps: Int
    /// Wall-clock seconds of the training loop.
    public var seconds: Double
    /// Mean cross-entropy over the last 10% of steps.
    public var finalCrossEntropy: Float
    /// Mean size-regression MSE over the last 10% of steps (units of 0.1 m squared by default).
    public var finalSizeError: Float
    /// Training-batch accuracy over the last 10% of steps, in [0, 1].
    public var finalBatchAccuracy: Float
}
