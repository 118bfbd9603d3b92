import SimWorld
import XCTest

/// The scripted controller descends, closes, lifts: the hand holds a box and a cylinder at least
/// 0.15 m above the table until the end of the episode.
final class ScriptedGraspTests: XCTestCase {
    func testScriptedGraspLiftsAndHoldsBoxAndCylinder() throws {
        for category in ["box", "cylinder"] {
            let index = TestWorlds.builtin(category)
            let world = try TestWorlds.make { spec in
                spec.objectPool = [index]
                spec.randomYaw = false
                spec.task.episodeLength = 1000  // one long episode: no time-limit reset at step 200
            }
            let grasp = ScriptedGrasp()
            let grasper = ScriptedGrasper(grasp: grasp, world: world)
            let episodes = EpisodeDriver(world: world)
            let rest = SceneLayout.tableTop + world.restingPoses[index].height
            var lowestWhileHeld = Float.infinity
            var touchedBeforeDescent = false, thumbHeld = 0, fingerHeld = 0, heldSteps = 0
            for step in 0..<260 {
                grasper.act(env: 0, step: step)
                try episodes.step()
                let force = world.hands.pointer(.tipObjectForce)
                if step < 5 { touchedBeforeDescent = touchedBeforeDescent || (0..<5).contains { force[$0] != 0 } }
                if step >= grasp.descendSteps + grasp.closeSteps + grasp.liftSteps {
                    lowestWhileHeld = min(lowestWhileHeld, world.objectZ(0))
                    heldSteps += 1
                    thumbHeld += force[4] > 0 ? 1 : 0
                    fingerHeld += (0..<4).contains { force[$0] > 0 } ? 1 : 0
                }
            }
            XCTAssertGreaterThan(lowestWhileHeld - rest, 0.15, "\(category): held at most \(lowestWhileHeld - rest) m above its rest")
            XCTAssertFalse(touchedBeforeDescent, "\(category): no tip-object force while the hand is 0.2 m above the object")
            XCTAssertGreaterThan(thumbHeld, heldSteps * 8 / 10, "\(category): thumb presses on the held object")
            XCTAssertGreaterThan(fingerHeld, heldSteps * 8 / 10, "\(category): another fingertip presses on the held object")
        }
    }
}
