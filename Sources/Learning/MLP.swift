/// A dense feed-forward network over row-major batches, computed with `cblas_sgemm`.
///
/// Parameters and gradients live in caller-owned flat buffers (one `ParameterStore` for the
/// whole agent, so Adam and gradient clipping are single loops). Layer l stores its weight
/// as [in, out] row-major (the transpose of PyTorch's [out, in]) followed by its bias [out].
/// Activation buffers are allocated once for `maxBatch` rows and reused.
public final class MLP {
    /// Layer sizes and activations.
    public let shape: MLPShape
    /// Largest batch (rows) that `forward`/`backward` accept.
    public let maxBatch: Int
    /// First parameter of this network inside the shared parameter buffer.
    public let parameters: UnsafeMutablePointer<Float>
    /// First gradient of this network inside the shared gradient buffer (same layout).
    public let gradients: UnsafeMutablePointer<Float>
    /// Offsets of each layer's weight inside `parameters`; the bias follows the weight.
    let weightOffsets: [Int]
    /// Post-activation outputs per layer, [maxBatch, width(l + 1)].
    let outputs: [FloatBuffer]
    /// Ping-pong gradient buffers, [maxBatch, max width].
    let gradientBuffers: (FloatBuffer, FloatBuffer)

    /// Binds a network to `parameters`/`gradients` (each `shape.parameterCount` floats).
    public init(
        shape: MLPShape, maxBatch: Int,
        parameters: UnsafeMutablePointer<Float>, gradients: UnsafeMutablePointer<Float>
    ) {
        precondition(maxBatch > 0, "MLP: maxBatch must be positive")
        self.shape = shape
        self.maxBatch = maxBatch
        self.parameters = parameters
        self.gradients = gradients
        let widths = shape.widths
        var offsets: [Int] = []
        var offset = 0
        for l in 0..<shape.layerCount {
            offsets.append(offset)
            offset += widths[l] * widths[l + 1] + widths[l + 1]
        }
        weightOffsets = offsets
        outputs = (1..<widths.count).map { FloatBuffer(count: maxBatch * widths[$0]) }
        let widest = widths.max() ?? 1
        gradientBuffers = (
            FloatBuffer(count: maxBatch * widest), FloatBuffer(count: maxBatch * widest)
        )
    }

    /// The network output of the last `forward`, [rows, outputSize].
    public var output: UnsafeMutablePointer<Float> { outputs[outputs.count - 1].pointer }

    /// Where the caller writes dLoss/dOutput, [rows, outputSize], before `backward`.
    public var outputGradient: UnsafeMutablePointer<Float> { gradientBuffers.0.pointer }

    /// Runs the network on `input` [rows, inputSize]; returns `output` [rows, outputSize].
    @discardableResult
    public func forward(_ input: UnsafePointer<Float>, rows: Int) -> UnsafeMutablePointer<Float> {
        precondition(rows >= 0 && rows <= maxBatch, "MLP.forward: \(rows) rows exceed maxBatch \(maxBatch)")
        let widths = shape.widths
        var x = input
        for l in 0..<shape.layerCount {
            let (inW, outW) = (widths[l], widths[l + 1])
            let weight = parameters + weightOffsets[l]
            let y = outputs[l].pointer
            // SAFETY: x is [rows, inW], weight [inW, outW], y [maxBatch, outW] with rows <= maxBatch.
            BLAS.gemm(transposeA: false, transposeB: false, m: rows, n: outW, k: inW,
                      a: x, b: weight, c: y)
            let activation = l == shape.layerCount - 1 ? shape.outputActivation : shape.hiddenActivation
            ActivationKernels.biasActivate(y, bias: weight + inW * outW, rows: rows, width: outW,
                                           activation: activation)
            x = UnsafePointer(y)
        }
        return output
    }

    /// Back-propagates `outputGradient` through the last `forward` on the same `input`,
    /// overwriting this network's gradients (dLoss/dW, dLoss/db). `outputGradient` is consumed.
    /// The first layer's input gradient is not computed (no layer below needs it).
    public func backward(_ input: UnsafePointer<Float>, rows: Int) {
        precondition(rows >= 0 && rows <= maxBatch, "MLP.backward: \(rows) rows exceed maxBatch \(maxBatch)")
        let widths = shape.widths
        var current = gradientBuffers.0.pointer
        var spare = gradientBuffers.1.pointer
        for l in stride(from: shape.layerCount - 1, through: 0, by: -1) {
            let (inW, outW) = (widths[l], widths[l + 1])
            let gradWeight = gradients + weightOffsets[l]
            let activation = l == shape.layerCount - 1 ? shape.outputActivation : shape.hiddenActivation
            // dZ = dA * act'(A), dBias = column sums of dZ.
            ActivationKernels.backward(current, output: outputs[l].pointer,
                                       biasGrad: gradWeight + inW * outW, rows: rows,
                                       width: outW, activation: activation)
            let layerInput = l == 0 ? input : UnsafePointer(outputs[l - 1].pointer)
            // SAFETY: layerInput [rows, inW], current [rows, outW], gradWeight [inW, outW].
            BLAS.gemm(transposeA: true, transposeB: false, m: inW, n: outW, k: rows,
                      a: layerInput, b: current, c: gradWeight)
            guard l > 0 else { break }
            // dX = dZ W^T into the spare buffer [rows, inW].
            BLAS.gemm(transposeA: false, transposeB: true, m: rows, n: inW, k: outW,
                      a: current, b: parameters + weightOffsets[l], c: spare)
            swap(&current, &spare)
        }
    }

    /// Orthogonal initialisation: hidden layers with `hiddenGain`, the output layer with
    /// `outputGain`; biases zero.
    public func initializeOrthogonal(hiddenGain: Float, outputGain: Float,
                                     generator: inout RandomGenerator) {
        let widths = shape.widths
        for l in 0..<shape.layerCount {
            let gain = l == shape.layerCount - 1 ? outputGain : hiddenGain
            let weight = parameters + weightOffsets[l]
            Orthogonal.fill(weight, inputSize: widths[l], outputSize: widths[l + 1],
                            gain: gain, generator: &generator)
            // SAFETY: the bias [out] follows the weight [in, out].
            (weight + widths[l] * widths[l + 1]).update(repeating: 0, count: widths[l + 1])
        }
    }

    /// Offset of layer `l`'s weight [in, out] inside `parameters`; the bias [out] follows it.
    public func weightOffset(layer l: Int) -> Int { weightOffsets[l] }
}
