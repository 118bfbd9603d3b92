/// ONNX tensors and value types: the `TensorProto`, `ValueInfoProto`, `TypeProto` and
/// `TensorShapeProto` messages of onnx/onnx.proto (field numbers as declared there).

/// An ONNX element type (`TensorProto.DataType`).
public enum ONNXElementType: Int64, Sendable {
    /// 32-bit IEEE float.
    case float = 1
    /// 64-bit signed integer.
    case int64 = 7
}

/// A constant tensor (`TensorProto`), stored little-endian in `raw_data`.
public struct ONNXTensor: Sendable, Equatable {
    /// Tensor values, row-major.
    public enum Values: Sendable, Equatable {
        /// float32 values.
        case float([Float])
        /// int64 values.
        case int64([Int64])
    }

    /// Name the graph's nodes refer to it by.
    public var name: String
    /// Shape ([] = a scalar).
    public var dims: [Int]
    /// Values; their count is the product of `dims`.
    public var values: Values
    /// Human-readable description (`doc_string`), empty = none.
    public var docString: String

    /// A tensor named `name` of shape `dims`; the value count must match the shape.
    public init(name: String, dims: [Int], values: Values, docString: String = "") {
        let count: Int
        switch values {
        case .float(let v): count = v.count
        case .int64(let v): count = v.count
        }
        precondition(dims.reduce(1, *) == count, "ONNXTensor \(name): \(count) values for shape \(dims)")
        self.name = name
        self.dims = dims
        self.values = values
        self.docString = docString
    }

    /// A float32 tensor.
    public static func float(_ name: String, dims: [Int], _ values: [Float], doc: String = "") -> ONNXTensor {
        ONNXTensor(name: name, dims: dims, values: .float(values), docString: doc)
    }

    /// A float32 scalar (shape []).
    public static func scalar(_ name: String, _ value: Float, doc: String = "") -> ONNXTensor {
        ONNXTensor(name: name, dims: [], values: .float([value]), docString: doc)
    }

    /// An int64 tensor.
    public static func int64(_ name: String, dims: [Int], _ values: [Int64], doc: String = "") -> ONNXTensor {
        ONNXTensor(name: name, dims: dims, values: .int64(values), docString: doc)
    }

    /// The element type of `values`.
    public var elementType: ONNXElementType {
        switch values {
        case .float: return .float
        case .int64: return .int64
        }
    }

    /// The values as fixed-width little-endian bytes (`raw_data`).
    public var rawData: [UInt8] {
        var bytes: [UInt8] = []
        switch values {
        case .float(let v):
            bytes.reserveCapacity(4 * v.count)
            for x in v { Self.appendLittleEndian(UInt64(x.bitPattern), byteCount: 4, to: &bytes) }
        case .int64(let v):
            bytes.reserveCapacity(8 * v.count)
            for x in v { Self.appendLittleEndian(UInt64(bitPattern: x), byteCount: 8, to: &bytes) }
        }
        return bytes
    }

    /// Encodes the `TensorProto` fields: dims 1, data_type 2, name 8, raw_data 9, doc_string 12.
    public func encode(into w: inout ProtobufWriter) {
        w.repeatedInts(1, dims.map(Int64.init))
        w.int(2, elementType.rawValue)
        w.string(8, name)
        w.bytes(9, rawData)
        if !docString.isEmpty { w.string(12, docString) }
    }

    private static func appendLittleEndian(_ value: UInt64, byteCount: Int, to bytes: inout [UInt8]) {
        for i in 0..<byteCount { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(i)))) }
    }
}

/// One dimension of a graph input or output: a fixed size or a named, dynamic one.
public enum ONNXDimension: Sendable, Equatable {
    /// A fixed size (`dim_value`).
    case value(Int)
    /// A symbolic size chosen at run time (`dim_param`), e.g. "batch".
    case parameter(String)
}

/// A typed graph input or output (`ValueInfoProto` with a tensor `TypeProto`).
public struct ONNXValueInfo: Sendable, Equatable {
    /// Name the graph's nodes refer to it by.
    public var name: String
    /// Element type.
    public var elementType: ONNXElementType
    /// Shape.
    public var shape: [ONNXDimension]
    /// Human-readable description (`doc_string`), empty = none.
    public var docString: String

    /// A tensor value named `name`.
    public init(name: String, elementType: ONNXElementType, shape: [ONNXDimension], docString: String = "") {
        self.name = name
        self.elementType = elementType
        self.shape = shape
        self.docString = docString
    }

    /// Encodes name 1, type 2 (TypeProto.tensor_type 1: elem_type 1, shape 2: dim 1:
    /// dim_value 1 | dim_param 2), doc_string 3.
    public func encode(into w: inout ProtobufWriter) {
        w.string(1, name)
        w.message(2) { type in
            type.message(1) { tensor in
                tensor.int(1, elementType.rawValue)
                tensor.message(2) { shapeProto in
                    for dim in shape {
                        shapeProto.message(1) { d in
                            switch dim {
                            case .value(let n): d.int(1, Int64(n))
                            case .parameter(let p): d.string(2, p)
                            }
                        }
                    }
                }
            }
        }
        if !docString.isEmpty { w.string(3, docString) }
    }
}
