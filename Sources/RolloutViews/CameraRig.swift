import Foundation
import RenderKit
import SimWorld

/// An orbit camera around a target point: the rollout views' camera options.
///
/// The eye sits `distance` metres from `target` in the direction given by `azimuthDegrees`
/// (about world z, from +x towards +y) and `elevationDegrees` (above the horizontal).
/// The default looks at the table centre, just above the top, from the side (world -y, where
/// the hand's fingers run left to right along +x) and above.
public struct CameraRig: Sendable, Equatable {
    /// Point looked at, metres, env-local. Default: table centre, 0.17 m above its top.
    public var target: SIMD3<Float> = SIMD3(0, 0, SceneLayout.tableTop + 0.17)
    /// Eye direction about world z, degrees from +x towards +y.
    public var azimuthDegrees: Float = -65
    /// Eye height angle above the horizontal, degrees.
    public var elevationDegrees: Float = 20
    /// Eye distance from the target, metres.
    public var distance: Float = 0.85
    /// Vertical field of view, degrees.
    public var verticalFOVDegrees: Float = 40

    /// Creates the default rig.
    public init() {}

    /// The look-at camera of this rig (z up).
    public var camera: Camera {
        let az = azimuthDegrees * .pi / 180, el = elevationDegrees * .pi / 180
        let direction = SIMD3<Float>(cosf(el) * cosf(az), cosf(el) * sinf(az), sinf(el))
        return Camera(eye: target + distance * direction, target: target, verticalFOVDegrees: verticalFOVDegrees)
    }
}
