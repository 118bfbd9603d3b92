import ECSCore

/// The UniDexGrasp reward, sticky success and the time limit (task.md):
/// reward = -0.5 finger_dist - hand_dist + goal term + lift term + bonus, where the last three
/// fire only while the hand encloses the object. Ends an episode at its time limit by setting
/// `truncated` and requesting a reset.
struct ComputeRewardsSystem: System {
    var phase: Phase { .rewards }
    var reads: Set<FieldID> {
        [FieldID(ObjectField.pose), FieldID(ObjectField.asset), FieldID(HandField.tipPose), FieldID(HandField.tipObjectForce), FieldID(HandField.rootPose),
         FieldID(HandField.action), FieldID(EnvField.episodeStep)]
    }
    var writes: Set<FieldID> {
        [FieldID(EnvField.reward), FieldID(EnvField.episodeReturn), FieldID(EnvField.success), FieldID(EnvField.graspStage), FieldID(EnvField.truncated),
         FieldID(EnvField.terminated), FieldID(EnvField.resetRequested)]
    }

    func run(_ world: World, shard: Int, envs: Range<Int>) throws {
        let task = world.spec.task
        let objects = world.objects.pointer(.pose), assets = world.objects.pointer(.asset, as: UInt32.self)
        let tips = world.hands.pointer(.tipPose), contacts = world.hands.pointer(.tipObjectForce), roots = world.hands.pointer(.rootPose), actions = world.hands.pointer(.action)
        let reward = world.envs.pointer(.reward), ret = world.envs.pointer(.episodeReturn)
        let success = world.envs.pointer(.success, as: UInt8.self), truncated = world.envs.pointer(.truncated)
        let steps = world.envs.pointer(.episodeStep, as: UInt32.self), reset = world.envs.pointer(.resetRequested, as: UInt8.self)
        let terminated = world.envs.pointer(.terminated), stage = world.envs.pointer(.graspStage, as: UInt8.self)
        withUnsafeTemporaryAllocation(of: Float.self, capacity: 6) { scratch in
            let palm = scratch.baseAddress!, goal = palm + 3
            for k in 0..<3 { goal[k] = SceneLayout.goal[k] }
            for e in envs {
                let object = objects + 7 * e
                let rest = SceneLayout.tableTop + world.restingPoses[Int(assets[e])].height
                GraspGeometry.palmPoint(roots + 7 * e, into: palm)
                let r = Self.reward(task: task, object: object, tips: tips + 7 * SceneLayout.tipCount * e,
                                    tipContacts: contacts + SceneLayout.tipCount * e, palm: palm,
                                    goal: goal, restZ: rest, forceZ: min(max(actions[SceneLayout.actionCount * e + 2], -1), 1))
                reward[e] = r.reward
                stage[e] = r.stage
                ret[e] += r.reward
                if r.goalDistance <= task.successDistance { success[e] = 1 }
                terminated[e] = 0
                let ended = Int(steps[e]) >= task.episodeLength
                truncated[e] = ended ? 1 : 0
                if ended { reset[e] = 1 }
            }
        }
    }

    /// Reward of one env, its goal distance and grasp stage. `tips` [5, 7] poses, `tipContacts`
    /// [5] tip-object normal forces (thumb last), others 3-vectors.
    static func reward(task: TaskSpec, object: UnsafePointer<Float>, tips: UnsafePointer<Float>, tipContacts: UnsafePointer<Float>,
                       palm: UnsafePointer<Float>,
                       goal: UnsafePointer<Float>, restZ: Float, forceZ: Float) -> (reward: Float, goalDistance: Float, stage: UInt8) {
        var fingerSum: Float = 0
        for t in 0..<SceneLayout.tipCount { fingerSum += GraspGeometry.distance(object, tips + 7 * t) }
        let fingerDist = min(fingerSum, task.fingerDistanceCap)
        let handDist = min(GraspGeometry.distance(object, palm), task.handDistanceCap)
        let goalDist = GraspGeometry.distance(goal, object)
        var encloses = fingerDist <= task.fingerEncloseDistance && handDist <= task.handEncloseDistance
        let thumb = SceneLayout.tipCount - 1
        let pinched = tipContacts[thumb] > 0 && (0..<thumb).contains { tipContacts[$0] > 0 }
        if task.experimental.encloseNeedsContact { encloses = encloses && pinched }
        var reward = task.experimental.distanceTerms ? -0.5 * fingerDist - 1.0 * handDist : 0
        if task.experimental.tipContactReward != 0 {
            for t in 0..<SceneLayout.tipCount where tipContacts[t] > 0 { reward += task.experimental.tipContactReward }
        }
        if task.heldHeightReward != 0 && pinched {
            reward += task.heldHeightReward * min(max(object[2] - restZ, 0), max(goal[2] - restZ, 0))
        }
        var stage: UInt8 = 0
        if encloses {
            stage = 1
            reward += 0.9 - 2 * goalDist
            if object[2] >= task.highLiftHeight {
                reward += 0.2
                stage = 2
            } else if object[2] >= restZ + task.liftThreshold {
                reward += 0.1 + 0.1 * forceZ
                stage = 2
            }
            if goalDist <= task.successDistance { reward += 1 / (1 + 10 * goalDist) }
        }
        return (reward, goalDist, stage)
    }
}
