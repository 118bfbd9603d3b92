import BulletShim
import ECSCore

/// Turns policy actions into physical commands: wrist wrench (N, N m) = action x per-action
/// scale; finger targets (rad) = lower + (a + 1) / 2 x (upper - lower), absolute as published
/// (optionally through a moving average, `TaskSpec.fingerTargetSmoothing`).
/// Actions are clipped to [-1, 1]; a NaN action is refused with the env and index named.
struct ApplyActionsSystem: System {
    var phase: Phase { .applyActions }
    var reads: Set<FieldID> { [FieldID(HandField.action)] }
    var writes: Set<FieldID> { [FieldID(HandField.wrench), FieldID(HandField.jointTarget)] }

    func run(_ world: World, shard s: Int, envs: Range<Int>) throws {
        let hand = world.hand
        let actions = world.hands.pointer(.action), wrench = world.hands.pointer(.wrench)
        let targets = world.hands.pointer(.jointTarget)
        let actuated = hand.actuatedJoints
        let (a, t) = (SceneLayout.actionCount, SceneLayout.actuatorCount)
        let smoothing = world.spec.task.fingerTargetSmoothing
        for e in envs {
            let row = actions + a * e
            for k in 0..<a where row[k].isNaN {
                throw PhysicsError(status: BS_ERR_INVALID_ARG.rawValue, message: "hand.action: env \(e), index \(k) is NaN")
            }
            for k in 0..<3 {
                wrench[6 * e + k] = hand.forcePerAction * clip(row[k])
                wrench[6 * e + 3 + k] = hand.torquePerAction * clip(row[3 + k])
            }
            for (i, j) in actuated.enumerated() {
                let joint = hand.joints[j]
                let target = joint.lower + (clip(row[6 + i]) + 1) / 2 * (joint.upper - joint.lower)
                targets[t * e + i] = smoothing * target + (1 - smoothing) * targets[t * e + i]
            }
        }
        let shard = world.shard(s)
        let n = UInt32(envs.count)
        try PhysicsError.check(bs_hands_write_wrench(shard.handle, nil, n, wrench + 6 * envs.lowerBound), shard.handle)
        try PhysicsError.check(bs_hands_write_targets(shard.handle, nil, n, targets + t * envs.lowerBound), shard.handle)
    }

    @inline(__always) private func clip(_ x: Float) -> Float { min(max(x, -1), 1) }
}
