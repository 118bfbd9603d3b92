/// A scripted top-down grasp (descend, close, lift, hold) written as actions into the hand's
/// action column: the proof that contact, friction and the hand work, and a baseline policy.
public struct ScriptedGrasp: Sendable {
    /// Palm-point offset from the object's centre while descending, metres, world axes. [3]
    public var graspOffset: [Float] = [-0.0476, -0.0096, 0]
    /// Height of the palm point above the resting object's centre at the bottom of the descent, metres.
    public var graspHeight: Float = 0.0225
    /// Finger targets when closed, actions in [-1, 1], actuator order. [18]
    public var closedFingers: [Float] = ScriptedGrasp.powerGrasp
    /// Finger targets when open. [18]
    public var openFingers: [Float] = [Float](repeating: -1, count: SceneLayout.actuatorCount)
    /// Control steps of each stage: descend, close, lift (then hold until the end).
    public var descendSteps = 50, closeSteps = 30, liftSteps = 60
    /// Height the palm point rises by during the lift, metres.
    public var liftHeight: Float = 0.3
    /// Proportional gain from position error (m) to wrist force action.
    public var positionGain: Float = 15
    /// Proportional gain from orientation error (rad) to wrist torque action.
    public var orientationGain: Float = 5

    /// Closed posture and grasp offsets, found by random search (scripted-grasp --search) on
    /// the built-in boxes, cylinders and spheres at random and zero yaw: 35 of 36 lifted.
    public static let powerGrasp: [Float] = [
        0, -0.33, -0.29,                  // FF J3 J2 J1
        0, -0.33, -0.29,                  // MF
        0, -0.33, -0.29,                  // RF
        -0.36, 0, -0.33, -0.29,           // LF J4 J3 J2 J1
        0.4, 1.0, 0.43, -0.78, 0.89,      // TH J4 J3 J2 J1 J0
    ]

    public init() {}

    /// Writes the actions of control step `step` (since reset) for env `env` of `world`.
    public func act(world: World, env: Int, step: Int) {
        let hands = world.hands, objects = world.objects
        let root = hands.pointer(.rootPose) + 7 * env
        let palm = GraspGeometry.palmPoint(Array(UnsafeBufferPointer(start: root, count: 7)))
        let startPalm = GraspGeometry.palmPoint(world.spec.handStartPosition + world.spec.handStartOrientation)
        // the grasp point: above where the object came to rest (its spawn xy, resting height)
        let asset = Int(objects.pointer(.asset, as: UInt32.self)[env])
        let rest = SceneLayout.tableTop + world.restingPoses[asset].height
        let below = [graspOffset[0], graspOffset[1], rest + graspOffset[2] + graspHeight]
        var target: [Float]
        var fingers = openFingers
        if step < descendSteps {
            let t = Float(step + 1) / Float(descendSteps)
            target = (0..<3).map { startPalm[$0] + (below[$0] - startPalm[$0]) * min(1, t * 1.2) }
        } else if step < descendSteps + closeSteps {
            let t = Float(step - descendSteps + 1) / Float(closeSteps)
            target = below
            fingers = (0..<fingers.count).map { openFingers[$0] + (closedFingers[$0] - openFingers[$0]) * min(1, t * 1.5) }
        } else {
            let t = Float(step - descendSteps - closeSteps + 1) / Float(liftSteps)
            target = below
            target[2] += liftHeight * min(1, t)
            fingers = closedFingers
        }
        let action = hands.pointer(.action) + SceneLayout.actionCount * env
        for k in 0..<3 { action[k] = clip(positionGain * (target[k] - palm[k])) }
        let (rx, ry, rz) = orientationError(root, world.spec.handStartOrientation)
        action[3] = clip(orientationGain * rx)
        action[4] = clip(orientationGain * ry)
        action[5] = clip(orientationGain * rz)
        for k in 0..<fingers.count { action[6 + k] = fingers[k] }
    }


    /// Rotation (axis x angle, world axes) taking the current orientation to `goal`.
    private func orientationError(_ pose: UnsafeMutablePointer<Float>, _ goal: [Float]) -> (Float, Float, Float) {
        let q = Quaternion(x: -pose[3], y: -pose[4], z: -pose[5], w: pose[6])  // inverse
        var d = Quaternion(goal) * q
        if d.w < 0 { d = Quaternion(x: -d.x, y: -d.y, z: -d.z, w: -d.w) }
        return (2 * d.x, 2 * d.y, 2 * d.z)
    }

    @inline(__always) private func clip(_ x: Float) -> Float { min(max(x, -1), 1) }
}
