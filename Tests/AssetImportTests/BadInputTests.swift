import Foundation
import XCTest
@testable import AssetImport

/// Every bad input gives an `AssetError` that names the file (and the line for text formats).
final class BadInputTests: XCTestCase {
    var dir = ""
    override func setUp() { dir = makeTempFolder(name) }
    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    /// Imports `path` through the whole pipeline and returns the error.
    func importError(_ path: String, limits: ReadLimits = ReadLimits()) -> AssetError? {
        var options = ImportOptions()
        options.limits = limits
        return assetError { try FolderImport.importFile(ImportEntry(path: path, category: "c", name: "x"), options: options) }
    }

    func testEmptyFile() {
        let path = writeFixture(dir, "empty.obj", "")
        let e = importError(path)
        XCTAssertEqual(e?.kind, .emptyFile)
        XCTAssertTrue(e?.description.hasPrefix(path) ?? false, e?.description ?? "no error")
    }

    func testBinaryGarbage() {
        var bytes = Data("v 0 0 0\nv 1 0 0\n".utf8)
        bytes.append(contentsOf: [0x00, 0xFF, 0x13, 0x37, 0x00, 0x42])
        let obj = writeFixture(dir, "garbage.obj", bytes)
        XCTAssertEqual(importError(obj)?.description, "\(obj):3: binary data (NUL byte) in a text format")
        let stl = writeFixture(dir, "garbage.stl", Data((0..<200).map { UInt8(($0 * 37) % 256) }))
        let e = importError(stl)
        XCTAssertEqual(e?.kind, .syntax)
        XCTAssertTrue(e?.description.hasPrefix("\(stl): not an STL file") ?? false, e?.description ?? "no error")
        let notOBJ = writeFixture(dir, "words.obj", "v 0 0 0\nhello world\n")
        XCTAssertEqual(importError(notOBJ)?.description, "\(notOBJ):2: unknown OBJ statement 'hello' (not an OBJ file?)")
    }

    func testBadFaceIndices() {
        let path = writeFixture(dir, "badface.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 9\n")
        XCTAssertEqual(importError(path)?.description, "\(path):4: face index 9 out of range (3 vertices defined so far)")
        let zero = writeFixture(dir, "zero.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\n\nf 0 1 2\n")
        XCTAssertEqual(importError(zero)?.line, 5)
        let word = writeFixture(dir, "word.obj", "v 0 0 0\nf 1 a 2\n")
        XCTAssertEqual(importError(word)?.description, "\(word):2: bad face index 'a'")
    }

    /// `f v/vt/vn` references past the end of the `vt` / `vn` lines, zero, or negative beyond the
    /// start are refused with the file, line and field; in-range ones (also relative) are read.
    func testTextureAndNormalIndicesOutOfRange() throws {
        let head = "mtllib m.mtl\no tri\nv 0 0 0\nv 1 0 0\nv 0 1 0\nv 0 0 1\nvt 0 0\nvt 1 0\nvt 0 1\nvn 0 0 -1\nusemtl m\ns off\n"
        let cases: [(face: String, message: String)] = [
            ("f 1/4/1 3/3/1 2/2/1", "face texture-coordinate index 4 out of range in '1/4/1' (3 'vt' lines defined so far)"),
            ("f 1//2 3//1 2//1", "face normal index 2 out of range in '1//2' (1 'vn' lines defined so far)"),
            ("f 1/1/1 3/0/1 2/2/1", "face texture-coordinate index 0 out of range in '3/0/1' (3 'vt' lines defined so far)"),
            ("f 1/-4/1 3/3/1 2/2/1", "face texture-coordinate index -4 out of range in '1/-4/1' (3 'vt' lines defined so far)"),
            ("f 1/1/-2 3/3/1 2/2/1", "face normal index -2 out of range in '1/1/-2' (1 'vn' lines defined so far)"),
            ("f 1/1/0 3/3/1 2/2/1", "face normal index 0 out of range in '1/1/0' (1 'vn' lines defined so far)"),
            ("f 1/x/1 3/3/1 2/2/1", "bad face texture-coordinate index 'x' in '1/x/1'"),
            ("f 1/1/1/1 3/3/1 2/2/1", "bad face vertex '1/1/1/1': expected v, v/vt, v//vn or v/vt/vn"),
        ]
        for (k, c) in cases.enumerated() {
            let path = writeFixture(dir, "ref\(k).obj", head + c.face + "\nf 1 2 4\n")
            XCTAssertEqual(importError(path)?.description, "\(path):13: \(c.message)")
            XCTAssertEqual(importError(path)?.kind, .badIndex)
        }
        // a reference to a vt line that comes after the face is out of range too
        let late = writeFixture(dir, "late.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1/1 2/1 3/1\nvt 0 0\n")
        XCTAssertEqual(importError(late)?.description, "\(late):4: face texture-coordinate index 1 out of range in '1/1' (0 'vt' lines defined so far)")
        // valid: absolute, relative and omitted texture / normal references
        let ok = head + "f 1/1/1 3/3/1 2/2/1\nf -4/-3/-1 -3/-2/-1 -1/-1/-1\nf 1//1 4//1 3//1\nf 2/1 3/2 4/3\n"
        let mesh = try MeshFile.read(writeFixture(dir, "ok.obj", ok))
        XCTAssertEqual(mesh.triangles, [SIMD3(0, 2, 1), SIMD3(0, 1, 3), SIMD3(0, 3, 2), SIMD3(1, 2, 3)])
        XCTAssertTrue(MeshTopology(mesh).isWatertight)
    }

    func testNonFiniteVertices() {
        let path = writeFixture(dir, "nan.obj", "v 0 0 0\nv nan 0 0\nv 0 1 0\nf 1 2 3\n")
        XCTAssertEqual(importError(path)?.description, "\(path):2: non-finite coordinate 'nan'")
        let inf = writeFixture(dir, "inf.stl", "solid x\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex inf 0 0\n")
        XCTAssertEqual(importError(inf)?.description, "\(inf):5: non-finite coordinate 'inf'")
        var mesh = MeshBuilder.box(halfExtents: Vec3(1, 1, 1))
        mesh.vertices[3].y = .nan
        let bin = writeFixture(dir, "nan.stl", MeshWriters.binarySTL(mesh))
        XCTAssertEqual(importError(bin)?.kind, .nonFinite)
        XCTAssertTrue(importError(bin)?.description.hasPrefix(bin) ?? false)
    }

    func testZeroAreaAndZeroVolume() {
        let line = writeFixture(dir, "line.obj", "v 0 0 0\nv 1 0 0\nv 2 0 0\nf 1 2 3\n")
        XCTAssertEqual(importError(line)?.description, "\(line): zero surface area: every triangle is degenerate")
        let flat = writeFixture(dir, "flat.obj", "v 0 0 0\nv 1 0 0\nv 1 1 0\nv 0 1 0\nf 1 2 3 4\n")
        let e = importError(flat)
        XCTAssertEqual(e?.kind, .degenerate)
        XCTAssertTrue(e?.description.hasPrefix("\(flat): zero volume") ?? false, e?.description ?? "no error")
        // a closed but flat (doubled) sheet: watertight with zero enclosed volume
        let sheet = writeFixture(dir, "sheet.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nv 0 0 1\nf 1 2 3\nf 1 3 2\n")
        XCTAssertEqual(importError(sheet)?.kind, .degenerate)
    }

    func testHugeFileIsRefusedBeforeReading() {
        let path = writeFixture(dir, "big.obj", cubeOBJ)
        var limits = ReadLimits()
        limits.maxFileBytes = 64
        let e = importError(path, limits: limits)
        XCTAssertEqual(e?.kind, .fileTooLarge)
        XCTAssertTrue(e?.description.hasPrefix("\(path): file is") ?? false, e?.description ?? "no error")
    }

    func testMissingURDFMeshAndMalformedURDF() {
        let urdf = "<robot name='r'>\n<link name='l'>\n<collision>\n<geometry>\n<mesh filename='meshes/nope.obj'/>\n</geometry>\n</collision>\n</link>\n</robot>\n"
        let path = writeFixture(dir, "r.urdf", urdf)
        let e = importError(path)
        XCTAssertEqual(e?.kind, .missingReference)
        XCTAssertTrue(e?.description.hasPrefix("\(path):3: mesh 'meshes/nope.obj' not found") ?? false, e?.description ?? "no error")
        let broken = writeFixture(dir, "broken.urdf", "<robot>\n<link name='l'>\n<collision>\n</link>\n")
        XCTAssertEqual(importError(broken)?.kind, .syntax)
        XCTAssertNotNil(importError(broken)?.line)
        let twoLinks = writeFixture(dir, "two.urdf", "<robot><link name='a'/><link name='b'/></robot>")
        XCTAssertEqual(importError(twoLinks)?.description, "\(twoLinks): expected exactly one <link>, found 2")
    }

    func testMissingFileAndUnknownExtension() {
        XCTAssertEqual(importError(dir + "/absent.obj")?.kind, .unreadable)
        XCTAssertEqual(importError(writeFixture(dir, "x.ply", "ply"))?.kind, .unsupported)
    }
}
