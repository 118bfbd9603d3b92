import ECSCore

/// Per-env bookkeeping. One row per env.
public enum EnvField: String, FieldSchema {
    case resetRequested, rngState, episodeStep, reward, episodeReturn, success, graspStage, terminated, truncated, observation, nonFinite
    public static let tableName = "env"
    public var spec: FieldSpec {
        switch self {
        case .resetRequested: FieldSpec(.uint8, width: 1, "1 = reset this env in the next reset phase; the episode-start pass reads the flags as the list of envs it reset and clears them at its end")
        case .rngState: FieldSpec(.uint64, width: 1, "SplitMix64 state of the env's own random stream")
        case .episodeStep: FieldSpec(.uint32, width: 1, "control steps since the env's last reset")
        case .reward: FieldSpec(.float32, width: 1, "reward of the last control step")
        case .episodeReturn: FieldSpec(.float32, width: 1, "sum of rewards since the last reset")
        case .success: FieldSpec(.uint8, width: 1, "1 once the object came within the success distance of the goal this episode")
        case .graspStage: FieldSpec(.uint8, width: 1, "at the last step: 0 = hand not enclosing the object, 1 = enclosing, 2 = enclosing with the object lifted")
        case .terminated: FieldSpec(.float32, width: 1, "1 when the episode ended by failure (never in this task), else 0")
        case .truncated: FieldSpec(.float32, width: 1, "1 when the episode hit its time limit at the last step, else 0")
        case .observation: FieldSpec(.float32, width: 1, "policy input, ObservationLayout order; width set at run time")
        case .nonFinite: FieldSpec(.uint8, width: 1, "1 when the last step left the env's physics state, reward or observation non-finite (the env was contained and is reset)")
        }
    }
}

/// The floating hand. One row per env.
public enum HandField: String, FieldSchema {
    case action, wrench, jointTarget, rootPose, rootVelocity, jointPosition, jointVelocity, tipPose, tipVelocity, tipForce, tipObjectForce, linkPose
    public static let tableName = "hand"
    public var spec: FieldSpec {
        let j = SceneLayout.jointCount, t = SceneLayout.tipCount
        switch self {
        case .action: return FieldSpec(.float32, width: SceneLayout.actionCount, "policy action in [-1, 1]: force xyz, torque xyz, 18 targets")
        case .wrench: return FieldSpec(.float32, width: 6, "wrist force N and torque N m, world axes")
        case .jointTarget: return FieldSpec(.float32, width: SceneLayout.actuatorCount, "finger position targets, rad, actuator order")
        case .rootPose: return FieldSpec(.float32, width: 7, "palm frame: position m (env-local) and quaternion xyzw")
        case .rootVelocity: return FieldSpec(.float32, width: 6, "palm linear m/s and angular rad/s velocity, world axes")
        case .jointPosition: return FieldSpec(.float32, width: j, "joint angles, rad, published order")
        case .jointVelocity: return FieldSpec(.float32, width: j, "joint velocities, rad/s, published order")
        case .tipPose: return FieldSpec(.float32, width: 7 * t, "fingertip poses [tip, 7]: position m, quaternion xyzw")
        case .tipVelocity: return FieldSpec(.float32, width: 6 * t, "fingertip velocities [tip, 6]: m/s, rad/s")
        case .tipForce: return FieldSpec(.float32, width: 3 * t, "net contact force on each fingertip link [tip, 3], N")
        case .tipObjectForce: return FieldSpec(.float32, width: t, "normal contact force between each fingertip link and the object [tip], N")
        case .linkPose: return FieldSpec(.float32, width: 7 * (1 + j), "palm then each joint's frame [1 + joint, 7]: m, xyzw; written only by RecordLinkPosesSystem")
        }
    }
}

/// The object to grasp. One row per env.
public enum ObjectField: String, FieldSchema {
    case asset, pose, velocity
    public static let tableName = "object"
    public var spec: FieldSpec {
        switch self {
        case .asset: FieldSpec(.uint32, width: 1, "index of the object's asset in the world's asset list")
        case .pose: FieldSpec(.float32, width: 7, "centre of mass position m (env-local) and quaternion xyzw")
        case .velocity: FieldSpec(.float32, width: 6, "linear m/s and angular rad/s velocity, world axes")
        }
    }
}

/// The table. One row per env; written once at creation.
public enum SurfaceField: String, FieldSchema {
    case pose, halfExtents
    public static let tableName = "table"
    public var spec: FieldSpec {
        switch self {
        case .pose: FieldSpec(.float32, width: 7, "box centre m (env-local) and quaternion xyzw")
        case .halfExtents: FieldSpec(.float32, width: 3, "box half extents, m")
        }
    }
}
