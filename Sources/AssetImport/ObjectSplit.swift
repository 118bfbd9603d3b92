/// The objects of one split, loaded in memory, in manifest order. This is what the physics
/// side builds its collision shapes from, once, before training.
public struct ObjectSplit: Sendable {
    /// Split name ("train", "test_seen", "test_unseen", or an imported split).
    public let name: String
    /// The objects. Shape [count].
    public let objects: [ObjectAsset]

    /// Creates a split.
    public init(name: String, objects: [ObjectAsset]) {
        self.name = name
        self.objects = objects
    }

    /// Number of objects.
    public var count: Int { objects.count }

    /// Object `i` (0..<count).
    public subscript(i: Int) -> ObjectAsset { objects[i] }

    /// Index of the object called `name`, if present.
    public func index(named name: String) -> Int? { objects.firstIndex { $0.name == name } }

    /// Distinct categories, sorted.
    public var categories: [String] { Array(Set(objects.map(\.category))).sorted() }

    /// Masses, kg. Shape [count].
    public var masses: [Float] { objects.map(\.mass) }

    /// Principal moments, kg m^2, flat. Shape [count * 3].
    public var inertiaDiagonals: [Float] { objects.flatMap { [$0.inertiaDiagonal.x, $0.inertiaDiagonal.y, $0.inertiaDiagonal.z] } }

    /// Convex pieces of object `i`: flat xyz vertex lists, metres, body (principal) frame.
    /// Shape [hullCount][vertexCount_j * 3].
    public func hulls(of i: Int) -> [[Float]] { objects[i].hulls }

    /// Surface points of all objects, flat xyz, body frame; every object must hold `pointCount`
    /// points (true for a library built with one setting). Shape [count * pointCount * 3].
    public func surfacePointBatch() -> [Float] { objects.flatMap(\.surfacePoints) }

    /// The split with shape codes set (one 64-float code per object, in order), e.g. after the
    /// encoder ran. Write it back with `ObjectLibraryWriter.write(split:to:)`.
    public func settingShapeCodes(_ codes: [[Float]]) throws(AssetError) -> ObjectSplit {
        guard codes.count == objects.count else {
            throw AssetError(.badLibrary, file: name, "got \(codes.count) shape codes for \(objects.count) objects")
        }
        guard codes.allSatisfy({ $0.count == ObjectAsset.shapeCodeLength && $0.allSatisfy(\.isFinite) }) else {
            throw AssetError(.badLibrary, file: name, "every shape code must be \(ObjectAsset.shapeCodeLength) finite floats")
        }
        var out = objects
        for i in out.indices { out[i].shapeCode = codes[i] }
        return ObjectSplit(name: name, objects: out)
    }
}
