import Foundation

/// A scripted top-down grasp (descend, close, lift to the goal, hold) written as actions into
/// the hand's action column: the proof that contact, friction and the hand work, a baseline
/// policy, and the teacher behaviour cloning learns from. It adapts to the object's size: the
/// palm comes down to the object's top, not its centre, and the lift ends with the object's
/// centre at the goal.
public struct ScriptedGrasp: Sendable {
    /// Palm-point offset from the object's centre while descending, metres, world axes. [3]
    public var graspOffset: [Float] = [-0.0476, -0.0096, 0]
    /// Height of the palm point above the centre of a 3 cm cube at the bottom of the descent, metres.
    public var graspHeight: Float = 0.0225
    /// How much of the object's extra half-height (above a 3 cm cube's) raises the palm point,
    /// 0...1 (0.8: 17.8 % task success on 512 library objects, 0: 11.7 %, 1: 16.2 %).
    public var heightGain: Float = 0.8
    /// Finger targets when closed, actions in [-1, 1], actuator order. [18]
    public var closedFingers: [Float] = ScriptedGrasp.powerGrasp
    /// Finger targets when open. [18]
    public var openFingers: [Float] = [Float](repeating: -1, count: SceneLayout.actuatorCount)
    /// Control steps of each stage: descend, close, lift (then hold until the end).
    public var descendSteps = 50, closeSteps = 30, liftSteps = 60
    /// Control steps during which the plan follows the settling object; it is fixed after.
    public var settleSteps = 15
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

    /// The plan for env `env` of `world` from where its object is now.
    public func plan(world: World, env: Int) -> GraspPlan {
        let asset = Int(world.objects.column(.asset, as: UInt32.self).scalars[env])
        let pose = Array(world.objects.column(.pose)[env])
        let orientation = Quaternion(Array(pose[3...]))
        let hulls = world.assets[asset].hulls
        let top = hulls.flatMap { hull in stride(from: 0, to: hull.count, by: 3).map { orientation.rotate([hull[$0], hull[$0 + 1], hull[$0 + 2]])[2] } }.max() ?? 0
        let z = pose[2] + graspHeight + graspOffset[2] + heightGain * max(0, top - 0.015)
        let below = [pose[0] + graspOffset[0], pose[1] + graspOffset[1], z]
        let lifted = (0..<3).map { below[$0] + SceneLayout.goal[$0] - pose[$0] }
        return GraspPlan(below: below, lifted: lifted)
    }

    /// Writes the actions of control step `step` (since reset) for env `env` of `world`, following `plan`.
    public func act(world: World, env: Int, step: Int, plan: GraspPlan) {
        let root = world.hands.column(.rootPose)[env]
        let palm = GraspGeometry.palmPoint(Array(root))
        let startPalm = GraspGeometry.palmPoint(world.spec.handStartPosition + world.spec.handStartOrientation)
        var target: [Float]
        var fingers = openFingers
        if step < descendSteps {
            let t = Float(step + 1) / Float(descendSteps)
            target = (0..<3).map { startPalm[$0] + (plan.below[$0] - startPalm[$0]) * min(1, t * 1.2) }
        } else if step < descendSteps + closeSteps {
            let t = Float(step - descendSteps + 1) / Float(closeSteps)
            target = plan.below
            fingers = (0..<fingers.count).map { openFingers[$0] + (closedFingers[$0] - openFingers[$0]) * min(1, t * 1.5) }
        } else {
            let t = min(1, Float(step - descendSteps - closeSteps + 1) / Float(liftSteps))
            target = (0..<3).map { plan.below[$0] + (plan.lifted[$0] - plan.below[$0]) * t }
            fingers = closedFingers
        }
        let action = world.hands.column(.action)[env]
        for k in 0..<3 { action[k] = clip(positionGain * (target[k] - palm[k])) }
        let (rx, ry, rz) = orientationError(root, Quaternion(world.spec.handStartOrientation))
        action[3] = clip(orientationGain * rx)
        action[4] = clip(orientationGain * ry)
        action[5] = clip(orientationGain * rz)
        for k in 0..<fingers.count { action[6 + k] = fingers[k] }
    }

    /// Rotation (axis x angle, world axes) taking the current orientation to `goal`.
    private func orientationError(_ pose: UnsafeMutableBufferPointer<Float>, _ goal: Quaternion) -> (Float, Float, Float) {
        let q = Quaternion(x: -pose[3], y: -pose[4], z: -pose[5], w: pose[6])  // inverse
        var d = goal * q
        if d.w < 0 { d = Quaternion(x: -d.x, y: -d.y, z: -d.z, w: -d.w) }
        return (2 * d.x, 2 * d.y, 2 * d.z)
    }

    @inline(__always) private func clip(_ x: Float) -> Float { min(max(x, -1), 1) }
}

/// Where one env's scripted grasp goes: fixed once its object has settled.
public struct GraspPlan: Sendable, Equatable {
    /// Palm-point target at the bottom of the descent, world metres. [3]
    public var below: [Float]
    /// Palm-point target at the end of the lift (object centre at the goal), world metres. [3]
    public var lifted: [Float]
}

/// The scripted grasp driving every env of one world: it keeps each env's plan, following the
/// object while it settles after a reset and fixed from then on.
public final class ScriptedGrasper {
    /// Each env's script and gains. [envCount]
    public let grasps: [ScriptedGrasp]
    /// The world it drives.
    public let world: World
    /// Each env's current plan. [envCount]
    public private(set) var plans: [GraspPlan?]

    /// One script for every env.
    public convenience init(grasp: ScriptedGrasp = ScriptedGrasp(), world: World) {
        self.init(grasps: Array(repeating: grasp, count: world.spec.envCount), world: world)
    }

    /// A script per env. [envCount]
    public init(grasps: [ScriptedGrasp], world: World) {
        precondition(grasps.count == world.spec.envCount, "ScriptedGrasper: one grasp per env")
        self.grasps = grasps
        self.world = world
        plans = Array(repeating: nil, count: world.spec.envCount)
    }

    /// Writes the actions of control step `step` (since env `env`'s reset).
    public func act(env: Int, step: Int) {
        let grasp = grasps[env]
        if step <= grasp.settleSteps || plans[env] == nil { plans[env] = grasp.plan(world: world, env: env) }
        grasp.act(world: world, env: env, step: step, plan: plans[env]!)
    }
}
