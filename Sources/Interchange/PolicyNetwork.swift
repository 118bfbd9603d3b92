import Learning

/// Everything the deterministic policy computes from an observation, as plain values: the
/// observation preprocessing, the actor's dense layers and the action head (chunk shape and
/// clipping). What `PolicyGraph` turns into an ONNX graph; taken from a `PPOAgent` as
/// `PolicyEvaluator` runs it.
public struct PolicyNetwork: Sendable, Equatable {
    /// How an observation is prepared before the actor sees it (`PPOAgent.preprocess`).
    public enum Preprocessing: Sendable, Equatable {
        /// clip((x - mean) / (sqrt(variance) + epsilon), -clip, clip) per feature; mean and
        /// variance [observationDim] (`ObservationNormalizer.normalize`).
        case normalize(mean: [Float], variance: [Float], epsilon: Float, clip: Float)
        /// clip(x, -clip, clip) (the published preprocessing, no normaliser).
        case clip(Float)
    }

    /// One dense layer: y = act(x W + b), W stored [inputs, outputs] row-major.
    public struct Layer: Sendable, Equatable {
        /// Input features.
        public var inputs: Int
        /// Output features.
        public var outputs: Int
        /// Weight [inputs, outputs], row-major.
        public var weight: [Float]
        /// Bias [outputs].
        public var bias: [Float]
        /// Activation after the bias.
        public var activation: Activation

        /// A layer; `weight` holds inputs x outputs values and `bias` outputs values.
        public init(inputs: Int, outputs: Int, weight: [Float], bias: [Float], activation: Activation) {
            precondition(weight.count == inputs * outputs && bias.count == outputs,
                         "PolicyNetwork.Layer: \(weight.count) weights and \(bias.count) biases for \(inputs) x \(outputs)")
            self.inputs = inputs
            self.outputs = outputs
            self.weight = weight
            self.bias = bias
            self.activation = activation
        }
    }

    /// Observation features per row.
    public var observationDim: Int
    /// Actions per control step.
    public var actionDim: Int
    /// Actions per actor output (h for the chunked objective, 1 otherwise).
    public var chunkLength: Int
    /// Observation preprocessing.
    public var preprocessing: Preprocessing
    /// Actor layers, first to last; the last has chunkLength x actionDim outputs.
    public var layers: [Layer]
    /// Whether executed actions are clipped to [-1, 1].
    public var clipActions: Bool

    /// A network; layer widths must chain from observationDim to chunkLength x actionDim.
    public init(observationDim: Int, actionDim: Int, chunkLength: Int, preprocessing: Preprocessing,
                layers: [Layer], clipActions: Bool) {
        precondition(!layers.isEmpty, "PolicyNetwork: no layers")
        precondition(layers.first!.inputs == observationDim, "PolicyNetwork: first layer takes \(layers.first!.inputs) inputs, observations have \(observationDim)")
        precondition(layers.last!.outputs == chunkLength * actionDim, "PolicyNetwork: last layer gives \(layers.last!.outputs) outputs, chunks need \(chunkLength) x \(actionDim)")
        for (a, b) in zip(layers, layers.dropFirst()) {
            precondition(a.outputs == b.inputs, "PolicyNetwork: a layer of \(a.outputs) outputs feeds one of \(b.inputs) inputs")
        }
        if case .normalize(let mean, let variance, _, _) = preprocessing {
            precondition(mean.count == observationDim && variance.count == observationDim,
                         "PolicyNetwork: normaliser statistics of \(mean.count) / \(variance.count) features for \(observationDim) observations")
        }
        self.observationDim = observationDim
        self.actionDim = actionDim
        self.chunkLength = chunkLength
        self.preprocessing = preprocessing
        self.layers = layers
        self.clipActions = clipActions
    }

    /// The mean policy of `agent` as `PolicyEvaluator` executes it: its normaliser's current
    /// statistics (or clipping only), its actor's weights and its chunk length (1 for the
    /// naive objective, whose actor gives one action).
    public init(agent: PPOAgent) {
        let config = agent.config
        let preprocessing: Preprocessing
        if let normalizer = agent.normalizer {
            preprocessing = .normalize(mean: normalizer.mean.toArray(), variance: normalizer.variance.toArray(),
                                       epsilon: normalizer.epsilon, clip: config.observationClip)
        } else {
            preprocessing = .clip(config.observationClip)
        }
        let actor = agent.networks.actor
        let shape = actor.shape
        let widths = shape.widths
        let layers = (0..<shape.layerCount).map { l -> Layer in
            let (inputs, outputs) = (widths[l], widths[l + 1])
            // SAFETY: the actor's layer l is weight [inputs, outputs] then bias [outputs] at weightOffset(l).
            let base = actor.parameters + actor.weightOffset(layer: l)
            return Layer(inputs: inputs, outputs: outputs,
                         weight: Array(UnsafeBufferPointer(start: base, count: inputs * outputs)),
                         bias: Array(UnsafeBufferPointer(start: base + inputs * outputs, count: outputs)),
                         activation: l == shape.layerCount - 1 ? shape.outputActivation : shape.hiddenActivation)
        }
        self.init(observationDim: agent.observationDim, actionDim: agent.actionDim,
                  chunkLength: config.objective == .chunked ? config.chunkLength : 1,
                  preprocessing: preprocessing, layers: layers, clipActions: config.clipActions)
    }
}
