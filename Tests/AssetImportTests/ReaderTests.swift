import Foundation
import XCTest
@testable import AssetImport

final class ReaderTests: XCTestCase {
    func testOBJQuadsAndNegativeIndicesGiveAClosedCube() throws {
        let dir = makeTempFolder(); defer { try? FileManager.default.removeItem(atPath: dir) }
        let mesh = try MeshFile.read(writeFixture(dir, "cube.obj", cubeOBJ))
        XCTAssertEqual(mesh.vertices.count, 8)
        XCTAssertEqual(mesh.triangles.count, 12)
        XCTAssertTrue(MeshTopology(mesh).isWatertight)
        XCTAssertEqual(abs(mesh.signedVolume), 1, accuracy: 1e-12)
        let relative = "v 0 0 0\nv 1 0 0\nv 0 1 0\nv 0 0 1\nf -4 -2 -3\nf -4 -3 -1\nf -4 -1 -2\nf -3 -2 -1\n"
        let tet = try MeshFile.read(writeFixture(dir, "tet.obj", relative))
        XCTAssertEqual(tet.triangles[0], SIMD3(0, 2, 1))
        XCTAssertEqual(abs(tet.signedVolume), 1.0 / 6, accuracy: 1e-12)
    }

    func testOBJAndSTLRoundTrips() throws {
        let dir = makeTempFolder(); defer { try? FileManager.default.removeItem(atPath: dir) }
        let mesh = MeshBuilder.cylinder(radius: 0.5, length: 2, segments: 12)
        let obj = try MeshFile.read(writeFixture(dir, "c.obj", MeshWriters.obj(mesh)))
        XCTAssertEqual(obj, mesh)
        for (name, data) in [("b.stl", MeshWriters.binarySTL(mesh)), ("a.stl", MeshWriters.asciiSTL(mesh))] {
            let back = try MeshFile.read(writeFixture(dir, name, data))
            XCTAssertEqual(back.triangles.count, mesh.triangles.count, name)
            XCTAssertEqual(back.vertices.count, mesh.vertices.count, "\(name): corners must weld back to shared vertices")
            XCTAssertTrue(MeshTopology(back).isWatertight, name)
            XCTAssertEqual(back.signedVolume, mesh.signedVolume, accuracy: 1e-6, name)
        }
    }

    func testURDFMeshAndPrimitivesWithOriginAndScale() throws {
        let dir = makeTempFolder(); defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/meshes", withIntermediateDirectories: true)
        writeFixture(dir, "meshes/cube.obj", cubeOBJ)
        let urdf = """
        <?xml version="1.0"?>
        <robot name="thing">
          <link name="base">
            <collision>
              <origin xyz="1 0 0" rpy="0 0 1.5707963267948966"/>
              <geometry><mesh filename="package://thing/meshes/cube.obj" scale="0.1 0.2 0.3"/></geometry>
            </collision>
            <collision>
              <origin xyz="0 0 2"/>
              <geometry><box size="0.2 0.4 0.6"/></geometry>
            </collision>
          </link>
        </robot>
        """
        let mesh = try MeshFile.read(writeFixture(dir, "thing.urdf", urdf))
        XCTAssertEqual(abs(mesh.signedVolume), 0.006 + 0.048, accuracy: 1e-9)
        // the scaled cube spans x in [0, 0.1], y in [0, 0.2]; rotated 90 deg about z then moved by x+1
        let cubePart = mesh.vertices.filter { $0.z < 1 }
        XCTAssertEqual(cubePart.map(\.x).min()!, 0.8, accuracy: 1e-9)
        XCTAssertEqual(cubePart.map(\.x).max()!, 1.0, accuracy: 1e-9)
        XCTAssertEqual(cubePart.map(\.y).max()!, 0.1, accuracy: 1e-9)
        XCTAssertEqual(mesh.bounds.max.z, 2.3, accuracy: 1e-9)
        let cylinder = "<robot name='c'><link name='l'><visual><geometry><cylinder radius='0.5' length='2'/></geometry></visual></link></robot>"
        let c = try MeshFile.read(writeFixture(dir, "cyl.urdf", cylinder))
        XCTAssertEqual(abs(c.signedVolume), 32 * 0.25 * sin(2 * Double.pi / 32) / 2 * 2, accuracy: 1e-9)
    }

    /// A URDF `<mesh scale>` with an odd number of negative components mirrors the mesh, which
    /// turns its triangles inward: the reader reverses the winding and says so; the importer's
    /// report carries the note. An even number of negatives is a rotation (no note); a zero
    /// component is refused.
    func testMirroringURDFScaleKeepsNormalsOutwardAndIsReported() throws {
        let dir = makeTempFolder(); defer { try? FileManager.default.removeItem(atPath: dir) }
        writeFixture(dir, "cube.obj", cubeOBJ)
        // the cube without its top face (z = 1): an open mesh keeps its winding through the import
        writeFixture(dir, "open.obj", cubeOBJ.replacingOccurrences(of: "f 5 6 7 8\n", with: ""))
        func urdf(_ mesh: String, _ scale: String) -> String {
            "<robot name='m'>\n<link name='l'>\n<collision>\n<geometry>\n<mesh filename='\(mesh)' scale='\(scale)'/>\n</geometry>\n</collision>\n</link>\n</robot>\n"
        }
        var notes: [String] = []
        let mirrored = writeFixture(dir, "mirrored.urdf", urdf("cube.obj", "-0.1 0.2 0.3"))
        let cube = try MeshFile.read(mirrored, notes: &notes)
        XCTAssertEqual(cube.signedVolume, 0.006, accuracy: 1e-12)  // positive: outward
        XCTAssertEqual(notes, ["\(mirrored):3: mesh 'cube.obj' is mirrored by scale (-0.1 0.2 0.3): triangle winding reversed so that normals point outward"])
        let open = try MeshFile.read(writeFixture(dir, "open.urdf", urdf("open.obj", "0.1 -0.1 0.1")), notes: &notes)
        XCTAssertEqual(notes.count, 2)
        let centre = Vec3(0.05, -0.05, 0.05)
        for t in 0..<open.triangles.count {  // every face of the open box faces away from its centre
            let (a, b, c) = open.corners(t)
            XCTAssertGreaterThan(dot(cross(b - a, c - a), (a + b + c) / 3 - centre), 0, "triangle \(t)")
        }
        var options = ImportOptions()
        options.surfacePointCount = 32
        let result = try FolderImport.importFile(ImportEntry(path: mirrored, category: "box", name: "m"), options: options)
        XCTAssertEqual(result.report.warnings, [notes[0]])
        // two negative components: a half turn, no mirror and no note
        notes = []
        let turned = try MeshFile.read(writeFixture(dir, "turned.urdf", urdf("cube.obj", "-0.1 -0.2 0.3")), notes: &notes)
        XCTAssertEqual(turned.signedVolume, 0.006, accuracy: 1e-12)
        XCTAssertEqual(notes, [])
        let flat = writeFixture(dir, "flat.urdf", urdf("cube.obj", "0.1 0 0.3"))
        XCTAssertEqual(assetError { try MeshFile.read(flat) }?.description, "\(flat):5: <mesh> scale '0.1 0 0.3' has a zero component (flattens the mesh)")
    }
}
