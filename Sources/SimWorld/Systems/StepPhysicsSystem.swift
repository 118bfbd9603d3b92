import BulletShim
import ECSCore

/// Advances each shard's Bullet world by one control period (in `substeps` substeps), counts
/// the step in every env's episode and flags the envs the step left non-finite.
struct StepPhysicsSystem: System {
    /// Control period, seconds.
    let controlDt: Float
    /// Physics substeps per control period.
    let substeps: Int

    var phase: Phase { .physics }
    var reads: Set<FieldID> { [FieldID(EnvField.episodeStep)] }
    var writes: Set<FieldID> { [FieldID(EnvField.episodeStep), FieldID(EnvField.nonFinite)] }
    var resources: Set<ResourceID> { [.physics] }

    func run(_ access: SystemAccess<World>) throws {
        let physics = access.physics
        try physics.step(dt: controlDt, substeps: substeps)
        let nonFinite = access.write(EnvField.nonFinite, as: UInt8.self)
        try PhysicsError.check(bs_envs_read_nonfinite(physics.handle, nonFinite.rows(access.envs).baseAddress), physics.handle)
        let steps = access.update(EnvField.episodeStep, as: UInt32.self).scalars
        for e in access.envs { steps[e] &+= 1 }
    }
}
