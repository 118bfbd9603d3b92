import Foundation

/// Mean softmax cross-entropy over a batch of logits and its gradient.
public enum SoftmaxCrossEntropy {
    /// Returns mean_r -log softmax(logits[r])[labels[r]] and writes dLoss/dLogits
    /// = (softmax - onehot) / rows into `gradient` (row stride `gradientStride`, which lets it
    /// fill the first `classes` columns of a wider head gradient). logits [rows, stride].
    /// Also returns how many rows had their label as the arg-max (ties: first).
    public static func lossAndGradient(
        logits: UnsafePointer<Float>, stride: Int, rows: Int, classes: Int, labels: UnsafePointer<Int32>,
        gradient: UnsafeMutablePointer<Float>, gradientStride: Int
    ) -> (loss: Float, correct: Int) {
        var loss: Double = 0
        var correct = 0
        let scale = 1 / Float(rows)
        for r in 0..<rows {
            // SAFETY: row r of [rows, stride] logits and [rows, gradientStride] gradient; label < classes.
            let z = logits + r * stride, g = gradient + r * gradientStride
            let label = Int(labels[r])
            var best = 0
            for c in 1..<classes where z[c] > z[best] { best = c }
            if best == label { correct += 1 }
            let peak = z[best]
            var sum: Float = 0
            for c in 0..<classes {
                g[c] = Foundation.exp(z[c] - peak)
                sum += g[c]
            }
            loss += Double(Foundation.log(sum) - (z[label] - peak))
            for c in 0..<classes { g[c] = g[c] / sum * scale }
            g[label] -= scale
        }
        return (Float(loss / Double(rows)), correct)
    }
}
