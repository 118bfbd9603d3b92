/// ONNX operator calls: the `NodeProto` and `AttributeProto` messages of onnx/onnx.proto
/// (field numbers as declared there).

/// A named operator attribute (`AttributeProto`) of one of the types the policy graph uses.
public struct ONNXAttribute: Sendable, Equatable {
    /// The attribute's value.
    public enum Value: Sendable, Equatable {
        /// A float (`f`, type FLOAT = 1).
        case float(Float)
        /// An int64 (`i`, type INT = 2).
        case int(Int64)
    }

    /// Attribute name as the operator defines it (e.g. "alpha").
    public var name: String
    /// Its value.
    public var value: Value

    /// An attribute `name` = `value`.
    public init(_ name: String, _ value: Value) {
        self.name = name
        self.value = value
    }

    /// Encodes name 1, then f 2 or i 3, then type 20.
    public func encode(into w: inout ProtobufWriter) {
        w.string(1, name)
        switch value {
        case .float(let f):
            w.float(2, f)
            w.int(20, 1)
        case .int(let i):
            w.int(3, i)
            w.int(20, 2)
        }
    }
}

/// One operator call of a graph (`NodeProto`) in the default ONNX domain.
public struct ONNXNode: Sendable, Equatable {
    /// Node name (unique in the graph).
    public var name: String
    /// Operator, e.g. "MatMul".
    public var opType: String
    /// Names of the input values, in the operator's order.
    public var inputs: [String]
    /// Names of the output values.
    public var outputs: [String]
    /// Attributes.
    public var attributes: [ONNXAttribute]
    /// Human-readable description (`doc_string`), empty = none.
    public var docString: String

    /// A call of `opType` from `inputs` to `outputs`.
    public init(name: String, opType: String, inputs: [String], outputs: [String],
                attributes: [ONNXAttribute] = [], docString: String = "") {
        self.name = name
        self.opType = opType
        self.inputs = inputs
        self.outputs = outputs
        self.attributes = attributes
        self.docString = docString
    }

    /// Encodes input 1, output 2, name 3, op_type 4, attribute 5, doc_string 6 (domain 7
    /// is left out: the default ONNX domain).
    public func encode(into w: inout ProtobufWriter) {
        for input in inputs { w.string(1, input) }
        for output in outputs { w.string(2, output) }
        w.string(3, name)
        w.string(4, opType)
        for attribute in attributes { w.message(5) { attribute.encode(into: &$0) } }
        if !docString.isEmpty { w.string(6, docString) }
    }
}
