import Foundation
import Learning
import SimWorld

extension Trainer {
    /// Writes checkpoints/iter_N (learner tensors and state, world columns, trainer counters)
    /// into a temporary folder renamed into place, then points latest.txt at it. The physics
    /// is rebuilt from the saved columns, exactly as a resume will rebuild it.
    func checkpoint() throws {
        let fm = FileManager.default
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
        try self.world.rebuildPhysics()
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
        let stateFile = folder.appendingPathComponent("trainer.json")
        do {
            return try JSONDecoder().decode(TrainerState.self, from: Data(contentsOf: stateFile))
        } catch {
            throw CheckpointError(file: stateFile.path, problem: "unreadable (\(error))")
        }
    }
}
