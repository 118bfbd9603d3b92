import ECSCore

/// The UniDexGrasp reward, sticky success and the time limit (task.md):
/// reward = -0.5 finger_dist - hand_dist + goal term + lift term + bonus, where the last three
/// fire only while the hand encloses the object; with `TaskSpec.poseReward`, minus the weighted
/// distance of the joint angles to `poseReference` (ResDex's base policies). Ends an episode at its time limit by setting
/// `truncated` and requesting a reset.
struct ComputeRewardsSystem: System {
    /// Reward options, success distance, episode length.
    let task: TaskSpec
    /// The terms that may change between steps (they override `task`'s).
    let terms: RewardTerms
    /// How each asset rests on the table, by asset index (the lift is measured from there).
    let restingPoses: [RestingPose]

    var phase: Phase { .rewards }
    var reads: Set<FieldID> {
        [FieldID(ObjectField.pose), FieldID(ObjectField.asset), FieldID(HandField.tipPose), FieldID(HandField.tipObjectForce), FieldID(HandField.rootPose),
         FieldID(HandField.action), FieldID(HandField.jointPosition), FieldID(EnvField.episodeStep), FieldID(EnvField.episodeReturn)]
    }
    var writes: Set<FieldID> {
        [FieldID(EnvField.reward), FieldID(EnvField.episodeReturn), FieldID(EnvField.success), FieldID(EnvField.graspStage), FieldID(EnvField.truncated),
         FieldID(EnvField.terminated), FieldID(EnvField.resetRequested)]
    }

    func run(_ access: SystemAccess<World>) throws {
        var task = task
        task.experimental.distanceTerms = terms.distanceTerms
        let objects = access.read(ObjectField.pose), assets = access.read(ObjectField.asset, as: UInt32.self).scalars
        let tips = access.read(HandField.tipPose), contacts = access.read(HandField.tipObjectForce)
        let roots = access.read(HandField.rootPose), actions = access.read(HandField.action), joints = access.read(HandField.jointPosition)
        let reward = access.write(EnvField.reward).scalars, ret = access.update(EnvField.episodeReturn).scalars
        let success = access.write(EnvField.success, as: UInt8.self).scalars, truncated = access.write(EnvField.truncated).scalars
        let steps = access.read(EnvField.episodeStep, as: UInt32.self).scalars
        let reset = access.write(EnvField.resetRequested, as: UInt8.self).scalars
        let terminated = access.write(EnvField.terminated).scalars, stage = access.write(EnvField.graspStage, as: UInt8.self).scalars
        withUnsafeTemporaryAllocation(of: Float.self, capacity: 6) { scratch in
            let palm = scratch.baseAddress!, goal = palm + 3
            for k in 0..<3 { goal[k] = SceneLayout.goal[k] }
            for e in access.envs {
                let object = objects[e].baseAddress!
                let rest = SceneLayout.tableTop + restingPoses[Int(assets[e])].height
                GraspGeometry.palmPoint(roots[e].baseAddress!, into: palm)
                let r = Self.reward(task: task, object: object, tips: tips[e].baseAddress!, tipContacts: contacts[e].baseAddress!,
                                    palm: palm, goal: goal, restZ: rest, forceZ: min(max(actions[e][2], -1), 1))
                let total = r.reward - (task.poseReward == 0 ? 0 : task.poseReward * Self.poseDistance(joints[e], task.poseReference))
                reward[e] = total
                stage[e] = r.stage
                ret[e] += total
                if r.goalDistance <= task.successDistance { success[e] = 1 }
                terminated[e] = 0
                let ended = Int(steps[e]) >= task.episodeLength
                truncated[e] = ended ? 1 : 0
                if ended { reset[e] = 1 }
            }
        }
    }

    /// ||q - reference||, rad: the Euclidean distance of joint angles `q` [jointCount] to `reference`.
    static func poseDistance(_ q: UnsafeBufferPointer<Float>, _ reference: [Float]) -> Float {
        var sum: Float = 0
        for j in 0..<reference.count {
            let d = q[j] - reference[j]
            sum += d * d
        }
        return sum.squareRoot()
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
