/// Object-size bins for success tables, centred on DexGraspNet's five object scales (bounding
/// radius 0.06, 0.08, 0.10, 0.12, 0.15 m); imported objects of any size fall in the nearest.
public enum SizeBins {
    /// Upper edges of the first four bins, metres (the last bin is open).
    public static let edges: [Float] = [0.07, 0.09, 0.11, 0.135]
    /// Row labels, one per bin.
    public static let labels = ["r < 0.07 m", "0.07-0.09 m", "0.09-0.11 m", "0.11-0.135 m", "r >= 0.135 m"]

    /// The bin of an object of bounding radius `radius` metres.
    public static func bin(_ radius: Float) -> Int { edges.firstIndex { radius < $0 } ?? edges.count }

    /// Per bin label: the mean of `rates` over the objects of that bin (bins without objects
    /// left out), `radii` giving each object's bounding radius.
    public static func means(_ rates: [String: Float], radii: [String: Float]) -> [String: Float] {
        var sums = [Float](repeating: 0, count: labels.count), counts = [Int](repeating: 0, count: labels.count)
        for (name, rate) in rates {
            guard let r = radii[name] else { continue }
            sums[bin(r)] += rate
            counts[bin(r)] += 1
        }
        var out: [String: Float] = [:]
        for b in labels.indices where counts[b] > 0 { out[labels[b]] = sums[b] / Float(counts[b]) }
        return out
    }
}
