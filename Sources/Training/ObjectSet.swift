import SimWorld

/// The objects of one split: the built-in primitives (every split), or a library split.
public enum ObjectSet {
    /// Loads split `split` of `library` (nil: the built-in objects).
    public static func load(library: String?, split: String) throws -> [ObjectAsset] {
        guard let library else { return try BuiltinObjects.all() }
        let loaded = try ObjectLibrary.loadSplit(split, from: library)
        guard loaded.count > 0 else { throw ConfigFileError("library \(library): split '\(split)' has no objects") }
        return (0..<loaded.count).map { loaded[$0] }
    }
}
