import Dispatch
import Foundation
import RenderKit

/// Renders recorded snapshots to images of one size, reusing one RenderKit `Renderer`
/// (and its tessellation cache) for every frame. Not thread-safe: one per thread.
public final class FrameRenderer {
    /// Scene geometry, camera and style.
    public let builder: RolloutSceneBuilder
    /// The rasteriser (fixed output size).
    public let renderer: Renderer

    /// Creates a renderer of `width x height` pixel frames with `supersampling`^2 samples per pixel.
    public init(builder: RolloutSceneBuilder, width: Int, height: Int, supersampling: Int = 2) {
        self.builder = builder
        renderer = Renderer(width: width, height: height, supersampling: supersampling)
    }

    /// Draws one snapshot.
    public func frame(_ snapshot: FrameSnapshot) -> RGBImage {
        renderer.render(builder.scene(snapshot))
    }

    /// Draws the recorded `steps` of env slot `slot` and writes them as `frame_0000.png`,
    /// `frame_0001.png`, ... (numbered consecutively in `steps` order) into `directory`,
    /// which is created if needed. Returns the paths written. Traps on an unrecorded step.
    @discardableResult
    public func writeFrames(_ recorder: Recorder, steps: [Int], slot: Int = 0, to directory: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var paths: [String] = []
        for (i, step) in steps.enumerated() {
            guard let index = recorder.index(ofStep: step) else { preconditionFailure("FrameRenderer: step \(step) not recorded") }
            let path = Self.framePath(i, in: directory)
            try PNGFile.write(frame(recorder.snapshot(at: index, slot: slot)), to: path)
            paths.append(path)
        }
        return paths
    }

    /// Path of numbered frame `i`: `<directory>/frame_0007.png`.
    public static func framePath(_ i: Int, in directory: String) -> String {
        (directory as NSString).appendingPathComponent(String(format: "frame_%04d.png", i))
    }

    /// `writeFrames` split over `threads` threads, each drawing a contiguous share of `steps`
    /// with its own renderer (RenderKit renderers are not thread-safe). Same files, same order.
    @discardableResult
    public static func writeFrames(_ recorder: Recorder, steps: [Int], slot: Int = 0, to directory: String,
                                   builder: RolloutSceneBuilder, width: Int, height: Int, supersampling: Int = 2,
                                   threads: Int) throws -> [String] {
        precondition(threads >= 1, "FrameRenderer.writeFrames: threads must be >= 1")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let snapshots = steps.map { step in
            guard let index = recorder.index(ofStep: step) else { preconditionFailure("FrameRenderer: step \(step) not recorded") }
            return recorder.snapshot(at: index, slot: slot)
        }
        let chunks = min(threads, max(1, steps.count))
        let results = ResultSlots(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let range = (steps.count * chunk / chunks) ..< (steps.count * (chunk + 1) / chunks)
            let frames = FrameRenderer(builder: builder, width: width, height: height, supersampling: supersampling)
            results.set(chunk, Result {
                try range.map { i in
                    let path = framePath(i, in: directory)
                    try PNGFile.write(frames.frame(snapshots[i]), to: path)
                    return path
                }
            })
        }
        return try results.values.flatMap { try $0!.get() }
    }
}

/// One result slot per parallel chunk, each written by exactly one thread.
private final class ResultSlots: @unchecked Sendable {
    // SAFETY: chunk i writes only slot i (distinct memory), and the slots are read only after
    // concurrentPerform has returned.
    private let slots: UnsafeMutableBufferPointer<Result<[String], any Error>?>
    init(count: Int) { slots = .allocate(capacity: count); slots.initialize(repeating: nil) }
    deinit { slots.deinitialize().deallocate() }
    func set(_ i: Int, _ result: Result<[String], any Error>) { slots[i] = result }
    var values: [Result<[String], any Error>?] { Array(slots) }
}
