import DurableFiles
import Foundation

// MARK: - Checkpoints

extension PPOAgent {
    /// File holding the tensors inside a checkpoint directory.
    public static let tensorFileName = "tensors.safetensors"
    /// File holding the rest of the state (written last: it commits the checkpoint).
    public static let stateFileName = "state.json"

    /// Every run env's noise-generator words in run env order, from every rank (a collective:
    /// every rank calls it; the result goes to `saveCheckpoint`).
    public func gatherNoiseStreams() -> [UInt64] {
        let mine = noiseStreams.flatMap(\.words)
        guard communicator.size > 1 else { return mine }
        let bytes = mine.withUnsafeBytes { Array($0) }
        return communicator.allgather(bytes, what: "noise streams").flatMap { part in
            part.withUnsafeBytes { Array($0.bindMemory(to: UInt64.self)) }
        }
    }

    /// Saves the full training state (weights, log-std, Adam moments and step, normaliser,
    /// learning rate, RNGs, counters) into `directory`, atomically per file. Must be called
    /// between rollouts (after `update`, before the next `act`). `noiseStreams` are every run
    /// env's (`gatherNoiseStreams`; nil = this agent's own, which are all of them in one process).
    public func saveCheckpoint(to directory: URL, noiseStreams runStreams: [UInt64]? = nil) throws {
        guard rollout.cursor == 0 else {
            throw CheckpointError(file: directory.path, problem: "cannot save in the middle of a rollout (\(rollout.cursor) steps recorded)")
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try saveMixture(to: directory)
        let bytes = SafeTensors.encode(namedTensors(), metadata: ["format": "acppo-learning"])
        try AtomicFile.write(bytes, to: directory.appendingPathComponent(Self.tensorFileName).path)
        var runConfig = config
        runConfig.envCount = share.total
        var state = CheckpointState(
            formatVersion: CheckpointState.currentFormatVersion, config: runConfig,
            observationDim: observationDim, actionDim: actionDim,
            learningRateBits: learningRate.bitPattern, adamStepCount: optimizer.stepCount,
            generatorState: generator.words.map { String($0, radix: 16) }, iteration: iteration,
            totalEnvSteps: totalEnvSteps, normalizerCount: normalizer?.count,
            tensorFileBytes: bytes.count, tensorFileChecksum: CheckpointState.checksum(bytes))
        state.normalizerMoments = normalizer.map { $0.moments.map { String($0.bitPattern, radix: 16) } }
        state.noiseStreams = (runStreams ?? noiseStreams.flatMap(\.words)).map { String($0, radix: 16) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(state), to: directory.appendingPathComponent(Self.stateFileName).path)
    }

    /// Builds an agent from the checkpoint in `directory` (config and sizes from the file).
    public static func loadCheckpoint(from directory: URL) throws -> PPOAgent {
        let state = try readState(directory)
        let agent: PPOAgent
        do {
            agent = try PPOAgent(config: state.config, observationDim: state.observationDim,
                                 actionDim: state.actionDim, seed: 0)
        } catch {
            throw CheckpointError(file: directory.appendingPathComponent(stateFileName).path,
                                  problem: "invalid configuration: \(error)")
        }
        try agent.restore(state, directory: directory)
        if let mixture = try loadMixture(from: directory, observationDim: state.observationDim) {
            do { try agent.attach(mixture) } catch {
                throw CheckpointError(file: directory.appendingPathComponent("mixture.json").path, problem: "\(error)")
            }
        }
        return agent
    }

    /// Restores this agent from `directory`; refuses a checkpoint whose config or sizes differ.
    public func restoreCheckpoint(from directory: URL) throws {
        let state = try Self.readState(directory)
        let statePath = directory.appendingPathComponent(Self.stateFileName).path
        guard state.observationDim == observationDim, state.actionDim == actionDim else {
            throw CheckpointError(file: statePath, problem: "sizes obs \(state.observationDim) / act \(state.actionDim) do not match this agent's \(observationDim) / \(actionDim)")
        }
        var runConfig = config
        runConfig.envCount = share.total
        guard state.config == runConfig else {
            throw CheckpointError(file: statePath, problem: "its PPOConfig differs from this agent's")
        }
        try restoreMixture(from: directory)
        try restore(state, directory: directory)
    }

    /// Named tensors of the full state, in a fixed order.
    func namedTensors() -> [(name: String, tensor: SafeTensor)] {
        var tensors: [(String, SafeTensor)] = []
        let sources = [("", networks.parameters), ("adam.m.", optimizer.firstMoment), ("adam.v.", optimizer.secondMoment)]
        for (prefix, buffer) in sources {
            for entry in networks.tensorLayout {
                let count = entry.shape.reduce(1, *)
                let values = Array(UnsafeBufferPointer(start: buffer.pointer + entry.offset, count: count))
                tensors.append((prefix + entry.name, SafeTensor(shape: entry.shape, values: values)))
            }
        }
        if let normalizer {
            tensors.append(("obs_norm.mean", SafeTensor(shape: [observationDim], values: normalizer.mean.toArray())))
            tensors.append(("obs_norm.var", SafeTensor(shape: [observationDim], values: normalizer.variance.toArray())))
        }
        return tensors
    }

    /// Reads and decodes `state.json`.
    static func readState(_ directory: URL) throws -> CheckpointState {
        let url = directory.appendingPathComponent(stateFileName)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw CheckpointError(file: url.path, problem: "missing or unreadable")
        }
        do {
            return try CheckpointState.decode(data)
        } catch let error as CheckpointState.UnknownFormat {
            throw CheckpointError(file: url.path, problem: "format version \(error.version), expected \(CheckpointState.currentFormatVersion)")
        } catch {
            throw CheckpointError(file: url.path, problem: "not a valid checkpoint state (\(error))")
        }
    }

    /// Verifies the tensor file against `state` and copies every tensor and scalar in.
    private func restore(_ state: CheckpointState, directory: URL) throws {
        let url = directory.appendingPathComponent(Self.tensorFileName)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw CheckpointError(file: url.path, problem: "missing or unreadable")
        }
        let bytes = [UInt8](data)
        guard bytes.count == state.tensorFileBytes, CheckpointState.checksum(bytes) == state.tensorFileChecksum else {
            throw CheckpointError(file: url.path, problem: "size or checksum does not match state.json (\(bytes.count) bytes, expected \(state.tensorFileBytes)); truncated, corrupt or from another checkpoint")
        }
        let tensors = try SafeTensors.decode(bytes, file: url.path)
        let words = state.generatorState.compactMap { UInt64($0, radix: 16) }
        guard words.count == 4, words != [0, 0, 0, 0] else {
            throw CheckpointError(file: directory.appendingPathComponent(Self.stateFileName).path, problem: "invalid generator state")
        }
        for (name, expected) in namedTensors() {
            guard let tensor = tensors[name] else { throw CheckpointError(file: url.path, problem: "tensor '\(name)' is missing") }
            guard tensor.shape == expected.shape, tensor.dtype == .f32 else {
                throw CheckpointError(file: url.path, problem: "tensor '\(name)' has shape \(tensor.shape) of \(tensor.dtype.rawValue), expected \(expected.shape) of F32")
            }
        }
        let streams = try Self.noiseWords(state, directory: directory)
        if let streams, streams.count != 4 * share.total {
            throw CheckpointError(file: directory.appendingPathComponent(Self.stateFileName).path,
                                  problem: "it holds noise streams of \(streams.count / 4) envs, this run has \(share.total)")
        }
        try copyTensors(tensors, state: state)
        learningRate = Float(bitPattern: state.learningRateBits)
        optimizer.stepCount = state.adamStepCount
        generator = RandomGenerator(state: (words[0], words[1], words[2], words[3]))
        if let streams {
            noiseStreams = share.range.map { e in RandomGenerator(state: (streams[4 * e], streams[4 * e + 1], streams[4 * e + 2], streams[4 * e + 3])) }
        }
        iteration = state.iteration
        totalEnvSteps = state.totalEnvSteps
    }

    /// The noise-stream words of `state` (nil when it has none); throws on bad hex or a zero state.
    private static func noiseWords(_ state: CheckpointState, directory: URL) throws -> [UInt64]? {
        guard let text = state.noiseStreams else { return nil }
        let words = text.compactMap { UInt64($0, radix: 16) }
        let valid = words.count == text.count && words.count % 4 == 0
            && stride(from: 0, to: words.count, by: 4).allSatisfy { words[$0 ..< $0 + 4].contains { $0 != 0 } }
        guard valid else {
            throw CheckpointError(file: directory.appendingPathComponent(stateFileName).path, problem: "invalid noise streams")
        }
        return words
    }

    /// Copies validated tensors into the parameter, Adam and normaliser buffers.
    private func copyTensors(_ tensors: [String: SafeTensor], state: CheckpointState) throws {
        let targets = [("", networks.parameters), ("adam.m.", optimizer.firstMoment), ("adam.v.", optimizer.secondMoment)]
        for (prefix, buffer) in targets {
            for entry in networks.tensorLayout {
                let values = tensors[prefix + entry.name]!.values
                values.withUnsafeBufferPointer { source in
                    // SAFETY: shape checked equal to the layout entry, so count fits the slice.
                    (buffer.pointer + entry.offset).update(from: source.baseAddress!, count: values.count)
                }
            }
        }
        guard let normalizer else { return }
        if let text = state.normalizerMoments {
            let moments = text.compactMap { UInt64($0, radix: 16) }.map(Double.init(bitPattern:))
            guard moments.count == text.count, moments.count == 1 + 2 * observationDim else {
                throw CheckpointError(file: "state.json", problem: "normalizerMoments holds \(text.count) values, expected \(1 + 2 * observationDim)")
            }
            normalizer.restore(moments: moments)
        } else {
            normalizer.restore(mean: tensors["obs_norm.mean"]!.values, variance: tensors["obs_norm.var"]!.values,
                               count: state.normalizerCount ?? 0)
        }
    }
}
