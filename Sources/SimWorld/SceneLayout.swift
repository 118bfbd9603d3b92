/// Fixed sizes of the grasping scene's columns and the published scene geometry (task.md).
public enum SceneLayout {
    /// Hand joints (Shadow hand, published order).
    public static let jointCount = 22
    /// Position-controlled joints.
    public static let actuatorCount = 18
    /// Fingertips (FF, MF, RF, LF, TH).
    public static let tipCount = 5
    /// Action size: 3 wrist force + 3 wrist torque + 18 finger targets.
    public static let actionCount = 6 + actuatorCount
    /// Table half extents, metres (a 1 x 1 x 0.6 box).
    public static let tableHalfExtents: [Float] = [0.5, 0.5, 0.3]
    /// Table centre, metres, env-local (top at z = 0.6).
    public static let tableCenter: [Float] = [0, 0, 0.3]
    /// Height of the table top, metres.
    public static let tableTop: Float = 0.6
    /// Goal point the object must reach, metres, env-local.
    public static let goal: [Float] = [0, 0, 0.9]
    /// Object density, kg / m^3.
    public static let objectDensity: Float = 500
}
