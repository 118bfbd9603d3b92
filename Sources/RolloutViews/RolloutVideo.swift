import Dispatch
import Foundation
import RenderKit

/// A video of recorded rollouts side by side: each frame a grid of labelled tiles, one per
/// rollout, drawn on `threads` threads (each with its own renderers) and written in order.
public struct RolloutVideo {
    /// One rollout's place in the grid.
    public struct Tile {
        /// Text drawn in the tile's top-left corner.
        public var label: String
        /// The recorded rollout.
        public var recorder: Recorder
        /// Its scene (object geometry, camera, style).
        public var builder: RolloutSceneBuilder
    }

    /// Tiles in row-major order.
    public var tiles: [Tile]
    /// Tiles per grid row.
    public var columns: Int
    /// Tile size, pixels.
    public var width: Int, height: Int
    /// Supersampling per axis.
    public var supersampling: Int
    /// Drawing threads.
    public var threads: Int

    /// Draws the frame of every recorded step in `steps` and writes the video to `path`
    /// (`.gif` or `.mp4`, `VideoFile`); returns the number of frames.
    public func write(to path: String, steps: [Int], fps: Double) throws -> Int {
        let first = frame(at: steps[0], renderers: renderers())
        let file = try VideoFile(path: path, width: first.width, height: first.height, fps: fps)
        let lanes = max(1, threads)
        let drawers = Lanes(video: self, renderers: (0..<lanes).map { _ in renderers() })
        let batch = 4 * lanes
        for start in stride(from: 0, to: steps.count, by: batch) {
            let chunk = Array(steps[start..<min(start + batch, steps.count)])
            let frames = FrameSlots(count: chunk.count)
            DispatchQueue.concurrentPerform(iterations: min(lanes, chunk.count)) { lane in
                for i in stride(from: lane, to: chunk.count, by: lanes) {
                    frames.set(i, drawers.frame(at: chunk[i], lane: lane))
                }
            }
            for image in frames.values { try file.append(image) }
        }
        try file.finish()
        return file.frameCount
    }

    /// One renderer per tile (renderers are not thread-safe; each thread gets its own set).
    private func renderers() -> [FrameRenderer] {
        tiles.map { FrameRenderer(builder: $0.builder, width: width, height: height, supersampling: supersampling) }
    }

    /// The grid at control step `step` (a finished rollout shows its last recorded step).
    fileprivate func frame(at step: Int, renderers: [FrameRenderer]) -> RGBImage {
        let images = zip(tiles, renderers).map { tile, renderer in
            let index = tile.recorder.index(ofStep: step) ?? tile.recorder.stepCount - 1
            var image = renderer.frame(tile.recorder.snapshot(at: index))
            image.drawText(tile.label, x: 6, y: 6, color: Color(20, 20, 25))
            return image
        }
        return ContactSheet.grid(images, columns: max(1, columns), padding: 2)
    }
}

/// The video and one set of renderers per drawing thread.
private final class Lanes: @unchecked Sendable {
    // SAFETY: thread `lane` uses only renderers[lane]; the video's recorders and builders are
    // only read while frames are drawn.
    let video: RolloutVideo
    let renderers: [[FrameRenderer]]
    init(video: RolloutVideo, renderers: [[FrameRenderer]]) { (self.video, self.renderers) = (video, renderers) }
    func frame(at step: Int, lane: Int) -> RGBImage { video.frame(at: step, renderers: renderers[lane]) }
}

/// One frame slot per step of a batch, each written by exactly one thread.
private final class FrameSlots: @unchecked Sendable {
    // SAFETY: frame i is written only by the thread that draws it (distinct slots), and the
    // slots are read only after concurrentPerform has returned.
    private let slots: UnsafeMutableBufferPointer<RGBImage?>
    init(count: Int) { slots = .allocate(capacity: count); slots.initialize(repeating: nil) }
    deinit { slots.deinitialize().deallocate() }
    func set(_ i: Int, _ image: RGBImage) { slots[i] = image }
    var values: [RGBImage] { slots.map { $0! } }
}
