import Dispatch
import Foundation
import RenderKit
import SimWorld

/// One `render-rollout rollout` invocation: every policy on every object, same seed, written
/// as numbered frames and contact sheets.
///
/// Output layout (one object): `out/<policy>/frame_0000.png ...` and `out/sheet.png`.
/// Several objects: `out/<object>/<policy>/frame_*.png`, `out/<object>/sheet.png`, and
/// `out/sheet.png` holding the per-object sheets stacked (the paper's Fig. 1 grid).
public struct RolloutJob {
    /// Policies, one sheet row each, in order; names must be distinct.
    public var policies: [any RolloutPolicy]
    /// Objects, one sheet each.
    public var objects: [ObjectChoice]
    /// The hand.
    public var hand: HandDescription
    /// Seed of every world (object yaw).
    public var seed: UInt64 = 0
    /// Control steps per rollout.
    public var steps = 200
    /// Whether resets draw a random object yaw.
    public var randomYaw = true
    /// Frames per contact-sheet row (same steps for every policy).
    public var sheetFrames = 6
    /// Write every n-th step as a numbered frame; 0 writes none.
    public var every = 1
    /// Numbered frame size, pixels.
    public var width = 640, height = 480
    /// Contact-sheet thumbnail size, pixels.
    public var thumbnailWidth = 240, thumbnailHeight = 180
    /// Supersampling per axis (1...4).
    public var supersampling = 2
    /// Threads drawing numbered frames (each with its own renderer).
    public var threads = 1
    /// The camera.
    public var camera = CameraRig().camera
    /// Colours and light.
    public var style = SceneStyle()
    /// Output folder (created if needed).
    public var outDirectory: String
    /// A video of every rollout side by side (objects in rows, policies in columns, numbered-frame
    /// size per tile): `.gif`, or `.mp4` through ffmpeg; nil for none.
    public var video: String?
    /// Control steps per video frame (the world runs at 60 Hz: 2 gives 30 frames per second in real time).
    public var videoEvery = 2

    /// Creates a job with default sizes and steps.
    public init(policies: [any RolloutPolicy], objects: [ObjectChoice], hand: HandDescription, outDirectory: String) {
        self.policies = policies
        self.objects = objects
        self.hand = hand
        self.outDirectory = outDirectory
    }

    /// What a run wrote and how long each part took.
    public struct Report {
        /// Every PNG written.
        public var paths: [String] = []
        /// Seconds running the physics (all rollouts).
        public var simulateSeconds = 0.0
        /// Seconds drawing and writing numbered frames.
        public var frameSeconds = 0.0
        /// Numbered frames written.
        public var frameCount = 0
        /// Seconds drawing contact sheets.
        public var sheetSeconds = 0.0
    }

    /// Checks the settings; the message names the option.
    public func validate() throws {
        guard !policies.isEmpty, !objects.isEmpty else { throw RolloutViewsError("need at least one policy and one object") }
        guard Set(policies.map(\.name)).count == policies.count else { throw RolloutViewsError("policy names must be distinct (they name folders and rows)") }
        guard Set(objects.map(\.name)).count == objects.count else { throw RolloutViewsError("objects must be distinct") }
        guard steps >= 1, sheetFrames >= 1, every >= 0 else { throw RolloutViewsError("need steps >= 1, frames >= 1 and every >= 0") }
        guard width >= 16, height >= 16, thumbnailWidth >= 16, thumbnailHeight >= 16 else { throw RolloutViewsError("image sizes must be at least 16 pixels") }
        guard (1...4).contains(supersampling) else { throw RolloutViewsError("supersampling must be in 1...4") }
        guard threads >= 1 else { throw RolloutViewsError("threads must be >= 1") }
        guard videoEvery >= 1 else { throw RolloutViewsError("video-every must be >= 1") }
        if let video {
            try FileManager.default.createDirectory(atPath: URL(fileURLWithPath: video).deletingLastPathComponent().path,
                                                    withIntermediateDirectories: true)
            try VideoFile.check(path: video)
        }
    }

    /// Runs every rollout, writes frames and sheets, and reports what it wrote (`log` gets progress lines).
    public func run(log: (String) -> Void = { _ in }) throws -> Report {
        try validate()
        var report = Report()
        var sheets: [RGBImage] = []
        var tiles: [RolloutVideo.Tile] = []
        for object in objects {
            let dir = objects.count == 1 ? outDirectory : (outDirectory as NSString).appendingPathComponent(object.name)
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            let (sheet, rollouts) = try renderObject(object, into: dir, report: &report, log: log)
            let builder = RolloutSceneBuilder(hand: hand, assets: [object.asset], camera: camera, style: style)
            tiles += rollouts.map { RolloutVideo.Tile(label: "\(object.name) / \($0.name)", recorder: $0.recorder, builder: builder) }
            if objects.count > 1 {
                let path = (dir as NSString).appendingPathComponent("sheet.png")
                try PNGFile.write(sheet, to: path)
                report.paths.append(path)
            }
            sheets.append(sheet)
        }
        let path = (outDirectory as NSString).appendingPathComponent("sheet.png")
        try PNGFile.write(sheets.count == 1 ? sheets[0] : ContactSheet.grid(sheets, columns: 1), to: path)
        report.paths.append(path)
        if let video {
            let start = DispatchTime.now()
            let written = try RolloutVideo(tiles: tiles, columns: policies.count, width: width, height: height,
                                           supersampling: supersampling, threads: threads)
                .write(to: video, steps: FramePlan.every(videoEvery, lastStep: steps), fps: 60 / Double(videoEvery))
            report.frameSeconds += Self.seconds(since: start)
            report.frameCount += written
            report.paths.append(video)
            log("video \(video): \(written) frames at \(60 / Double(videoEvery)) fps")
        }
        return report
    }

    /// Records every policy on one object, writes its numbered frames, returns its sheet and rollouts.
    private func renderObject(_ object: ObjectChoice, into dir: String, report: inout Report,
                              log: (String) -> Void) throws -> (RGBImage, [PolicyRollout]) {
        let setup = RolloutSetup(assets: [object.asset], seed: seed, steps: steps, randomYaw: randomYaw)
        let builder = RolloutSceneBuilder(hand: hand, assets: [object.asset], camera: camera, style: style)
        var rollouts: [PolicyRollout] = []
        for policy in policies {
            var start = DispatchTime.now()
            let recorder = try RolloutRecording.run(policy, setup: setup, hand: hand)
            report.simulateSeconds += Self.seconds(since: start)
            rollouts.append(PolicyRollout(name: policy.name, recorder: recorder))
            let succeeded = recorder.snapshot(at: recorder.stepCount - 1).succeeded
            log("\(object.name) / \(policy.name): \(steps) steps, success \(succeeded ? "yes" : "no")")
            guard every > 0 else { continue }
            start = DispatchTime.now()
            let folder = (dir as NSString).appendingPathComponent(policy.name)
            let paths = try FrameRenderer.writeFrames(recorder, steps: FramePlan.every(every, lastStep: steps), to: folder, builder: builder,
                                                      width: width, height: height, supersampling: supersampling, threads: threads)
            report.frameSeconds += Self.seconds(since: start)
            report.frameCount += paths.count
            report.paths += paths
        }
        let start = DispatchTime.now()
        let thumbnails = FrameRenderer(builder: builder, width: thumbnailWidth, height: thumbnailHeight, supersampling: supersampling)
        let sheet = RolloutSheet.make(title: object.name, rollouts: rollouts,
                                      steps: FramePlan.evenly(count: sheetFrames, lastStep: steps), frames: thumbnails).render()
        report.sheetSeconds += Self.seconds(since: start)
        return (sheet, rollouts)
    }

    private static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}
