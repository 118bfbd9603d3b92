/// Layer sizes and activations of one fully connected network (immutable "model" data).
public struct MLPShape: Codable, Equatable, Sendable {
    /// Input features per sample.
    public var inputSize: Int
    /// Widths of the hidden layers, first to last (may be empty).
    public var hiddenSizes: [Int]
    /// Outputs per sample.
    public var outputSize: Int
    /// Activation after every hidden layer.
    public var hiddenActivation: Activation
    /// Activation after the output layer (`.linear` for the published heads).
    public var outputActivation: Activation

    /// Creates a shape; sizes must be positive (checked by `validate`).
    public init(
        inputSize: Int, hiddenSizes: [Int], outputSize: Int,
        hiddenActivation: Activation = .elu, outputActivation: Activation = .linear
    ) {
        self.inputSize = inputSize
        self.hiddenSizes = hiddenSizes
        self.outputSize = outputSize
        self.hiddenActivation = hiddenActivation
        self.outputActivation = outputActivation
    }

    /// Widths of every layer's input then output: [inputSize, hidden..., outputSize].
    public var widths: [Int] { [inputSize] + hiddenSizes + [outputSize] }

    /// Number of dense layers.
    public var layerCount: Int { hiddenSizes.count + 1 }

    /// Floats per layer: weight [in, out] followed by bias [out].
    public var parameterCount: Int {
        let w = widths
        return (0..<layerCount).reduce(0) { $0 + w[$1] * w[$1 + 1] + w[$1 + 1] }
    }

    /// Multiply-adds per sample of one forward pass (for FLOP accounting).
    public var multiplyAddsPerSample: Int {
        let w = widths
        return (0..<layerCount).reduce(0) { $0 + w[$1] * w[$1 + 1] }
    }

    /// Throws `ConfigError` when a size is not positive.
    public func validate(name: String) throws {
        for (i, width) in widths.enumerated() where width <= 0 {
            throw ConfigError("\(name): layer width \(i) is \(width); all widths must be positive")
        }
    }
}
