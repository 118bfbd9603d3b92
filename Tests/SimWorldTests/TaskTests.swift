import Foundation
@testable import SimWorld
import XCTest

/// Reward and success on hand-set states against hand-computed values, and the observation
/// layout against docs/task.md.
final class TaskTests: XCTestCase {
    func testRewardMatchesHandComputedValues() {
        let task = TaskSpec()
        var tips = [Float](repeating: 0, count: 35)
        func setTips(_ offsets: [[Float]], around o: [Float]) {
            for t in 0..<5 { for k in 0..<3 { tips[7 * t + k] = o[k] + offsets[t][k] }; tips[7 * t + 6] = 1 }
        }
        let goal: [Float] = [0, 0, 0.9]
        var contacts = [Float](repeating: 0, count: 5)
        // 1: hand far away: only the distance terms
        var object: [Float] = [0, 0, 0.63], palm: [Float] = [0, 0, 1.0]
        setTips(Array(repeating: [0, 0, 0.4], count: 5), around: object)
        var r = ComputeRewardsSystem.reward(task: task, object: object, tips: tips, tipContacts: contacts, palm: palm, goal: goal, restZ: 0.63, forceZ: 1)
        XCTAssertEqual(r.reward, -0.5 * 2.0 - 0.37, accuracy: 1e-5)
        XCTAssertEqual(r.stage, 0)
        // 2: enclosed (tips 0.1 away each: sum 0.5; palm 0.05), lifted 5 cm, force action 0.5
        object = [0, 0, 0.68]
        palm = [0, 0, 0.73]
        setTips([[0.1, 0, 0], [-0.1, 0, 0], [0, 0.1, 0], [0, -0.1, 0], [0, 0, -0.1]], around: object)
        r = ComputeRewardsSystem.reward(task: task, object: object, tips: tips, tipContacts: contacts, palm: palm, goal: goal, restZ: 0.63, forceZ: 0.5)
        let goalDist: Float = 0.22
        XCTAssertEqual(r.reward, -0.25 - 0.05 + 0.9 - 2 * goalDist + 0.1 + 0.05, accuracy: 1e-5)
        XCTAssertEqual(r.stage, 2, "enclosed and lifted")
        // 3: enclosed but resting (no lift term): the lift term must not fire on the table
        object = [0, 0, 0.63]
        palm = [0, 0, 0.68]
        setTips([[0.1, 0, 0], [-0.1, 0, 0], [0, 0.1, 0], [0, -0.1, 0], [0, 0, -0.1]], around: object)
        r = ComputeRewardsSystem.reward(task: task, object: object, tips: tips, tipContacts: contacts, palm: palm, goal: goal, restZ: 0.63, forceZ: 1)
        XCTAssertEqual(r.reward, -0.25 - 0.05 + 0.9 - 2 * 0.27, accuracy: 1e-5)
        XCTAssertEqual(r.stage, 1, "enclosed, still on the table")
        // 4: at the goal (3 cm away): high lift, bonus, success distance
        object = [0, 0, 0.87]
        palm = [0, 0, 0.92]
        setTips([[0.1, 0, 0], [-0.1, 0, 0], [0, 0.1, 0], [0, -0.1, 0], [0, 0, -0.1]], around: object)
        r = ComputeRewardsSystem.reward(task: task, object: object, tips: tips, tipContacts: contacts, palm: palm, goal: goal, restZ: 0.63, forceZ: 0)
        XCTAssertEqual(r.goalDistance, 0.03, accuracy: 1e-5)
        XCTAssertEqual(r.reward, -0.25 - 0.05 + 0.9 - 0.06 + 0.2 + 1 / 1.3, accuracy: 1e-5)
        XCTAssertEqual(r.stage, 2)
        // 5: the contact test: the same state encloses only with the thumb and another tip touching
        var contactTask = task
        contactTask.experimental.encloseNeedsContact = true
        r = ComputeRewardsSystem.reward(task: contactTask, object: object, tips: tips, tipContacts: contacts, palm: palm, goal: goal, restZ: 0.63, forceZ: 0)
        XCTAssertEqual(r.reward, -0.25 - 0.05, accuracy: 1e-5, "no contact: distance terms only")
        XCTAssertEqual(r.stage, 0)
        contacts = [0, 0, 0, 0, 2.0]
        r = ComputeRewardsSystem.reward(task: contactTask, object: object, tips: tips, tipContacts: contacts, palm: palm, goal: goal, restZ: 0.63, forceZ: 0)
        XCTAssertEqual(r.stage, 0, "thumb alone is not a grasp")
        contacts = [0, 1.5, 0, 0, 2.0]
        r = ComputeRewardsSystem.reward(task: contactTask, object: object, tips: tips, tipContacts: contacts, palm: palm, goal: goal, restZ: 0.63, forceZ: 0)
        XCTAssertEqual(r.reward, -0.25 - 0.05 + 0.9 - 0.06 + 0.2 + 1 / 1.3, accuracy: 1e-5, "thumb and middle finger: enclosed")
        XCTAssertEqual(r.stage, 2)
        contactTask.experimental.tipContactReward = 0.05
        r = ComputeRewardsSystem.reward(task: contactTask, object: object, tips: tips, tipContacts: contacts, palm: palm, goal: goal, restZ: 0.63, forceZ: 0)
        let heldAtGoal: Float = -0.25 - 0.05 + 0.9 - 0.06 + 0.2 + 1 / 1.3
        XCTAssertEqual(r.reward, heldAtGoal + 2 * 0.05, accuracy: 1e-5, "two touching tips")
        // 6: the held-height term: per metre above rest (0.87 - 0.63 = 0.24), only while pinched
        contactTask.experimental.tipContactReward = 0
        contactTask.heldHeightReward = 2
        r = ComputeRewardsSystem.reward(task: contactTask, object: object, tips: tips, tipContacts: contacts, palm: palm, goal: goal, restZ: 0.63, forceZ: 0)
        XCTAssertEqual(r.reward, heldAtGoal + 2 * 0.24, accuracy: 1e-5, "pinched 0.24 m above rest")
        let lowGoal: [Float] = [0, 0, 0.8]  // object 7 cm above it: no bonus, height capped at 0.8 - 0.63
        r = ComputeRewardsSystem.reward(task: contactTask, object: object, tips: tips, tipContacts: contacts, palm: palm, goal: lowGoal, restZ: 0.63, forceZ: 0)
        let cappedHeight: Float = 0.8 - 0.63
        let belowLowGoal: Float = -0.25 - 0.05 + 0.9 - 2 * 0.07 + 0.2
        XCTAssertEqual(r.reward, belowLowGoal + 2 * cappedHeight, accuracy: 1e-5, "capped at the goal height above rest")
        contacts = [0, 0, 0, 0, 2.0]
        r = ComputeRewardsSystem.reward(task: contactTask, object: object, tips: tips, tipContacts: contacts, palm: palm, goal: goal, restZ: 0.63, forceZ: 0)
        XCTAssertEqual(r.reward, -0.25 - 0.05, accuracy: 1e-5, "not pinched: no height term (and not enclosed)")
        // 7: ResDex's stage-2 reward: the enclosed terms alone
        contactTask.experimental.distanceTerms = false
        r = ComputeRewardsSystem.reward(task: contactTask, object: object, tips: tips, tipContacts: contacts, palm: palm, goal: goal, restZ: 0.63, forceZ: 0)
        XCTAssertEqual(r.reward, 0, accuracy: 1e-6, "not enclosed: nothing")
        contacts = [0, 1.5, 0, 0, 2.0]
        r = ComputeRewardsSystem.reward(task: contactTask, object: object, tips: tips, tipContacts: contacts, palm: palm, goal: goal, restZ: 0.63, forceZ: 0)
        let enclosedTerms: Float = 0.9 - 0.06 + 0.2 + 1 / 1.3
        XCTAssertEqual(r.reward, enclosedTerms + 2 * 0.24, accuracy: 1e-5, "held at the goal")
    }

    func testSuccessIsStickyAndTimeLimitTruncates() throws {
        let world = try TestWorlds.make { $0.task.episodeLength = 5 }
        // teleport the object to the goal through a reset pose: use the physics reset directly
        world.objects.pointer(.pose)[2] = 0.9
        try world.run(phases: [.rewards])
        XCTAssertEqual(world.envs.pointer(.success, as: UInt8.self)[0], 1)
        try world.run(phases: [.sync, .rewards])  // object back on the table
        XCTAssertEqual(world.envs.pointer(.success, as: UInt8.self)[0], 1, "success stays for the episode")
        let episodes = EpisodeDriver(world: world)
        for step in 1...5 {
            try episodes.step()
            XCTAssertEqual(world.envs.pointer(.truncated)[0], step == 5 ? 1 : 0, "step \(step)")
        }
        XCTAssertEqual(world.envs.pointer(.episodeStep, as: UInt32.self)[0], 0, "reset after the time limit")
        XCTAssertEqual(world.envs.pointer(.success, as: UInt8.self)[0], 0, "success cleared by the reset")
    }

    /// Taking the distance terms out between steps (ResDex's second reward stage) gives the
    /// rewards of a world built without them; putting them back, those of one built with them.
    func testDistanceTermsSwitchBetweenSteps() throws {
        func rewards(_ world: World) throws -> [Float] {
            try world.run(phases: [.rewards])
            return (0..<world.spec.envCount).map { world.envs.pointer(.reward)[$0] }
        }
        let with = try TestWorlds.make(envs: 4), without = try TestWorlds.make(envs: 4) { $0.task.experimental.distanceTerms = false }
        let shaped = try rewards(with), unshaped = try rewards(without)
        XCTAssertNotEqual(shaped, unshaped, "the hand starts away from the object: the distance terms are negative")
        XCTAssertTrue(with.rewardTerms.distanceTerms)
        with.setDistanceTerms(false)
        XCTAssertEqual(try rewards(with), unshaped)
        with.setDistanceTerms(true)
        XCTAssertEqual(try rewards(with), shaped)
    }

    func testObservationLayoutMatchesDocumentation() throws {
        let doc = try String(contentsOfFile: ProjectPaths.assets + "/../docs/task.md", encoding: .utf8)
        for mode in TaskSpec.ObservationMode.allCases {
            let layout = ObservationLayout(mode)
            // rows like "| full | 0..<22 | joint positions (to [-1, 1]) |"
            let rows = doc.split(separator: "\n").filter { $0.hasPrefix("| \(mode.rawValue) |") }
            XCTAssertEqual(rows.count, layout.groups.count, "docs/task.md rows for \(mode.rawValue)")
            for (row, group) in zip(rows, layout.groups) {
                let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
                XCTAssertEqual(cells[1], "\(group.range.lowerBound)..<\(group.range.upperBound)", group.name)
                XCTAssertEqual(cells[2], group.name)
            }
        }
        XCTAssertEqual(ObservationLayout(.full).count, 235)
        XCTAssertEqual(ObservationLayout(.geometryUnaware).count, 161)
    }

    func testObservationsEncodeTheColumns() throws {
        let world = try TestWorlds.make()
        let episodes = EpisodeDriver(world: world)
        for _ in 0..<10 { try episodes.step() }  // let the fingers settle on their mid-range targets
        let layout = world.observationLayout
        let o = world.envs.pointer(.observation)
        let object = world.objects.pointer(.pose)
        let objectRange = layout.range("object position")!, goalRange = layout.range("goal - object position")!
        for k in 0..<3 {
            XCTAssertEqual(o[objectRange.lowerBound + k], object[k])
            XCTAssertEqual(o[goalRange.lowerBound + k], SceneLayout.goal[k] - object[k])
        }
        let joints = layout.range("joint positions (to [-1, 1])")!
        for j in joints { XCTAssertTrue((-1.1...1.1).contains(o[j]), "joint feature \(j) = \(o[j])") }
    }
}
