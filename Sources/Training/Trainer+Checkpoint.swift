import DurableFiles
import Foundation
import Learning
import SimWorld

extension Trainer {
    /// Writes checkpoints/iter_N (learner tensors and state, world columns, trainer counters;
    /// every file fsynced) into a temporary folder renamed into place, then points latest.txt at it. The physics
    /// is rebuilt from the saved columns, exactly as a resume will rebuild it.
    /// Returns the checkpoint's selection success (nil without selection objects).
    /// In a data-parallel job every rank calls it: the ranks' learner states are checked equal,
    /// every rank's world rows and noise streams are gathered, and rank 0 writes them as one
    /// run-wide checkpoint.
    @discardableResult
    func checkpoint() throws -> Float? {
        let (selection, improved) = try selectCheckpoint()
        try checkRanksAgree()
        let streams = agent.gatherNoiseStreams()
        let worldTensors = WorldSnapshot.gathered(world, communicator)
        state.ranks = communicator.size > 1 ? communicator.size : nil
        if communicator.isRoot { try write(streams: streams, world: worldTensors, improved: improved) }
        try self.world.rebuildPhysics()
        return selection
    }

    /// Writes checkpoints/iter_N from the gathered state and points latest.txt (and best) at it.
    private func write(streams: [UInt64], world: [(name: String, tensor: SafeTensor)], improved: Bool) throws {
        let fm = FileManager.default
        let final = run.checkpoint(state.iteration)
        let temporary = run.checkpoints.appendingPathComponent(".tmp-" + final.lastPathComponent)
        try? fm.removeItem(at: temporary)
        try fm.createDirectory(at: temporary, withIntermediateDirectories: true)
        try agent.saveCheckpoint(to: temporary, noiseStreams: streams)
        try AtomicFile.write(SafeTensors.encode(world), to: temporary.appendingPathComponent("world.safetensors").path)
        try AtomicFile.write(try JSONEncoder().encode(state), to: temporary.appendingPathComponent("trainer.json").path)
        try AtomicFile.moveIntoPlace(temporary.path, final.path)
        try AtomicFile.write(Data(final.lastPathComponent.utf8), to: run.latest.path)
        if improved { try copyFolder(final, to: run.best) }
        if config.keepCheckpoints > 0 { try removeOldCheckpoints(keeping: config.keepCheckpoints) }
    }

    /// Deletes all but the `count` newest checkpoints/iter_N folders (after latest.txt points
    /// at the newest, so a resume never meets a deleted one).
    private func removeOldCheckpoints(keeping count: Int) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: run.checkpoints.path)
            .filter { $0.hasPrefix("iter_") }.sorted()
        for name in names.dropLast(count) {
            try FileManager.default.removeItem(at: run.checkpoints.appendingPathComponent(name))
        }
    }

    /// Throws, on every rank, when the ranks' learner states differ (they never should: every
    /// rank applies the same summed gradients).
    private func checkRanksAgree() throws {
        let sums = communicator.allgather(agent.stateChecksum(), what: "learner checksum")
        guard Set(sums).count > 1 else { return }
        let listed = sums.enumerated().map { "rank \($0.offset): \(String($0.element, radix: 16))" }.joined(separator: ", ")
        throw CheckpointError(file: run.checkpoint(state.iteration).path,
                              problem: "the ranks' learner states differ at iteration \(state.iteration) (\(listed)); not written")
    }

    /// The selection episodes (`TrainConfig.selectionObjects`); records a new best (ties go to
    /// the later checkpoint); returns the success rate and whether this checkpoint is the best.
    private func selectCheckpoint() throws -> (success: Float?, improved: Bool) {
        guard !selectionAssets.isEmpty else { return (nil, false) }
        let episodes = max(1, config.selectionObjects / selectionAssets.count)
        let result = try Evaluator.evaluate(agent: agent, assets: selectionAssets, split: "train", task: config.task,
                                            episodesPerObject: episodes, envCount: min(episodes * selectionAssets.count, 256),
                                            threads: config.threads, seed: 2000, communicator: communicator)
        let success = config.selectionMeasure.score(result)
        guard success >= (state.bestSuccess ?? 0) else { return (success, false) }
        state.bestSuccess = success
        state.bestIteration = state.iteration
        return (success, true)
    }

    /// Replaces `destination` with a copy of `source` (copied under a temporary name, every
    /// file fsynced, then moved into place).
    private func copyFolder(_ source: URL, to destination: URL) throws {
        let fm = FileManager.default
        let temporary = destination.deletingLastPathComponent().appendingPathComponent(".tmp-" + destination.lastPathComponent)
        try? fm.removeItem(at: temporary)
        try fm.copyItem(at: source, to: temporary)
        // every file and folder below it (a ResDex checkpoint holds its bases in bases/i)
        for case let name as String in fm.enumerator(atPath: temporary.path) ?? FileManager.DirectoryEnumerator() {
            try AtomicFile.sync(temporary.appendingPathComponent(name).path)
        }
        try AtomicFile.sync(temporary.path)
        try AtomicFile.moveIntoPlace(temporary.path, destination.path)
    }

    /// Restores the newest checkpoint that reads back whole: the one latest.txt names, else the
    /// newest other iter_N folder; returns it with each one passed over and why.
    static func resumeFromNewestValid(_ run: RunDirectory, world: World, agent: PPOAgent,
                                      share: EnvShare) throws -> (TrainerState, skipped: [(name: String, problem: String)]) {
        var skipped: [(name: String, problem: String)] = []
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: run.checkpoints.path)) ?? []
        let older = folders.filter { $0.hasPrefix("iter_") }.sorted(by: >).map { run.checkpoints.appendingPathComponent($0) }
        let latest = run.latestCheckpoint()
        let candidates = (latest.map { [$0] } ?? []) + older.filter { $0.lastPathComponent != latest?.lastPathComponent }
        guard !candidates.isEmpty else { throw CheckpointError(file: run.latest.path, problem: "no checkpoint to resume from") }
        for folder in candidates {
            do {
                return (try restore(folder, world: world, agent: agent, share: share), skipped)
            } catch let error as CheckpointError {
                skipped.append((folder.lastPathComponent, "\(error)"))
            }
        }
        let reasons = skipped.map { "\($0.name): \($0.problem)" }.joined(separator: "; ")
        throw CheckpointError(file: run.checkpoints.path, problem: "no checkpoint reads back whole (\(reasons))")
    }

    /// Restores learner, world and counters from a checkpoint folder (this rank's `share` of
    /// its run-wide world rows); refuses a checkpoint written by a job of another rank count.
    static func restore(_ folder: URL, world: World, agent: PPOAgent, share: EnvShare) throws -> TrainerState {
        let counters = try counters(in: folder)
        let written = counters.ranks ?? 1
        guard written == share.ranks else {
            throw RankCountMismatch(description: "checkpoint \(folder.path): written by a job of \(written) rank\(written == 1 ? "" : "s"), resumed by one of \(share.ranks); "
                                    + "resume it with the same count (\(written == 1 ? "without mpirun" : "mpirun -np \(written)"))")
        }
        try agent.restoreCheckpoint(from: folder)
        let worldFile = folder.appendingPathComponent("world.safetensors")
        guard let bytes = FileManager.default.contents(atPath: worldFile.path) else {
            throw CheckpointError(file: worldFile.path, problem: "missing")
        }
        let tensors = try SafeTensors.decode([UInt8](bytes), file: worldFile.path)
        try WorldSnapshot.restore(world, from: WorldSnapshot.rows(of: tensors, share: share), file: worldFile.path)
        try world.rebuildPhysics()
        return counters
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
