import DurableFiles
import Foundation
import Learning
import SimWorld

/// Evaluation of a run's checkpoints on its splits, and the protocol's split names.
public enum Evaluation {
    /// Library split behind a protocol split name (train, seen, unseen).
    public static func librarySplit(_ name: String) throws -> String {
        switch name {
        case "train": return SplitPlan.train
        case "seen": return SplitPlan.seenTest
        case "unseen": return SplitPlan.unseenTest
        default: throw ConfigFileError("split must be train, seen or unseen, got '\(name)'")
        }
    }

    /// The objects to evaluate a run's checkpoint on: split `split` of the run's own library
    /// (train, seen, unseen), or, with `library`, any split of that library (the protocol names
    /// or the library's own, e.g. one written by `asset-import import`); the run's radius limit
    /// applies to its own library only. A policy that sees shape codes is refused objects that
    /// have none (they would read as zeros).
    static func objects(config: TrainConfig, split: String, library: String?) throws -> [ObjectAsset] {
        let assets: [ObjectAsset]
        if let library {
            let name = (try? librarySplit(split)) ?? split
            assets = try ObjectSet.load(library: library, split: name)
        } else {
            assets = try ObjectSet.load(config: config, split: try librarySplit(split))
        }
        if config.task.observationMode == .full, let bare = assets.first(where: { $0.shapeCode == nil }) {
            throw ConfigFileError("split '\(split)' of \(library ?? config.library ?? "the built-in objects"): object '\(bare.name)' has no shape code, which this policy's observations include; fill them with `asset-import encode --library \(library ?? config.library ?? "DIR")`")
        }
        return assets
    }

    /// At most `limit` objects of a split, spread evenly over it (deterministic).
    static func subset(_ assets: [ObjectAsset], limit: Int) -> [ObjectAsset] {
        guard assets.count > limit, limit > 0 else { return assets }
        return (0..<limit).map { assets[$0 * assets.count / limit] }
    }

    /// Deterministic evaluation of `agent` on train, and seen / unseen when `config` names a
    /// library (the built-ins have one split): the config's objects, task, episodes per object,
    /// object limit and threads, `envCount` envs at a time; every result names `checkpoint`.
    static func splits(agent: PPOAgent, config: TrainConfig, envCount: Int, checkpoint: String,
                       communicator: Communicator = SingleProcess()) throws -> [Evaluator.Result] {
        try (config.library == nil ? ["train"] : ["train", "seen", "unseen"]).map { split in
            let assets = subset(try ObjectSet.load(config: config, split: try librarySplit(split)), limit: config.evalObjects)
            var result = try Evaluator.evaluate(agent: agent, assets: assets, split: split, task: config.task,
                                                episodesPerObject: config.evalEpisodesPerObject, envCount: envCount, threads: config.threads,
                                                communicator: communicator)
            result.checkpoint = checkpoint
            return result
        }
    }

    /// Evaluates the checkpoint folder (or a run directory's latest checkpoint) on `split` of
    /// the run's library, or of `library` when given (`objects(config:split:library:)`).
    public static func run(checkpoint path: String, split: String, library: String? = nil, episodesPerObject: Int, envCount: Int,
                           threads: Int, communicator: Communicator = SingleProcess()) throws -> Evaluator.Result {
        var folder = URL(fileURLWithPath: path)
        if let latest = RunDirectory(path).latestCheckpoint() { folder = latest }
        let config = try ConfigOverrides.resolve(file: RunDirectory.owning(checkpoint: folder).config.path)
        BLAS.setThreadCount(threads)
        let agent = try PPOAgent.loadCheckpoint(from: folder)
        let assets = subset(try objects(config: config, split: split, library: library), limit: config.evalObjects)
        return try Evaluator.evaluate(agent: agent, assets: assets, split: split, task: config.task,
                                      episodesPerObject: episodesPerObject, envCount: envCount, threads: threads,
                                      communicator: communicator)
    }
}

extension Trainer {
    /// The end-of-training evaluation of the best checkpoint (or of the final weights when
    /// selection is off): train split, and seen / unseen when training on a library; written
    /// to eval.json.
    public func evaluateFinal() throws -> [Evaluator.Result] {
        guard config.evalEpisodesPerObject > 0 else { return [] }
        var agent = self.agent
        var source = "final weights (iteration \(state.iteration))"
        if let iteration = state.bestIteration, let success = state.bestSuccess,
           FileManager.default.fileExists(atPath: run.best.path) {
            agent = try PPOAgent.loadCheckpoint(from: run.best)
            source = String(format: "checkpoints/best (iteration %d, selection success (\(config.selectionMeasure.rawValue)) %.3f)", iteration, success)
        }
        let results = try Evaluation.splits(agent: agent, config: config, envCount: min(config.envCount, 256), checkpoint: source,
                                            communicator: communicator)
        if communicator.isRoot {
            try AtomicFile.writeJSON(results, to: run.evaluation.path)
            let tables = [RunSummary.categoryTable(results), RunSummary.sizeTable(results)].compactMap { $0 }
            try AtomicFile.write(Data((tables.joined(separator: "\n\n") + "\n").utf8), to: run.categories.path)
        }
        return results
    }
}

/// The summary printed at the end of a run.
public enum RunSummary {
    /// Human-readable summary of a finished run.
    public static func text(config: TrainConfig, trainer: Trainer, results: [Evaluator.Result]) -> String {
        let s = trainer.state
        var lines = [String(format: "done: %d iterations, %d env steps in %.0f s (%.0f env-steps/s); last training success %.2f",
                            s.iteration, s.envSteps, s.wallSeconds, Double(s.envSteps) / max(s.wallSeconds, 1e-9), s.successRate)]
        for r in results {
            lines.append(String(format: "eval %@: success %.1f %% (%d objects, %d deterministic episodes)", r.split,
                                100 * r.successRate, r.perObject.count, r.episodes) + r.gradedSummary)
        }
        for base in trainer.bases {
            let splits = base.evaluations.map { String(format: "%@ %.1f %%", $0.split, 100 * $0.successRate) }.joined(separator: ", ")
            lines.append("base policy \(base.index) (trained on \(base.object), \(base.envSteps) env steps): \(splits.isEmpty ? "not evaluated" : splits)")
        }
        if !trainer.bases.isEmpty {
            let steps = trainer.bases.map(\.envSteps).reduce(0, +)
            lines.append("env steps with the base policies': \(steps + s.envSteps)")
        }
        if let source = results.first?.checkpoint { lines.append("evaluated: \(source)") }
        if !results.isEmpty { lines.append(categoryTable(results)) }
        if let sizes = sizeTable(results) { lines.append(sizes) }
        lines.append("files: \(trainer.run.root.path)/{config.json, metrics.csv, train.log, checkpoints/, eval.json, eval-categories.md}")
        return lines.joined(separator: "\n")
    }

    /// A Markdown table of success by object category (rows) and split (columns), each cell the
    /// mean of its objects' reached success in %, then held success when measured, with the
    /// object count; the category is an object name's text before its first "-"
    /// (`cup-train-0152`, `box-30x30x30`).
    public static func categoryTable(_ results: [Evaluator.Result]) -> String {
        func category(_ name: String) -> String { String(name.prefix { $0 != "-" }) }
        func mean(_ rates: [Float]) -> Float { 100 * rates.reduce(0, +) / Float(rates.count) }
        let categories = Set(results.flatMap { $0.perObject.keys.map(category) }).sorted()
        var lines = ["| category | " + results.map(\.split).joined(separator: " | ") + " |",
                     "|---|" + String(repeating: "---|", count: results.count)]
        for c in categories {
            let cells = results.map { r -> String in
                let rates = r.perObject.filter { category($0.key) == c }.map(\.value)
                guard !rates.isEmpty else { return "-" }
                let held = r.perObjectHeld.map { String(format: " / %.1f", mean($0.filter { category($0.key) == c }.map(\.value))) } ?? ""
                return String(format: "%.1f", mean(rates)) + held + " (\(rates.count))"
            }
            lines.append("| \(c) | " + cells.joined(separator: " | ") + " |")
        }
        let measures = results.contains { $0.perObjectHeld != nil } ? " (reached / held)" : ""
        return "success %\(measures) by category (objects):\n" + lines.joined(separator: "\n")
    }

    /// The same table by object size (`SizeBins`, rows) and split (columns); nil when no result
    /// knows its objects' sizes.
    public static func sizeTable(_ results: [Evaluator.Result]) -> String? {
        guard results.contains(where: { $0.perObjectRadius != nil }) else { return nil }
        var lines = ["| bounding radius | " + results.map(\.split).joined(separator: " | ") + " |",
                     "|---|" + String(repeating: "---|", count: results.count)]
        for (b, label) in SizeBins.labels.enumerated() {
            let cells = results.map { r -> String in
                guard let radii = r.perObjectRadius else { return "-" }
                let names = r.perObject.keys.filter { radii[$0].map(SizeBins.bin) == b }
                guard !names.isEmpty else { return "-" }
                let reached = SizeBins.means(r.perObject, radii: radii)[label] ?? 0
                let held = r.perObjectHeld.map { String(format: " / %.1f", 100 * (SizeBins.means($0, radii: radii)[label] ?? 0)) } ?? ""
                return String(format: "%.1f", 100 * reached) + held + " (\(names.count))"
            }
            guard cells.contains(where: { $0 != "-" }) else { continue }
            lines.append("| \(label) | " + cells.joined(separator: " | ") + " |")
        }
        return "success % (reached / held) by object size (objects):\n" + lines.joined(separator: "\n")
    }
}

extension Evaluator.Result {
    /// ", held H %, lifted L %, peak rise P cm, closest to goal C cm" for what was measured, else empty.
    public var gradedSummary: String {
        let held = heldRate.map { String(format: ", held %.1f %%", 100 * $0) } ?? ""
        guard let lifted = liftedRate, let peak = peakLift else { return held }
        return held + String(format: ", lifted %.1f %%, peak rise %.1f cm", 100 * lifted, 100 * peak)
            + (closestGoal.map { String(format: ", closest to goal %.1f cm", 100 * $0) } ?? "")
    }
}
