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
            let rest = SceneLayout.tableTop + world.restingPoses[index].height
            var lowestWhileHeld = Float.infinity
            for step in 0..<260 {
                grasp.act(world: world, env: 0, step: step)
                try world.step()
                if step >= grasp.descendSteps + grasp.closeSteps + grasp.liftSteps { lowestWhileHeld = min(lowestWhileHeld, world.objectZ(0)) }
            }
            XCTAssertGreaterThan(lowestWhileHeld - rest, 0.15, "\(category): held at most \(lowestWhileHeld - rest) m above its rest")
        }
    }
}
