import Foundation
import XCTest
@testable import Interchange

/// CRC-32C check values and the TFRecord framing TensorBoard's reader verifies.
final class TensorBoardEventTests: XCTestCase {
    func testCRC32CCheckValues() {
        XCTAssertEqual(CRC32C.checksum(Array("123456789".utf8)), 0xE306_9283)
        XCTAssertEqual(CRC32C.checksum([UInt8](repeating: 0, count: 32)), 0x8A91_36AA)  // RFC 3720 B.4
        XCTAssertEqual(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)), 0x62A8_AB43)
    }

    func testRecordFramesPayloadWithMaskedChecksums() {
        let event = TensorBoardEvent.scalars([("success_rate", 0.5)], step: 7, wallTime: 1)
        let record = event.record
        XCTAssertEqual(record.count, event.bytes.count + 16)
        let length = record[0..<8].enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        XCTAssertEqual(Int(length), event.bytes.count)
        let word = { (at: Int) in record[at..<at + 4].enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (8 * UInt32($1.offset)) } }
        XCTAssertEqual(word(8), CRC32C.masked(Array(record[0..<8])))
        XCTAssertEqual(Array(record[12..<12 + event.bytes.count]), event.bytes)
        XCTAssertEqual(word(12 + event.bytes.count), CRC32C.masked(event.bytes))
    }

    func testReopeningAFolderReplacesItsEventFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tb-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let first = try TensorBoardFile(folder: folder, wallTime: 100)
        try first.append(.scalars([("a", 1)], step: 1, wallTime: 101))
        let kept = TensorBoardEvent.scalars([("a", 1)], step: 1, wallTime: 101)
        let second = try TensorBoardFile(folder: folder, events: [kept], wallTime: 200)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
        XCTAssertEqual(names.count, 1)
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: second.path)))
        XCTAssertEqual(bytes, TensorBoardEvent.fileVersion(wallTime: 200).record + kept.record)
    }
}
