import RenderKit
import SimWorld

/// Turns a `FrameSnapshot` into a RenderKit `Scene`: the hand's collision primitives posed from
/// the recorded link frames, the object's render mesh posed from the object pose, the table,
/// and the goal marker at `SceneLayout.goal` (green once the grasp has succeeded).
///
/// Geometry is built once here (the hand's parts, one mesh per asset); `scene(_:)` only poses it.
public struct RolloutSceneBuilder: Sendable {
    /// One hand primitive: which recorded link frame carries it, where, and its shape.
    struct HandPart: Sendable {
        /// Link pose slot: 0 palm, `j + 1` joint `j`.
        var slot: Int
        /// Primitive pose in the link (joint) frame.
        var local: Pose
        /// Primitive geometry, metres.
        var shape: Shape
    }

    /// The camera every scene gets.
    public var camera: Camera
    /// Colours and light.
    public var style: SceneStyle
    let handParts: [HandPart]
    let objectShapes: [Shape]

    /// Creates a builder for a world's hand and object assets.
    public init(hand: HandDescription, assets: [ObjectAsset], camera: Camera = CameraRig().camera,
                style: SceneStyle = SceneStyle()) {
        self.camera = camera
        self.style = style
        handParts = hand.geoms.map { geom in
            let shape: Shape
            switch geom.kind {
            case .box: shape = .box(halfExtents: SIMD3(geom.size[0], geom.size[1], geom.size[2]))
            case .capsule: shape = .capsule(radius: geom.size[0], halfLength: geom.size[1])
            case .sphere: shape = .sphere(radius: geom.size[0])
            }
            let local = Pose(position: SIMD3(geom.position[0], geom.position[1], geom.position[2]),
                             orientation: SIMD4(geom.orientation[0], geom.orientation[1], geom.orientation[2], geom.orientation[3]))
            return HandPart(slot: geom.body + 1, local: local, shape: shape)
        }
        objectShapes = assets.map {
            .mesh(TriangleMesh(positions: $0.renderVertices, indices: $0.renderTriangles, shading: .flat))
        }
    }

    /// The world pose of link slot `slot` (0 palm, `j + 1` joint `j`) in a snapshot.
    public static func linkPose(_ snapshot: FrameSnapshot, slot: Int) -> Pose {
        pose(snapshot.linkPoses, offset: 7 * slot)
    }

    /// The scene of one snapshot.
    public func scene(_ snapshot: FrameSnapshot) -> Scene {
        var scene = Scene(camera: camera, light: style.light)
        let table = SceneLayout.tableCenter, half = SceneLayout.tableHalfExtents
        scene.append(RenderItem(.box(halfExtents: SIMD3(half[0], half[1], half[2])),
                                pose: Pose(position: SIMD3(table[0], table[1], table[2])),
                                color: style.tableColor, castsShadow: false))
        for part in handParts {
            let link = Self.linkPose(snapshot, slot: part.slot)
            scene.append(RenderItem(part.shape, pose: link * part.local, color: style.handColor))
        }
        if objectShapes.indices.contains(snapshot.objectAsset) {
            scene.append(RenderItem(objectShapes[snapshot.objectAsset], pose: Self.pose(snapshot.objectPose, offset: 0),
                                    color: style.objectColor))
        }
        let goal = SceneLayout.goal
        scene.append(RenderItem(.sphere(radius: style.goalRadius), pose: Pose(position: SIMD3(goal[0], goal[1], goal[2])),
                                color: snapshot.succeeded ? style.goalReachedColor : style.goalColor, castsShadow: false))
        return scene
    }

    /// Reads a flat `[x y z qx qy qz qw]` pose at `offset`.
    static func pose(_ flat: [Float], offset o: Int) -> Pose {
        Pose(position: SIMD3(flat[o], flat[o + 1], flat[o + 2]),
             orientation: SIMD4(flat[o + 3], flat[o + 4], flat[o + 5], flat[o + 6]))
    }
}
