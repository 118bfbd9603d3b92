import DurableFiles
import Foundation

/// An append-only TensorBoard event file (`events.out.tfevents.<seconds>.<host>`) in a folder:
/// `tensorboard --logdir` reads it as one run named after the folder.
public final class TensorBoardFile {
    /// The file's path.
    public let path: String
    private let handle: FileHandle

    /// Replaces every event file in `folder` by a new one that starts with `events` (after the
    /// file-version header), written atomically before it is opened for appending.
    public init(folder: String, events: [TensorBoardEvent] = [], wallTime: Double = Date().timeIntervalSince1970) throws {
        let manager = FileManager.default
        try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for name in try manager.contentsOfDirectory(atPath: folder) where name.hasPrefix("events.out.tfevents.") {
            try manager.removeItem(atPath: (folder as NSString).appendingPathComponent(name))
        }
        let host = ProcessInfo.processInfo.hostName.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." }
        path = (folder as NSString).appendingPathComponent("events.out.tfevents.\(Int(wallTime)).\(host.isEmpty ? "host" : host)")
        var bytes = TensorBoardEvent.fileVersion(wallTime: wallTime).record
        for event in events { bytes += event.record }
        try AtomicFile.write(bytes, to: path)
        guard let handle = FileHandle(forWritingAtPath: path) else { throw FileWriteError(file: path, "cannot open for appending") }
        try handle.seekToEnd()
        self.handle = handle
    }

    /// Opens the newest event file in `folder` for appending (a new one when it has none).
    public static func appending(folder: String) throws -> TensorBoardFile {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        guard let newest = names.filter({ $0.hasPrefix("events.out.tfevents.") }).max(),
              let handle = FileHandle(forWritingAtPath: (folder as NSString).appendingPathComponent(newest)) else {
            return try TensorBoardFile(folder: folder)
        }
        try handle.seekToEnd()
        return TensorBoardFile(path: (folder as NSString).appendingPathComponent(newest), handle: handle)
    }

    private init(path: String, handle: FileHandle) {
        self.path = path
        self.handle = handle
    }

    /// Appends `event` (written through to the file; TensorBoard picks it up while the run goes on).
    public func append(_ event: TensorBoardEvent) throws {
        try handle.write(contentsOf: event.record)
    }

    deinit { try? handle.close() }
}
