import SimWorld

/// The reference grasp pose of ResDex's pose term, for an object without grasp proposals: the
/// joint angles of the scripted grasp's hand once it has closed on the object (descend, close,
/// before the lift), in one env with the object placed as at a reset. The fingers stop on the
/// object's surface, so the pose is the object's own.
public enum ReferenceGrasp {
    /// Joint angles, rad, published order. [jointCount]
    public static func jointAngles(object: ObjectAsset, task: TaskSpec, seed: UInt64) throws -> [Float] {
        var spec = WorldSpec(envCount: 1, threads: 1, seed: seed)
        spec.task = task
        spec.task.staggerFirstEpisodes = false
        spec.task.observationMode = .geometryUnaware
        let world = try World(spec: spec, hand: try HandDescription.shadowHand(), assets: [object])
        let episodes = EpisodeDriver(world: world)
        let grasp = ScriptedGrasp()
        let grasper = ScriptedGrasper(grasp: grasp, world: world)
        for step in 0..<(grasp.descendSteps + grasp.closeSteps) {
            grasper.act(env: 0, step: step)
            try episodes.step()
        }
        return Array(world.hands.column(.jointPosition)[0])
    }
}
