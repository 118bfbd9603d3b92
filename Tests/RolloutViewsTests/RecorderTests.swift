import Testing
@testable import RolloutViews
import SimWorld

@Suite struct RecorderTests {
    @Test func sameSeedRecordsIdenticalSnapshots() throws {
        for policy: any RolloutPolicy in [ScriptedPolicy(), RandomPolicy(seed: 5)] {
            let setup = RolloutSetup(assets: [Fixtures.box], seed: 11, steps: 40)
            let a = try RolloutRecording.run(policy, setup: setup, hand: Fixtures.hand)
            let b = try RolloutRecording.run(policy, setup: setup, hand: Fixtures.hand)
            #expect(a.stepCount == 41 && a.steps == Array(0...40))
            #expect(a.linkPoses.count == 41 * Recorder.linkPoseWidth && a.objectPoses.count == 41 * 7)
            #expect(a.linkPoses.map(\.bitPattern) == b.linkPoses.map(\.bitPattern))
            #expect(a.objectPoses.map(\.bitPattern) == b.objectPoses.map(\.bitPattern))
            #expect(a.objectAssets == b.objectAssets && a.succeeded == b.succeeded)
            // the hand moved: the recording is not a constant
            #expect(a.linkPoses[0..<7] != a.linkPoses[40 * Recorder.linkPoseWidth ..< 40 * Recorder.linkPoseWidth + 7])
        }
    }

    @Test func differentSeedsGiveDifferentYaw() throws {
        let a = try RolloutRecording.run(ScriptedPolicy(), setup: RolloutSetup(assets: [Fixtures.box], seed: 1, steps: 0), hand: Fixtures.hand)
        let b = try RolloutRecording.run(ScriptedPolicy(), setup: RolloutSetup(assets: [Fixtures.box], seed: 2, steps: 0), hand: Fixtures.hand)
        #expect(a.objectPoses[3..<7] != b.objectPoses[3..<7])
    }

    @Test func linkPosesAreRecordedFromTheResetOn() throws {
        let snapshot = try Fixtures.resetSnapshot(Fixtures.box)
        let palm = RolloutSceneBuilder.linkPose(snapshot, slot: 0)
        let start = WorldSpec(envCount: 1).handStartPosition
        #expect(abs(palm.position.x - start[0]) < 1e-3 && abs(palm.position.y - start[1]) < 1e-3 && abs(palm.position.z - start[2]) < 1e-3)
        // every joint frame is filled (unit quaternions, not the zeroed column)
        for slot in 0...SceneLayout.jointCount {
            let q = RolloutSceneBuilder.linkPose(snapshot, slot: slot).orientation
            #expect(abs((q * q).sum() - 1) < 1e-3)
        }
    }

    @Test func successLatchesOnceTheObjectReachesTheGoal() throws {
        let world = try World(spec: RolloutSetup(assets: [Fixtures.box]).worldSpec, hand: Fixtures.hand, assets: [Fixtures.box])
        let recorder = Recorder(envs: [0])
        let pose = world.objects.pointer(.pose)
        func place(dz: Float) {
            for k in 0..<3 { pose[k] = SceneLayout.goal[k] }
            pose[2] += dz
        }
        place(dz: -0.2); recorder.record(world, step: 0)
        place(dz: -0.049); recorder.record(world, step: 1)
        place(dz: -0.3); recorder.record(world, step: 2)
        #expect(recorder.succeeded == [0, 1, 1])
        #expect(recorder.snapshot(at: 2).succeeded && !recorder.snapshot(at: 0).succeeded)
    }
}
