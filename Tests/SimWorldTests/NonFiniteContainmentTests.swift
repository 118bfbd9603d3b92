import SimWorld
import XCTest

/// A solver blow-up in one env neither ends the step nor reaches the learner: the env is flagged,
/// its reward is 0, its episode ends (terminated: nothing is bootstrapped from the broken state),
/// its observation row is zero, it is reset next, and the other envs step exactly as without it.
final class NonFiniteContainmentTests: XCTestCase {
    /// Gives env 2's object a velocity whose next integration overflows a Float.
    static func breakEnv2(_ world: World) throws {
        world.objects.pointer(.velocity)[6 * 2 + 2] = 3e38
        try world.rebuildPhysics()
    }

    func testABrokenEnvIsContainedAndResetWhileTheOthersStepOn() throws {
        let world = try TestWorlds.make(envs: 4, seed: 7), reference = try TestWorlds.make(envs: 4, seed: 7)
        let episodes = EpisodeDriver(world: world), referenceEpisodes = EpisodeDriver(world: reference)
        for (w, driver) in [(world, episodes), (reference, referenceEpisodes)] {
            for e in 0..<4 { w.setAction(e, [0.3, -0.2, 0.5] + Array(repeating: 0.1, count: SceneLayout.actionCount - 3)) }
            try driver.step()
        }
        try Self.breakEnv2(world)
        try reference.rebuildPhysics()
        try referenceEpisodes.step()
        try episodes.step {
            // the step's end, before env 2 is reset
            let flags = (0..<4).map { world.envs.pointer(.nonFinite, as: UInt8.self)[$0] }
            XCTAssertEqual(flags, [0, 0, 1, 0])
            XCTAssertEqual(world.envs.pointer(.reward)[2], 0)
            XCTAssertEqual(world.envs.pointer(.terminated)[2], 1)
            XCTAssertEqual(world.envs.pointer(.truncated)[2], 0)
            XCTAssertEqual(world.envs.pointer(.resetRequested, as: UInt8.self)[2], 1)
            let width = world.envs.width(.observation)
            XCTAssertTrue((0..<width).allSatisfy { world.envs.pointer(.observation)[width * 2 + $0] == 0 }, "observation row zeroed")
            for e in [0, 1, 3] {
                XCTAssertEqual(world.envs.pointer(.reward)[e].bitPattern, reference.envs.pointer(.reward)[e].bitPattern, "env \(e) reward")
                XCTAssertEqual((0..<width).map { world.envs.pointer(.observation)[width * e + $0].bitPattern },
                               (0..<width).map { reference.envs.pointer(.observation)[width * e + $0].bitPattern }, "env \(e) observation")
            }
        }
        XCTAssertEqual(world.envs.pointer(.episodeStep, as: UInt32.self)[2], 0, "env 2 starts a new episode")
        world.hands.withColumn(.rootPose, as: Float.self) { XCTAssertTrue($0.allSatisfy(\.isFinite)) }
        world.objects.withColumn(.pose, as: Float.self) { XCTAssertTrue($0.allSatisfy(\.isFinite)) }
        world.envs.withColumn(.observation, as: Float.self) { XCTAssertTrue($0.allSatisfy(\.isFinite)) }
        try episodes.step()
        XCTAssertEqual((0..<4).map { world.envs.pointer(.nonFinite, as: UInt8.self)[$0] }, [0, 0, 0, 0], "the reset env steps normally")
        XCTAssertTrue(world.envs.pointer(.reward)[2].isFinite)
    }
}
