@testable import SimWorld
import XCTest

/// A system that reads `env.reward` without declaring it.
struct UndeclaredRewardReader: System {
    var phase: Phase { .record }
    var reads: Set<FieldID> { [] }
    var writes: Set<FieldID> { [FieldID(HandField.linkPose)] }
    func run(_ access: SystemAccess<World>) throws {
        _ = access.read(EnvField.reward)
    }
}

extension World {
    /// The phases `EpisodeDriver.step` runs before the episode starts: the step without resets.
    func advance() throws { try run(phases: [.applyActions, .physics, .sync, .rewards, .observations, .validate, .record]) }
}

/// How the world's systems reach its columns and physics.
final class WorldAccessTests: XCTestCase {
    func testColumnViewWidthsAreTheSchemaWidths() throws {
        let world = try TestWorlds.make(envs: 2)
        for field in HandField.allCases { XCTAssertEqual(world.hands.column(field)[1].count, field.spec.width, "hand.\(field)") }
        for field in ObjectField.allCases where field != .asset { XCTAssertEqual(world.objects.column(field)[1].count, field.spec.width, "object.\(field)") }
        for field in SurfaceField.allCases { XCTAssertEqual(world.surfaces.column(field)[1].count, field.spec.width, "table.\(field)") }
        XCTAssertEqual(world.envs.column(.observation)[1].count, world.observationLayout.count, "the observation width is set at run time")
        XCTAssertEqual(world.objects.column(.pose)[1].baseAddress, world.objects.pointer(.pose) + 7)
    }

    func testEverySystemDeclaresWhatItTouches() throws {
        // in debug builds an undeclared access throws from the schedule; this runs every system
        let world = try TestWorlds.make(envs: 3, threads: 2, assets: nil) { $0.task.episodeLength = 4 }
        let recording = try World(spec: world.spec, hand: TestWorlds.hand, assets: TestWorlds.builtins, systems: [RecordLinkPosesSystem()])
        for w in [world, recording] {
            for _ in 0..<6 {
                try w.advance()
                try w.beginEpisodes()
            }
            try EpisodeDriver(world: w).step()
            try w.rebuildPhysics()
        }
    }

    #if DEBUG
    func testASystemReadingAnUndeclaredFieldIsFlagged() throws {
        // World.init already runs the record phase, where this system sits
        XCTAssertThrowsError(try World(spec: WorldSpec(envCount: 2), hand: TestWorlds.hand, assets: TestWorlds.builtins,
                                       systems: [UndeclaredRewardReader()])) {
            XCTAssertEqual("\($0)", "undeclared access: UndeclaredRewardReader reads env.reward, which it does not declare in reads")
        }
    }
    #endif

    func testTheResetListIsTheResetRequestedColumn() throws {
        let world = try TestWorlds.make(envs: 3) { $0.task.episodeLength = 3 }
        let reset = world.envs.column(.resetRequested, as: UInt8.self).scalars
        XCTAssertEqual((0..<3).map { reset[$0] }, [0, 0, 0], "cleared after the first resets")
        for _ in 0..<3 { try world.advance() }
        world.requestReset([1])
        XCTAssertEqual((0..<3).map { reset[$0] }, [1, 1, 1], "time limit of every env")
        try world.beginEpisodes()
        XCTAssertEqual((0..<3).map { reset[$0] }, [0, 0, 0], "the episode-start pass clears the list it reset")
        try world.advance()
        let observations = world.envs.column(.observation)
        let before = (0..<3).map { Array(observations[$0]) }
        world.requestReset([1])
        try world.beginEpisodes()
        XCTAssertEqual(Array(observations[0]), before[0], "an env not on the list keeps its observation")
        XCTAssertEqual(Array(observations[2]), before[2], "an env not on the list keeps its observation")
        XCTAssertNotEqual(Array(observations[1]), before[1], "the reset env observes its first state")
        XCTAssertEqual(world.envs.column(.episodeStep, as: UInt32.self).scalars[1], 0)
        XCTAssertEqual((0..<3).map { reset[$0] }, [0, 0, 0])
    }
}
