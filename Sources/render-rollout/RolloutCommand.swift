import ArgumentParser
import Foundation
import RolloutViews
import SimWorld
import Training

/// Runs policies on objects and writes numbered frames and a contact sheet.
struct RolloutCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollout",
        abstract: "Run policies in deterministic worlds; write PNG frames per policy and a contact sheet.")

    @Option(name: .customLong("policy"), help: "Policy to run (repeatable; one sheet row each): \(PolicyCatalog.names.joined(separator: ", ")), or a checkpoint folder / world-train run directory. Default: scripted and random.")
    var policies: [String] = []
    @Option(name: .customLong("object"), help: "Object by name, index or category (repeatable; several make a grid). Built-ins unless --library is given. Default: 0.")
    var objects: [String] = []
    @Option(help: "Object library folder (library.json); objects then come from --split.")
    var library: String?
    @Option(help: "Split of the library to pick objects from.")
    var split = "train"
    @Option(help: "Pick only among objects up to this bounding radius, metres (as a run's objectMaxRadius; indices count these).")
    var objectMaxRadius: Float?
    @Option(help: "Seed of every world (object yaw) and of the random policy.")
    var seed: UInt64 = 0
    @Flag(help: "Place objects at yaw 0 instead of a seeded random yaw.")
    var fixedYaw = false
    @Option(help: "Control steps per rollout (60 Hz).")
    var steps = 200
    @Option(help: "Frames per contact-sheet row, spread evenly from step 0 to the last step.")
    var frames = 6
    @Option(help: "Write every n-th step as a numbered frame (0: no numbered frames).")
    var every = 1
    @Option(help: "Numbered frame width, pixels.")
    var width = 640
    @Option(help: "Numbered frame height, pixels.")
    var height = 480
    @Option(help: "Contact-sheet thumbnail width, pixels.")
    var thumbWidth = 240
    @Option(help: "Contact-sheet thumbnail height, pixels.")
    var thumbHeight = 180
    @Option(help: "Supersampling per axis (1...4; 2 = 4 samples per pixel).")
    var supersampling = 2
    @Option(help: "Threads drawing numbered frames (default: the number of cores).")
    var threads = ProcessInfo.processInfo.activeProcessorCount
    @OptionGroup(title: "Camera")
    var camera: CameraOptions
    @Option(help: "Also write a video of every rollout side by side (objects in rows, policies in columns, each tile --width x --height): FILE.gif, or FILE.mp4 through ffmpeg (Debian's ffmpeg package).")
    var video: String?
    @Option(help: "Control steps per video frame (60 Hz world: 2 gives 30 frames per second, real time).")
    var videoEvery = 2
    @Option(help: "Output folder (created if needed).")
    var out = "renders"

    func run() throws {
        let seed = self.seed
        let job = try makeJob(policies: (policies.isEmpty ? ["scripted", "random"] : policies).map { try PolicyCatalog.make($0, seed: seed) })
        let start = Date()
        let report = try job.run { print($0) }
        print(String(format: "simulate %.2f s, %d frames in %.2f s (%.1f ms/frame), sheets %.2f s, total %.2f s",
                     report.simulateSeconds, report.frameCount, report.frameSeconds,
                     1000 * report.frameSeconds / Double(max(1, report.frameCount)), report.sheetSeconds, Date().timeIntervalSince(start)))
        print("wrote \(report.paths.count) PNGs; sheet: \((out as NSString).appendingPathComponent("sheet.png"))")
    }

    /// The job these options describe.
    private func makeJob(policies: [any RolloutPolicy]) throws -> RolloutJob {
        let keys = objects.isEmpty ? ["0"] : objects
        // with shape codes, as in training
        let assets = try ObjectSet.load(library: library, split: library == nil ? "train" : split, maxRadius: objectMaxRadius)
        let source = library.map { "split '\(split)' of \($0)" } ?? "the built-in objects"
        let choices = try keys.map { try ObjectChoice.pick($0, from: assets, source: source) }
        var job = RolloutJob(policies: policies, objects: choices, hand: try HandDescription.shadowHand(), outDirectory: out)
        job.seed = seed
        job.randomYaw = !fixedYaw
        job.steps = steps
        job.sheetFrames = frames
        job.every = every
        (job.width, job.height) = (width, height)
        (job.thumbnailWidth, job.thumbnailHeight) = (thumbWidth, thumbHeight)
        job.supersampling = supersampling
        job.threads = threads
        job.video = video
        job.videoEvery = videoEvery
        job.camera = try camera.rig().camera
        try job.validate()
        return job
    }
}
