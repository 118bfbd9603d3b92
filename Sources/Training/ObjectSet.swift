import ShapeEncoding
import SimWorld

/// The objects of one split: the built-in primitives (every split), or a library split.
public enum ObjectSet {
    /// Loads split `split` of `library` (nil: the built-in objects, given shape codes by the
    /// project's checked-in encoder, assets/encoders).
    public static func load(library: String?, split: String) throws -> [ObjectAsset] {
        guard let library else {
            let encoder = try ShapeEncoder.load(from: ProjectPaths.assets + "/encoders").encoder
            return try BuiltinObjects.all().map { asset in
                var coded = asset
                coded.shapeCode = try encoder.encode(asset)
                return coded
            }
        }
        let loaded = try ObjectLibrary.loadSplit(split, from: library)
        guard loaded.count > 0 else { throw ConfigFileError("library \(library): split '\(split)' has no objects") }
        return (0..<loaded.count).map { loaded[$0] }
    }
}
