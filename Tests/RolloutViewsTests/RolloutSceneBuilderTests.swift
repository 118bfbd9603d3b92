import Foundation
import RenderKit
import Testing
@testable import RolloutViews
import SimWorld

@Suite struct RolloutSceneBuilderTests {
    let width = 320, height = 240

    /// Pixel at the projection of a world point.
    func pixel(_ image: RGBImage, _ camera: Camera, _ point: SIMD3<Float>) throws -> Color {
        let p = try #require(camera.project(point, width: width, height: height))
        return image[Int(p.x), Int(p.y)]
    }

    @Test func handObjectAndGoalAreDrawnWhereTheSnapshotPutsThem() throws {
        let snapshot = try Fixtures.resetSnapshot(Fixtures.box)
        let style = SceneStyle.flat
        let builder = RolloutSceneBuilder(hand: Fixtures.hand, assets: [Fixtures.box], style: style)
        let image = FrameRenderer(builder: builder, width: width, height: height).frame(snapshot)
        // the palm box centre (geom 0, body -1) seen through the palm link pose
        let geom = Fixtures.hand.geoms[0]
        #expect(geom.body == -1 && geom.kind == .box)
        let palmCentre = RolloutSceneBuilder.linkPose(snapshot, slot: 0).transform(SIMD3(geom.position[0], geom.position[1], geom.position[2]))
        #expect(Fixtures.close(try pixel(image, builder.camera, palmCentre), style.handColor))
        // the centre of every fingertip link's capsule, through that joint's link pose (slot j + 1):
        // a wrong slot draws the link in its parent's frame, shortening the finger, so these miss
        for tip in Fixtures.hand.tips {
            let geom = try #require(Fixtures.hand.geoms.first { $0.body == tip.body })
            let centre = RolloutSceneBuilder.linkPose(snapshot, slot: tip.body + 1)
                .transform(SIMD3(geom.position[0], geom.position[1], geom.position[2]))
            #expect(Fixtures.close(try pixel(image, builder.camera, centre), style.handColor), "tip \(tip.name)")
        }
        // the object centre, the goal marker, and empty sky above the goal
        let object = SIMD3(snapshot.objectPose[0], snapshot.objectPose[1], snapshot.objectPose[2])
        #expect(Fixtures.close(try pixel(image, builder.camera, object), style.objectColor))
        let goal = SIMD3(SceneLayout.goal[0], SceneLayout.goal[1], SceneLayout.goal[2])
        #expect(Fixtures.close(try pixel(image, builder.camera, goal), style.goalColor))
        let sky = try pixel(image, builder.camera, goal + SIMD3(0, 0, 0.08))
        #expect(!Fixtures.close(sky, style.handColor, tolerance: 40) && !Fixtures.close(sky, style.goalColor, tolerance: 10))
    }

    @Test func goalMarkerTurnsGreenOnSuccess() throws {
        var snapshot = try Fixtures.resetSnapshot(Fixtures.box)
        snapshot.succeeded = true
        let style = SceneStyle.flat
        let builder = RolloutSceneBuilder(hand: Fixtures.hand, assets: [Fixtures.box], style: style)
        let image = FrameRenderer(builder: builder, width: width, height: height).frame(snapshot)
        let goal = SIMD3(SceneLayout.goal[0], SceneLayout.goal[1], SceneLayout.goal[2])
        #expect(Fixtures.close(try pixel(image, builder.camera, goal), style.goalReachedColor))
    }

    @Test func writtenFramesDecodeWithTheAskedSize() throws {
        let setup = RolloutSetup(assets: [Fixtures.cylinder], seed: 4, steps: 4)
        let recorder = try RolloutRecording.run(ScriptedPolicy(), setup: setup, hand: Fixtures.hand)
        let frames = FrameRenderer(builder: RolloutSceneBuilder(hand: Fixtures.hand, assets: [Fixtures.cylinder]), width: 200, height: 150)
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let paths = try frames.writeFrames(recorder, steps: [0, 2, 4], to: dir + "/scripted")
        #expect(paths.map { ($0 as NSString).lastPathComponent } == ["frame_0000.png", "frame_0001.png", "frame_0002.png"])
        let decoded = try PNGFile.read(from: paths[2])
        #expect(decoded.width == 200 && decoded.height == 150)
        #expect(decoded == frames.frame(recorder.snapshot(at: 4)))
        // the threaded writer gives the same files in the same order
        let threaded = try FrameRenderer.writeFrames(recorder, steps: [0, 2, 4], to: dir + "/threaded", builder: frames.builder,
                                                     width: 200, height: 150, threads: 2)
        #expect(threaded.map { ($0 as NSString).lastPathComponent } == ["frame_0000.png", "frame_0001.png", "frame_0002.png"])
        for (a, b) in zip(paths, threaded) { #expect(try PNGFile.read(from: a) == PNGFile.read(from: b)) }
    }
}
