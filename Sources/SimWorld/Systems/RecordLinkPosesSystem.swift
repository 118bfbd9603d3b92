import BulletShim
import ECSCore

/// Copies every hand link's pose into `hand.linkPose` for drawing. Opt-in (pass it in the
/// world's `systems`): training leaves it out, so rendering costs the learner nothing.
public struct RecordLinkPosesSystem: System {
    public init() {}
    public var phase: Phase { .record }
    public var reads: Set<FieldID> { [] }
    public var writes: Set<FieldID> { [FieldID(HandField.linkPose)] }

    public func run(_ world: World, shard s: Int, envs: Range<Int>) throws {
        let shard = world.shard(s)
        let out = world.hands.pointer(.linkPose) + HandField.linkPose.spec.width * envs.lowerBound
        try PhysicsError.check(bs_hands_read_link_poses(shard.handle, nil, UInt32(envs.count), out), shard.handle)
    }
}
