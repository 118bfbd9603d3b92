import SimWorld
import XCTest

/// The hand file: the Shadow hand's published facts, and errors that name file, line, field.
final class HandDescriptionTests: XCTestCase {
    func testShadowHandMatchesThePublishedLayout() throws {
        let hand = TestWorlds.hand
        XCTAssertEqual(hand.joints.map(\.name), [
            "FFJ3", "FFJ2", "FFJ1", "FFJ0", "MFJ3", "MFJ2", "MFJ1", "MFJ0", "RFJ3", "RFJ2", "RFJ1", "RFJ0",
            "LFJ4", "LFJ3", "LFJ2", "LFJ1", "LFJ0", "THJ4", "THJ3", "THJ2", "THJ1", "THJ0"])
        XCTAssertEqual(hand.actuatorCount, 18)
        XCTAssertEqual(hand.joints.filter { $0.coupling != nil }.map(\.name), ["FFJ0", "MFJ0", "RFJ0", "LFJ0"])
        XCTAssertEqual(hand.totalMass, 4.26, accuracy: 0.15)
        let thj4 = hand.joints[17]
        XCTAssertEqual(thj4.lower, -1.047)
        XCTAssertEqual(thj4.maxForce, 2.3722)
        XCTAssertEqual(hand.tips.map(\.name), ["FF", "MF", "RF", "LF", "TH"])
    }

    func testErrorsNameFileLineAndField() {
        let good = "palm mass=4\njoint A parent=palm axis=1 0 0 range=0 1 mass=0.01 force=1\ngeom body=A type=capsule size=0.01 0.02\ntip T body=A pos=0 0 0.03\ndrive bandwidth=100 damping=50 armature=0.0003\nwrist force_per_action=1 torque_per_action=1 linear_damping=1 angular_damping=1\n"
        XCTAssertNoThrow(try HandDescription.parse(good, file: "h.hand"))
        let cases: [(String, String)] = [
            (good.replacingOccurrences(of: "range=0 1", with: "range=1 0"), "h.hand:2: field 'range': lower 1.0 exceeds upper 0.0"),
            (good.replacingOccurrences(of: "mass=0.01", with: "mass=abc"), "h.hand:2: field 'mass': 'abc' is not a finite number"),
            (good.replacingOccurrences(of: "mass=0.01", with: "mass=nan"), "h.hand:2: field 'mass': 'nan' is not a finite number"),
            (good.replacingOccurrences(of: "parent=palm", with: "parent=B"), "h.hand:2: unknown body 'B'"),
            (good.replacingOccurrences(of: "size=0.01 0.02", with: "size=0.01"), "h.hand:3: field 'size' needs 2 numbers, got 1"),
            (good.replacingOccurrences(of: "type=capsule", with: "type=cone"), "h.hand:3: field 'type' must be box, capsule or sphere"),
            (good + "wobble x=1\n", "h.hand:7: unknown keyword 'wobble'"),
            (good.replacingOccurrences(of: "axis=1 0 0", with: "axis=0 0 0"), "h.hand:2: field 'axis' has zero length"),
            (good.replacingOccurrences(of: "palm mass=4\n", with: ""), "h.hand: no 'palm' line"),
            ("", "h.hand: no 'palm' line"),
        ]
        for (text, expected) in cases {
            XCTAssertThrowsError(try HandDescription.parse(text, file: "h.hand")) { XCTAssertEqual("\($0)", expected) }
        }
        XCTAssertThrowsError(try HandDescription.load(path: "/nonexistent.hand")) {
            XCTAssertEqual("\($0)", "/nonexistent.hand: cannot read the file")
        }
    }
}
