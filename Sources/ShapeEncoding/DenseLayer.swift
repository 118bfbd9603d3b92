import Learning

/// One dense layer (a single-layer `MLP`) that also back-propagates to its input, which the
/// layers after the max-pool need (`MLP.backward` stops at its first layer's weights).
final class DenseLayer {
    /// The wrapped network: weight [in, out], bias [out], one activation.
    let network: MLP
    /// dLoss/dPreactivation scratch, [maxBatch, out].
    private let preactivationGradient: FloatBuffer

    /// Binds the layer to `parameters`/`gradients` (each `shape.parameterCount` floats).
    init(shape: MLPShape, maxBatch: Int, parameters: UnsafeMutablePointer<Float>, gradients: UnsafeMutablePointer<Float>) {
        precondition(shape.hiddenSizes.isEmpty, "DenseLayer: a single layer has no hidden sizes")
        network = MLP(shape: shape, maxBatch: maxBatch, parameters: parameters, gradients: gradients)
        preactivationGradient = FloatBuffer(count: maxBatch * shape.outputSize)
    }

    /// Outputs of the last `forward`, [rows, out].
    var output: UnsafeMutablePointer<Float> { network.output }

    /// Where the caller writes dLoss/dOutput, [rows, out], before `backward`.
    var outputGradient: UnsafeMutablePointer<Float> { network.outputGradient }

    /// Runs the layer on input [rows, in].
    @discardableResult
    func forward(_ input: UnsafePointer<Float>, rows: Int) -> UnsafeMutablePointer<Float> {
        network.forward(input, rows: rows)
    }

    /// Back-propagates `outputGradient` through the last `forward` on `input`: writes this
    /// layer's weight and bias gradients and, when given, dLoss/dInput [rows, in].
    func backward(_ input: UnsafePointer<Float>, rows: Int, inputGradient: UnsafeMutablePointer<Float>?) {
        let (inW, outW) = (network.shape.inputSize, network.shape.outputSize)
        if let inputGradient {
            // dZ = dA * act'(A) from the activated outputs, then dX = dZ W^T.
            let dZ = preactivationGradient.pointer, dA = network.outputGradient, a = network.output
            for i in 0..<(rows * outW) {
                // SAFETY: i < rows * outW <= maxBatch * outW for all three buffers.
                switch network.shape.outputActivation {
                case .linear: dZ[i] = dA[i]
                case .elu: dZ[i] = a[i] > 0 ? dA[i] : dA[i] * (a[i] + 1)
                case .tanh: dZ[i] = dA[i] * (1 - a[i] * a[i])
                }
            }
            // SAFETY: dZ [rows, outW], weight [inW, outW], inputGradient [rows, inW].
            BLAS.gemm(transposeA: false, transposeB: true, m: rows, n: inW, k: outW,
                      a: dZ, b: network.parameters + network.weightOffset(layer: 0), c: inputGradient)
        }
        network.backward(input, rows: rows)
    }
}
