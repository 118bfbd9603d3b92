import Foundation
import RenderKit
import Testing
@testable import RolloutViews

@Suite struct RolloutJobTests {
    func job(objects: [ObjectChoice], out: String) -> RolloutJob {
        var job = RolloutJob(policies: [ScriptedPolicy(), RandomPolicy(seed: 1)], objects: objects, hand: Fixtures.hand, outDirectory: out)
        job.steps = 6
        job.every = 3
        job.sheetFrames = 2
        (job.width, job.height, job.thumbnailWidth, job.thumbnailHeight, job.supersampling) = (48, 36, 40, 30, 1)
        return job
    }

    @Test func oneObjectWritesFramesPerPolicyAndASheet() throws {
        let out = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        var j = job(objects: [ObjectChoice(name: "box", asset: Fixtures.box)], out: out)
        j.threads = 2
        let report = try j.run()
        #expect(report.frameCount == 6)
        for policy in ["scripted", "random"] {
            let files = try FileManager.default.contentsOfDirectory(atPath: out + "/" + policy).sorted()
            #expect(files == ["frame_0000.png", "frame_0001.png", "frame_0002.png"])
        }
        let sheet = try PNGFile.read(from: out + "/sheet.png")
        #expect(sheet.width > 2 * 40 && sheet.height > 2 * 30)
    }

    @Test func severalObjectsMakeAStackedGrid() throws {
        let out = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        var j = job(objects: [ObjectChoice(name: "box", asset: Fixtures.box), ObjectChoice(name: "cyl", asset: Fixtures.cylinder)], out: out)
        j.every = 0
        let report = try j.run()
        #expect(report.frameCount == 0)
        let one = try PNGFile.read(from: out + "/box/sheet.png"), grid = try PNGFile.read(from: out + "/sheet.png")
        #expect(grid.height > 2 * one.height && grid.width > one.width)
        #expect(!FileManager.default.fileExists(atPath: out + "/box/scripted"))
    }

    @Test func badSettingsAreRefused() {
        var j = job(objects: [ObjectChoice(name: "box", asset: Fixtures.box)], out: "/tmp/unused")
        j.policies = [ScriptedPolicy(), ScriptedPolicy()]
        #expect(throws: RolloutViewsError.self) { try j.validate() }
        #expect(throws: RolloutViewsError.self) { try PolicyCatalog.make("ppo", seed: 0) }
        #expect(throws: RolloutViewsError.self) { try ObjectChoice.pick("teapot", from: [Fixtures.box], source: "test") }
        let many = Array(repeating: Fixtures.box, count: 40)
        #expect { try ObjectChoice.pick("teapot", from: many, source: "test") } throws: { error in
            let text = "\(error)"  // names a few, counts them all, lists the categories
            return text.contains("no object 'teapot' in test; have 40 objects") && text.contains(", ...)") && text.contains("index 0..<40")
                && text.contains("(box)") && text.count < 400
        }
        #expect((try? ObjectChoice.pick("0", from: [Fixtures.box], source: "test"))?.name == Fixtures.box.name)
        #expect((try? ObjectChoice.pick("box", from: [Fixtures.box], source: "test"))?.name == Fixtures.box.name)
    }
}
