/// One drawable item: a shape, where it is, and its base colour.
public struct RenderItem: Hashable, Sendable {
    /// Geometry in the local frame.
    public var shape: Shape
    /// Local-to-world pose (metres, quaternion `xyzw`).
    public var pose: Pose
    /// Base (diffuse) colour.
    public var color: Color
    /// Whether the item casts a shadow (receiving is always on).
    public var castsShadow: Bool

    /// Creates an item.
    public init(_ shape: Shape, pose: Pose, color: Color, castsShadow: Bool = true) {
        self.shape = shape
        self.pose = pose
        self.color = color
        self.castsShadow = castsShadow
    }
}

/// A directional light (like the sun) with Lambert shading plus a constant ambient term.
///
/// A surface with unit normal `n` and base colour `c` gets
/// `c * (ambient + intensity * max(0, n · -direction) * shadow)`, clamped to 1,
/// where `shadow` is 0 in shadow and 1 in light.
public struct DirectionalLight: Hashable, Sendable {
    /// Direction the light travels, world frame (pointing from the light into the scene); any length > 0.
    public var direction: SIMD3<Float>
    /// Diffuse intensity, unitless (1 = full base colour on a surface facing the light).
    public var intensity: Float
    /// Ambient intensity, unitless, added everywhere (also in shadow).
    public var ambient: Float
    /// Whether to compute shadows with a shadow map.
    public var castsShadows: Bool
    /// Shadow map side, texels (the map covers the bounding box of all items).
    public var shadowMapSize: Int

    /// Creates a light; defaults come from above, slightly from the front-left.
    public init(direction: SIMD3<Float> = SIMD3(-0.3, 0.5, -1), intensity: Float = 0.7,
                ambient: Float = 0.4, castsShadows: Bool = true, shadowMapSize: Int = 1024) {
        self.direction = direction
        self.intensity = intensity
        self.ambient = ambient
        self.castsShadows = castsShadows
        self.shadowMapSize = shadowMapSize
    }
}

/// Everything needed to draw one frame: items, camera, light, background.
///
/// The scene is a plain value and knows nothing about physics, so a recorded column
/// snapshot (positions `[rows, 3]`, quaternions `[rows, 4]`) maps onto it directly,
/// see `append(shape:positions:orientations:rows:color:)`.
public struct Scene: Sendable {
    /// Items to draw, in any order (depth testing resolves visibility).
    public var items: [RenderItem]
    /// The viewpoint.
    public var camera: Camera
    /// The single directional light.
    public var light: DirectionalLight
    /// Background colour at the top row of the image.
    public var backgroundTop: Color
    /// Background colour at the bottom row (vertical gradient from `backgroundTop`).
    public var backgroundBottom: Color

    /// Creates a scene.
    public init(items: [RenderItem] = [], camera: Camera, light: DirectionalLight = DirectionalLight(),
                backgroundTop: Color = Color(236, 240, 245), backgroundBottom: Color = Color(196, 204, 214)) {
        self.items = items
        self.camera = camera
        self.light = light
        self.backgroundTop = backgroundTop
        self.backgroundBottom = backgroundBottom
    }

    /// Appends one item.
    public mutating func append(_ item: RenderItem) { items.append(item) }

    /// Appends one item per row of flat column data (the ECS snapshot layout).
    /// - Parameters:
    ///   - shapes: one shape per row, or a single shape used for every row. Shape `[rows]` or `[1]`.
    ///   - positions: metres, world frame. Shape `[rows * 3]` (`xyz`).
    ///   - orientations: quaternions. Shape `[rows * 4]` (`xyzw`).
    ///   - rows: the rows to draw, for example one env's hand links.
    ///   - color: base colour for all appended items.
    public mutating func append(shapes: [Shape], positions: [Float], orientations: [Float],
                                rows: Range<Int>, color: Color) {
        precondition(shapes.count == 1 || shapes.count >= rows.upperBound,
                     "Scene.append: need one shape, or one per row")
        for row in rows {
            let shape = shapes.count == 1 ? shapes[0] : shapes[row]
            items.append(RenderItem(shape, pose: Pose(positions: positions, orientations: orientations, row: row),
                                    color: color))
        }
    }
}
