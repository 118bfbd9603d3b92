import SimWorld
import XCTest

/// Analytic checks of the physics: free fall, resting contact, wrist speed, finger response.
final class PhysicsTests: XCTestCase {
    /// An object dropped from 1 m follows g t^2 / 2: exactly the semi-implicit Euler sum at the
    /// 120 Hz substep, and the continuous law within the integrator's first-order lead.
    func testFreeFallMatchesGravity() throws {
        let world = try TestWorlds.make { spec in
            spec.objectDropHeight = 1.0
            spec.handStartPosition = [2, 0, 1.5]  // off the table, out of the way
        }
        let episodes = EpisodeDriver(world: world)
        let z0 = world.objectZ(0)
        let g: Float = 9.81, h: Float = 1.0 / 120
        for step in 1...25 {  // 0.42 s: the object falls 0.85 of its 1 m
            try episodes.step()
            let n = Float(2 * step)
            let discrete = z0 - g * h * h * n * (n + 1) / 2
            let t = Float(step) / 60
            XCTAssertEqual(world.objectZ(0), discrete, accuracy: 1e-4, "step \(step)")
            // first-order integrator: the fall leads g t^2 / 2 by g h t / 2
            XCTAssertEqual(z0 - world.objectZ(0), g * t * t / 2, accuracy: g * h * t / 2 + 1e-5)
        }
    }

    /// Every built-in object dropped 5 cm onto the table comes to rest on it.
    func testDroppedObjectsComeToRestOnTable() throws {
        let assets = TestWorlds.builtins
        let world = try TestWorlds.make(envs: assets.count, assets: assets) { spec in
            spec.objectDropHeight = 0.05
            spec.randomYaw = false
            spec.handStartPosition = [2, 0, 1.5]
        }
        let episodes = EpisodeDriver(world: world)
        for _ in 0..<180 { try episodes.step() }
        for e in 0..<assets.count {
            let asset = Int(world.objects.pointer(.asset, as: UInt32.self)[e])
            let rest = SceneLayout.tableTop + world.restingPoses[asset].height
            XCTAssertEqual(world.objectZ(e), rest, accuracy: 0.003, "\(assets[asset].name) did not settle on the table")
            let v = world.objects.pointer(.velocity) + 6 * e
            XCTAssertLessThan((0..<3).map { abs(v[$0]) }.max()!, 0.01, "\(assets[asset].name) still moving")
        }
    }

    /// The contact count sees each resting object on its table and nothing in free fall: an
    /// object in the air has no contact points, one lying on the table has a few, and the envs
    /// of one Bullet world are counted apart.
    func testContactCountsSeeRestingObjectsAndNothingInTheAir() throws {
        let assets = TestWorlds.builtins
        let world = try TestWorlds.make(envs: assets.count, assets: assets) { spec in
            spec.shardCount = 2
            spec.objectDropHeight = 0.3
            spec.randomYaw = false
            spec.fixedObjects = Array(assets.indices)
            spec.handStartPosition = [2, 0, 1.5]
        }
        let episodes = EpisodeDriver(world: world)
        try episodes.step()
        XCTAssertEqual(try world.contactPointCounts(), [UInt32](repeating: 0, count: assets.count))
        for _ in 0..<120 { try episodes.step() }
        for (e, count) in try world.contactPointCounts().enumerated() {
            XCTAssertTrue((1...16).contains(count), "\(assets[e].name): \(count) contact points at rest")
        }
    }

    /// A unit force action drives the hand at the published ~1.9 m/s (about 3 cm per step).
    func testUnitForceGivesPublishedHandSpeed() throws {
        let world = try TestWorlds.make()
        let episodes = EpisodeDriver(world: world)
        world.setAction(0, [0, 0, 1] + [Float](repeating: 0, count: 21))
        for _ in 0..<10 { try episodes.step() }
        let vz = world.hands.pointer(.rootVelocity)[2]
        XCTAssertEqual(vz, 1.9, accuracy: 0.05)
    }

    /// Free fingers reach their targets within a few control steps.
    func testFingersReachTargetsWithinAFewSteps() throws {
        let world = try TestWorlds.make()
        let episodes = EpisodeDriver(world: world)
        world.setAction(0, [0, 0, 0, 0, 0, 0] + [Float](repeating: 0.5, count: 18))
        for _ in 0..<10 { try episodes.step() }
        let q = world.hands.pointer(.jointPosition), target = world.hands.pointer(.jointTarget)
        for (a, j) in TestWorlds.hand.actuatedJoints.enumerated() {
            XCTAssertEqual(q[j], target[a], accuracy: 0.1, "joint \(TestWorlds.hand.joints[j].name) after 10 steps")
        }
        // the coupled distal joints follow 1.14 x their middle joints
        for (j, joint) in TestWorlds.hand.joints.enumerated() {
            guard let (driver, ratio) = joint.coupling else { continue }
            XCTAssertEqual(q[j], min(ratio * q[driver], joint.upper), accuracy: 0.1, "\(joint.name) coupling")
        }
    }

    /// With fingerTargetSmoothing s each step moves the targets a fraction s of the way to the
    /// action's target; a reset puts them back on the initial joint angles.
    func testFingerTargetSmoothingIsAMovingAverage() throws {
        let world = try TestWorlds.make { $0.task.fingerTargetSmoothing = 0.25 }
        let episodes = EpisodeDriver(world: world)
        let target = world.hands.pointer(.jointTarget), hand = TestWorlds.hand
        let start = (0..<SceneLayout.actuatorCount).map { target[$0] }
        world.setAction(0, [0, 0, 0, 0, 0, 0] + [Float](repeating: 1, count: 18))
        try episodes.step()
        for (a, j) in hand.actuatedJoints.enumerated() {
            XCTAssertEqual(target[a], 0.25 * hand.joints[j].upper + 0.75 * start[a], accuracy: 1e-5, hand.joints[j].name)
        }
        try episodes.step()
        let second = 0.25 * hand.joints[hand.actuatedJoints[0]].upper + 0.75 * (0.25 * hand.joints[hand.actuatedJoints[0]].upper + 0.75 * start[0])
        XCTAssertEqual(target[0], second, accuracy: 1e-5, "second step")
        try episodes.reset(envs: [0])
        XCTAssertEqual((0..<SceneLayout.actuatorCount).map { target[$0] }, start, "reset restores the initial targets")
        XCTAssertThrowsError(try TestWorlds.make { $0.task.fingerTargetSmoothing = 0 }) {
            XCTAssertTrue("\($0)".contains("fingerTargetSmoothing"), "\($0)")
        }
    }
}
