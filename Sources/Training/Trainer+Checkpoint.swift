import Foundation
import Learning
import SimWorld

extension Trainer {
    /// Writes checkpoints/iter_N (learner tensors and state, world columns, trainer counters)
    /// into a temporary folder renamed into place, then points latest.txt at it. The physics
    /// is rebuilt from the saved columns, exactly as a resume will rebuild it.
    /// Returns the checkpoint's selection success (nil without selection objects).
    @discardableResult
    func checkpoint() throws -> Float? {
        let fm = FileManager.default
        let (selection, improved) = try selectCheckpoint()
        let final = run.checkpoint(state.iteration)
        let temporary = run.checkpoints.appendingPathComponent(".tmp-" + final.lastPathComponent)
        try? fm.removeItem(at: temporary)
        try fm.createDirectory(at: temporary, withIntermediateDirectories: true)
        try agent.saveCheckpoint(to: temporary)
        let world = SafeTensors.encode(WorldSnapshot.tensors(of: self.world))
        try Data(world).write(to: temporary.appendingPathComponent("world.safetensors"))
        try JSONEncoder().encode(state).write(to: temporary.appendingPathComponent("trainer.json"))
        try? fm.removeItem(at: final)
        try fm.moveItem(at: temporary, to: final)
        try AtomicFile.write(Data(final.lastPathComponent.utf8), to: run.latest.path)
        if improved { try copyFolder(final, to: run.best) }
        try self.world.rebuildPhysics()
        return selection
    }

    /// One deterministic episode on each selection object; records a new best (ties go to the
    /// later checkpoint); returns the success rate and whether this checkpoint is the best.
    private func selectCheckpoint() throws -> (success: Float?, improved: Bool) {
        guard !selectionAssets.isEmpty else { return (nil, false) }
        let result = try Evaluator.evaluate(agent: agent, assets: selectionAssets, split: "train", task: config.task,
                                            episodesPerObject: 1, envCount: min(selectionAssets.count, 256),
                                            threads: config.threads, seed: 2000)
        guard result.successRate >= (state.bestSuccess ?? 0) else { return (result.successRate, false) }
        state.bestSuccess = result.successRate
        state.bestIteration = state.iteration
        return (result.successRate, true)
    }

    /// Replaces `destination` with a copy of `source` (copied under a temporary name, then renamed).
    private func copyFolder(_ source: URL, to destination: URL) throws {
        let fm = FileManager.default
        let temporary = destination.deletingLastPathComponent().appendingPathComponent(".tmp-" + destination.lastPathComponent)
        try? fm.removeItem(at: temporary)
        try fm.copyItem(at: source, to: temporary)
        try? fm.removeItem(at: destination)
        try fm.moveItem(at: temporary, to: destination)
    }

    /// Restores learner, world and counters from a checkpoint folder.
    static func restore(_ folder: URL, world: World, agent: PPOAgent) throws -> TrainerState {
        try agent.restoreCheckpoint(from: folder)
        let worldFile = folder.appendingPathComponent("world.safetensors")
        guard let bytes = FileManager.default.contents(atPath: worldFile.path) else {
            throw CheckpointError(file: worldFile.path, problem: "missing")
        }
        try WorldSnapshot.restore(world, from: SafeTensors.decode([UInt8](bytes), file: worldFile.path), file: worldFile.path)
        try world.rebuildPhysics()
        return try counters(in: folder)
    }

    /// The counters (trainer.json) of a checkpoint folder, without building a world or agent.
    static func counters(in folder: URL) throws -> TrainerState {
        let stateFile = folder.appendingPathComponent("trainer.json")
        do {
            return try JSONDecoder().decode(TrainerState.self, from: Data(contentsOf: stateFile))
        } catch {
            throw CheckpointError(file: stateFile.path, problem: "unreadable (\(error))")
        }
    }
}
