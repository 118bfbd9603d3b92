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
}
