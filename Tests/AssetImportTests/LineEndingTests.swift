import Foundation
import XCTest
@testable import AssetImport

/// The same bytes with every line break (LF or CR LF in `data`) replaced: `ending(k)` ends line
/// k (0-based).
func rewritingLineEndings(_ data: Data, _ ending: (Int) -> String) -> Data {
    let bytes = [UInt8](data)
    var out = Data(), k = 0
    for (i, byte) in bytes.enumerated() {
        if byte == 13, i + 1 < bytes.count, bytes[i + 1] == 10 { continue }
        if byte == 10 {
            out.append(contentsOf: Array(ending(k).utf8))
            k += 1
        } else {
            out.append(byte)
        }
    }
    return out
}

/// Line-ending variants of a file: as written by Unix (LF), Windows (CR LF) and classic Mac OS
/// (CR) exporters, and mixed (LF, CR LF, CR in turn, as a file edited on several systems).
func lineEndingVariants(_ data: Data) -> [(String, Data)] {
    let cycle = ["\n", "\r\n", "\r"]
    return [("LF", rewritingLineEndings(data) { _ in "\n" }), ("CRLF", rewritingLineEndings(data) { _ in "\r\n" }),
            ("CR", rewritingLineEndings(data) { _ in "\r" }), ("mixed", rewritingLineEndings(data) { cycle[$0 % 3] })]
}

/// Real files with Windows line endings (bullet3's, `RealFiles.swift`) and their CR-only and
/// mixed-ending variants.
final class LineEndingTests: XCTestCase {
    var dir = ""
    override func setUp() { dir = makeTempFolder(name) }
    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    func testRealFixturesAreByteIdenticalToTheOriginals() {
        for file in [tmotor3OBJ, random009OBJ, random009URDF, random168OBJ] {
            XCTAssertEqual(file.bytes.count, file.size, file.name)
            XCTAssertEqual(AssetPack.fnv1a(file.bytes), file.hash, file.name)
            XCTAssertFalse(file.bytes.contains(0), file.name)
        }
        XCTAssertEqual(rewritingLineEndings(tmotor3OBJ.bytes) { _ in "\r\n" }, tmotor3OBJ.bytes)
    }

    /// A Blender export with `mtllib`, `o`, `vt`, `vn`, `usemtl`, `s` and `f v/vt/vn`, CR LF as
    /// shipped, reads to the same closed mesh under every line ending.
    func testBlenderOBJReadsTheSameUnderCRLFCROnlyAndMixedLineEndings() throws {
        var meshes: [TriangleMesh] = []
        for (label, data) in lineEndingVariants(tmotor3OBJ.bytes) {
            let mesh = try MeshFile.read(writeFixture(dir, "tmotor3-\(label).obj", data))
            XCTAssertEqual(mesh.vertices.count, 64, label)
            XCTAssertEqual(mesh.triangles.count, 124, label)
            meshes.append(mesh)
        }
        XCTAssertTrue(meshes.allSatisfy { $0 == meshes[0] })
        XCTAssertEqual(meshes[0].vertices[0], Vec3(0, 0.043, -0.0065))
        XCTAssertTrue(MeshTopology(meshes[0]).isWatertight)
        // a 32-sided prism of circumradius 43 mm and height 13 mm
        XCTAssertEqual(abs(meshes[0].signedVolume), 16 * 0.043 * 0.043 * sin(2 * Double.pi / 32) * 0.013, accuracy: 1e-9)
    }

    /// Errors name the line an editor shows, whatever the line endings (the bad face goes on
    /// line 201 of tmotor3.obj: a texture index past its 96 `vt` lines).
    func testErrorLinesCountEveryKindOfLineBreak() {
        var text = tmotor3OBJ.text.components(separatedBy: "\r\n")
        XCTAssertEqual(text[200], "f 30/1/1 22/2/1 6/3/1")
        text[200] = "f 1/97/1 2/1/1 3/1/1"
        for (label, data) in lineEndingVariants(Data(text.joined(separator: "\r\n").utf8)) {
            let path = writeFixture(dir, "bad-\(label).obj", data)
            XCTAssertEqual(assetError { try MeshFile.read(path) }?.description,
                           "\(path):201: face texture-coordinate index 97 out of range in '1/97/1' (96 'vt' lines defined so far)", label)
        }
        for (label, data) in lineEndingVariants(Data("v 0 0 0\n\nv 1 0 0\nv 0 1 0\n".utf8) + Data([0])) {
            let path = writeFixture(dir, "nul-\(label).obj", data)
            XCTAssertEqual(assetError { try MeshFile.read(path) }?.line, 5, label)
        }
    }

    /// pybullet_data's random object 009 as a new user imports it: the URDF (CR LF, scale 0.015)
    /// and its CR LF mesh of convex pieces, through the whole pipeline and the folder listing.
    func testPybulletRandomURDFAndItsWindowsMeshImport() throws {
        let folder = dir + "/random_urdfs/009"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        writeFixture(folder, "009.obj", random009OBJ.bytes)
        let urdf = writeFixture(folder, "009.urdf", random009URDF.bytes)
        let mesh = try MeshFile.read(urdf)
        XCTAssertEqual(mesh.triangles.count, 90)
        XCTAssertEqual(mesh.vertices.count, 47)
        let raw = try MeshFile.read(folder + "/009.obj")
        XCTAssertEqual(mesh.vertices[0], raw.vertices[0] * 0.015)
        let entries = try FolderImport.entries(folder: dir + "/random_urdfs", mapping: nil, defaultCategory: "random")
        XCTAssertEqual(entries, [ImportEntry(path: dir + "/random_urdfs/009/009.urdf", category: "009", name: "009")])
        var options = ImportOptions()
        options.surfacePointCount = 64
        options.computeHullDistance = false
        let result = try FolderImport.importFile(entries[0], options: options)
        XCTAssertEqual(result.report.triangleCount, 90)
        XCTAssertTrue(result.report.warnings.allSatisfy { !$0.contains("mirrored") }, "\(result.report.warnings)")
    }

    /// pybullet_data's random object 168, a Blender export whose vertices are all `nan`: named at
    /// its first vertex line instead of the "no vertices" a one-line reading of CR LF gave.
    func testNaNVerticesOfARealCRLFFileAreNamedByLine() {
        for (label, data) in lineEndingVariants(random168OBJ.bytes) {
            let path = writeFixture(dir, "168-\(label).obj", data)
            XCTAssertEqual(assetError { try MeshFile.read(path) }?.description, "\(path):5: non-finite coordinate 'nan'", label)
        }
    }

    /// A URDF's line numbers and attribute values under CR LF, CR and mixed line endings (the
    /// missing-mesh error points at the `<collision>`, line 24 of 009.urdf).
    func testURDFLinesAndAttributesUnderEveryLineEnding() {
        for (label, data) in lineEndingVariants(random009URDF.bytes) {
            let path = writeFixture(dir, "009-\(label).urdf", data)  // no 009.obj beside it
            let e = assetError { try MeshFile.read(path) }
            XCTAssertEqual(e?.kind, .missingReference, label)
            XCTAssertEqual(e?.line, 24, label)
        }
        writeFixture(dir, "cube.obj", cubeOBJ)
        let urdf = "<robot name='r'>\r\n<link name='l'>\r\n<collision>\r\n<origin xyz='0\r\n0\r\n1'/>\r\n"
            + "<geometry><mesh filename='cube.obj' scale='0.1\r\n0.2\r0.3'/></geometry>\r\n</collision>\r\n</link>\r\n</robot>\r\n"
        let mesh = try? MeshFile.read(writeFixture(dir, "wrapped.urdf", urdf))
        XCTAssertEqual(length((mesh?.bounds.max ?? .zero) - Vec3(0.1, 0.2, 1.3)), 0, accuracy: 1e-12)
    }

    /// ASCII STL as SolidWorks and other Windows tools write it (CR LF, a blank line before
    /// `solid`, a byte-order mark) and with CR or mixed line endings.
    func testASCIISTLUnderEveryLineEnding() throws {
        let box = MeshBuilder.box(halfExtents: Vec3(0.5, 0.25, 0.125))
        let stl = MeshWriters.asciiSTL(box)
        let reference = try MeshFile.read(writeFixture(dir, "box.stl", stl))
        for (label, data) in lineEndingVariants(Data("\n".utf8) + stl) + [("BOM", Data([0xEF, 0xBB, 0xBF]) + stl)] {
            let mesh = try MeshFile.read(writeFixture(dir, "box-\(label).stl", data))
            XCTAssertEqual(mesh, reference, label)
        }
        XCTAssertEqual(assetError { try MeshFile.read(writeFixture(dir, "nan.stl", rewritingLineEndings(
            Data("solid x\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex nan 0 0\n".utf8)) { _ in "\r" })) }?.line, 5)
    }

    /// A Windows editor's byte-order mark before the first statement of an OBJ file.
    func testByteOrderMarkBeforeTheFirstOBJStatement() throws {
        let data = Data([0xEF, 0xBB, 0xBF]) + rewritingLineEndings(Data(cubeOBJ.utf8)) { _ in "\r\n" }
        let mesh = try MeshFile.read(writeFixture(dir, "bom.obj", data))
        XCTAssertEqual(mesh, try MeshFile.read(writeFixture(dir, "plain.obj", cubeOBJ)))
    }

    /// A category mapping saved by a Windows spreadsheet (CR LF, header row) or with CR only.
    func testMappingCSVUnderEveryLineEnding() throws {
        for (label, data) in lineEndingVariants(Data("file,category\nmug.obj,mug\nsub/cup.stl, cup \n".utf8)) {
            let csv = writeFixture(dir, "map-\(label).csv", data)
            let entries = try FolderImport.entries(folder: dir, mapping: csv, defaultCategory: "x")
            XCTAssertEqual(entries.map(\.category), ["mug", "cup"], label)
            XCTAssertEqual(entries.map(\.path), [dir + "/mug.obj", dir + "/sub/cup.stl"], label)
        }
    }
}
