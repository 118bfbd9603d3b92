import Learning

/// A PointNet-style point-cloud encoder built from the project's own networks: a shared
/// per-point MLP run on all points of a batch as one matrix product, a max-pool over each
/// object's points, and a code MLP to a `codeSize` shape code. A linear head on the code
/// (category logits + size regressions) exists only to train it.
///
/// All parameters live in one flat buffer (point MLP, code layers, head), so Adam, gradient
/// clipping and the safetensors file are single loops. Not thread-safe: one encoder per thread.
public final class ShapeEncoder {
    /// Sizes, input convention and category names.
    public let architecture: ShapeEncoderArchitecture
    /// Most objects per `forward` batch.
    public let maxObjects: Int
    /// Every parameter, [architecture.parameterCount].
    let parameters: FloatBuffer
    /// Gradients, same layout as `parameters`.
    let gradients: FloatBuffer
    /// The shared per-point MLP, rows = objects * points.
    let pointNetwork: MLP
    /// Layers from the pooled feature to the code.
    let codeLayers: [DenseLayer]
    /// Training head: logits [categories] then size regressions [SizeTargets.count].
    let head: DenseLayer
    /// Point inputs of the last batch, [maxObjects * pointCount, 6].
    let pointInput: FloatBuffer
    /// Max-pooled features, [maxObjects, pointFeatureSize].
    let pooled: FloatBuffer
    /// Winning point per pooled feature, [maxObjects, pointFeatureSize].
    let argmax: UnsafeMutableBufferPointer<Int32>
    /// dLoss/dPooled, [maxObjects, pointFeatureSize].
    let pooledGradient: FloatBuffer

    /// Creates an encoder with orthogonal initial weights drawn from `seed` (hidden gain sqrt 2,
    /// code layer 1, head 0.1; zero biases), able to run `maxObjects` objects per batch.
    public init(architecture: ShapeEncoderArchitecture, seed: UInt64, maxObjects: Int = 1) {
        precondition(maxObjects > 0, "ShapeEncoder: maxObjects must be positive")
        self.architecture = architecture
        self.maxObjects = maxObjects
        let parameters = FloatBuffer(count: architecture.parameterCount)
        let gradients = FloatBuffer(count: architecture.parameterCount)
        self.parameters = parameters
        self.gradients = gradients
        let pointRows = maxObjects * architecture.pointCount
        var offset = 0
        func bind(_ shape: MLPShape) -> (UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>) {
            defer { offset += shape.parameterCount }
            // SAFETY: offsets partition the buffers in storage order; parameterCount sums them.
            return (parameters.pointer + offset, gradients.pointer + offset)
        }
        let (pp, pg) = bind(architecture.pointShape)
        pointNetwork = MLP(shape: architecture.pointShape, maxBatch: pointRows, parameters: pp, gradients: pg)
        codeLayers = architecture.codeLayerShapes.map { shape in
            let (p, g) = bind(shape)
            return DenseLayer(shape: shape, maxBatch: maxObjects, parameters: p, gradients: g)
        }
        let (hp, hg) = bind(architecture.headShape)
        head = DenseLayer(shape: architecture.headShape, maxBatch: maxObjects, parameters: hp, gradients: hg)
        pointInput = FloatBuffer(count: pointRows * ShapeEncoderArchitecture.pointInputSize)
        pooled = FloatBuffer(count: maxObjects * architecture.pointFeatureSize)
        pooledGradient = FloatBuffer(count: maxObjects * architecture.pointFeatureSize)
        argmax = .allocate(capacity: maxObjects * architecture.pointFeatureSize)
        argmax.initialize(repeating: 0)
        var generator = RandomGenerator(seed: seed)
        pointNetwork.initializeOrthogonal(hiddenGain: Float(2).squareRoot(), outputGain: Float(2).squareRoot(), generator: &generator)
        for (l, layer) in codeLayers.enumerated() {
            let gain: Float = l == codeLayers.count - 1 ? 1 : Float(2).squareRoot()
            layer.network.initializeOrthogonal(hiddenGain: gain, outputGain: gain, generator: &generator)
        }
        head.network.initializeOrthogonal(hiddenGain: 0.1, outputGain: 0.1, generator: &generator)
    }

    deinit { argmax.deallocate() }

    /// Length of the shape code.
    public var codeSize: Int { architecture.codeSize }

    /// A copy of every parameter in storage order (tests, determinism checks).
    public var parameterValues: [Float] { parameters.toArray() }

    /// Runs `objects` objects of `pointsPerObject` points each, already written to `pointInput`
    /// ([objects * pointsPerObject, 6]), through the encoder; returns the codes [objects, codeSize].
    /// With `throughHead` the head runs too (its output is `head.output`).
    @discardableResult
    func forward(objects: Int, pointsPerObject: Int, throughHead: Bool) -> UnsafeMutablePointer<Float> {
        precondition(objects <= maxObjects && pointsPerObject <= architecture.pointCount,
                     "ShapeEncoder.forward: batch exceeds \(maxObjects) objects x \(architecture.pointCount) points")
        let features = pointNetwork.forward(pointInput.pointer, rows: objects * pointsPerObject)
        MaxPool.forward(features, groups: objects, groupSize: pointsPerObject, width: architecture.pointFeatureSize,
                        output: pooled.pointer, argmax: argmax.baseAddress!)
        var x = UnsafePointer(pooled.pointer)
        for layer in codeLayers { x = UnsafePointer(layer.forward(x, rows: objects)) }
        if throughHead { head.forward(x, rows: objects) }
        return UnsafeMutablePointer(mutating: x)
    }

    /// Back-propagates `head.outputGradient` (written by the caller after a `forward` with the
    /// head) through the whole encoder, overwriting `gradients`.
    func backward(objects: Int, pointsPerObject: Int) {
        let code = UnsafePointer(codeLayers[codeLayers.count - 1].output)
        head.backward(code, rows: objects, inputGradient: codeLayers[codeLayers.count - 1].outputGradient)
        for l in stride(from: codeLayers.count - 1, through: 0, by: -1) {
            let input = l == 0 ? UnsafePointer(pooled.pointer) : UnsafePointer(codeLayers[l - 1].output)
            let inputGradient = l == 0 ? pooledGradient.pointer : codeLayers[l - 1].outputGradient
            codeLayers[l].backward(input, rows: objects, inputGradient: inputGradient)
        }
        MaxPool.backward(pooledGradient.pointer, argmax: argmax.baseAddress!, groups: objects,
                         groupSize: pointsPerObject, width: architecture.pointFeatureSize,
                         inputGradient: pointNetwork.outputGradient)
        pointNetwork.backward(pointInput.pointer, rows: objects * pointsPerObject)
    }
}
