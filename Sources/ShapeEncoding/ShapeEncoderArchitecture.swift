import Learning

/// Layer sizes and input convention of a `ShapeEncoder` (immutable "model" data), stored as
/// JSON beside the weights.
///
/// Per point: features [x, y, z] * `inputScale` and the outward normal [nx, ny, nz] (6 inputs),
/// then a shared MLP (ELU), a max-pool over points, a code MLP (ELU hidden, tanh output) to
/// `codeSize` numbers, and a linear training head with one logit per category plus
/// `SizeTargets.count` size regressions.
public struct ShapeEncoderArchitecture: Codable, Equatable, Sendable {
    /// Inputs per point: position (scaled) and normal.
    public static let pointInputSize = 6

    /// Hidden widths of the shared per-point MLP, first to last (ELU).
    public var pointHiddenSizes: [Int] = [64, 128]
    /// Width of the per-point feature that is max-pooled.
    public var pointFeatureSize: Int = 128
    /// Hidden widths of the code MLP after pooling (ELU).
    public var codeHiddenSizes: [Int] = [128]
    /// Length of the shape code (tanh output, each in [-1, 1]).
    public var codeSize: Int = 64
    /// Multiplies point positions (1/m) so a 0.1 m object spans about one unit; positions are
    /// not normalised per object, so the code keeps the object's size.
    public var inputScale: Float = 10
    /// Points per object fed to the network, in training (random subsets) and at encode time
    /// (the first `pointCount` stored points, which are i.i.d. surface samples).
    public var pointCount: Int = 256
    /// Category names in label order (the training head's logits).
    public var categories: [String] = []

    /// Creates the default architecture for `categories`.
    public init(categories: [String]) { self.categories = categories }

    /// The shared per-point MLP.
    public var pointShape: MLPShape {
        MLPShape(inputSize: Self.pointInputSize, hiddenSizes: pointHiddenSizes, outputSize: pointFeatureSize,
                 hiddenActivation: .elu, outputActivation: .elu)
    }

    /// The code layers after pooling, one single-layer shape each (ELU hidden, tanh code).
    public var codeLayerShapes: [MLPShape] {
        let widths = [pointFeatureSize] + codeHiddenSizes + [codeSize]
        return (0..<(widths.count - 1)).map { l in
            MLPShape(inputSize: widths[l], hiddenSizes: [], outputSize: widths[l + 1],
                     outputActivation: l == widths.count - 2 ? .tanh : .elu)
        }
    }

    /// The linear training head: category logits then size regressions.
    public var headShape: MLPShape {
        MLPShape(inputSize: codeSize, hiddenSizes: [], outputSize: categories.count + SizeTargets.count)
    }

    /// Total parameters of all networks, in storage order (point MLP, code layers, head).
    public var parameterCount: Int {
        pointShape.parameterCount + codeLayerShapes.reduce(0) { $0 + $1.parameterCount } + headShape.parameterCount
    }

    /// Throws `ShapeEncodingError` (naming `file`) when a size is not usable.
    public func validate(file: String) throws(ShapeEncodingError) {
        let sizes = pointHiddenSizes + codeHiddenSizes + [pointFeatureSize, codeSize, pointCount]
        guard sizes.allSatisfy({ $0 > 0 && $0 <= 65_536 }) else {
            throw ShapeEncodingError(file: file, "layer sizes and pointCount must be in 1...65536")
        }
        guard !categories.isEmpty else { throw ShapeEncodingError(file: file, "no categories") }
        guard inputScale.isFinite, inputScale > 0 else { throw ShapeEncodingError(file: file, "inputScale must be positive") }
    }
}
