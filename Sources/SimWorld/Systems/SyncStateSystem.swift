import BulletShim
import ECSCore

/// Copies the physics state of each shard into the hand and object columns with two bulk
/// reads that write straight into the column rows.
struct SyncStateSystem: System {
    var phase: Phase { .sync }
    var reads: Set<FieldID> { [] }
    var writes: Set<FieldID> {
        Set([HandField.rootPose, .rootVelocity, .jointPosition, .jointVelocity, .tipPose, .tipVelocity, .tipForce].map(FieldID.init))
            .union([FieldID(ObjectField.pose), FieldID(ObjectField.velocity)])
    }

    func run(_ world: World, shard s: Int, envs: Range<Int>) throws {
        let shard = world.shard(s)
        let h = world.hands, o = world.objects
        let e0 = envs.lowerBound, n = UInt32(envs.count)
        func rows(_ f: HandField) -> UnsafeMutablePointer<Float> { h.pointer(f) + f.spec.width * e0 }
        try PhysicsError.check(bs_hands_read(shard.handle, nil, n, rows(.rootPose), rows(.rootVelocity), rows(.jointPosition),
                                             rows(.jointVelocity), rows(.tipPose), rows(.tipVelocity), rows(.tipForce)), shard.handle)
        try PhysicsError.check(bs_objects_read(shard.handle, nil, n, o.pointer(.pose) + 7 * e0, o.pointer(.velocity) + 6 * e0, nil),
                               shard.handle)
    }
}
