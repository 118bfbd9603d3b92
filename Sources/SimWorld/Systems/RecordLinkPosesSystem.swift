import BulletShim
import ECSCore

/// Copies every hand link's pose into `hand.linkPose` for drawing. Opt-in (pass it in the
/// world's `systems`): training leaves it out, so rendering costs the learner nothing.
public struct RecordLinkPosesSystem: System {
    public init() {}
    public var phase: Phase { .record }
    public var reads: Set<FieldID> { [] }
    public var writes: Set<FieldID> { [FieldID(HandField.linkPose)] }
    public var resources: Set<ResourceID> { [.physics] }

    public func run(_ access: SystemAccess<World>) throws {
        let physics = access.physics
        let poses = access.write(HandField.linkPose).rows(access.envs)
        try PhysicsError.check(bs_hands_read_link_poses(physics.handle, nil, UInt32(access.envs.count), poses.baseAddress), physics.handle)
    }
}
