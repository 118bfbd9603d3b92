import Foundation

/// Measurements of how well codes describe shapes.
public enum CodeMetrics {
    /// Fraction of `queries` whose nearest `references` code (Euclidean) has the same label.
    /// Codes are [count][codeSize]; labels parallel them.
    public static func nearestNeighbourAccuracy(queries: [[Float]], queryLabels: [String],
                                                references: [[Float]], referenceLabels: [String]) -> Double {
        precondition(queries.count == queryLabels.count && references.count == referenceLabels.count && !references.isEmpty,
                     "CodeMetrics: codes and labels must pair up, with at least one reference")
        var correct = 0
        for (q, label) in zip(queries, queryLabels) {
            var best = 0, bestDistance = Float.infinity
            for (r, ref) in references.enumerated() {
                let d = squaredDistance(q, ref)
                if d < bestDistance { bestDistance = d; best = r }
            }
            if referenceLabels[best] == label { correct += 1 }
        }
        return queries.isEmpty ? 0 : Double(correct) / Double(queries.count)
    }

    /// Mean Euclidean distance between codes i and j over all pairs i < j (the spread that yaw
    /// sensitivity is compared with).
    public static func meanPairwiseDistance(_ codes: [[Float]]) -> Double {
        var total = 0.0, pairs = 0
        for i in codes.indices {
            for j in (i + 1)..<codes.count {
                total += Double(squaredDistance(codes[i], codes[j]).squareRoot())
                pairs += 1
            }
        }
        return pairs == 0 ? 0 : total / Double(pairs)
    }

    /// Squared Euclidean distance of two equal-length codes.
    public static func squaredDistance(_ a: [Float], _ b: [Float]) -> Float {
        var sum: Float = 0
        for i in a.indices { sum += (a[i] - b[i]) * (a[i] - b[i]) }
        return sum
    }

    /// Rotates flat xyz `values` by `yaw` radians about z (points or normals).
    public static func rotatedAboutZ(_ values: [Float], yaw: Float) -> [Float] {
        let (c, s) = (Float(cos(Double(yaw))), Float(sin(Double(yaw))))
        var out = values
        for p in stride(from: 0, to: values.count - 2, by: 3) {
            out[p] = c * values[p] - s * values[p + 1]
            out[p + 1] = s * values[p] + c * values[p + 1]
        }
        return out
    }
}
