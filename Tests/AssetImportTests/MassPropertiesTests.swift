import XCTest
@testable import AssetImport

/// Mass and inertia against closed forms, density 500 kg/m^3.
///
/// Tolerances come from tessellation: a 64-gon holds sin(2 pi/64) 64/(2 pi) = 99.84% of its
/// circle's area, so cylinder mass and inertia are held to 1%; the 32 x 64 UV sphere to 1.5%.
/// Boxes are exact (1e-9 relative).
final class MassPropertiesTests: XCTestCase {
    let rho = 500.0

    func testBoxMatchesClosedForm() {
        let (a, b, c) = (0.1, 0.06, 0.04)
        let m = MassProperties(closedMesh: MeshBuilder.box(halfExtents: Vec3(a, b, c) / 2).mapped { $0 + Vec3(0.3, -0.2, 0.1) }, density: rho)
        let mass = rho * a * b * c
        XCTAssertEqual(m.mass, mass, accuracy: 1e-9 * mass)
        XCTAssertEqual(m.centerOfMass.x, 0.3, accuracy: 1e-12)
        XCTAssertEqual(m.inertia[0, 0], mass / 12 * (b * b + c * c), accuracy: 1e-9 * mass * 0.01)
        XCTAssertEqual(m.inertia[1, 1], mass / 12 * (a * a + c * c), accuracy: 1e-9 * mass * 0.01)
        XCTAssertEqual(m.inertia[2, 2], mass / 12 * (a * a + b * b), accuracy: 1e-9 * mass * 0.01)
        XCTAssertEqual(m.inertia[0, 1], 0, accuracy: 1e-15)
    }

    func testCylinderMatchesClosedFormWithinTessellationError() {
        let (r, h) = (0.05, 0.12)
        let m = MassProperties(closedMesh: MeshBuilder.cylinder(radius: r, length: h, segments: 64), density: rho)
        let mass = rho * Double.pi * r * r * h
        XCTAssertEqual(m.mass, mass, accuracy: 0.01 * mass)
        XCTAssertEqual(m.inertia[2, 2], mass * r * r / 2, accuracy: 0.01 * mass * r * r / 2)
        let side = mass * (3 * r * r + h * h) / 12
        XCTAssertEqual(m.inertia[0, 0], side, accuracy: 0.01 * side)
        XCTAssertEqual(m.inertia[1, 1], side, accuracy: 0.01 * side)
    }

    func testSphereMatchesClosedFormWithinTessellationError() {
        let r = 0.08
        let m = MassProperties(closedMesh: MeshBuilder.sphere(radius: r, rings: 32, segments: 64), density: rho)
        let mass = rho * 4 / 3 * Double.pi * r * r * r
        XCTAssertEqual(m.mass, mass, accuracy: 0.015 * mass)
        for i in 0..<3 { XCTAssertEqual(m.inertia[i, i], 0.4 * mass * r * r, accuracy: 0.015 * 0.4 * mass * r * r) }
        XCTAssertLessThan(length(m.centerOfMass), 1e-12)
    }

    func testPrincipalFrameDiagonalisesARotatedBox() throws {
        // a box rotated by 30 deg about z and 20 deg about x, off the origin
        let (cz, sz, cx, sx) = (cos(0.52), sin(0.52), cos(0.35), sin(0.35))
        let rotate = { (p: Vec3) -> Vec3 in
            let q = Vec3(cz * p.x - sz * p.y, sz * p.x + cz * p.y, p.z)
            return Vec3(q.x, cx * q.y - sx * q.z, sx * q.y + cx * q.z) + Vec3(1, 2, 3)
        }
        let mesh = MeshBuilder.box(halfExtents: Vec3(0.05, 0.03, 0.02)).mapped(rotate)
        var options = ImportOptions()
        options.boundingRadius = length(Vec3(0.05, 0.03, 0.02))
        options.computeHullDistance = false
        let asset = try AssetBuilder.build(mesh: mesh, name: "b", category: "box", source: "test", options: options).asset
        let mass = rho * 0.1 * 0.06 * 0.04
        XCTAssertEqual(Double(asset.mass), mass, accuracy: 1e-5 * mass)
        let expected = [mass / 12 * (0.06 * 0.06 + 0.04 * 0.04), mass / 12 * (0.1 * 0.1 + 0.04 * 0.04), mass / 12 * (0.1 * 0.1 + 0.06 * 0.06)]
        for i in 0..<3 { XCTAssertEqual(Double(asset.inertiaDiagonal[i]), expected.sorted()[i], accuracy: 1e-4 * expected[i]) }
        // in the principal frame the box is axis-aligned about the origin: half-extents 0.05, 0.03, 0.02
        let xs = stride(from: 0, to: asset.renderVertices.count, by: 3).map { asset.renderVertices[$0] }
        XCTAssertEqual(Double(xs.max()!), 0.05, accuracy: 1e-5)
        XCTAssertEqual(Double(xs.min()!), -0.05, accuracy: 1e-5)
        // recomputing the inertia from the stored render mesh gives a diagonal tensor
        let body = TriangleMesh(vertices: stride(from: 0, to: asset.renderVertices.count, by: 3).map {
            Vec3(Double(asset.renderVertices[$0]), Double(asset.renderVertices[$0 + 1]), Double(asset.renderVertices[$0 + 2]))
        }, triangles: stride(from: 0, to: asset.renderTriangles.count, by: 3).map {
            SIMD3(Int32(asset.renderTriangles[$0]), Int32(asset.renderTriangles[$0 + 1]), Int32(asset.renderTriangles[$0 + 2]))
        })
        let again = MassProperties(closedMesh: body, density: rho)
        XCTAssertEqual(again.inertia[0, 1], 0, accuracy: 1e-6 * expected[0])
        XCTAssertEqual(again.inertia[1, 2], 0, accuracy: 1e-6 * expected[0])
        XCTAssertLessThan(length(again.centerOfMass), 1e-6)
    }
}
