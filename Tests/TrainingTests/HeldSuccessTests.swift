import SimWorld
@testable import Training
import XCTest

/// "Reached" (within the success distance at some step, as published) against "held" (within it
/// at the episode's last step, lifted) on hand-set trajectories of the object.
final class HeldSuccessTests: XCTestCase {
    /// Outcome of a trajectory of (distance to the goal m, rise above where it was placed m).
    func outcome(_ steps: [(Float, Float)]) -> Evaluator.Outcome {
        var o = Evaluator.Outcome()
        for (distance, rise) in steps { o.record(goalDistance: distance, rise: rise, lifted: rise > 0.03, task: TaskSpec()) }
        return o
    }

    func testCarriedToTheGoalAndHeldCountsForBoth() {
        let o = outcome([(0.25, 0), (0.12, 0.12), (0.04, 0.22), (0.03, 0.23)])
        XCTAssertTrue(o.success)
        XCTAssertTrue(o.held)
        XCTAssertEqual(o.closestGoal, 0.03)
        XCTAssertEqual(o.peakLift, 0.23)
    }

    func testTouchedTheGoalThenDroppedIsReachedButNotHeld() {
        let o = outcome([(0.25, 0), (0.04, 0.22), (0.15, 0.1), (0.25, 0)])
        XCTAssertTrue(o.success, "reached, as published")
        XCTAssertFalse(o.held, "dropped before the end")
    }

    func testNearTheGoalButOnTheTableIsNeither() {
        // the 5 cm ball around the goal is far above the table here; a rise below the lift
        // threshold never counts as held even when the distance passes
        let o = outcome([(0.2, 0), (0.05, 0.01)])
        XCTAssertTrue(o.success)
        XCTAssertFalse(o.held)
    }

    func testCategoryTableShowsHeldBesideReached() {
        let result = Evaluator.Result(split: "train", successRate: 0.75, perObject: ["cup-a": 1, "cup-b": 0.5],
                                      heldRate: 0.25, perObjectHeld: ["cup-a": 0.5, "cup-b": 0], episodes: 4)
        XCTAssertEqual(RunSummary.categoryTable([result]), """
            success % (reached / held) by category (objects):
            | category | train |
            |---|---|
            | cup | 75.0 / 25.0 (2) |
            """)
        XCTAssertTrue(result.gradedSummary.hasPrefix(", held 25.0 %"), result.gradedSummary)
    }
}
