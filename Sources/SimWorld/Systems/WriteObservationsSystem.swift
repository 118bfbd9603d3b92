import ECSCore

/// Encodes each env's state into its `env.observation` row in ObservationLayout order, scaled
/// as published and clipped to +-5 later by the learner.
struct WriteObservationsSystem: System {
    /// Joint limits (joint positions are scaled to [-1, 1] between them).
    let hand: HandDescription
    /// Whether the layout holds the full object state and shape code (`ObservationMode.full`).
    let full: Bool
    /// Each asset's 64-number shape code, by asset index.
    let shapeCodes: [[Float]]
    /// Encode only the envs flagged in `env.resetRequested`, the envs the episode-start pass
    /// just reset.
    var onlyResetEnvs = false

    var phase: Phase { .observations }
    var reads: Set<FieldID> {
        Set([HandField.jointPosition, .jointVelocity, .tipPose, .tipVelocity, .tipForce, .rootPose, .action].map(FieldID.init))
            .union([FieldID(ObjectField.pose), FieldID(ObjectField.velocity), FieldID(ObjectField.asset)])
            .union(onlyResetEnvs ? [FieldID(EnvField.resetRequested)] : [])
    }
    var writes: Set<FieldID> { [FieldID(EnvField.observation)] }

    /// The columns one env's features are read from.
    private struct Inputs {
        let jointPosition, jointVelocity, tipPose, tipVelocity, tipForce, rootPose, action, objectPose, objectVelocity: ColumnView<Float>
        let asset: ScalarView<UInt32>
    }

    func run(_ access: SystemAccess<World>) throws {
        if onlyResetEnvs {
            let reset = access.read(EnvField.resetRequested, as: UInt8.self).scalars
            guard access.envs.contains(where: { reset[$0] != 0 }) else { return }
            let (inputs, observations) = views(access)
            for e in access.envs where reset[e] != 0 { encode(inputs, env: e, into: observations[e].baseAddress!) }
        } else {
            let (inputs, observations) = views(access)
            for e in access.envs { encode(inputs, env: e, into: observations[e].baseAddress!) }
        }
    }

    /// The input columns and the observation column.
    private func views(_ access: SystemAccess<World>) -> (Inputs, MutableColumnView<Float>) {
        let inputs = Inputs(jointPosition: access.read(HandField.jointPosition), jointVelocity: access.read(HandField.jointVelocity),
                            tipPose: access.read(HandField.tipPose), tipVelocity: access.read(HandField.tipVelocity),
                            tipForce: access.read(HandField.tipForce), rootPose: access.read(HandField.rootPose),
                            action: access.read(HandField.action), objectPose: access.read(ObjectField.pose),
                            objectVelocity: access.read(ObjectField.velocity), asset: access.read(ObjectField.asset, as: UInt32.self).scalars)
        return (inputs, access.write(EnvField.observation))
    }

    /// Writes env `e`'s features to `o` (ObservationLayout.count floats).
    private func encode(_ c: Inputs, env e: Int, into o: UnsafeMutablePointer<Float>) {
        var i = 0
        func put(_ v: Float) { o[i] = v; i += 1 }
        let q = c.jointPosition[e], qd = c.jointVelocity[e]
        for (k, joint) in hand.joints.enumerated() { put(2 * (q[k] - joint.lower) / (joint.upper - joint.lower) - 1) }
        for k in 0..<qd.count { put(0.2 * qd[k]) }
        let tipPose = c.tipPose[e], tipVel = c.tipVelocity[e]
        for tip in 0..<SceneLayout.tipCount {
            for k in 0..<7 { put(tipPose[7 * tip + k]) }
            for k in 0..<6 { put(tipVel[6 * tip + k]) }
        }
        let force = c.tipForce[e]
        for k in 0..<force.count { put(0.1 * force[k]) }
        let root = c.rootPose[e]
        GraspGeometry.palmPoint(root.baseAddress!, into: o + i)
        i += 3
        for k in 3..<7 { put(root[k]) }
        let action = c.action[e]
        for k in 0..<action.count { put(min(max(action[k], -1), 1)) }
        let object = c.objectPose[e], velocity = c.objectVelocity[e]
        for k in 0..<3 { put(object[k]) }
        if full {
            for k in 3..<7 { put(object[k]) }
            for k in 0..<3 { put(velocity[k]) }
            for k in 3..<6 { put(0.2 * velocity[k]) }
        }
        for k in 0..<3 { put(SceneLayout.goal[k] - object[k]) }
        if full {
            let code = shapeCodes[Int(c.asset[e])]
            for k in 0..<64 { put(0.1 * code[k]) }
        }
    }
}
