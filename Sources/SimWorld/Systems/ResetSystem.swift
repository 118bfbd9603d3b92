import BulletShim
import ECSCore

/// Resets the envs flagged `resetRequested`: draws an object from the pool and a yaw from the
/// env's own random stream, rests the object on the table, puts the hand at its start pose
/// with open fingers, and zeroes the episode counter. One bulk physics call per shard.
struct ResetSystem: System {
    var phase: Phase { .reset }
    var reads: Set<FieldID> { [FieldID(EnvField.resetRequested), FieldID(EnvField.rngState)] }
    var writes: Set<FieldID> {
        [FieldID(EnvField.resetRequested), FieldID(EnvField.rngState), FieldID(EnvField.episodeStep),
         FieldID(EnvField.episodeReturn), FieldID(EnvField.success), FieldID(ObjectField.asset), FieldID(HandField.jointTarget)]
    }

    func run(_ world: World, shard s: Int, envs: Range<Int>) throws {
        let shard = world.shard(s)
        let flags = world.envs.pointer(.resetRequested, as: UInt8.self)
        var n = 0
        for e in envs where flags[e] != 0 {
            drawInitialState(world, env: e, into: shard, slot: n)
            n += 1
        }
        shard.lastResetCount = n
        guard n > 0 else { return }
        let status = bs_envs_reset(shard.handle, shard.resetIDs, UInt32(n), shard.resetRoot, shard.resetJoints,
                                   shard.resetAssets, shard.resetObject)
        try PhysicsError.check(status, shard.handle)
        for i in 0..<n {
            let e = envs.lowerBound + Int(shard.resetIDs[i])
            flags[e] = 0
            world.envs.pointer(.episodeStep, as: UInt32.self)[e] = 0
            world.envs.pointer(.episodeReturn)[e] = 0
            world.envs.pointer(.success, as: UInt8.self)[e] = 0
            world.objects.pointer(.asset, as: UInt32.self)[e] = shard.resetAssets[i]
            let targets = world.hands.pointer(.jointTarget) + SceneLayout.actuatorCount * e
            for (a, j) in world.hand.actuatedJoints.enumerated() { targets[a] = shard.resetJoints[i * world.hand.jointCount + j] }
        }
    }

    /// Writes env `e`'s initial hand and object state into reset slot `slot` of the shard.
    private func drawInitialState(_ world: World, env e: Int, into shard: PhysicsShard, slot: Int) {
        let spec = world.spec
        var rng = SplitMix64(state: world.envs.pointer(.rngState, as: UInt64.self)[e])
        let draw = world.pool[Int(rng.next() % UInt64(world.pool.count))]
        let asset = spec.fixedObjects?[e] ?? draw
        let yaw = spec.randomYaw ? rng.uniform(-.pi, .pi) : 0
        world.envs.pointer(.rngState, as: UInt64.self)[e] = rng.state
        let rest = world.restingPoses[asset]
        let orientation = Quaternion(axis: [0, 0, 1], angle: yaw) * Quaternion(rest.orientation)
        let z = SceneLayout.tableTop + rest.height + spec.objectDropHeight
        shard.resetIDs[slot] = UInt32(e - shard.envs.lowerBound)
        shard.resetAssets[slot] = UInt32(asset)
        let pose = [0, 0, z] + orientation.array
        for k in 0..<7 { shard.resetObject[7 * slot + k] = pose[k] }
        let root = spec.handStartPosition + spec.handStartOrientation
        for k in 0..<7 { shard.resetRoot[7 * slot + k] = root[k] }
        for (j, joint) in world.hand.joints.enumerated() {
            shard.resetJoints[slot * world.hand.jointCount + j] = min(max(0, joint.lower), joint.upper)
        }
    }
}
