import DurableFiles
import Foundation
import XCTest

/// Atomic, durable writes: the new bytes replace the old ones whole, failures leave the old
/// file and no temporary files, folders move into place replacing an older one.
final class AtomicFileTests: XCTestCase {
    var folder = ""

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: folder) }

    func contents() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: folder).sorted() }

    func testWriteReplacesAndLeavesNoTemporaryFiles() throws {
        let path = folder + "/sub/a.bin"
        try AtomicFile.write([1, 2, 3], to: path)
        try AtomicFile.write([9], to: path)
        XCTAssertEqual(try Array(Data(contentsOf: URL(fileURLWithPath: path))), [9])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder + "/sub"), ["a.bin"])
        try AtomicFile.writeJSON(["b": 1, "a": 2], to: folder + "/x.json")
        XCTAssertEqual(try String(contentsOfFile: folder + "/x.json", encoding: .utf8), "{\n  \"a\" : 2,\n  \"b\" : 1\n}")
    }

    func testFailureNamesTheFileAndKeepsTheOldOne() throws {
        let path = folder + "/kept.txt"
        try AtomicFile.write(Array("old".utf8), to: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o500], ofItemAtPath: folder)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: folder) }
        if getuid() != 0 {  // root writes into read-only folders
            XCTAssertThrowsError(try AtomicFile.write(Array("new".utf8), to: path)) { error in
                XCTAssertEqual((error as? FileWriteError)?.file, path)
            }
        }
        let blocked = folder + "/kept.txt/inside.txt"  // a file where a folder should be
        XCTAssertThrowsError(try AtomicFile.write([1], to: blocked)) { error in
            XCTAssertEqual((error as? FileWriteError)?.file, blocked, "\(error)")
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: folder)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "old")
        XCTAssertEqual(try contents(), ["kept.txt"])
    }

    func testFolderMovesIntoPlaceReplacingTheOldOne() throws {
        try AtomicFile.write([1], to: folder + "/final/old.bin")
        try AtomicFile.write([2], to: folder + "/.tmp-final/new.bin")
        try AtomicFile.moveIntoPlace(folder + "/.tmp-final", folder + "/final")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder + "/final"), ["new.bin"])
        XCTAssertEqual(try contents(), ["final"])
    }
}
