import Foundation
import SimWorld

/// The files of one training run: config.json, metrics.csv, train.log, checkpoints/, eval.json.
public struct RunDirectory: Sendable {
    /// Root folder.
    public let root: URL

    public init(_ path: String) { root = URL(fileURLWithPath: path) }

    /// The run a checkpoint folder belongs to: two levels up when it sits in a run's
    /// checkpoints/ (iter_N, best), else the folder itself.
    public static func owning(checkpoint folder: URL) -> RunDirectory {
        let parent = folder.deletingLastPathComponent()
        return RunDirectory((parent.lastPathComponent == "checkpoints" ? parent.deletingLastPathComponent() : folder).path)
    }

    /// Resolved configuration.
    public var config: URL { root.appendingPathComponent("config.json") }
    /// One CSV row per iteration.
    public var metrics: URL { root.appendingPathComponent("metrics.csv") }
    /// Plain progress lines.
    public var log: URL { root.appendingPathComponent("train.log") }
    /// Checkpoint folders.
    public var checkpoints: URL { root.appendingPathComponent("checkpoints") }
    /// Name of the newest complete checkpoint folder.
    public var latest: URL { checkpoints.appendingPathComponent("latest.txt") }
    /// Copy of the checkpoint with the best selection success (TrainConfig.selectionObjects).
    public var best: URL { checkpoints.appendingPathComponent("best") }
    /// Final evaluation.
    public var evaluation: URL { root.appendingPathComponent("eval.json") }
    /// The final evaluation's success by object category and split (Markdown).
    public var categories: URL { root.appendingPathComponent("eval-categories.md") }

    /// Folder of the checkpoint taken after `iteration` iterations.
    public func checkpoint(_ iteration: Int) -> URL {
        checkpoints.appendingPathComponent(String(format: "iter_%06d", iteration))
    }

    /// The newest complete checkpoint, or nil.
    public func latestCheckpoint() -> URL? {
        guard let name = try? String(contentsOf: latest, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines),
              !name.isEmpty else { return nil }
        return checkpoints.appendingPathComponent(name)
    }

    /// Creates the folders.
    public func create() throws {
        try FileManager.default.createDirectory(at: checkpoints, withIntermediateDirectories: true)
    }
}
