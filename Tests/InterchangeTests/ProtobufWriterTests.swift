import XCTest
@testable import Interchange

/// Encodings checked against the examples of the Protocol Buffers encoding guide (150 as
/// 08 96 01, "testing", packed 3 / 270 / 86942) and IEEE-754 bytes worked out by hand.
final class ProtobufWriterTests: XCTestCase {
    func testVarintOf150IsTheGuidesExample() {
        var w = ProtobufWriter()
        w.int(1, 150)
        XCTAssertEqual(w.bytes, [0x08, 0x96, 0x01])
    }

    func testNegativeIntTakesTenBytes() {
        var w = ProtobufWriter()
        w.int(1, -1)
        XCTAssertEqual(w.bytes, [0x08] + Array(repeating: 0xFF, count: 9) + [0x01])
    }

    func testStringAndEmbeddedMessage() {
        var w = ProtobufWriter()
        w.string(2, "testing")
        XCTAssertEqual(w.bytes, [0x12, 0x07] + Array("testing".utf8))
        var outer = ProtobufWriter()
        outer.message(3) { $0.int(1, 150) }
        XCTAssertEqual(outer.bytes, [0x1A, 0x03, 0x08, 0x96, 0x01])
    }

    func testFixedWidthAndPackedFields() {
        var w = ProtobufWriter()
        w.float(1, 1.0)
        w.double(2, -2.0)
        XCTAssertEqual(w.bytes, [0x0D, 0x00, 0x00, 0x80, 0x3F, 0x11, 0, 0, 0, 0, 0, 0, 0, 0xC0])
        var p = ProtobufWriter()
        p.packedInts(4, [3, 270, 86942])
        XCTAssertEqual(p.bytes, [0x22, 0x06, 0x03, 0x8E, 0x02, 0x9E, 0xA7, 0x05])
        var f = ProtobufWriter()
        f.packedFloats(5, [1.0, 0.5])
        XCTAssertEqual(f.bytes, [0x2A, 0x08, 0, 0, 0x80, 0x3F, 0, 0, 0, 0x3F])
    }
}
