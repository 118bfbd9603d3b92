import COpenBLAS

/// Orthogonal weight initialisation (Saxe et al.), as `torch.nn.init.orthogonal_`.
public enum Orthogonal {
    /// Fills `weight` [inputSize, outputSize] with a gain-scaled semi-orthogonal matrix:
    /// orthonormal columns when inputSize >= outputSize, orthonormal rows otherwise.
    /// Uses classical Gram-Schmidt applied twice (CGS2) on Gaussian vectors, so the result
    /// has the Haar distribution that QR with sign correction gives.
    public static func fill(_ weight: UnsafeMutablePointer<Float>, inputSize: Int, outputSize: Int,
                            gain: Float, generator: inout RandomGenerator) {
        let length = max(inputSize, outputSize)
        let vectorCount = min(inputSize, outputSize)
        let q = FloatBuffer(count: vectorCount * length)
        let coefficients = FloatBuffer(count: vectorCount)
        generator.fillGaussian(q.pointer, count: vectorCount * length)
        for j in 0..<vectorCount {
            let v = q.pointer + j * length
            for _ in 0..<2 where j > 0 {
                // SAFETY: rows 0..<j of q are [j, length]; coefficients has >= j slots.
                cblas_sgemv(CblasRowMajor, CblasNoTrans, Int32(j), Int32(length), 1, q.pointer,
                            Int32(length), v, 1, 0, coefficients.pointer, 1)
                cblas_sgemv(CblasRowMajor, CblasTrans, Int32(j), Int32(length), -1, q.pointer,
                            Int32(length), coefficients.pointer, 1, 1, v, 1)
            }
            var norm: Float = 0
            for i in 0..<length { norm += v[i] * v[i] }
            let scale = 1 / norm.squareRoot()
            for i in 0..<length { v[i] *= scale }
        }
        for i in 0..<inputSize {
            for o in 0..<outputSize {
                let value = inputSize >= outputSize ? q.pointer[o * length + i] : q.pointer[i * length + o]
                // SAFETY: weight is [inputSize, outputSize].
                weight[i * outputSize + o] = value * gain
            }
        }
    }
}
