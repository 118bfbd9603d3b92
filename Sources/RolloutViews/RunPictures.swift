import Foundation
import RenderKit
import SimWorld
import Training

/// The pictures a finished `world-train` run ends with, in `<run>/pictures/`: one training
/// curve per metric (`<metric>.png`) and a rollout contact sheet of the run's best policy
/// beside the scripted grasp on a few training objects (`rollout/sheet.png`, also added to the
/// run's TensorBoard event file as the image `rollout/sheet`).
public enum RunPictures {
    /// The folder the pictures go to.
    public static func folder(_ run: RunDirectory) -> String {
        run.root.appendingPathComponent("pictures").path
    }

    /// Writes the curves and the rollout sheet; returns every PNG written. `objects` is how
    /// many training objects the sheet shows (one per category while categories last),
    /// `steps` how many control steps each rollout runs (60 Hz).
    public static func write(run: RunDirectory, config: TrainConfig, objects: Int = 3, steps: Int = 200,
                             log: (String) -> Void = { _ in }) throws -> [String] {
        let out = folder(run)
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        var paths: [String] = []
        let label = run.root.lastPathComponent
        for metric in CurveMetric.allCases {
            let plot = try TrainingCurves.plot([RunArgument(label: label, directories: [run.root.path])], metric: metric)
            let path = (out as NSString).appendingPathComponent("\(metric.rawValue).png")
            try PNGFile.write(plot.render(), to: path)
            paths.append(path)
        }
        let checkpoint = FileManager.default.fileExists(atPath: run.best.path) ? run.best.path : run.root.path
        var job = RolloutJob(policies: [try CheckpointPolicy(path: checkpoint), try PolicyCatalog.make("scripted", seed: config.seed)],
                             objects: sheetObjects(try ObjectSet.load(config: config, split: config.trainSplit), count: objects),
                             hand: try HandDescription.shadowHand(),
                             outDirectory: (out as NSString).appendingPathComponent("rollout"))
        job.seed = config.seed
        job.every = 0
        job.steps = steps
        paths += try job.run(log: log).paths
        try run.addTensorBoardImage(tag: "rollout/sheet", png: (out as NSString).appendingPathComponent("rollout/sheet.png"), step: config.iterations)
        return paths
    }

    /// The first `count` objects, taking one per category before repeating a category.
    static func sheetObjects(_ assets: [ObjectAsset], count: Int) -> [ObjectChoice] {
        var seen = Set<String>(), firsts: [ObjectAsset] = [], rest: [ObjectAsset] = []
        for asset in assets {
            if seen.insert(asset.category).inserted { firsts.append(asset) } else { rest.append(asset) }
        }
        return (firsts + rest).prefix(max(1, count)).map { ObjectChoice(name: $0.name, asset: $0) }
    }
}
