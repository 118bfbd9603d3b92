import BulletShim
import ECSCore

/// Advances each shard's Bullet world by one control period (in `substeps` substeps), counts
/// the step in every env's episode and flags the envs the step left non-finite.
struct StepPhysicsSystem: System {
    var phase: Phase { .physics }
    var reads: Set<FieldID> { [FieldID(HandField.wrench), FieldID(HandField.jointTarget)] }
    var writes: Set<FieldID> { [FieldID(EnvField.episodeStep), FieldID(EnvField.nonFinite)] }

    func run(_ world: World, shard s: Int, envs: Range<Int>) throws {
        let shard = world.shard(s)
        try shard.step(dt: world.spec.controlDt, substeps: world.spec.substeps)
        try PhysicsError.check(bs_envs_read_nonfinite(shard.handle, world.envs.pointer(.nonFinite, as: UInt8.self) + envs.lowerBound),
                               shard.handle)
        let steps = world.envs.pointer(.episodeStep, as: UInt32.self)
        for e in envs { steps[e] &+= 1 }
    }
}
