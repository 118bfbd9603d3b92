import ECSCore

/// Encodes each env's state into its `env.observation` row in ObservationLayout order, scaled
/// as published and clipped to +-5 later by the learner.
struct WriteObservationsSystem: System {
    /// Encode only the envs the last reset phase reset (the episode-start pass).
    var onlyResetEnvs = false
    var phase: Phase { .observations }
    var reads: Set<FieldID> {
        Set([HandField.jointPosition, .jointVelocity, .tipPose, .tipVelocity, .tipForce, .rootPose, .action].map(FieldID.init))
            .union([FieldID(ObjectField.pose), FieldID(ObjectField.velocity), FieldID(ObjectField.asset)])
    }
    var writes: Set<FieldID> { [FieldID(EnvField.observation)] }

    func run(_ world: World, shard s: Int, envs: Range<Int>) throws {
        let width = world.envs.width(.observation)
        let out = world.envs.pointer(.observation)
        if onlyResetEnvs {
            let shard = world.shard(s)
            for i in 0..<shard.lastResetCount {
                let e = envs.lowerBound + Int(shard.resetIDs[i])
                encode(world, env: e, into: out + width * e)
            }
        } else {
            for e in envs { encode(world, env: e, into: out + width * e) }
        }
    }

    /// Writes env `e`'s features to `o` (ObservationLayout.count floats).
    private func encode(_ world: World, env e: Int, into o: UnsafeMutablePointer<Float>) {
        let h = world.hands, (j, t, a) = (SceneLayout.jointCount, SceneLayout.tipCount, SceneLayout.actionCount)
        let full = world.spec.task.observationMode == .full
        var i = 0
        func put(_ v: Float) { o[i] = v; i += 1 }
        let q = h.pointer(.jointPosition) + j * e, qd = h.pointer(.jointVelocity) + j * e
        for (k, joint) in world.hand.joints.enumerated() { put(2 * (q[k] - joint.lower) / (joint.upper - joint.lower) - 1) }
        for k in 0..<j { put(0.2 * qd[k]) }
        let tipPose = h.pointer(.tipPose) + 7 * t * e, tipVel = h.pointer(.tipVelocity) + 6 * t * e
        for tip in 0..<t {
            for k in 0..<7 { put(tipPose[7 * tip + k]) }
            for k in 0..<6 { put(tipVel[6 * tip + k]) }
        }
        let force = h.pointer(.tipForce) + 3 * t * e
        for k in 0..<(3 * t) { put(0.1 * force[k]) }
        let root = h.pointer(.rootPose) + 7 * e
        GraspGeometry.palmPoint(root, into: o + i)
        i += 3
        for k in 3..<7 { put(root[k]) }
        let action = h.pointer(.action) + a * e
        for k in 0..<a { put(min(max(action[k], -1), 1)) }
        let object = world.objects.pointer(.pose) + 7 * e, velocity = world.objects.pointer(.velocity) + 6 * e
        for k in 0..<3 { put(object[k]) }
        if full {
            for k in 3..<7 { put(object[k]) }
            for k in 0..<3 { put(velocity[k]) }
            for k in 3..<6 { put(0.2 * velocity[k]) }
        }
        for k in 0..<3 { put(SceneLayout.goal[k] - object[k]) }
        if full {
            let code = world.shapeCodes[Int(world.objects.pointer(.asset, as: UInt32.self)[e])]
            for k in 0..<64 { put(0.1 * code[k]) }
        }
    }
}
