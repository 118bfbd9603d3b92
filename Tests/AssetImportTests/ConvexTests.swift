import XCTest
@testable import AssetImport

final class ConvexTests: XCTestCase {
    func testHullOfCubeMeshHasTheCubeVolume() throws {
        var mesh = MeshBuilder.box(halfExtents: Vec3(0.5, 0.5, 0.5))
        mesh.vertices += [Vec3(0, 0, 0), Vec3(0.2, -0.1, 0.3)]  // interior points must not matter
        let hull = try ConvexHull.of(mesh.vertices)
        XCTAssertEqual(hull.signedVolume, 1, accuracy: 1e-6)
        XCTAssertTrue(MeshTopology(hull).isWatertight)
    }

    func testHullRejectsBadInputWithoutCrashing() {
        XCTAssertEqual(assetError { try ConvexHull.of([Vec3(0, 0, 0), Vec3(1, 0, 0), Vec3(0, 1, 0)]) }?.kind, .degenerate)
        XCTAssertEqual(assetError { try ConvexHull.of([Vec3(0, 0, 0), Vec3(1, 0, 0), Vec3(0, 1, 0), Vec3(1, 1, 0)]) }?.kind, .degenerate)
        XCTAssertEqual(assetError { try ConvexHull.of([Vec3(0, 0, 0), Vec3(1, 0, 0), Vec3(0, 1, 0), Vec3(.nan, 1, 0)]) }?.kind, .nonFinite)
        XCTAssertEqual(assetError { try ConvexHull.of(Array(repeating: Vec3(1, 1, 1), count: 10)) }?.kind, .degenerate)
    }

    /// HACD (the import path) on a torus and a mug. Stated tolerance: the pieces' total volume is
    /// within -5% / +25% of the mesh volume (HACD pieces are hulls of surface patches, so they
    /// overshoot; measured with the default settings: torus +15%, mug +6%).
    func testHACDSplitsTorusAndMugIntoPiecesCloseToTheMeshVolume() throws {
        var rng = SplitMix64(seed: 7)
        let torus = MeshBuilder.torus(major: 0.06, minor: 0.02)
        let mug = ProceduralShape.make(.mug, rng: &rng).mesh.mapped { $0 * 0.1 }
        for (name, mesh) in [("torus", torus), ("mug", mug)] {
            var options = ImportOptions()
            options.boundingRadius = 0.1
            options.computeHullDistance = false
            let result = try AssetBuilder.build(mesh: mesh, name: name, category: name, source: name, options: options)
            XCTAssertEqual(result.report.collisionMethod, "hacd", name)
            XCTAssertGreaterThan(result.report.hullCount, 1, name)
            XCTAssertLessThanOrEqual(result.report.hullCount, options.decomposition.maxHulls, name)
            let error = try XCTUnwrap(result.report.piecesVolumeError)
            XCTAssertGreaterThan(error, -0.05, name)
            XCTAssertLessThan(error, 0.25, name)
        }
    }

    /// Constructive pieces of the procedural concave shapes. Stated tolerance: within
    /// -2% / +12% of the mesh volume for every instance of ten seeds per category.
    func testProceduralConcaveShapesHaveTightConstructivePieces() throws {
        var options = ImportOptions()
        options.computeHullDistance = false
        options.surfacePointCount = 16
        for category in ShapeCategory.allCases where category.isConcave {
            for seed in 0..<10 as Range<UInt64> {
                var rng = SplitMix64(seed: seed)
                let shape = ProceduralShape.make(category, rng: &rng)
                let r = try AssetBuilder.build(mesh: shape.mesh, name: "\(category)", category: category.rawValue,
                                               source: "procedural", options: options, pieces: shape.pieces)
                XCTAssertTrue(r.report.isWatertight, "\(category) \(seed)")
                XCTAssertGreaterThan(r.report.hullCount, 1, "\(category) \(seed)")
                let error = try XCTUnwrap(r.report.piecesVolumeError)
                XCTAssertGreaterThan(error, -0.02, "\(category) \(seed)")
                XCTAssertLessThan(error, 0.12, "\(category) \(seed)")
            }
        }
    }

    func testConvexImportUsesOneHull() throws {
        var options = ImportOptions()
        options.boundingRadius = 0.08
        let r = try AssetBuilder.build(mesh: MeshBuilder.sphere(radius: 3), name: "s", category: "sphere", source: "s", options: options)
        XCTAssertEqual(r.report.collisionMethod, "single-hull")
        XCTAssertEqual(r.asset.hullCount, 1)
        XCTAssertEqual(r.report.maxHullDistance ?? 1, 0, accuracy: 1e-4)  // float32 hull vertices
        XCTAssertEqual(r.asset.radiusAboutCenterOfMass, 0.08, accuracy: 1e-5)
        XCTAssertEqual(r.asset.surfacePointCount, 1024)
    }
}
