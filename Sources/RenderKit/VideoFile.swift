import DurableFiles
import Foundation

/// Why a video could not be written.
public struct VideoError: Error, CustomStringConvertible, Equatable {
    /// What is wrong, naming the file.
    public let description: String
    init(_ description: String) { self.description = description }
}

/// A video written frame by frame: `.gif` by `GIFEncoder` (no dependencies), `.mp4` (H.264,
/// yuv420p, odd sizes padded by one pixel) through Debian's ffmpeg. The file appears at `path`
/// only when `finish()` succeeds (`AtomicFile`; ffmpeg writes a temporary file beside it).
public final class VideoFile {
    /// Where the finished video goes.
    public let path: String
    /// Frame size, pixels.
    public let width: Int, height: Int
    /// Frames appended so far.
    public private(set) var frameCount = 0
    private let partial: String
    private var gif: GIFEncoder?
    private var ffmpeg: (process: Process, input: FileHandle)?

    /// The extensions this writer knows.
    public static let extensions = ["gif", "mp4"]

    /// Starts a `width x height` video at `fps` frames per second.
    public init(path: String, width: Int, height: Int, fps: Double) throws {
        self.path = path
        self.width = width
        self.height = height
        try Self.check(path: path)
        guard fps > 0, fps <= 240 else { throw VideoError("\(path): frame rate \(fps) must be in (0, 240]") }
        let url = URL(fileURLWithPath: path)
        let ext = url.pathExtension.lowercased()
        partial = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial").path
        if ext == "gif" {
            gif = GIFEncoder(width: width, height: height, delay: Int((100 / fps).rounded()))
        } else {
            ffmpeg = try Self.startFFmpeg(output: partial, width: width, height: height, fps: fps, video: path)
        }
    }

    /// Throws unless a video can be written at `path`: a known extension, an existing folder,
    /// and ffmpeg on PATH for .mp4 (so a long rollout is not run for nothing).
    public static func check(path: String) throws {
        let url = URL(fileURLWithPath: path)
        let ext = url.pathExtension.lowercased()
        guard extensions.contains(ext) else { throw VideoError("\(path): unknown video type '.\(ext)'; use .gif or .mp4") }
        let folder = url.deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder) else { throw VideoError("\(path): folder \(folder) does not exist") }
        if ext == "mp4" { _ = try ffmpegBinary(video: path) }
    }

    /// ffmpeg's path on PATH.
    private static func ffmpegBinary(video: String) throws -> String {
        let searched = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
        guard let binary = searched.map({ "\($0)/ffmpeg" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw VideoError("\(video): writing .mp4 needs ffmpeg, which is not on PATH (Debian: apt-get install ffmpeg); a .gif needs nothing")
        }
        return binary
    }

    /// Appends one frame of the video's size.
    public func append(_ image: RGBImage) throws {
        guard image.width == width, image.height == height else {
            throw VideoError("\(path): frame \(frameCount) is \(image.width)x\(image.height), the video \(width)x\(height)")
        }
        if gif != nil { gif!.append(image) }
        if let ffmpeg { try ffmpeg.input.write(contentsOf: image.pixels) }
        frameCount += 1
    }

    /// Completes the file and moves it to `path`.
    public func finish() throws {
        if let gif {
            do { try AtomicFile.write(gif.finish(), to: path) } catch { throw VideoError(error.description) }
            return
        }
        if let ffmpeg {
            try ffmpeg.input.close()
            ffmpeg.process.waitUntilExit()
            guard ffmpeg.process.terminationStatus == 0 else {
                try? FileManager.default.removeItem(atPath: partial)
                throw VideoError("\(path): ffmpeg failed (exit status \(ffmpeg.process.terminationStatus); its messages are above)")
            }
        }
        do {
            try AtomicFile.sync(partial)
            try AtomicFile.moveIntoPlace(partial, path)
        } catch { throw VideoError(error.description) }
    }

    /// ffmpeg reading raw RGB frames on standard input, writing H.264 MP4 to `output`.
    private static func startFFmpeg(output: String, width: Int, height: Int, fps: Double,
                                    video: String) throws -> (process: Process, input: FileHandle) {
        let binary = try ffmpegBinary(video: video)
        signal(SIGPIPE, SIG_IGN)  // a dead ffmpeg makes the next write throw instead of killing us
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["-y", "-loglevel", "error", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", "\(width)x\(height)",
                             "-framerate", String(fps), "-i", "-", "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2",
                             "-c:v", "libx264", "-pix_fmt", "yuv420p", "-crf", "18", "-movflags", "+faststart", "-f", "mp4", output]
        let pipe = Pipe()
        process.standardInput = pipe
        try process.run()
        return (process, pipe.fileHandleForWriting)
    }
}
