import Foundation

/// Why a file could not be written: the file and the reason.
public struct FileWriteError: Error, CustomStringConvertible, Equatable {
    /// The file (or folder) being written.
    public let file: String
    /// What went wrong.
    public let message: String

    public init(file: String, _ message: String) {
        self.file = file
        self.message = message
    }

    public var description: String { "\(file): \(message)" }
}

/// The project's one way to write a file that survives a crash or power loss: the bytes go to
/// a temporary file in the destination folder, are fsynced, the file is renamed over the
/// destination (atomic on POSIX file systems) and the folder is fsynced, so a reader sees the
/// old file or the new one, never a mix. On failure the temporary file is removed and the old
/// file, if any, is untouched.
public enum AtomicFile {
    /// Writes `bytes` to `path` atomically and durably, creating parent folders.
    public static func write(_ bytes: some Collection<UInt8>, to path: String) throws(FileWriteError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
            throw FileWriteError(file: path, "cannot create folder \(folder): \(error.localizedDescription)")
        }
        let temporary = (folder as NSString).appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileWriteError(file: path, "cannot create a temporary file in \(folder): \(reason())") }
        let written = Array(bytes).withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return false }
                offset += n
            }
            return fsync(fd) == 0
        }
        let problem = written ? nil : reason()
        close(fd)
        if let problem {
            unlink(temporary)
            throw FileWriteError(file: path, "write failed: \(problem)")
        }
        try moveIntoPlace(temporary, path)
    }

    /// Encodes `value` as pretty, key-sorted JSON and writes it with `write`.
    public static func writeJSON<T: Encodable>(_ value: T, to path: String) throws(FileWriteError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data: Data
        do { data = try encoder.encode(value) } catch { throw FileWriteError(file: path, "JSON encoding failed: \(error)") }
        try write(data, to: path)
    }

    /// Renames a finished, fsynced file or folder `source` over `destination` (a folder
    /// destination is removed first) and fsyncs the destination's folder.
    public static func moveIntoPlace(_ source: String, _ destination: String) throws(FileWriteError) {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: destination, isDirectory: &isFolder), isFolder.boolValue {
            do { try FileManager.default.removeItem(atPath: destination) } catch {
                throw FileWriteError(file: destination, "cannot replace the old folder: \(error.localizedDescription)")
            }
        }
        guard rename(source, destination) == 0 else {
            let problem = reason()
            try? FileManager.default.removeItem(atPath: source)
            throw FileWriteError(file: destination, "rename into place failed: \(problem)")
        }
        try sync(URL(fileURLWithPath: destination).deletingLastPathComponent().path)
    }

    /// fsyncs the file or folder at `path` (a folder: its entries, so a rename in it is durable).
    public static func sync(_ path: String) throws(FileWriteError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileWriteError(file: path, "cannot open to sync: \(reason())") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw FileWriteError(file: path, "fsync failed: \(reason())") }
    }

    private static func reason() -> String { String(cString: strerror(errno)) }
}
