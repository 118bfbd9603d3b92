import BulletShim
import ECSCore

/// Resets the envs flagged in `env.resetRequested`: draws an object from the pool and a yaw from
/// the env's own random stream, rests the object on the table, puts the hand at its start pose
/// with open fingers, and zeroes the episode counters. One bulk physics call per shard. The flags
/// stay set: they are the list of envs reset, which `ClearResetRequestsSystem` clears.
struct ResetSystem: System {
    /// Object pool, drop height, fixed objects, random yaw, hand start pose.
    let spec: WorldSpec
    /// Asset indices resets draw from (changed between steps by `World.setObjectPool`).
    let pool: ObjectPool
    /// How each asset rests on the table, by asset index.
    let restingPoses: [RestingPose]
    /// Start angle of every joint (0 clamped to its limits), published order.
    let startJoints: [Float]
    /// Start target of every actuated joint (its start angle), actuator order.
    let startTargets: [Float]

    init(spec: WorldSpec, hand: HandDescription, pool: ObjectPool, restingPoses: [RestingPose]) {
        self.spec = spec
        self.pool = pool
        self.restingPoses = restingPoses
        let joints = hand.joints.map { min(max(0, $0.lower), $0.upper) }
        startJoints = joints
        startTargets = hand.actuatedJoints.map { joints[$0] }
    }

    var phase: Phase { .reset }
    var reads: Set<FieldID> { [FieldID(EnvField.resetRequested), FieldID(EnvField.rngState)] }
    var writes: Set<FieldID> {
        [FieldID(EnvField.rngState), FieldID(EnvField.episodeStep), FieldID(EnvField.episodeReturn), FieldID(EnvField.success),
         FieldID(ObjectField.asset), FieldID(HandField.jointTarget)]
    }
    var resources: Set<ResourceID> { [.physics] }

    func run(_ access: SystemAccess<World>) throws {
        let reset = access.read(EnvField.resetRequested, as: UInt8.self).scalars
        guard access.envs.contains(where: { reset[$0] != 0 }) else { return }
        let streams = access.update(EnvField.rngState, as: UInt64.self).scalars
        let pool = self.pool.indices
        // the reset batch of the bulk call: shard-local env ids [n], hand root poses [n, 7],
        // joints [n, joints], assets [n], object poses [n, 7]
        var envs: [Int] = [], local: [UInt32] = [], roots: [Float] = [], joints: [Float] = [], assets: [UInt32] = [], objects: [Float] = []
        for e in access.envs where reset[e] != 0 {
            var rng = SplitMix64(state: streams[e])
            let draw = pool[Int(rng.next() % UInt64(pool.count))]
            let asset = spec.fixedObjects?[e] ?? draw
            let yaw = spec.randomYaw ? rng.uniform(-.pi, .pi) : 0
            streams[e] = rng.state
            let rest = restingPoses[asset]
            let orientation = Quaternion(axis: [0, 0, 1], angle: yaw) * Quaternion(rest.orientation)
            envs.append(e)
            local.append(UInt32(e - access.envs.lowerBound))
            assets.append(UInt32(asset))
            objects += [0, 0, SceneLayout.tableTop + rest.height + spec.objectDropHeight] + orientation.array
            roots += spec.handStartPosition + spec.handStartOrientation
            joints += startJoints
        }
        let physics = access.physics
        let status = bs_envs_reset(physics.handle, local, UInt32(envs.count), roots, joints, assets, objects)
        try PhysicsError.check(status, physics.handle)
        let steps = access.write(EnvField.episodeStep, as: UInt32.self).scalars, returns = access.write(EnvField.episodeReturn).scalars
        let success = access.write(EnvField.success, as: UInt8.self).scalars, objectAssets = access.write(ObjectField.asset, as: UInt32.self).scalars
        let targets = access.write(HandField.jointTarget)
        for (i, e) in envs.enumerated() {
            steps[e] = 0
            returns[e] = 0
            success[e] = 0
            objectAssets[e] = assets[i]
            _ = targets[e].update(fromContentsOf: startTargets)
        }
    }
}
