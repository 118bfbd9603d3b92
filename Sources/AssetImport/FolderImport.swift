import Foundation

/// One mesh file to import and the category it belongs to.
public struct ImportEntry: Sendable, Equatable {
    /// Path of the OBJ/STL/URDF file.
    public var path: String
    /// Category name.
    public var category: String
    /// Object name (the file name without extension, unique within the split).
    public var name: String

    /// Creates an entry.
    public init(path: String, category: String, name: String) {
        self.path = path
        self.category = category
        self.name = name
    }
}

/// Imports files or folders of meshes into a named split of a library.
public enum FolderImport {
    /// Lists the mesh files under `folder` with their categories.
    ///
    /// With `mapping` (a `.csv` of `file,category` rows, or a `.json` object `{"file": "category"}`,
    /// paths relative to `folder`), exactly the mapped files are imported. Without it, each
    /// subfolder's name is the category of the meshes inside it; files directly in `folder` get
    /// `defaultCategory`. In a folder holding a URDF (and below it), only the URDFs are imported:
    /// the meshes there are taken to be the URDFs' parts.
    public static func entries(folder: String, mapping: String?, defaultCategory: String) throws(AssetError) -> [ImportEntry] {
        var pairs: [(String, String)] = []
        if let mapping {
            pairs = try readMapping(mapping).map { ((folder as NSString).appendingPathComponent($0.0), $0.1) }
        } else {
            guard let walker = FileManager.default.enumerator(atPath: folder) else {
                throw AssetError(.unreadable, file: folder, "cannot list folder")
            }
            var files: [String] = []
            while let rel = walker.nextObject() as? String {
                if MeshFormat(path: rel) != nil { files.append(rel) }
            }
            let urdfFolders = Set(files.filter { $0.lowercased().hasSuffix(".urdf") }.map { ($0 as NSString).deletingLastPathComponent })
            for rel in files.sorted() {
                let dir = (rel as NSString).deletingLastPathComponent
                if !rel.lowercased().hasSuffix(".urdf") && urdfFolders.contains(where: { dir.hasPrefix($0) }) { continue }
                let category = dir.isEmpty ? defaultCategory : String(dir.split(separator: "/")[0])
                pairs.append(((folder as NSString).appendingPathComponent(rel), category))
            }
        }
        return uniqueNames(pairs)
    }

    /// Reads a CSV or JSON mapping of relative file path to category.
    static func readMapping(_ path: String) throws(AssetError) -> [(String, String)] {
        let data = try MeshFile.load(path, limits: ReadLimits())
        if path.lowercased().hasSuffix(".json") {
            guard let dict = try? JSONDecoder().decode([String: String].self, from: data) else {
                throw AssetError(.syntax, file: path, "expected a JSON object of \"file\": \"category\" strings")
            }
            return dict.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        }
        var out: [(String, String)] = []
        for (i, line) in MeshFile.lines(try MeshFile.text(data, file: path)).enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if fields.allSatisfy(\.isEmpty) || (i == 0 && fields.first?.lowercased() == "file") { continue }
            guard fields.count == 2, !fields[0].isEmpty, !fields[1].isEmpty else {
                throw AssetError(.syntax, file: path, line: i + 1, "expected 'file,category'")
            }
            out.append((fields[0], fields[1]))
        }
        return out
    }

    /// Names objects by file stem, prefixing the category (then a counter) on collisions.
    static func uniqueNames(_ pairs: [(String, String)]) -> [ImportEntry] {
        var used: Set<String> = []
        return pairs.map { path, category in
            let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            var name = used.contains(stem) ? "\(category)-\(stem)" : stem
            var k = 2
            while used.contains(name) { name = "\(category)-\(stem)-\(k)"; k += 1 }
            used.insert(name)
            return ImportEntry(path: path, category: category, name: name)
        }
    }

    /// Reads and processes one file into an asset and its report; what the reader changed (a
    /// mirrored URDF mesh's winding) leads the report's warnings.
    public static func importFile(_ entry: ImportEntry, options: ImportOptions) throws(AssetError) -> ImportResult {
        var notes: [String] = []
        let mesh = try MeshFile.read(entry.path, limits: options.limits, notes: &notes)
        var opts = options
        opts.samplingSeed = options.samplingSeed ^ AssetPack.fnv1a(Data(entry.name.utf8))
        var result = try AssetBuilder.build(mesh: mesh, name: entry.name, category: entry.category, source: entry.path, options: opts)
        result.report.warnings = notes + result.report.warnings  // the reader's notes (mirrored URDF meshes) first
        return result
    }

    /// Imports `entries` and merges them into split `split` of the library at `root` (objects with
    /// the same name are replaced), updating `library.json`. Files that fail are skipped and
    /// returned with their errors; nothing is written if all fail.
    public static func run(_ entries: [ImportEntry], split: String, root: String, options: ImportOptions,
                           progress: (Result<ImportResult, AssetError>) -> Void = { _ in })
        throws(AssetError) -> (imported: [ImportResult], failed: [AssetError])
    {
        var imported: [ImportResult] = [], failed: [AssetError] = []
        for entry in entries {
            let result = Result { () throws(AssetError) -> ImportResult in try importFile(entry, options: options) }
            progress(result)
            switch result {
            case .success(let r): imported.append(r)
            case .failure(let e): failed.append(e)
            }
        }
        guard !imported.isEmpty else { return (imported, failed) }
        let fresh = Set(imported.map(\.asset.name))
        let existing = (try? ObjectLibrary.loadSplit(split, from: root))?.objects.filter { !fresh.contains($0.name) } ?? []
        try ObjectLibraryWriter.write(split: ObjectSplit(name: split, objects: existing + imported.map(\.asset)), to: root)
        try updateIndex(root: root, split: split, categories: Set(imported.map(\.asset.category)))
        return (imported, failed)
    }

    /// Adds `split` and its categories to `library.json`, creating it if needed. Categories of
    /// splits whose name starts with "test_unseen" count as held out; all others as training.
    static func updateIndex(root: String, split: String, categories: Set<String>) throws(AssetError) {
        let path = (root as NSString).appendingPathComponent("library.json")
        var index: LibraryIndex = (try? ObjectLibrary.readJSON(path))
            ?? LibraryIndex(splits: [], trainCategories: [], heldOutCategories: [], provenance: ["generator": "asset-import"])
        if !index.splits.contains(split) { index.splits.append(split) }
        if split.hasPrefix(SplitPlan.unseenTest) {
            index.heldOutCategories = Array(Set(index.heldOutCategories).union(categories)).sorted()
        } else {
            index.trainCategories = Array(Set(index.trainCategories).union(categories)).sorted()
        }
        try ObjectLibraryWriter.write(index: index, to: root)
    }
}
