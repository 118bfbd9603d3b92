import Foundation
import SimWorld
import XCTest

/// Procedural and imported objects in the physics scene: every category rests on the table,
/// and the scripted controller lifts those whose size its hand span allows.
final class LibraryObjectsTests: XCTestCase {
    /// One object per category at bounding radius `radius`.
    static func procedural(radius: Double) throws -> [ObjectAsset] {
        var config = LibraryConfig()
        config.surfacePointCount = 64
        return try ShapeCategory.allCases.enumerated().map { i, category in
            try LibraryGenerator.object((name: "\(category.rawValue)-\(i)", category: category, seed: UInt64(100 + i), radius: radius),
                                        config: config).asset
        }
    }

    func testEveryProceduralCategorySettlesOnTheTable() throws {
        let assets = try Self.procedural(radius: 0.08)
        let world = try TestWorlds.make(envs: assets.count, assets: assets) { spec in
            spec.fixedObjects = Array(assets.indices)
            spec.handStartPosition = [2, 0, 1.5]
            spec.task.episodeLength = 1000
        }
        let episodes = EpisodeDriver(world: world)
        for _ in 0..<180 { try episodes.step() }
        for e in 0..<assets.count {
            let z = world.objectZ(e)
            let pose = world.objects.pointer(.pose) + 7 * e
            XCTAssertTrue(abs(pose[0]) < 0.5 && abs(pose[1]) < 0.5, "\(assets[e].name) left the table")
            XCTAssertGreaterThan(z, SceneLayout.tableTop, "\(assets[e].name) sank into the table")
            XCTAssertLessThan(z, SceneLayout.tableTop + 0.16, "\(assets[e].name) is not resting")
            let v = world.objects.pointer(.velocity) + 6 * e
            XCTAssertLessThan((0..<3).map { abs(v[$0]) }.max()!, 0.05, "\(assets[e].name) still moving")
        }
    }

    func testScriptedGraspLiftsSmallProceduralAndImportedObjects() throws {
        // an imported mesh: a 5 cm cube written as OBJ text and read back through the importer
        let obj = "v -1 -1 -1\nv 1 -1 -1\nv 1 1 -1\nv -1 1 -1\nv -1 -1 1\nv 1 -1 1\nv 1 1 1\nv -1 1 1\n"
            + "f 1 4 3 2\nf 5 6 7 8\nf 1 2 6 5\nf 2 3 7 6\nf 3 4 8 7\nf 4 1 5 8\n"
        let mesh = try OBJReader.parse(Data(obj.utf8), file: "cube.obj")
        var options = ImportOptions()
        options.boundingRadius = 0.05
        let imported = try AssetBuilder.build(mesh: mesh, name: "imported-cube", category: "box", source: "cube.obj", options: options).asset
        let assets = try Self.procedural(radius: 0.06) + [imported]
        var lifted: [String] = []
        for (i, asset) in assets.enumerated() {
            let world = try TestWorlds.make(assets: assets) { spec in
                spec.fixedObjects = [i]
                spec.randomYaw = false
                spec.task.episodeLength = 1000
            }
            let grasp = ScriptedGrasp()
            let grasper = ScriptedGrasper(grasp: grasp, world: world)
            let episodes = EpisodeDriver(world: world)
            let rest = SceneLayout.tableTop + world.restingPoses[i].height
            var lowest = Float.infinity
            for step in 0..<220 {
                grasper.act(env: 0, step: step)
                try episodes.step()
                if step >= 150 { lowest = min(lowest, world.objectZ(0) - rest) }
            }
            if lowest >= 0.15 { lifted.append(asset.name) }
        }
        print("scripted grasp lifted \(lifted.count) of \(assets.count): \(lifted)")
        XCTAssertTrue(lifted.contains("imported-cube"), "the imported cube was not lifted; lifted: \(lifted)")
        XCTAssertGreaterThanOrEqual(lifted.count, assets.count / 2, "lifted only \(lifted)")
    }
}
