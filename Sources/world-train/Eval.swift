import ArgumentParser
import AssetImport
import DurableFiles
import Foundation
import Training

/// Evaluates a checkpoint with the deterministic protocol.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Deterministic evaluation of a checkpoint on one split.")

    @Option(help: "Checkpoint folder (runs/X/checkpoints/iter_N) or a run directory (its latest checkpoint).")
    var checkpoint: String
    @Option(help: "train, seen or unseen (the built-in objects have one split: all of them); with --library also any split of that library.")
    var split: String = "train"
    @Option(help: "Evaluate on this object library (e.g. one written by asset-import import) instead of the run's own.")
    var library: String?
    @Option(help: "Also write the result (per-object reached and held success, graded measures) to this JSON file.")
    var json: String?
    @Option(help: "Episodes per object.")
    var episodes: Int = 10
    @Option(help: "Parallel evaluation envs (under mpirun: in all, split over the ranks; same result as one process).")
    var envs: Int = 64
    @Option(help: "Threads.")
    var threads: Int = 2

    func run() throws {
        guard episodes >= 1 else { throw ValidationError("--episodes must be >= 1") }
        let result = try Evaluation.run(checkpoint: checkpoint, split: split, library: library, episodesPerObject: episodes, envCount: envs,
                                        threads: threads, communicator: Job.communicator)
        guard Job.isRoot else { return }
        for (name, rate) in result.perObject.sorted(by: { $0.key < $1.key }) {
            let held = result.perObjectHeld?[name].map { String(format: "  held %5.1f %%", 100 * $0) } ?? ""
            print(name.padding(toLength: 28, withPad: " ", startingAt: 0) + String(format: "%6.1f %%", 100 * rate) + held)
        }
        if let json { try AtomicFile.writeJSON(result, to: json) }
        print(String(format: "split %@: success %.1f %% over %d objects, %d episodes", result.split, 100 * result.successRate,
                     result.perObject.count, result.episodes) + result.gradedSummary)
    }
}
