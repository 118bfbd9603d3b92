import XCTest
@testable import RenderKit

/// The GIF encoder's LZW stream decoded by an independent decoder written from the GIF89a
/// specification, its palette mapping and the file's block structure.
final class GIFEncoderTests: XCTestCase {
    /// GIF89a appendix F: variable-length codes, clear 256, end 257, growth when the table
    /// reaches 2^width (up to 12 bits).
    private func decode(_ data: [UInt8]) -> [UInt8] {
        var table: [[UInt8]] = (0..<256).map { [UInt8($0)] } + [[], []]
        var width = 9, bitPos = 0, previous: [UInt8]? = nil, out: [UInt8] = []
        while bitPos + width <= data.count * 8 {
            var code = 0
            for b in 0..<width where data[(bitPos + b) / 8] >> ((bitPos + b) % 8) & 1 == 1 { code |= 1 << b }
            bitPos += width
            if code == 256 { table.removeLast(table.count - 258); width = 9; previous = nil; continue }
            if code == 257 { break }
            let entry: [UInt8]
            if code < table.count { entry = table[code] } else { entry = previous! + [previous![0]] }
            out += entry
            if let p = previous, table.count < 4096 { table.append(p + [entry[0]]) }
            if table.count == 1 << width && width < 12 { width += 1 }
            previous = entry
        }
        return out
    }

    func testLZWRoundTripsThroughTableResets() {
        var state: UInt64 = 42
        let noise = (0..<60_000).map { _ -> UInt8 in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 59)  // 32 symbols: many codes, several resets
        }
        for input in [[UInt8](), [7], Array(repeating: 3, count: 5000), noise] {
            XCTAssertEqual(decode(GIFEncoder.lzw(input)), input)
        }
    }

    func testPaletteKeepsPrimariesAndGreysWithinADitherStep() {
        var image = RGBImage(width: 4, height: 4, fill: .white)
        image[0, 0] = Color(255, 0, 0)
        let indices = GIFEncoder.indices(image)
        XCTAssertEqual(GIFEncoder.palette[Int(indices[0])], Color(255, 0, 0))
        XCTAssertEqual(GIFEncoder.palette[Int(indices[5])], Color(255, 255, 255))
        XCTAssertEqual(GIFEncoder.palette.count, 256)
    }

    func testFileStructure() {
        var gif = GIFEncoder(width: 3, height: 2, delay: 4)
        gif.append(RGBImage(width: 3, height: 2, fill: .black))
        gif.append(RGBImage(width: 3, height: 2, fill: .white))
        let bytes = gif.finish()
        XCTAssertEqual(Array(bytes[0..<6]), Array("GIF89a".utf8))
        XCTAssertEqual(Array(bytes[6..<10]), [3, 0, 2, 0])
        XCTAssertEqual(bytes.last, 0x3B)
        // two graphic control extensions with a 4-centisecond delay
        let gce = (0..<bytes.count - 5).filter { bytes[$0] == 0x21 && bytes[$0 + 1] == 0xF9 && bytes[$0 + 4] == 4 }
        XCTAssertEqual(gce.count, 2)
    }
}
