import Foundation
import RenderKit
import Testing
@testable import RolloutViews

@Suite struct RolloutSheetTests {
    @Test func twoPoliciesMakeTwoRowsSharingTheResetFrame() throws {
        let setup = RolloutSetup(assets: [Fixtures.box], seed: 7, steps: 30)
        let policies: [any RolloutPolicy] = [ScriptedPolicy(), RandomPolicy(seed: 7)]
        let rollouts = try policies.map { policy in
            PolicyRollout(name: policy.name, recorder: try RolloutRecording.run(policy, setup: setup, hand: Fixtures.hand))
        }
        let frames = FrameRenderer(builder: RolloutSceneBuilder(hand: Fixtures.hand, assets: [Fixtures.box]), width: 80, height: 60)
        let sheet = RolloutSheet.make(title: "box", rollouts: rollouts, steps: [0, 15, 30], frames: frames)
        let layout = sheet.layout, image = sheet.render()
        #expect(layout.rowCount == 2 && layout.columnCount == 3)
        #expect(image.width == layout.width && image.height == layout.height)
        #expect(sheet.rows.map(\.label) == ["scripted", "random"])
        #expect(sheet.rows[0].frames.map(\.caption) == ["step 0", "step 15", "step 30"])
        func cell(_ row: Int, _ column: Int) -> RGBImage {
            let r = layout.frameRect(row: row, column: column)
            var out = RGBImage(width: r.width, height: r.height)
            for y in 0..<r.height { for x in 0..<r.width { out.plot(x: x, y: y, image[r.x + x, r.y + y]) } }
            return out
        }
        // same seed and object: step 0 is the same picture in both rows; by step 30 they differ
        #expect(cell(0, 0) == cell(1, 0))
        #expect(cell(0, 2) != cell(1, 2))
        #expect(cell(1, 1) != RGBImage(width: 80, height: 60, fill: sheet.background))
        // each row's label band is drawn, and nothing lies below the second row
        for row in 0..<2 {
            let band = layout.labelRect(row: row)
            #expect(image[band.x + 1, band.y + 1] == sheet.labelBackground)
        }
        let bottom = layout.frameRect(row: 1, column: 0)
        let usedHeight: Int = bottom.y + bottom.height + layout.captionHeight + layout.padding
        #expect(layout.height == usedHeight)
    }

    @Test func captionsMarkSuccess() {
        #expect(RolloutSheet.caption(step: 40, succeeded: false) == "step 40")
        #expect(RolloutSheet.caption(step: 160, succeeded: true) == "step 160 success")
    }
}
