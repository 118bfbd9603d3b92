import Learning
import XCTest

/// Integer tensors keep every bit through a safetensors file, in the layout other readers expect.
final class SafeTensorsDTypeTests: XCTestCase {
    func testIntegerTensorsRoundTripExactly() throws {
        let tensors: [(name: String, tensor: SafeTensor)] = [
            ("u8", SafeTensor(shape: [3], integers: [0, 7, 255], dtype: .u8)),
            ("u32", SafeTensor(shape: [2], integers: [(1 << 24) + 1, UInt64(UInt32.max)], dtype: .u32)),
            ("u64", SafeTensor(shape: [1], integers: [UInt64.max - 2], dtype: .u64)),
            ("f32", SafeTensor(shape: [1], values: [-0.5])),
        ]
        let bytes = SafeTensors.encode(tensors)
        let header = String(decoding: bytes[8..<(8 + Int(bytes[0]))], as: UTF8.self)
        XCTAssertTrue(header.contains("\"u32\":{\"dtype\":\"U32\",\"shape\":[2],\"data_offsets\":[3,11]}"), header)
        let back = try SafeTensors.decode(bytes, file: "t.safetensors")
        for (name, tensor) in tensors { XCTAssertEqual(back[name], tensor, name) }
        XCTAssertEqual(back["u32"]?.integers, [(1 << 24) + 1, UInt64(UInt32.max)])
        XCTAssertEqual(back["f32"]?.values, [-0.5])
    }

    func testUnknownDTypeIsNamed() {
        var bytes = SafeTensors.encode([("x", SafeTensor(shape: [1], integers: [1], dtype: .u8))])
        let header = String(decoding: bytes[8...], as: UTF8.self)
        let at = header.range(of: "U8")!.lowerBound.utf16Offset(in: header)
        bytes[8 + at] = UInt8(ascii: "I")  // "I8": signed, not supported
        XCTAssertThrowsError(try SafeTensors.decode(bytes, file: "t.safetensors")) { error in
            XCTAssertTrue("\(error)".contains("dtype I8"), "\(error)")
            XCTAssertTrue("\(error)".contains("t.safetensors"), "\(error)")
        }
    }
}
