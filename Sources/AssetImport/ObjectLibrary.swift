import DurableFiles
import Foundation

/// A folder of splits in the project's asset format (`library.json`, `<split>.json` and
/// `<split>-<hash>.bin`), loaded into memory. See docs/assets.md.
public struct ObjectLibrary: Sendable {
    /// Folder the library was read from.
    public let root: String
    /// The top-level index.
    public let index: LibraryIndex
    /// Loaded splits by name.
    public let splits: [String: ObjectSplit]

    /// The split called `name`, if loaded.
    public subscript(split name: String) -> ObjectSplit? { splits[name] }

    /// Reads `library.json` and the named splits (all of them when `only` is nil).
    public static func load(from root: String, only: [String]? = nil) throws(AssetError) -> ObjectLibrary {
        let indexPath = (root as NSString).appendingPathComponent("library.json")
        let index: LibraryIndex = try readJSON(indexPath)
        guard index.formatVersion == SplitManifest.currentVersion else {
            throw AssetError(.badLibrary, file: indexPath, "format version \(index.formatVersion), expected \(SplitManifest.currentVersion)")
        }
        var splits: [String: ObjectSplit] = [:]
        for name in only ?? index.splits {
            guard index.splits.contains(name) else {
                throw AssetError(.badLibrary, file: indexPath, "no split '\(name)' (have \(index.splits.joined(separator: ", ")))")
            }
            splits[name] = try loadSplit(name, from: root)
        }
        return ObjectLibrary(root: root, index: index, splits: splits)
    }

    /// Reads one split's manifest and pack.
    public static func loadSplit(_ name: String, from root: String) throws(AssetError) -> ObjectSplit {
        let manifestPath = (root as NSString).appendingPathComponent("\(name).json")
        let manifest: SplitManifest = try readJSON(manifestPath)
        guard manifest.formatVersion == SplitManifest.currentVersion else {
            throw AssetError(.badLibrary, file: manifestPath, "format version \(manifest.formatVersion), expected \(SplitManifest.currentVersion)")
        }
        let packPath = (root as NSString).appendingPathComponent(manifest.packFile)
        guard let pack = FileManager.default.contents(atPath: packPath) else {
            throw AssetError(.badLibrary, file: packPath, "pack file missing or unreadable")
        }
        guard pack.count == manifest.packBytes, pack.prefix(AssetPack.magic.count) == AssetPack.magic else {
            throw AssetError(.badLibrary, file: packPath, "pack is \(pack.count) bytes or has a bad magic; manifest says \(manifest.packBytes)")
        }
        var objects: [ObjectAsset] = []
        objects.reserveCapacity(manifest.objects.count)
        // SAFETY: the raw buffer is only read inside this closure and every access is bounds-checked by decode.
        let failure: AssetError? = pack.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> AssetError? in
            for entry in manifest.objects {
                do throws(AssetError) { objects.append(try AssetPack.decode(entry, from: raw, file: packPath)) } catch { return error }
            }
            return nil
        }
        if let failure { throw failure }
        return ObjectSplit(name: name, objects: objects)
    }

    static func readJSON<T: Decodable>(_ path: String) throws(AssetError) -> T {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AssetError(.badLibrary, file: path, "missing or unreadable")
        }
        do { return try JSONDecoder().decode(T.self, from: data) } catch {
            throw AssetError(.badLibrary, file: path, "invalid JSON: \(error)")
        }
    }
}

/// Writes splits and the library index; every file is written atomically.
public enum ObjectLibraryWriter {
    /// Writes `split` as `<root>/<name>.json` and a content-named pack, then removes the split's
    /// previous pack. The manifest is renamed into place last, so readers see either the old
    /// split or the new one, never a mix.
    public static func write(split: ObjectSplit, to root: String) throws(AssetError) {
        for o in split.objects {
            if let code = o.shapeCode, code.count != ObjectAsset.shapeCodeLength {
                throw AssetError(.badLibrary, file: o.name, "shape code has \(code.count) floats, expected \(ObjectAsset.shapeCodeLength)")
            }
        }
        let (pack, entries) = AssetPack.encode(split.objects)
        let packName = "\(split.name)-\(String(AssetPack.fnv1a(pack), radix: 16)).bin"
        let manifestPath = (root as NSString).appendingPathComponent("\(split.name).json")
        let old: SplitManifest? = try? ObjectLibrary.readJSON(manifestPath)
        let manifest = SplitManifest(formatVersion: SplitManifest.currentVersion, split: split.name, packFile: packName,
                                     packBytes: pack.count, objects: entries)
        do {
            try AtomicFile.write(pack, to: (root as NSString).appendingPathComponent(packName))
            try AtomicFile.writeJSON(manifest, to: manifestPath)
        } catch { throw AssetError(.writeFailed, file: error.file, error.message) }
        if let old, old.packFile != packName {
            try? FileManager.default.removeItem(atPath: (root as NSString).appendingPathComponent(old.packFile))
        }
    }

    /// Writes `library.json`.
    public static func write(index: LibraryIndex, to root: String) throws(AssetError) {
        do { try AtomicFile.writeJSON(index, to: (root as NSString).appendingPathComponent("library.json")) } catch {
            throw AssetError(.writeFailed, file: error.file, error.message)
        }
    }
}
