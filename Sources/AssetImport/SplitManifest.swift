/// The JSON manifest of one split (`<split>.json`): readable metadata per object plus where its
/// arrays lie in the split's binary pack. See docs/assets.md.
public struct SplitManifest: Codable, Sendable, Equatable {
    /// Version of the asset format; readers reject other versions.
    public var formatVersion: Int
    /// Split name, e.g. "train", "test_seen", "test_unseen".
    public var split: String
    /// File name of the binary pack, in the same folder (content-hashed, e.g. "train-1a2b….bin").
    public var packFile: String
    /// Pack size, bytes (checked on load).
    public var packBytes: Int
    /// One entry per object, in split order.
    public var objects: [Entry]

    /// Current format version.
    public static let currentVersion = 1

    /// Metadata of one object; array sizes locate its record in the pack.
    public struct Entry: Codable, Sendable, Equatable {
        /// Unique object name.
        public var name: String
        /// Shape category.
        public var category: String
        /// Bounding radius, metres.
        public var boundingRadius: Float
        /// Mass, kg.
        public var mass: Float
        /// Principal moments, kg m^2 (body x, y, z).
        public var inertiaDiagonal: [Float]
        /// Solid volume, m^3.
        public var volume: Float
        /// Vertices per convex piece.
        public var hullVertexCounts: [Int]
        /// Render mesh vertex count.
        public var renderVertexCount: Int
        /// Render mesh triangle count.
        public var renderTriangleCount: Int
        /// Surface points stored (each with a normal).
        public var surfacePointCount: Int
        /// Whether a 64-float shape code follows the normals.
        public var hasShapeCode: Bool
        /// Byte offset of the record in the pack.
        public var offset: Int
        /// Record size, bytes.
        public var byteCount: Int
    }
}

/// The library's top-level `library.json`: which splits exist and how they were made.
public struct LibraryIndex: Codable, Sendable, Equatable {
    /// Version of the asset format.
    public var formatVersion: Int
    /// Split names; each has `<split>.json` next to this file.
    public var splits: [String]
    /// Categories in training splits.
    public var trainCategories: [String]
    /// Categories held out for the unseen-category test split.
    public var heldOutCategories: [String]
    /// Free-form provenance (generator seed, sizes, density, tool version).
    public var provenance: [String: String]

    /// Creates an index.
    public init(splits: [String], trainCategories: [String], heldOutCategories: [String], provenance: [String: String]) {
        self.formatVersion = SplitManifest.currentVersion
        self.splits = splits
        self.trainCategories = trainCategories
        self.heldOutCategories = heldOutCategories
        self.provenance = provenance
    }
}
