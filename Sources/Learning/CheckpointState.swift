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

    /// The current checkpoint format: 2 since the learner's experimental settings are grouped
    /// (`config.experimental`) and every config key is required; 1 before (`decode` reads both).
    public static let currentFormatVersion = 2

    /// A state.json of a format version this code does not read.
    public struct UnknownFormat: Error { public let version: Int }

    /// Decodes a state.json of any format version this code knows, bringing an older one to
    /// the current format first (`migratedFromVersion1`); every key of the result is required.
    public static func decode(_ data: Data) throws -> CheckpointState {
        let tree = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        switch tree?["formatVersion"] as? Int {
        case currentFormatVersion?:
            return try JSONDecoder().decode(CheckpointState.self, from: data)
        case 1?:
            let migrated = try JSONSerialization.data(withJSONObject: migratedFromVersion1(tree ?? [:]))
            return try JSONDecoder().decode(CheckpointState.self, from: migrated)
        case let version?:
            throw UnknownFormat(version: version)
        case nil:
            return try JSONDecoder().decode(CheckpointState.self, from: data)  // names what is missing
        }
    }

    /// Format 1 to 2: the config's experimental settings move into `config.experimental`, and a
    /// config key the state lacks (a setting added after it was written) gets the value format 1
    /// read it as, the published default listed in `version1ConfigDefaults`.
    static func migratedFromVersion1(_ state: [String: Any]) -> [String: Any] {
        var state = state, config = state["config"] as? [String: Any] ?? [:]
        for (key, value) in version1ConfigDefaults where config[key] == nil { config[key] = value }
        var experimental: [String: Any] = [:]
        for key in version1ExperimentalKeys { experimental[key] = config.removeValue(forKey: key) }
        config["experimental"] = experimental
        state["config"] = config
        state["formatVersion"] = 2
        return state
    }

    /// The config keys of format 1 that moved into `config.experimental` in format 2.
    static let version1ExperimentalKeys = ["freezeNormalizer", "valueLossOnAllSteps", "actorFreezeIterations",
                                           "imitationWeight", "imitationDecay"]

    /// What format 1 read a missing config key as (the published values; fixed, whatever the
    /// defaults become).
    static var version1ConfigDefaults: [String: Any] { [
        "envCount": 1024, "stepsPerRollout": 8, "chunkLength": 2, "objective": "chunked", "gamma": 0.96,
        "gaeLambda": 0.95, "clipCoef": 0.2, "valueCoef": 2.0, "entropyCoef": 0, "maxGradNorm": 1.0,
        "targetKL": 0.016, "klTargetPerStep": false, "adaptiveLearningRate": true, "minLearningRate": 1e-5,
        "maxLearningRate": 1e-2, "updateEpochs": 5, "minibatchCount": 4, "learningRate": 3e-4,
        "adamEpsilon": 1e-8, "actorHiddenSizes": [1024, 1024, 512, 512], "criticHiddenSizes": [1024, 1024, 512, 512],
        "activation": "elu", "initStd": 0.8, "initStdPrefix": [Double](), "observationClip": 5,
        "normalizeObservations": false, "freezeNormalizer": false, "bootstrapTimeouts": true,
        "valueLossOnAllSteps": false, "advantageNormalization": "batch", "clipActions": true,
        "actorFreezeIterations": 0, "imitationWeight": 0, "imitationDecay": 1,
    ] }

    /// FNV-1a 64-bit hash of `bytes`, lowercase hex.
    public static func checksum(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return String(hash, radix: 16)
    }
}
