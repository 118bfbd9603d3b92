import BulletShim
import ECSCore

/// Copies the physics state of each shard into the hand and object columns with two bulk
/// reads that write straight into the column rows; with `onlyResetEnvs`, only the envs the
/// last reset phase reset (the episode-start pass, where nothing else changed).
struct SyncStateSystem: System {
    var onlyResetEnvs = false
    var phase: Phase { .sync }
    var reads: Set<FieldID> { [] }
    var writes: Set<FieldID> {
        Set([HandField.rootPose, .rootVelocity, .jointPosition, .jointVelocity, .tipPose, .tipVelocity, .tipForce, .tipObjectForce].map(FieldID.init))
            .union([FieldID(ObjectField.pose), FieldID(ObjectField.velocity)])
    }

    func run(_ world: World, shard s: Int, envs: Range<Int>) throws {
        let shard = world.shard(s)
        if onlyResetEnvs {
            try shard.resetIDs.withUnsafeBufferPointer { ids in
                for i in 0..<shard.lastResetCount {
                    let e = envs.lowerBound + Int(ids[i])
                    try read(world, shard, envs: e ..< e + 1, local: ids.baseAddress! + i)
                }
            }
        } else {
            try read(world, shard, envs: envs, local: nil)
        }
    }

    /// Bulk reads of `envs` (shard-local ids `local`, or nil for all of the shard's envs).
    private func read(_ world: World, _ shard: PhysicsShard, envs: Range<Int>, local: UnsafePointer<UInt32>?) throws {
        let h = world.hands, o = world.objects
        let e0 = envs.lowerBound, n = UInt32(envs.count)
        func rows(_ f: HandField) -> UnsafeMutablePointer<Float> { h.pointer(f) + f.spec.width * e0 }
        try PhysicsError.check(bs_hands_read(shard.handle, local, n, rows(.rootPose), rows(.rootVelocity), rows(.jointPosition),
                                             rows(.jointVelocity), rows(.tipPose), rows(.tipVelocity), rows(.tipForce)), shard.handle)
        try PhysicsError.check(bs_hands_read_tip_object_force(shard.handle, local, n, rows(.tipObjectForce)), shard.handle)
        try PhysicsError.check(bs_objects_read(shard.handle, local, n, o.pointer(.pose) + 7 * e0, o.pointer(.velocity) + 6 * e0, nil),
                               shard.handle)
    }
}
