import DurableFiles
import Foundation

/// What a checkpoint holds about its base policies (mixture.json); the bases themselves are
/// checkpoints in bases/0, bases/1, ... beside it.
struct MixtureFile: Codable, Equatable {
    /// Base policies.
    var baseCount: Int
    /// Features of the hyper-policy's observation each base sees, in the base's order.
    var inputIndices: [Int]
    /// Whether the hyper-policy outputs a residual action.
    var residual: Bool
}

extension PPOAgent {
    /// Makes this agent a ResDex hyper-policy: its outputs (`actionDim` = `mixture.hyperWidth`)
    /// become the env action through `mixture` in `act`, in evaluation and in every checkpoint
    /// it writes (which then holds the bases).
    public func attach(_ mixture: BaseMixture) throws {
        guard mixture.hyperWidth == actionDim, mixture.observationDim == observationDim else {
            throw ConfigError("PPOAgent.attach: the mixture needs \(mixture.hyperWidth) outputs on \(mixture.observationDim) features; this agent has \(actionDim) on \(observationDim)")
        }
        self.mixture = mixture
        hyperActions = FloatBuffer(count: config.envCount * actionDim)
    }

    /// Action size the env executes: the mixture's |A|, or `actionDim` without one.
    public var envActionDim: Int { mixture?.actionDim ?? actionDim }

    /// Folder of base policy `index` inside checkpoint `directory`.
    static func baseFolder(_ directory: URL, _ index: Int) -> URL {
        directory.appendingPathComponent("bases").appendingPathComponent(String(index))
    }

    /// Writes the bases and mixture.json into checkpoint `directory` (before its state.json).
    func saveMixture(to directory: URL) throws {
        guard let mixture else { return }
        for (i, base) in mixture.bases.enumerated() { try base.saveCheckpoint(to: Self.baseFolder(directory, i)) }
        let file = MixtureFile(baseCount: mixture.bases.count, inputIndices: mixture.inputIndices, residual: mixture.residual)
        try AtomicFile.writeJSON(file, to: directory.appendingPathComponent("mixture.json").path)
    }

    /// The mixture a checkpoint folder holds (nil when it has no mixture.json).
    static func loadMixture(from directory: URL, observationDim: Int) throws -> BaseMixture? {
        let url = directory.appendingPathComponent("mixture.json")
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        let file: MixtureFile
        do { file = try JSONDecoder().decode(MixtureFile.self, from: data) } catch {
            throw CheckpointError(file: url.path, problem: "not a valid mixture description (\(error))")
        }
        let bases = try (0..<file.baseCount).map { try loadCheckpoint(from: baseFolder(directory, $0)) }
        do {
            return try BaseMixture(bases: bases, inputIndices: file.inputIndices, observationDim: observationDim,
                                   residual: file.residual, actionDim: bases.first?.actionDim ?? 0)
        } catch {
            throw CheckpointError(file: url.path, problem: "\(error)")
        }
    }

    /// Restores the bases of this agent's mixture from checkpoint `directory`; refuses a
    /// checkpoint with no bases or another mixture.
    func restoreMixture(from directory: URL) throws {
        let url = directory.appendingPathComponent("mixture.json")
        let present = FileManager.default.fileExists(atPath: url.path)
        guard let mixture else {
            if present { throw CheckpointError(file: url.path, problem: "the checkpoint holds base policies (ResDex); this agent has none") }
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw CheckpointError(file: url.path, problem: "missing: this agent mixes base policies, the checkpoint holds none")
        }
        let file = try? JSONDecoder().decode(MixtureFile.self, from: data)
        let expected = MixtureFile(baseCount: mixture.bases.count, inputIndices: mixture.inputIndices, residual: mixture.residual)
        guard file == expected else {
            throw CheckpointError(file: url.path, problem: "its mixture (\(file.map { "\($0.baseCount) bases, residual \($0.residual)" } ?? "unreadable")) differs from this agent's (\(mixture.bases.count) bases, residual \(mixture.residual))")
        }
        for (i, base) in mixture.bases.enumerated() { try base.restoreCheckpoint(from: Self.baseFolder(directory, i)) }
    }
}
