/// Elementwise activation of a hidden (or output) layer.
public enum Activation: String, Codable, Sendable, CaseIterable {
    /// Identity (used for output layers).
    case linear
    /// ELU with alpha 1: x for x > 0, exp(x) - 1 otherwise (the published networks' choice).
    case elu
    /// Hyperbolic tangent.
    case tanh
}

/// Vectorisable elementwise kernels: branch-free loops without library calls, so the compiler
/// turns them into SIMD code; each pass fuses the bias with the activation (one memory pass).
enum ActivationKernels {
    /// exp(x) for x in [-87, 88] by Cephes' range reduction and degree-6 polynomial
    /// (relative error about 2 ulp); branch-free so it vectorises.
    @inline(__always)
    static func fastExp(_ input: Float) -> Float {
        let x = min(max(input, -87.0), 88.0)
        // n = round(x / ln 2) via the 1.5 * 2^23 magic constant.
        let shifted = x * 1.442_695_04 + 12_582_912.0
        let n = shifted - 12_582_912.0
        let r = (x - n * 0.693_359_375) + n * 2.121_944_4e-4
        var p: Float = 1.987_569_15e-4
        p = p * r + 1.398_199_95e-3
        p = p * r + 8.333_451_9e-3
        p = p * r + 4.166_579_59e-2
        p = p * r + 1.666_666_55e-1
        p = p * r + 5.000_000_12e-1
        let poly = p * r * r + r + 1
        // 2^n from the integer n held in the low mantissa bits of `shifted` (no trapping conversion).
        let scale = Float(bitPattern: (shifted.bitPattern &- 0x4B40_0000 &+ 127) << 23)
        return poly * scale
    }

    /// In place: values[r, j] = act(values[r, j] + bias[j]) for a [rows, width] row-major block.
    static func biasActivate(
        _ values: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>,
        rows: Int, width: Int, activation: Activation
    ) {
        for r in 0..<rows {
            // SAFETY: row r of a [rows, width] buffer.
            let row = values + r * width
            switch activation {
            case .linear:
                for j in 0..<width { row[j] += bias[j] }
            case .elu:
                for j in 0..<width {
                    let z = row[j] + bias[j]
                    let negative = fastExp(min(z, 0)) - 1
                    row[j] = z > 0 ? z : negative
                }
            case .tanh:
                for j in 0..<width {
                    let z = min(max(row[j] + bias[j], -9), 9)
                    let e = fastExp(2 * z)
                    row[j] = (e - 1) / (e + 1)
                }
            }
        }
    }

    /// In place: grad[r, j] *= act'(at output[r, j]) and biasGrad[j] = sum_r grad[r, j]
    /// (fixed row order, so the sum is deterministic). `output` holds the activated values.
    static func backward(
        _ grad: UnsafeMutablePointer<Float>, output: UnsafePointer<Float>,
        biasGrad: UnsafeMutablePointer<Float>, rows: Int, width: Int, activation: Activation
    ) {
        // SAFETY: biasGrad has `width` elements; grad/output are [rows, width].
        biasGrad.update(repeating: 0, count: width)
        for r in 0..<rows {
            let g = grad + r * width
            let a = output + r * width
            switch activation {
            case .linear:
                break
            case .elu:
                // d/dz ELU = 1 for z > 0, exp(z) = a + 1 otherwise.
                for j in 0..<width { g[j] = a[j] > 0 ? g[j] : g[j] * (a[j] + 1) }
            case .tanh:
                for j in 0..<width { g[j] *= 1 - a[j] * a[j] }
            }
            for j in 0..<width { biasGrad[j] += g[j] }
        }
    }
}
