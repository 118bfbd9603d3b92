import Testing
@testable import RolloutViews

@Suite struct FramePlanTests {
    @Test func evenStepsIncludeBothEnds() {
        #expect(FramePlan.evenly(count: 6, lastStep: 200) == [0, 40, 80, 120, 160, 200])
        #expect(FramePlan.evenly(count: 4, lastStep: 10) == [0, 3, 7, 10])
        #expect(FramePlan.evenly(count: 5, lastStep: 2) == [0, 1, 2])
        #expect(FramePlan.evenly(count: 1, lastStep: 9) == [9])
    }

    @Test func everyNthStep() {
        #expect(FramePlan.every(50, lastStep: 200) == [0, 50, 100, 150, 200])
        #expect(FramePlan.every(3, lastStep: 7) == [0, 3, 6])
    }
}
