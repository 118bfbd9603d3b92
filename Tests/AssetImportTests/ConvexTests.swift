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

    /// HACD's merge order does not depend on the concavity tolerance, so one run at the largest
    /// tolerance gives the pieces of the former schedule (1, 2, 4, ... 32 x the base tolerance
    /// until at most `maxHulls` pieces, rerun here): on the torus at both compacity weights (as on
    /// the 8 real meshes of `docs/assets.md`). The stated exception, on the mug: the schedule's
    /// first run stopped at the tolerance with 15 pieces, fewer than 16 only because the shim
    /// dropped degenerate (flat) clusters, which leave part of the surface uncovered; the single
    /// run merges on to 13 pieces that cover it.
    func testOneHACDRunGivesThePiecesOfTheToleranceDoublingSchedule() throws {
        var rng = SplitMix64(seed: 7)
        let shapes = [("torus", MeshBuilder.torus(major: 0.06, minor: 0.02)),
                      ("mug", ProceduralShape.make(.mug, rng: &rng).mesh.mapped { $0 * 0.1 })]
        let options = DecompositionOptions()
        for (name, mesh) in shapes {
            for compacity in [options.compacityWeight, 20 * options.compacityWeight] {
                let (lo, hi) = mesh.bounds
                var fraction = options.concavityFraction, runs = 0
                var schedule: [TriangleMesh] = []
                repeat {
                    schedule = try ConvexDecomposition.run(mesh, options: options, concavity: fraction * length(hi - lo),
                                                           compacity: compacity, file: name)
                    fraction *= 2
                    runs += 1
                } while schedule.count > options.maxHulls && runs < 6
                let single = try ConvexDecomposition.decompose(mesh, options: options, compacity: compacity, file: name)
                if name == "torus" {
                    XCTAssertEqual(single, schedule, "\(name) at compacity \(compacity), schedule runs: \(runs)")
                } else if compacity == options.compacityWeight {
                    XCTAssertEqual([runs, schedule.count, single.count], [1, 15, 13])
                    let volume = { (p: [TriangleMesh]) in p.reduce(0) { $0 + $1.signedVolume } / mesh.signedVolume - 1 }
                    XCTAssertEqual(volume(schedule), -0.0075, accuracy: 0.001)  // less than the mesh: holes
                    XCTAssertEqual(volume(single), 0.047, accuracy: 0.001)
                }
            }
        }
    }

    /// The hull-to-mesh distance through the triangle tree is the brute-force search's number,
    /// bit for bit, for HACD pieces, a bridged hull and probes off the surface.
    func testHullDistanceTreeMatchesTheSearchOverEveryTriangle() throws {
        var rng = SplitMix64(seed: 3)
        let torus = MeshBuilder.torus(major: 0.06, minor: 0.02, majorSegments: 16, minorSegments: 8)
        let pieces = try ConvexDecomposition.decompose(torus, options: DecompositionOptions())
        let hull = try ConvexHull.of(torus.vertices)
        let sphere = MeshBuilder.sphere(radius: 0.05)
        let blob = try ConvexHull.of((0..<64).map { _ in Vec3(rng.unit(), rng.unit(), rng.unit()) * 0.2 - 0.1 })
        for (name, parts, mesh) in [("pieces", pieces, torus), ("hull", [hull], torus), ("blob", [blob], sphere), ("self", [sphere], sphere)] {
            let fast = HullDistance.maxVertexDistance(pieces: parts, to: mesh)
            XCTAssertEqual(fast.bitPattern, bruteForceMaxDistance(pieces: parts, to: mesh).bitPattern, name)
        }
        XCTAssertGreaterThan(HullDistance.maxVertexDistance(pieces: [hull], to: torus), 0.03)  // the hull spans the hole
        let tree = TriangleTree(sphere)
        for _ in 0..<200 {
            let p = Vec3(rng.unit(), rng.unit(), rng.unit()) * 0.3 - 0.15
            let brute = (0..<sphere.triangles.count).reduce(Double.infinity) { best, t in
                let (a, b, c) = sphere.corners(t)
                return min(best, HullDistance.pointTriangleDistanceSquared(p, a, b, c))
            }
            XCTAssertEqual(tree.nearestDistanceSquared(p), brute)
        }
    }
}

/// The hull-to-mesh distance as `HullDistance` computed it before the tree: every probe against
/// every triangle, stopping at a distance of 0.
func bruteForceMaxDistance(pieces: [TriangleMesh], to mesh: TriangleMesh) -> Double {
    var worst = 0.0
    for piece in pieces {
        for p in HullDistance.probes(of: piece) {
            var best = Double.infinity
            for t in 0..<mesh.triangles.count {
                let (a, b, c) = mesh.corners(t)
                best = min(best, HullDistance.pointTriangleDistanceSquared(p, a, b, c))
                if best == 0 { break }
            }
            worst = max(worst, best.squareRoot())
        }
    }
    return worst
}
