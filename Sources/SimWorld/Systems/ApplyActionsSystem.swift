import BulletShim
import ECSCore

/// Turns policy actions into physical commands: wrist wrench (N, N m) = action x per-action
/// scale; finger targets (rad) = lower + (a + 1) / 2 x (upper - lower), absolute as published
/// (optionally through a moving average of the previous targets, `TaskSpec.fingerTargetSmoothing`).
/// Actions are clipped to [-1, 1]; a NaN action is refused with the env and index named.
struct ApplyActionsSystem: System {
    /// Wrist scales, actuated joints and their limits.
    let hand: HandDescription
    /// Weight of the new finger target in the moving average (1: no smoothing).
    let smoothing: Float

    var phase: Phase { .applyActions }
    var reads: Set<FieldID> { [FieldID(HandField.action), FieldID(HandField.jointTarget)] }
    var writes: Set<FieldID> { [FieldID(HandField.wrench), FieldID(HandField.jointTarget)] }
    var resources: Set<ResourceID> { [.physics] }

    func run(_ access: SystemAccess<World>) throws {
        let actions = access.read(HandField.action), wrenches = access.write(HandField.wrench)
        let targets = access.update(HandField.jointTarget)
        let actuated = hand.actuatedJoints
        for e in access.envs {
            let action = actions[e], wrench = wrenches[e], target = targets[e]
            for k in 0..<action.count where action[k].isNaN {
                throw PhysicsError(status: BS_ERR_INVALID_ARG.rawValue, message: "hand.action: env \(e), index \(k) is NaN")
            }
            for k in 0..<3 {
                wrench[k] = hand.forcePerAction * clip(action[k])
                wrench[3 + k] = hand.torquePerAction * clip(action[3 + k])
            }
            for (i, j) in actuated.enumerated() {
                let joint = hand.joints[j]
                let goal = joint.lower + (clip(action[6 + i]) + 1) / 2 * (joint.upper - joint.lower)
                target[i] = smoothing * goal + (1 - smoothing) * target[i]
            }
        }
        let physics = access.physics, n = UInt32(access.envs.count)
        try PhysicsError.check(bs_hands_write_wrench(physics.handle, nil, n, wrenches.rows(access.envs).baseAddress), physics.handle)
        try PhysicsError.check(bs_hands_write_targets(physics.handle, nil, n, targets.rows(access.envs).baseAddress), physics.handle)
    }

    @inline(__always) private func clip(_ x: Float) -> Float { min(max(x, -1), 1) }
}
