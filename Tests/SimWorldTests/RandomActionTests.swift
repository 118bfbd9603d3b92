import SimWorld
import XCTest

/// Random actions on many envs: every column stays finite, nothing passes through the table,
/// and two runs with one seed are bit-identical over every column of every table.
final class RandomActionTests: XCTestCase {
    /// Drives `world` with uniform random actions for `steps` steps, its 200-step episodes reset
    /// as they end; `check` runs after every step.
    static func drive(_ world: World, steps: Int, seed: UInt64, check: (Int, EpisodeDriver) throws -> Void = { _, _ in }) throws {
        var rng = SplitMix64(seed: seed)
        let n = world.spec.envCount
        let episodes = EpisodeDriver(world: world)
        let actions = episodes.actions
        for step in 0..<steps {
            for i in 0..<(n * SceneLayout.actionCount) { actions[i] = rng.uniform(-1, 1) }
            try episodes.step()
            try check(step, episodes)
        }
    }

    func testThousandRandomStepsOn64EnvsStayFiniteAndAboveTheTable() throws {
        let world = try TestWorlds.make(envs: 64, threads: 2)
        let half = SceneLayout.tableHalfExtents[0] - 0.02, top = SceneLayout.tableTop
        // contact penetration allowed, metres: random actions press objects into the table with the
        // full 833 N wrist force, and the solver lets a squeezed object sink up to ~1.5 cm; an
        // object or hand that tunnelled would be tens of centimetres below the top
        let tolerance: Float = 0.025
        func overTable(_ p: UnsafeMutablePointer<Float>) -> Bool { abs(p[0]) < half && abs(p[1]) < half }
        try Self.drive(world, steps: 1000, seed: 9) { step, _ in
            for field in HandField.allCases where field.spec.scalar == .float32 {
                world.hands.withColumn(field, as: Float.self) { XCTAssertTrue($0.allSatisfy(\.isFinite), "hand.\(field) at step \(step)") }
            }
            for field in [ObjectField.pose, .velocity] {
                world.objects.withColumn(field, as: Float.self) { XCTAssertTrue($0.allSatisfy(\.isFinite), "object.\(field) at step \(step)") }
            }
            for e in 0..<64 {
                let object = world.objects.pointer(.pose) + 7 * e, root = world.hands.pointer(.rootPose) + 7 * e
                if overTable(object) { XCTAssertGreaterThan(object[2], top - tolerance, "env \(e) object below the table top, step \(step)") }
                if overTable(root) { XCTAssertGreaterThan(root[2], top - tolerance, "env \(e) palm below the table top, step \(step)") }
                for t in 0..<SceneLayout.tipCount {
                    let tip = world.hands.pointer(.tipPose) + 7 * (SceneLayout.tipCount * e + t)
                    if overTable(tip) { XCTAssertGreaterThan(tip[2], top - tolerance, "env \(e) tip \(t) below the table top, step \(step)") }
                }
            }
        }
    }

    func testSameSeedRunsAreBitIdenticalOverEveryColumn() throws {
        func run() throws -> World {
            let world = try TestWorlds.make(envs: 16, threads: 2, seed: 5)
            try Self.drive(world, steps: 150, seed: 11) { step, episodes in
                if step == 70 { try episodes.reset(envs: [1, 4, 9]) }
            }
            return world
        }
        let a = try run(), b = try run()
        XCTAssertEqual(a.envs.snapshot(), b.envs.snapshot())
        XCTAssertEqual(a.hands.snapshot(), b.hands.snapshot())
        XCTAssertEqual(a.objects.snapshot(), b.objects.snapshot())
        XCTAssertEqual(a.surfaces.snapshot(), b.surfaces.snapshot())
        // and the runs did something: objects differ between envs, episodes were reset
        XCTAssertNotEqual(a.objects.pointer(.pose)[0], a.objects.pointer(.pose)[7])
    }

    /// An env's trajectory does not depend on which other envs its world holds: envs 16..<32 of a
    /// 32-env world and the 16 envs of a world that starts at env 16 (a data-parallel rank's
    /// share) step bit for bit alike under the same actions, through contacts and resets.
    func testEnvTrajectoriesDoNotDependOnTheOtherEnvs() throws {
        let whole = try TestWorlds.make(envs: 32, threads: 2, seed: 3)
        let share = try TestWorlds.make(envs: 16, threads: 1, seed: 3) { $0.firstEnvIndex = 16 }
        XCTAssertEqual(whole.shardPlan.count, 32, "one Bullet world per env by default")
        let wholeEpisodes = EpisodeDriver(world: whole), shareEpisodes = EpisodeDriver(world: share)
        var rng = SplitMix64(seed: 21)
        let width = SceneLayout.actionCount
        for step in 0..<600 {
            for i in 0..<(32 * width) {
                let value = rng.uniform(-1, 1)
                whole.hands.pointer(.action)[i] = value
                if i >= 16 * width { share.hands.pointer(.action)[i - 16 * width] = value }
            }
            try wholeEpisodes.step()
            try shareEpisodes.step()
            if step % 50 == 49 || step == 599 {
                for (field, w) in [(HandField.rootPose, 7), (.jointPosition, SceneLayout.jointCount), (.tipObjectForce, SceneLayout.tipCount)] {
                    let a = (16 * w ..< 32 * w).map { whole.hands.pointer(field)[$0].bitPattern }
                    let b = (0 ..< 16 * w).map { share.hands.pointer(field)[$0].bitPattern }
                    XCTAssertEqual(a, b, "hand.\(field) at step \(step)")
                }
                let a = (16 * 7 ..< 32 * 7).map { whole.objects.pointer(.pose)[$0].bitPattern }
                XCTAssertEqual(a, (0 ..< 16 * 7).map { share.objects.pointer(.pose)[$0].bitPattern }, "object.pose at step \(step)")
                XCTAssertEqual((16..<32).map { whole.envs.pointer(.reward)[$0].bitPattern }, (0..<16).map { share.envs.pointer(.reward)[$0].bitPattern })
            }
        }
        // and the object assets drawn at resets (from each env's own stream) matched as well
        XCTAssertEqual((16..<32).map { whole.objects.pointer(.asset, as: UInt32.self)[$0] }, (0..<16).map { share.objects.pointer(.asset, as: UInt32.self)[$0] })
    }

    func testDifferentSeedsDiffer() throws {
        let a = try TestWorlds.make(envs: 4, seed: 1), b = try TestWorlds.make(envs: 4, seed: 2)
        XCTAssertNotEqual(a.objects.snapshot(), b.objects.snapshot())
    }
}
