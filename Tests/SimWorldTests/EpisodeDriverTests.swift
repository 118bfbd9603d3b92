@testable import SimWorld
import XCTest

/// The stepping contract: a step keeps the final observations and flags of the envs whose
/// episode ended, resets exactly those envs in the same step, and steps a world exactly as its
/// phases run one after the other (apply actions to record, then the episode-start pass).
final class EpisodeDriverTests: XCTestCase {
    /// Sets every action of every env of `world` from `rng`.
    private static func randomActions(_ world: World, _ rng: inout SplitMix64) {
        let actions = world.hands.pointer(.action)
        for i in 0..<(world.spec.envCount * SceneLayout.actionCount) { actions[i] = rng.uniform(-1, 1) }
    }

    private static func bits(_ p: UnsafePointer<Float>, _ range: Range<Int>) -> [UInt32] { range.map { p[$0].bitPattern } }

    /// A hand-made time limit: env 0 of two reaches the end of its 4-step episode with its
    /// object counted as at the goal. The step returns its final observation, its success and
    /// its done flag, resets it (a first observation, step 0, success cleared in the world) and
    /// leaves env 1, which started its episode a step later, in its episode.
    func testAnEndedEpisodeKeepsItsFinalObservationAndIsResetInTheSameStep() throws {
        let world = try TestWorlds.make(envs: 2) { $0.task.episodeLength = 4 }
        let episodes = EpisodeDriver(world: world)
        let d = episodes.observationDim
        XCTAssertEqual(Self.bits(episodes.finalObservations, 0..<2 * d), Self.bits(episodes.observations, 0..<2 * d),
                       "before any step the final observations are the first ones")
        XCTAssertEqual(episodes.ends, [nil, nil])
        var rng = SplitMix64(seed: 4)
        Self.randomActions(world, &rng)
        try episodes.step()
        try episodes.reset(envs: [1])  // env 1 starts again: its episode ends one step after env 0's
        XCTAssertEqual(world.envs.pointer(.episodeStep, as: UInt32.self)[1], 0)
        for step in 2...4 {
            Self.randomActions(world, &rng)
            if step == 4 { world.envs.pointer(.success, as: UInt8.self)[0] = 1 }  // sticky: the rewards never clear it
            var atEnd: [UInt32] = [], stepAtEnd: UInt32 = 0, objectAtEnd: [Float] = []
            try episodes.step {
                atEnd = Self.bits(world.envs.pointer(.observation), 0..<2 * d)
                stepAtEnd = world.envs.pointer(.episodeStep, as: UInt32.self)[0]
                objectAtEnd = Array(UnsafeBufferPointer(start: world.objects.pointer(.pose), count: 7))
            }
            XCTAssertEqual(Self.bits(episodes.finalObservations, 0..<2 * d), atEnd, "step \(step): final observations as the step left them")
            XCTAssertEqual(episodes.ends, step == 4 ? [.truncated, nil] : [nil, nil], "step \(step)")
            XCTAssertEqual(episodes.endedEnvs, step == 4 ? [0] : [], "step \(step)")
            XCTAssertEqual(episodes.truncated[0], step == 4 ? 1 : 0, "done flags survive the reset")
            guard step == 4 else {
                XCTAssertEqual(Self.bits(episodes.observations, 0..<2 * d), atEnd, "no env ended: nothing reset")
                continue
            }
            XCTAssertEqual(stepAtEnd, 4, "the closure sees the episode's last step")
            XCTAssertEqual(episodes.success[0], 1, "the ended episode's success, copied before the reset")
            XCTAssertEqual(world.envs.pointer(.success, as: UInt8.self)[0], 0, "the reset clears the world's flag")
            XCTAssertEqual(world.envs.pointer(.episodeStep, as: UInt32.self)[0], 0, "env 0 starts a new episode")
            XCTAssertNotEqual(Self.bits(episodes.observations, 0..<d), Self.bits(episodes.finalObservations, 0..<d),
                              "env 0's observation is its new episode's first")
            XCTAssertNotEqual(Array(UnsafeBufferPointer(start: world.objects.pointer(.pose), count: 7)), objectAtEnd,
                              "env 0's object was put back on the table")
            XCTAssertEqual(Self.bits(episodes.observations, d..<2 * d), Array(atEnd[d..<2 * d]), "env 1 goes on")
            XCTAssertEqual(world.envs.pointer(.episodeStep, as: UInt32.self)[1], 3)
        }
        Self.randomActions(world, &rng)
        try episodes.step()
        XCTAssertEqual(episodes.ends, [nil, .truncated], "env 1's episode ends a step later")
        XCTAssertEqual(episodes.success[0], 0)
    }

    /// A hand-made non-finite step ends its env's episode as terminated: zero final observation,
    /// the non-finite flag, a reset within the step.
    func testANonFiniteStepEndsTheEpisodeAsTerminated() throws {
        let world = try TestWorlds.make(envs: 3, seed: 7)
        let episodes = EpisodeDriver(world: world)
        try episodes.step()
        world.objects.pointer(.velocity)[6 * 1 + 2] = 3e38
        try world.rebuildPhysics()
        try episodes.step()
        XCTAssertEqual(episodes.ends, [nil, .terminated, nil])
        XCTAssertEqual(episodes.endedEnvs, [1])
        XCTAssertEqual((0..<3).map { episodes.nonFinite[$0] }, [0, 1, 0])
        let d = episodes.observationDim
        XCTAssertTrue((d..<2 * d).allSatisfy { episodes.finalObservations[$0] == 0 }, "the contained final observation is zeros")
        XCTAssertTrue((d..<2 * d).contains { episodes.observations[$0] != 0 }, "a first observation replaces it")
        XCTAssertTrue((d..<2 * d).allSatisfy { episodes.observations[$0].isFinite })
        XCTAssertEqual(world.envs.pointer(.episodeStep, as: UInt32.self)[1], 0)
    }

    /// The driver's step is the world's phases in order: apply actions and physics, then sync,
    /// rewards, observations, containment and recording, then the episode-start pass for the
    /// envs that ended: over staggered 7-step episodes, every column of a driven world equals,
    /// bit for bit, that of a world whose phases are run by hand.
    func testAStepRunsThePhasesInOrderThenTheEpisodeStarts() throws {
        func make() throws -> World {
            try TestWorlds.make(envs: 5, threads: 2, seed: 9) {
                $0.task.episodeLength = 7
                $0.task.staggerFirstEpisodes = true
            }
        }
        let driven = try make(), byHand = try make()
        let episodes = EpisodeDriver(world: driven)
        var a = SplitMix64(seed: 1), b = SplitMix64(seed: 1)
        var ended = 0
        for _ in 0..<30 {
            Self.randomActions(driven, &a)
            Self.randomActions(byHand, &b)
            try episodes.step()
            try byHand.run(phases: [.applyActions, .physics, .sync, .rewards, .observations, .validate, .record])
            try byHand.beginEpisodes()
            ended += episodes.endedEnvs.count
        }
        XCTAssertGreaterThan(ended, 10, "episodes ended along the way")
        XCTAssertEqual(driven.envs.snapshot(), byHand.envs.snapshot())
        XCTAssertEqual(driven.hands.snapshot(), byHand.hands.snapshot())
        XCTAssertEqual(driven.objects.snapshot(), byHand.objects.snapshot())
    }

    /// With a clock, the step's parts are timed.
    func testTimingsAddUpWithAClock() throws {
        let episodes = EpisodeDriver(world: try TestWorlds.make())
        try episodes.step()
        XCTAssertEqual(episodes.timings, EpisodeDriver.Timings(), "no clock: nothing is timed")
        var tick = 0.0
        episodes.clock = { tick += 1; return tick }
        for _ in 0..<3 { try episodes.step() }
        XCTAssertEqual(episodes.timings.steps, 3)
        XCTAssertEqual(episodes.timings.simulate, 6, "two clock intervals per step")
        XCTAssertEqual(episodes.timings.observe, 3)
        episodes.resetTimings()
        XCTAssertEqual(episodes.timings.steps, 0)
    }
}
