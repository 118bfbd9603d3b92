import RenderKit

/// Colours and light of rollout frames.
public struct SceneStyle: Sendable, Equatable {
    /// Hand links (palm and finger capsules).
    public var handColor = Color(70, 110, 190)
    /// The grasped object.
    public var objectColor = Color(230, 120, 40)
    /// The table top and sides.
    public var tableColor = Color(190, 170, 140)
    /// Goal marker before the object has reached it.
    public var goalColor = Color(150, 150, 160)
    /// Goal marker once the object has reached it (success so far).
    public var goalReachedColor = Color(40, 180, 70)
    /// Goal marker radius, metres.
    public var goalRadius: Float = 0.012
    /// The directional light (with its ambient term and shadows).
    public var light = DirectionalLight()

    /// Creates the default style.
    public init() {}

    /// Flat lighting: every surface shows exactly its base colour (ambient 1, no diffuse, no
    /// shadows). Useful for tests and masks.
    public static var flat: SceneStyle {
        var style = SceneStyle()
        style.light = DirectionalLight(intensity: 0, ambient: 1, castsShadows: false)
        return style
    }
}
