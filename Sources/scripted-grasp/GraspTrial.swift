import SimWorld

/// One batch of scripted-grasp episodes and how high each object was held.
struct GraspTrial {
    /// Per env: the lowest object height above its rest during the hold, metres.
    var heldLift: [Float]

    /// Runs `steps` control steps with one env per asset (`perEnvAsset`) or one env per asset
    /// slot with objects drawn at random from all assets.
    static func run(_ grasp: ScriptedGrasp, assets: [ObjectAsset], perEnvAsset: Bool, randomYaw: Bool,
                    seed: UInt64, steps: Int) throws -> GraspTrial {
        let hand = try HandDescription.shadowHand()
        var lifts: [Float] = []
        let worlds: [[Int]] = perEnvAsset ? assets.indices.map { [$0] } : [[]]
        for pool in worlds {
            var spec = WorldSpec(envCount: pool.isEmpty ? assets.count : 1, threads: 1, shardCount: 1, seed: seed)
            spec.randomYaw = randomYaw
            spec.objectPool = pool
            spec.task.episodeLength = steps + 1
            let world = try World(spec: spec, hand: hand, assets: assets)
            let episodes = EpisodeDriver(world: world)
            var lowest = [Float](repeating: .infinity, count: spec.envCount)
            let grasper = ScriptedGrasper(grasp: grasp, world: world)
            let holdStart = grasp.descendSteps + grasp.closeSteps + grasp.liftSteps
            for step in 0..<steps {
                for e in 0..<spec.envCount { grasper.act(env: e, step: step) }
                try episodes.step {
                    guard step >= holdStart else { return }
                    for e in 0..<spec.envCount {
                        let asset = Int(world.objects.pointer(.asset, as: UInt32.self)[e])
                        let rest = SceneLayout.tableTop + world.restingPoses[asset].height
                        lowest[e] = min(lowest[e], world.objects.pointer(.pose)[7 * e + 2] - rest)
                    }
                }
            }
            lifts += lowest
        }
        return GraspTrial(heldLift: lifts)
    }
}
