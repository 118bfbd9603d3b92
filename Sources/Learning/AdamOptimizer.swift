import Foundation
import COpenBLAS

/// Adam over one flat parameter buffer, step for step as PyTorch's single-tensor Adam:
/// m = lerp(m, g, 1 - beta1); v = beta2 v + (1 - beta2) g^2;
/// p -= lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps).
public final class AdamOptimizer {
    /// Exponential decay of the first moment.
    public let beta1: Float
    /// Exponential decay of the second moment.
    public let beta2: Float
    /// Denominator guard.
    public let epsilon: Float
    /// First moments, one per parameter.
    public let firstMoment: FloatBuffer
    /// Second moments, one per parameter.
    public let secondMoment: FloatBuffer
    /// Number of steps taken (t in the bias corrections).
    public var stepCount: Int = 0

    /// Creates zeroed moments for `parameterCount` parameters.
    public init(parameterCount: Int, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8) {
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        firstMoment = FloatBuffer(count: parameterCount)
        secondMoment = FloatBuffer(count: parameterCount)
    }

    /// One Adam step on `parameters` from `gradients` (both `firstMoment.count` floats).
    public func step(parameters: UnsafeMutablePointer<Float>, gradients: UnsafePointer<Float>,
                     learningRate: Float) {
        stepCount += 1
        let t = Double(stepCount)
        let correction1 = 1 - pow(Double(beta1), t)
        let correction2Root = (1 - pow(Double(beta2), t)).squareRoot()
        let stepSize = Float(Double(learningRate) / correction1)
        let inverseRoot = Float(1 / correction2Root)
        let (b1, b2, eps) = (beta1, beta2, epsilon)
        let m = firstMoment.pointer
        let v = secondMoment.pointer
        // SAFETY: all four buffers hold `count` floats; SIMD8 body, scalar tail.
        let count = firstMoment.count
        let vectorEnd = count & ~7
        var i = 0
        while i < vectorEnd {
            let g = UnsafeRawPointer(gradients + i).loadUnaligned(as: SIMD8<Float>.self)
            var mi = UnsafeRawPointer(m + i).loadUnaligned(as: SIMD8<Float>.self)
            var vi = UnsafeRawPointer(v + i).loadUnaligned(as: SIMD8<Float>.self)
            var p = UnsafeRawPointer(parameters + i).loadUnaligned(as: SIMD8<Float>.self)
            mi += (g - mi) * (1 - b1)
            vi = vi * b2 + (g * g) * (1 - b2)
            p -= stepSize * (mi / (vi.squareRoot() * inverseRoot + eps))
            UnsafeMutableRawPointer(m + i).storeBytes(of: mi, as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(v + i).storeBytes(of: vi, as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(parameters + i).storeBytes(of: p, as: SIMD8<Float>.self)
            i += 8
        }
        while i < count {
            let g = gradients[i]
            m[i] += (g - m[i]) * (1 - b1)
            v[i] = v[i] * b2 + (g * g) * (1 - b2)
            parameters[i] -= stepSize * (m[i] / (v[i].squareRoot() * inverseRoot + eps))
            i += 1
        }
    }
}

/// Global gradient-norm clipping over one flat gradient buffer (`clip_grad_norm_`).
public enum GradientClipping {
    /// Scales `gradients` [count] so their L2 norm is at most `maxNorm`; returns the norm
    /// before clipping. Coefficient maxNorm / (norm + 1e-6), applied only when below 1.
    @discardableResult
    public static func clip(_ gradients: UnsafeMutablePointer<Float>, count: Int, maxNorm: Float) -> Float {
        // SAFETY: `count` floats; sdot is deterministic for a fixed OpenBLAS thread count.
        let norm = cblas_sdot(Int32(count), gradients, 1, gradients, 1).squareRoot()
        let coefficient = maxNorm / (norm + 1e-6)
        if coefficient < 1 {
            for i in 0..<count { gradients[i] *= coefficient }
        }
        return norm
    }
}
