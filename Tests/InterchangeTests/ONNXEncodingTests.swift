import XCTest
@testable import Interchange

/// The ONNX messages byte for byte, with the field numbers of onnx/onnx.proto worked out by
/// hand (tag = field << 3 | wire type), and the .npy header.
final class ONNXEncodingTests: XCTestCase {
    func testRepeatedIntsAreUnpacked() {
        var w = ProtobufWriter()
        w.repeatedInts(1, [3, 270])
        XCTAssertEqual(w.bytes, [0x08, 0x03, 0x08, 0x8E, 0x02])
    }

    func testTensorProtoBytes() {
        var w = ProtobufWriter()
        ONNXTensor.float("w", dims: [2], [1.0, -2.0]).encode(into: &w)
        // dims 1 (varint 2), data_type 2 (FLOAT 1), name 8 ("w"), raw_data 9 (8 bytes LE)
        XCTAssertEqual(w.bytes, [0x08, 0x02, 0x10, 0x01, 0x42, 0x01, 0x77, 0x4A, 0x08, 0, 0, 0x80, 0x3F, 0, 0, 0, 0xC0])
        var s = ProtobufWriter()
        ONNXTensor.int64("s", dims: [1], [-1]).encode(into: &s)
        XCTAssertEqual(s.bytes, [0x08, 0x01, 0x10, 0x07, 0x42, 0x01, 0x73, 0x4A, 0x08] + Array(repeating: 0xFF, count: 8))
        var scalar = ProtobufWriter()
        ONNXTensor.scalar("e", 0.5).encode(into: &scalar)
        XCTAssertEqual(scalar.bytes, [0x10, 0x01, 0x42, 0x01, 0x65, 0x4A, 0x04, 0, 0, 0, 0x3F], "a scalar has no dims")
    }

    func testValueInfoWithDynamicBatch() {
        var w = ProtobufWriter()
        ONNXValueInfo(name: "x", elementType: .float, shape: [.parameter("b"), .value(3)]).encode(into: &w)
        // name 1; type 2 { tensor_type 1 { elem_type 1 = 1; shape 2 { dim 1 { dim_param 2 "b" } dim 1 { dim_value 1 = 3 } } } }
        let dims: [UInt8] = [0x0A, 0x03, 0x12, 0x01, 0x62, 0x0A, 0x02, 0x08, 0x03]
        let tensor: [UInt8] = [0x08, 0x01, 0x12, UInt8(dims.count)] + dims
        let type: [UInt8] = [0x0A, UInt8(tensor.count)] + tensor
        XCTAssertEqual(w.bytes, [0x0A, 0x01, 0x78, 0x12, UInt8(type.count)] + type)
    }

    func testNodeWithFloatAttribute() {
        var w = ProtobufWriter()
        ONNXNode(name: "n", opType: "Elu", inputs: ["a"], outputs: ["b"], attributes: [ONNXAttribute("alpha", .float(1))]).encode(into: &w)
        // attribute: name 1 "alpha", f 2 (fixed32 1.0), type 20 (FLOAT = 1: tag 20 << 3 = 0xA0 0x01)
        let attribute: [UInt8] = [0x0A, 0x05] + Array("alpha".utf8) + [0x15, 0, 0, 0x80, 0x3F, 0xA0, 0x01, 0x01]
        XCTAssertEqual(w.bytes, [0x0A, 0x01, 0x61, 0x12, 0x01, 0x62, 0x1A, 0x01, 0x6E, 0x22, 0x03] + Array("Elu".utf8)
                       + [0x2A, UInt8(attribute.count)] + attribute)
    }

    func testModelTopLevelFields() {
        let graph = ONNXGraph(name: "g", nodes: [], initializers: [], inputs: [], outputs: [])
        let model = ONNXModel(producerName: "p", producerVersion: "1", modelVersion: 7, docString: "d", graph: graph,
                              metadata: [("k1", "v1"), ("k2", "v2")])
        let bytes = model.encoded()
        XCTAssertEqual(ProtobufReader.ints(1, in: bytes), [8], "ir_version")
        XCTAssertEqual(ProtobufReader.strings(2, in: bytes), ["p"])
        XCTAssertEqual(ProtobufReader.strings(3, in: bytes), ["1"])
        XCTAssertEqual(ProtobufReader.ints(5, in: bytes), [7], "model_version")
        XCTAssertEqual(ProtobufReader.strings(6, in: bytes), ["d"])
        XCTAssertEqual(ProtobufReader.messages(7, in: bytes), [[0x12, 0x01, 0x67]], "graph: only its name")
        XCTAssertEqual(ProtobufReader.messages(8, in: bytes), [[0x10, 0x11]], "opset_import: version 17, default domain")
        let entries = ProtobufReader.messages(14, in: bytes).map { [ProtobufReader.strings(1, in: $0), ProtobufReader.strings(2, in: $0)] }
        XCTAssertEqual(entries, [[["k1"], ["v1"]], [["k2"], ["v2"]]])
    }

    func testNumpyHeaderAndData() {
        let bytes = NumpyArray.encode(float32: [1, 2, 3, 4, 5, 6], shape: [2, 3])
        XCTAssertEqual(Array(bytes[0..<8]), [0x93] + Array("NUMPY".utf8) + [1, 0])
        let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        XCTAssertEqual((10 + headerLength) % 64, 0, "data must start 64-byte aligned")
        let header = String(decoding: bytes[10 ..< 10 + headerLength], as: UTF8.self)
        XCTAssertTrue(header.hasPrefix("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"), header)
        XCTAssertTrue(header.hasSuffix(" \n"))
        XCTAssertEqual(bytes.count, 10 + headerLength + 24)
        XCTAssertEqual(Array(bytes[(10 + headerLength)...].prefix(8)), [0, 0, 0x80, 0x3F, 0, 0, 0, 0x40])
        let vector = NumpyArray.encode(float32: [1], shape: [1])
        XCTAssertTrue(String(decoding: vector[10..<80], as: UTF8.self).contains("'shape': (1,)"), "a 1-tuple keeps its comma")
    }
}
