/// Symmetric max-pool over the points of each object: the PointNet aggregation that makes a
/// code independent of point order.
public enum MaxPool {
    /// output[g, c] = max over p < groupSize of input[g * groupSize + p, c]; `argmax[g, c]` gets
    /// the winning p (the first one on ties). input [groups * groupSize, width], output and
    /// argmax [groups, width].
    public static func forward(_ input: UnsafePointer<Float>, groups: Int, groupSize: Int, width: Int,
                               output: UnsafeMutablePointer<Float>, argmax: UnsafeMutablePointer<Int32>) {
        precondition(groupSize > 0, "MaxPool.forward: empty group")
        for g in 0..<groups {
            // SAFETY: row g of output/argmax and rows g*groupSize..<(g+1)*groupSize of input.
            let out = output + g * width, arg = argmax + g * width
            let first = input + g * groupSize * width
            for c in 0..<width { out[c] = first[c]; arg[c] = 0 }
            for p in 1..<groupSize {
                let row = first + p * width
                for c in 0..<width where row[c] > out[c] {
                    out[c] = row[c]
                    arg[c] = Int32(p)
                }
            }
        }
    }

    /// Routes each pooled gradient to its argmax point: inputGradient [groups * groupSize,
    /// width] is zeroed, then inputGradient[g * groupSize + argmax[g, c], c] = outputGradient[g, c].
    public static func backward(_ outputGradient: UnsafePointer<Float>, argmax: UnsafePointer<Int32>,
                                groups: Int, groupSize: Int, width: Int,
                                inputGradient: UnsafeMutablePointer<Float>) {
        // SAFETY: inputGradient holds groups * groupSize * width floats; argmax values < groupSize.
        inputGradient.update(repeating: 0, count: groups * groupSize * width)
        for g in 0..<groups {
            for c in 0..<width {
                let p = Int(argmax[g * width + c])
                inputGradient[(g * groupSize + p) * width + c] = outputGradient[g * width + c]
            }
        }
    }
}
