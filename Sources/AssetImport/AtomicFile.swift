import Foundation

/// Whole-file writes that never leave a half-written file: data goes to a temporary file in
/// the destination folder, is flushed, then renamed over the destination (rename is atomic on
/// POSIX file systems). On any failure the temporary file is removed and the old file, if
/// any, is untouched.
public enum AtomicFile {
    /// Writes `data` to `path` atomically, creating parent folders.
    public static func write(_ data: Data, to path: String) throws(AssetError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw AssetError(.writeFailed, file: path, "cannot create folder \(folder.path): \(error.localizedDescription)")
        }
        let temp = folder.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        guard FileManager.default.createFile(atPath: temp.path, contents: nil) else {
            throw AssetError(.writeFailed, file: path, "cannot create temporary file in \(folder.path)")
        }
        do {
            let handle = try FileHandle(forWritingTo: temp)
            defer { try? handle.close() }
            try handle.write(contentsOf: data)
            try handle.synchronize()
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw AssetError(.writeFailed, file: path, "write failed: \(error.localizedDescription)")
        }
        guard rename(temp.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temp)
            throw AssetError(.writeFailed, file: path, "rename failed: \(reason)")
        }
    }

    /// Encodes `value` as pretty, key-sorted JSON and writes it atomically.
    public static func writeJSON<T: Encodable>(_ value: T, to path: String) throws(AssetError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data: Data
        do { data = try encoder.encode(value) } catch {
            throw AssetError(.writeFailed, file: path, "JSON encoding failed: \(error)")
        }
        try write(data, to: path)
    }
}
