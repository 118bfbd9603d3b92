import ShapeEncoding
import SimWorld

/// The objects of one split: the built-in primitives (every split), or a library split.
public enum ObjectSet {
    /// Loads split `split` of `library` (nil: the built-in objects, given shape codes by the
    /// project's checked-in encoder, assets/encoders), keeping only objects whose bounding
    /// radius is at most `maxRadius` metres when it is given.
    public static func load(library: String?, split: String, maxRadius: Float? = nil) throws -> [ObjectAsset] {
        let all = try loadAll(library: library, split: split)
        guard let maxRadius else { return all }
        let kept = all.filter { $0.boundingRadius <= maxRadius + 1e-6 }
        guard !kept.isEmpty else {
            let smallest = all.map(\.boundingRadius).min() ?? 0
            throw ConfigFileError("objectMaxRadius \(maxRadius) m leaves no object in split '\(split)' of \(library ?? "the built-in objects") (smallest bounding radius \(smallest) m)")
        }
        return kept
    }

    /// The objects of one split of a training config (its library and radius limit).
    public static func load(config: TrainConfig, split: String) throws -> [ObjectAsset] {
        try load(library: config.library, split: split, maxRadius: config.objectMaxRadius)
    }

    /// The training objects of a config: its training split (and radius limit), narrowed to
    /// `trainObjects` in their order when it names some.
    public static func training(config: TrainConfig) throws -> [ObjectAsset] {
        let all = try load(config: config, split: config.trainSplit)
        guard let names = config.trainObjects else { return all }
        let byName = Dictionary(all.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        return try names.map { name in
            guard let asset = byName[name] else {
                throw ConfigFileError("trainObjects: '\(name)' is not an object of split '\(config.trainSplit)' of \(config.library ?? "the built-in objects")\(config.objectMaxRadius.map { " within objectMaxRadius \($0) m" } ?? "")")
            }
            return asset
        }
    }

    /// Every object of a split.
    private static func loadAll(library: String?, split: String) throws -> [ObjectAsset] {
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
