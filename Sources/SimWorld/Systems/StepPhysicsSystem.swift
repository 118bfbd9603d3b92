import ECSCore

/// Advances each shard's Bullet world by one control period (in `substeps` substeps) and
/// counts the step in every env's episode.
struct StepPhysicsSystem: System {
    var phase: Phase { .physics }
    var reads: Set<FieldID> { [FieldID(HandField.wrench), FieldID(HandField.jointTarget)] }
    var writes: Set<FieldID> { [FieldID(EnvField.episodeStep)] }

    func run(_ world: World, shard s: Int, envs: Range<Int>) throws {
        try world.shard(s).step(dt: world.spec.controlDt, substeps: world.spec.substeps)
        let steps = world.envs.pointer(.episodeStep, as: UInt32.self)
        for e in envs { steps[e] &+= 1 }
    }
}
