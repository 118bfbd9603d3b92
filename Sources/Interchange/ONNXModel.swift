/// ONNX models and graphs: the `ModelProto`, `GraphProto`, `OperatorSetIdProto` and
/// `StringStringEntryProto` messages of onnx/onnx.proto (field numbers as declared there).
/// Encoding is deterministic: fields in declaration order, lists in the order given.

/// A computation graph (`GraphProto`): nodes in topological order, constant tensors, typed
/// inputs and outputs.
public struct ONNXGraph: Sendable, Equatable {
    /// Graph name.
    public var name: String
    /// Operator calls, each after the producers of its inputs.
    public var nodes: [ONNXNode]
    /// Constant tensors (weights, statistics, shapes).
    public var initializers: [ONNXTensor]
    /// Values the caller feeds.
    public var inputs: [ONNXValueInfo]
    /// Values the graph returns.
    public var outputs: [ONNXValueInfo]
    /// Human-readable description (`doc_string`), empty = none.
    public var docString: String

    /// A graph named `name`.
    public init(name: String, nodes: [ONNXNode], initializers: [ONNXTensor], inputs: [ONNXValueInfo],
                outputs: [ONNXValueInfo], docString: String = "") {
        self.name = name
        self.nodes = nodes
        self.initializers = initializers
        self.inputs = inputs
        self.outputs = outputs
        self.docString = docString
    }

    /// Encodes node 1, name 2, initializer 5, doc_string 10, input 11, output 12.
    public func encode(into w: inout ProtobufWriter) {
        for node in nodes { w.message(1) { node.encode(into: &$0) } }
        w.string(2, name)
        for tensor in initializers { w.message(5) { tensor.encode(into: &$0) } }
        if !docString.isEmpty { w.string(10, docString) }
        for input in inputs { w.message(11) { input.encode(into: &$0) } }
        for output in outputs { w.message(12) { output.encode(into: &$0) } }
    }
}

/// A whole model file (`ModelProto`): versions, the graph, documentation and metadata.
public struct ONNXModel: Sendable, Equatable {
    /// IR version (8: ONNX 1.12, the release that brought opset 17).
    public var irVersion: Int64 = 8
    /// Version of the default-domain operator set the graph's nodes bind to.
    public var opsetVersion: Int64 = 17
    /// Tool that wrote the model.
    public var producerName: String
    /// Version of that tool's export format.
    public var producerVersion: String
    /// Version of the model itself (`model_version`).
    public var modelVersion: Int64
    /// Human-readable description of the model (`doc_string`, Markdown).
    public var docString: String
    /// The graph.
    public var graph: ONNXGraph
    /// Named metadata (`metadata_props`), keys distinct, kept in this order.
    public var metadata: [(key: String, value: String)]

    /// A model of `graph`; metadata keys must be distinct.
    public init(producerName: String, producerVersion: String, modelVersion: Int64, docString: String,
                graph: ONNXGraph, metadata: [(key: String, value: String)]) {
        precondition(Set(metadata.map(\.key)).count == metadata.count, "ONNXModel: metadata keys must be distinct")
        self.producerName = producerName
        self.producerVersion = producerVersion
        self.modelVersion = modelVersion
        self.docString = docString
        self.graph = graph
        self.metadata = metadata
    }

    public static func == (a: ONNXModel, b: ONNXModel) -> Bool { a.encoded() == b.encoded() }

    /// Encodes ir_version 1, producer_name 2, producer_version 3, model_version 5, doc_string 6,
    /// graph 7, opset_import 8 (domain "" omitted, version 2), metadata_props 14 (key 1, value 2).
    public func encode(into w: inout ProtobufWriter) {
        w.int(1, irVersion)
        w.string(2, producerName)
        w.string(3, producerVersion)
        w.int(5, modelVersion)
        if !docString.isEmpty { w.string(6, docString) }
        w.message(7) { graph.encode(into: &$0) }
        w.message(8) { $0.int(2, opsetVersion) }
        for entry in metadata {
            w.message(14) { e in
                e.string(1, entry.key)
                e.string(2, entry.value)
            }
        }
    }

    /// The serialized model: the bytes of a .onnx file.
    public func encoded() -> [UInt8] {
        var w = ProtobufWriter()
        encode(into: &w)
        return w.bytes
    }

    /// The value of metadata `key`, nil when absent.
    public func metadataValue(_ key: String) -> String? { metadata.first { $0.key == key }?.value }
}
