import AssetImport

/// Deterministic k-means: k-means++ seeding from a seed, then Lloyd's iterations until no
/// assignment changes (at most `maxIterations`); a cluster left empty takes the point farthest
/// from its centre. ResDex clusters the training objects' shape codes with it.
public enum KMeans {
    /// Clusters of a point set.
    public struct Result: Equatable, Sendable {
        /// Cluster centres. [k][dimension]
        public var centres: [[Float]]
        /// Each point's cluster. [points]
        public var assignment: [Int]
        /// Per cluster, the index of its point nearest the centre. [k]
        public var representatives: [Int]
    }

    /// `k` clusters of `points` (all of one dimension, at least `k` of them).
    public static func cluster(_ points: [[Float]], k: Int, seed: UInt64, maxIterations: Int = 100) -> Result {
        precondition(k >= 1 && points.count >= k, "KMeans: \(points.count) points for \(k) clusters")
        var rng = SplitMix64(seed: seed)
        var centres = seedCentres(points, k: k, rng: &rng)
        var assignment = [Int](repeating: -1, count: points.count)
        for _ in 0..<maxIterations {
            let next = points.map { nearest($0, centres).index }
            if next == assignment { break }
            assignment = next
            centres = (0..<k).map { c in
                let members = points.indices.filter { assignment[$0] == c }
                guard !members.isEmpty else { return points[farthest(points, centres)] }
                return mean(members.map { points[$0] })
            }
        }
        let representatives = (0..<k).map { c in
            points.indices.min { squaredDistance(points[$0], centres[c]) < squaredDistance(points[$1], centres[c]) }!
        }
        return Result(centres: centres, assignment: assignment, representatives: representatives)
    }

    /// k-means++: the first centre uniformly, each next one with probability proportional to
    /// the squared distance to the nearest centre chosen so far.
    static func seedCentres(_ points: [[Float]], k: Int, rng: inout SplitMix64) -> [[Float]] {
        var centres = [points[Int(rng.next() % UInt64(points.count))]]
        while centres.count < k {
            let weights = points.map { Double(nearest($0, centres).distance) }
            let total = weights.reduce(0, +)
            guard total > 0 else { centres.append(points[centres.count]); continue }
            var target = Double(rng.next() >> 11) * 0x1p-53 * total
            var chosen = points.count - 1
            for (i, w) in weights.enumerated() {
                target -= w
                if target < 0 { chosen = i; break }
            }
            centres.append(points[chosen])
        }
        return centres
    }

    /// The centre nearest `point` and its squared distance.
    static func nearest(_ point: [Float], _ centres: [[Float]]) -> (index: Int, distance: Float) {
        var best = (index: 0, distance: Float.infinity)
        for (i, c) in centres.enumerated() {
            let d = squaredDistance(point, c)
            if d < best.distance { best = (i, d) }
        }
        return best
    }

    /// The point farthest from its nearest centre.
    static func farthest(_ points: [[Float]], _ centres: [[Float]]) -> Int {
        points.indices.max { nearest(points[$0], centres).distance < nearest(points[$1], centres).distance }!
    }

    static func squaredDistance(_ a: [Float], _ b: [Float]) -> Float {
        var sum: Float = 0
        for i in a.indices { sum += (a[i] - b[i]) * (a[i] - b[i]) }
        return sum
    }

    static func mean(_ points: [[Float]]) -> [Float] {
        var sum = [Double](repeating: 0, count: points[0].count)
        for p in points { for i in p.indices { sum[i] += Double(p[i]) } }
        return sum.map { Float($0 / Double(points.count)) }
    }
}
