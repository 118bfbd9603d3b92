import Dispatch
import Foundation

/// Sizes and seed of the procedural library. Defaults follow DexGraspNet's published split
/// sizes (3200 train object-scale pairs, 141 seen-category test, 100 unseen-category test).
public struct LibraryConfig: Sendable, Equatable {
    /// Master seed; the same seed gives the same library, byte for byte.
    public var seed: UInt64 = 0
    /// Training objects (from the training categories).
    public var trainCount: Int = 3200
    /// New instances of training categories.
    public var seenTestCount: Int = 141
    /// Instances of the held-out categories.
    public var unseenTestCount: Int = 100
    /// Categories kept out of training.
    public var heldOutCategories: [ShapeCategory] = ShapeCategory.defaultHeldOut
    /// Bounding radii, metres (the published scales).
    public var radii: [Double] = [0.06, 0.08, 0.10, 0.12, 0.15]
    /// Relative frequency of each radius in every split: DexGraspNet's training object-scale
    /// pairs are 42 / 29 / 17 / 9 / 4 % at 0.06 / 0.08 / 0.10 / 0.12 / 0.15 (counted from its
    /// published train split files), so most objects are hand-sized, as there.
    public var radiusShares: [Double] = [42, 29, 17, 9, 4]
    /// Density, kg/m^3.
    public var density: Double = 500
    /// Surface points per object.
    public var surfacePointCount: Int = 1024
    /// Compute hull-to-mesh distances in the reports (slow: off by default).
    public var computeHullDistance = false

    /// Default configuration.
    public init() {}

    /// Categories used for training and the seen-category test split, in declaration order.
    public var trainCategories: [ShapeCategory] { ShapeCategory.allCases.filter { !heldOutCategories.contains($0) } }
}

/// One split's plan: which category and seed each object gets.
public struct SplitPlan: Sendable, Equatable {
    /// Split names written by the generator.
    public static let train = "train", seenTest = "test_seen", unseenTest = "test_unseen"

    /// Split name.
    public var name: String
    /// Per object: (name, category, seed, bounding radius in metres).
    public var objects: [(name: String, category: ShapeCategory, seed: UInt64, radius: Double)]

    /// Plans the three splits of `config`. Categories are assigned round-robin (balanced), each
    /// object's seed mixes the master seed, the split and the index, so splits never share an
    /// instance and any object can be regenerated alone. Each split's radii come in
    /// `radiusShares` proportions (largest remainders), shuffled over its objects by a
    /// generator seeded from the master seed and the split.
    public static func plans(for config: LibraryConfig) -> [SplitPlan] {
        let splits: [(String, Int, [ShapeCategory], UInt64)] = [
            (train, config.trainCount, config.trainCategories, 1),
            (seenTest, config.seenTestCount, config.trainCategories, 2),
            (unseenTest, config.unseenTestCount, config.heldOutCategories, 3),
        ]
        return splits.map { name, count, categories, tag in
            let n = categories.isEmpty ? 0 : count
            var radii = radiusQuota(config, count: n)
            var rng = SplitMix64(seed: SplitMix64.mix(config.seed, tag, 0x5CA1E))
            for i in stride(from: radii.count - 1, to: 0, by: -1) { radii.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
            let objects = (0..<n).map { i in
                let category = categories[i % categories.count]
                let seed = SplitMix64.mix(config.seed, tag, UInt64(i))
                return (String(format: "%@-%@-%04d", category.rawValue, name, i), category, seed, radii[i])
            }
            return SplitPlan(name: name, objects: objects)
        }
    }

    /// `count` radii in `config.radiusShares` proportions, in radius order: each radius gets the
    /// floor of its share, the remainder goes to the largest fractional parts (ties: smaller radius).
    static func radiusQuota(_ config: LibraryConfig, count: Int) -> [Double] {
        let total = config.radiusShares.reduce(0, +)
        let exact = config.radiusShares.map { Double(count) * $0 / total }
        var quota = exact.map { Int($0.rounded(.down)) }
        let byRemainder = exact.indices.sorted { (exact[$0] - Double(quota[$0]), -$0) > (exact[$1] - Double(quota[$1]), -$1) }
        for k in byRemainder.prefix(count - quota.reduce(0, +)) { quota[k] += 1 }
        return zip(config.radii, quota).flatMap { Array(repeating: $0, count: $1) }
    }

    public static func == (l: SplitPlan, r: SplitPlan) -> Bool {
        l.name == r.name && l.objects.count == r.objects.count && zip(l.objects, r.objects).allSatisfy {
            $0.name == $1.name && $0.category == $1.category && $0.seed == $1.seed && $0.radius == $1.radius
        }
    }
}

/// Builds the procedural library in memory or on disk.
public enum LibraryGenerator {
    /// Generates every object of `plan` (in parallel over the cores). Deterministic: the result
    /// does not depend on thread scheduling.
    public static func generate(_ plan: SplitPlan, config: LibraryConfig) throws(AssetError) -> [ImportResult] {
        let results = ResultSlots(count: plan.objects.count)
        DispatchQueue.concurrentPerform(iterations: plan.objects.count) { i in
            results.store(i, Result { () throws(AssetError) -> ImportResult in try object(plan.objects[i], config: config) })
        }
        return try results.collect()
    }

    /// One object from its plan entry.
    public static func object(_ entry: (name: String, category: ShapeCategory, seed: UInt64, radius: Double),
                              config: LibraryConfig) throws(AssetError) -> ImportResult {
        var rng = SplitMix64(seed: entry.seed)
        let shape = ProceduralShape.make(entry.category, rng: &rng)
        var options = ImportOptions()
        options.boundingRadius = entry.radius
        options.density = config.density
        options.surfacePointCount = config.surfacePointCount
        options.samplingSeed = entry.seed ^ 0x5A5A_5A5A
        options.computeHullDistance = config.computeHullDistance
        options.decomposition.maxHulls = 1  // procedural shapes bring their own pieces when concave
        return try AssetBuilder.build(mesh: shape.mesh, name: entry.name, category: entry.category.rawValue,
                                      source: "procedural", options: options, pieces: shape.pieces)
    }

    /// Generates all splits of `config` into `root` (library.json, manifests, packs) and returns
    /// the reports per split.
    @discardableResult
    public static func write(config: LibraryConfig, to root: String) throws(AssetError) -> [String: [ValidationReport]] {
        guard config.radiusShares.count == config.radii.count, config.radiusShares.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw AssetError(.badLibrary, file: root, "radiusShares needs one positive share per radius (\(config.radii.count) radii, got \(config.radiusShares))")
        }
        var reports: [String: [ValidationReport]] = [:]
        let plans = SplitPlan.plans(for: config)
        for plan in plans {
            let results = try generate(plan, config: config)
            try ObjectLibraryWriter.write(split: ObjectSplit(name: plan.name, objects: results.map(\.asset)), to: root)
            reports[plan.name] = results.map(\.report)
        }
        let index = LibraryIndex(
            splits: plans.map(\.name), trainCategories: config.trainCategories.map(\.rawValue),
            heldOutCategories: config.heldOutCategories.map(\.rawValue),
            provenance: ["generator": "asset-import generate", "seed": String(config.seed), "density": String(config.density),
                         "radii": config.radii.map { String($0) }.joined(separator: ","),
                         "radiusShares": config.radiusShares.map { String($0) }.joined(separator: ","),
                         "surfacePointCount": String(config.surfacePointCount)])
        try ObjectLibraryWriter.write(index: index, to: root)
        return reports
    }
}

/// Fixed slots filled concurrently, one per index.
final class ResultSlots: @unchecked Sendable {
    private var slots: [Result<ImportResult, AssetError>?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ i: Int, _ value: Result<ImportResult, AssetError>) {
        lock.lock()
        slots[i] = value
        lock.unlock()
    }

    /// All results in index order, or the first error by index.
    func collect() throws(AssetError) -> [ImportResult] {
        var out: [ImportResult] = []
        out.reserveCapacity(slots.count)
        for slot in slots {
            switch slot {
            case .success(let r): out.append(r)
            case .failure(let e): throw e
            case nil: throw AssetError(.geometry, file: "procedural", "internal: an object was not generated")
            }
        }
        return out
    }
}
