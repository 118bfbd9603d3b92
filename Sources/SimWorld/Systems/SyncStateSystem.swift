import BulletShim
import ECSCore

/// Copies the physics state of each shard into the hand and object columns with bulk reads
/// that write straight into the column rows; with `onlyResetEnvs`, only the envs flagged in
/// `env.resetRequested`, the envs the episode-start pass just reset (nothing else changed).
struct SyncStateSystem: System {
    var onlyResetEnvs = false
    var phase: Phase { .sync }
    var reads: Set<FieldID> { onlyResetEnvs ? [FieldID(EnvField.resetRequested)] : [] }
    var writes: Set<FieldID> {
        Set([HandField.rootPose, .rootVelocity, .jointPosition, .jointVelocity, .tipPose, .tipVelocity, .tipForce, .tipObjectForce].map(FieldID.init))
            .union([FieldID(ObjectField.pose), FieldID(ObjectField.velocity)])
    }
    var resources: Set<ResourceID> { [.physics] }

    func run(_ access: SystemAccess<World>) throws {
        let physics = access.physics
        if onlyResetEnvs {
            let reset = access.read(EnvField.resetRequested, as: UInt8.self).scalars
            for e in access.envs where reset[e] != 0 {
                var local = UInt32(e - access.envs.lowerBound)
                try read(access, physics, envs: e ..< e + 1, local: &local)
            }
        } else {
            try read(access, physics, envs: access.envs, local: nil)
        }
    }

    /// Bulk reads of `envs` (shard-local ids `local`, or nil for all of the shard's envs).
    private func read(_ access: SystemAccess<World>, _ physics: PhysicsShard, envs: Range<Int>, local: UnsafePointer<UInt32>?) throws {
        let n = UInt32(envs.count)
        func rows(_ field: HandField) -> UnsafeMutablePointer<Float>? { access.write(field).rows(envs).baseAddress }
        try PhysicsError.check(bs_hands_read(physics.handle, local, n, rows(.rootPose), rows(.rootVelocity), rows(.jointPosition),
                                             rows(.jointVelocity), rows(.tipPose), rows(.tipVelocity), rows(.tipForce)), physics.handle)
        try PhysicsError.check(bs_hands_read_tip_object_force(physics.handle, local, n, rows(.tipObjectForce)), physics.handle)
        try PhysicsError.check(bs_objects_read(physics.handle, local, n, access.write(ObjectField.pose).rows(envs).baseAddress,
                                               access.write(ObjectField.velocity).rows(envs).baseAddress, nil), physics.handle)
    }
}
