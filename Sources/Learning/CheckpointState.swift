import Foundation

/// Everything of a training state that is not a tensor (the checkpoint's `state.json`).
public struct CheckpointState: Codable, Equatable, Sendable {
    /// Layout version of the checkpoint format.
    public var formatVersion: Int
    /// Hyperparameters the agent was built with.
    public var config: PPOConfig
    /// Observation features per env.
    public var observationDim: Int
    /// Action size per env step.
    public var actionDim: Int
    /// Adaptive learning rate, as the Float bit pattern (exact).
    public var learningRateBits: UInt32
    /// Adam steps taken.
    public var adamStepCount: Int
    /// RNG state, four 64-bit words in hex (JSON numbers cannot hold 64 bits exactly).
    public var generatorState: [String]
    /// Completed updates.
    public var iteration: Int
    /// Environment steps recorded.
    public var totalEnvSteps: Int
    /// Observations folded into the normaliser (nil without normalisation).
    public var normalizerCount: Double?
    /// The normaliser's float64 moments [count, mean..., M2...] as bit patterns in hex (exact);
    /// nil without normalisation and in checkpoints written before they were kept (then the
    /// Float mean and variance tensors and `normalizerCount` restore them).
    public var normalizerMoments: [String]?
    /// Every run env's exploration-noise generator, four 64-bit words each in hex, in run env
    /// order; nil in checkpoints written before per-env noise (then the streams start fresh).
    public var noiseStreams: [String]?
    /// Size in bytes of the tensor file this state belongs to.
    public var tensorFileBytes: Int
    /// FNV-1a 64 of the tensor file, hex; detects a state paired with another tensor file.
    public var tensorFileChecksum: String

    /// The current checkpoint format.
    public static let currentFormatVersion = 1

    /// FNV-1a 64-bit hash of `bytes`, lowercase hex.
    public static func checksum(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return String(hash, radix: 16)
    }
}
