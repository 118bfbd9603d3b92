import Foundation
@testable import AssetImport

/// A fresh temporary folder per test, removed by the caller's `defer`.
func makeTempFolder(_ name: String = #function) -> String {
    let path = NSTemporaryDirectory() + "asset-import-tests-\(name.filter(\.isLetter))-\(UUID().uuidString)"
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Writes `text` to `folder/name` and returns the path.
@discardableResult
func writeFixture(_ folder: String, _ name: String, _ text: String) -> String {
    let path = (folder as NSString).appendingPathComponent(name)
    try! Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
}

/// Writes raw bytes to `folder/name` and returns the path.
@discardableResult
func writeFixture(_ folder: String, _ name: String, _ data: Data) -> String {
    let path = (folder as NSString).appendingPathComponent(name)
    try! data.write(to: URL(fileURLWithPath: path))
    return path
}

/// A unit cube [0,1]^3 as OBJ text with quads (tests polygon triangulation).
let cubeOBJ = """
# unit cube
v 0 0 0
v 1 0 0
v 1 1 0
v 0 1 0
v 0 0 1
v 1 0 1
v 1 1 1
v 0 1 1
vn 0 0 1
f 1 4 3 2
f 5 6 7 8
f 1 2 6 5
f 2 3 7 6
f 3 4 8 7
f 4 1 5 8

"""

/// The error thrown by `body`, or nil.
func assetError<T>(_ body: () throws -> T) -> AssetError? {
    do { _ = try body(); return nil } catch let e as AssetError { return e } catch { return nil }
}
