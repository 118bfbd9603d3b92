/// Draws `Scene`s into `RGBImage`s on the CPU: depth-buffered triangles, Lambert + ambient
/// lighting, shadow-mapped directional light, and supersampled anti-aliasing.
///
/// A renderer keeps its framebuffer, scratch buffers and a tessellation cache (each distinct
/// primitive shape is built once) between frames, so reuse one instance for a whole rollout.
/// It is not thread-safe; use one renderer per thread.
public final class Renderer {
    /// Output width, pixels.
    public let width: Int
    /// Output height, pixels.
    public let height: Int
    /// Samples per pixel along each axis (2 means 2x2 supersampling, then a box filter).
    public let supersampling: Int
    /// Segments around the axis used for capsules, spheres and cylinders.
    public let roundSegments: Int

    private let frame: FrameBuffer
    private var meshCache: [Shape: TriangleMesh] = [:]
    private var vertices: [ShadedVertex] = []
    private var worldPoints: [SIMD3<Float>] = []

    /// Counters from the most recent `render` call.
    public private(set) var lastStats = RenderStats()

    /// Creates a renderer for `width x height` output images.
    /// - Parameters:
    ///   - supersampling: samples per pixel per axis, 1...4 (default 2, i.e. 4 samples per pixel).
    ///   - roundSegments: tessellation of round shapes, segments around the axis (default 24).
    public init(width: Int, height: Int, supersampling: Int = 2, roundSegments: Int = 24) {
        precondition(width > 0 && height > 0, "Renderer: size must be positive")
        precondition((1...4).contains(supersampling), "Renderer: supersampling must be 1...4")
        precondition(roundSegments >= 6, "Renderer: roundSegments must be at least 6")
        self.width = width
        self.height = height
        self.supersampling = supersampling
        self.roundSegments = roundSegments
        frame = FrameBuffer(width: width * supersampling, height: height * supersampling)
    }

    /// The tessellated mesh for a shape, built on first use and cached by shape and size.
    public func mesh(for shape: Shape) -> TriangleMesh {
        if case .mesh(let m) = shape { return m }
        if let cached = meshCache[shape] { return cached }
        let built: TriangleMesh
        switch shape {
        case .box(let h): built = PrimitiveMeshes.box(halfExtents: h)
        case .capsule(let r, let h):
            built = PrimitiveMeshes.capsule(radius: r, halfLength: h, segments: roundSegments, capRings: roundSegments / 4)
        case .sphere(let r):
            built = PrimitiveMeshes.capsule(radius: r, halfLength: 0, segments: roundSegments, capRings: roundSegments / 4)
        case .cylinder(let r, let h): built = PrimitiveMeshes.cylinder(radius: r, halfLength: h, segments: roundSegments)
        case .mesh(let m): built = m
        }
        meshCache[shape] = built
        return built
    }

    /// Number of shapes whose tessellation is cached.
    public var cachedShapeCount: Int { meshCache.count }

    /// Renders one frame.
    public func render(_ scene: Scene) -> RGBImage {
        let meshes = scene.items.map { mesh(for: $0.shape) }
        let shadow = scene.light.castsShadows ? buildShadowMap(scene, meshes: meshes) : nil
        frame.clear(top: scene.backgroundTop, bottom: scene.backgroundBottom)
        let viewProjection = scene.camera.viewProjection(aspect: Float(width) / Float(height))
        let toLight = -normalize(scene.light.direction)
        var triangles = 0
        let emptyDepth: [Float] = []
        (shadow?.depth ?? emptyDepth).withUnsafeBufferPointer { shadowDepth in
            for (item, mesh) in zip(scene.items, meshes) {
                transform(mesh, pose: item.pose, viewProjection: viewProjection, toLight: toLight, shadow: shadow)
                let style = SurfaceStyle(base: item.color.floats * 255, ambient: scene.light.ambient,
                                         diffuse: scene.light.intensity, cullsBackFaces: mesh.cullsBackFaces)
                let idx = mesh.indices
                for t in stride(from: 0, to: idx.count, by: 3) {
                    frame.drawTriangle(vertices[Int(idx[t])], vertices[Int(idx[t + 1])], vertices[Int(idx[t + 2])],
                                       style: style, shadow: shadow, shadowDepth: shadowDepth)
                }
                triangles += mesh.triangleCount
            }
        }
        lastStats = RenderStats(itemCount: scene.items.count, triangleCount: triangles)
        return frame.resolve(factor: supersampling)
    }

    /// Vertex stage for one item: world transform, clip position, light-space position, N·L.
    private func transform(_ mesh: TriangleMesh, pose: Pose, viewProjection: Matrix4,
                           toLight: SIMD3<Float>, shadow: ShadowMap?) {
        let (c0, c1, c2) = pose.rotationColumns
        vertices.removeAll(keepingCapacity: true)
        for (p, n) in zip(mesh.positions, mesh.normals) {
            let world = c0 * p.x + c1 * p.y + c2 * p.z + pose.position
            let normal = c0 * n.x + c1 * n.y + c2 * n.z
            let l = shadow?.lightSpace(world) ?? .zero
            vertices.append(ShadedVertex(clip: viewProjection.apply(SIMD4(world, 1)),
                                         attr: SIMD4(l, dot(normal, toLight))))
        }
    }

    /// Shadow pass: fits a map to all items' world-space vertices and draws the casters into it.
    private func buildShadowMap(_ scene: Scene, meshes: [TriangleMesh]) -> ShadowMap? {
        var lo = SIMD3<Float>(repeating: .infinity), hi = SIMD3<Float>(repeating: -.infinity)
        var ranges: [Range<Int>] = []
        worldPoints.removeAll(keepingCapacity: true)
        for (item, mesh) in zip(scene.items, meshes) {
            let start = worldPoints.count
            let (c0, c1, c2) = item.pose.rotationColumns
            for p in mesh.positions {
                let w = c0 * p.x + c1 * p.y + c2 * p.z + item.pose.position
                worldPoints.append(w)
                lo = pointwiseMin(lo, w); hi = pointwiseMax(hi, w)
            }
            ranges.append(start..<worldPoints.count)
        }
        guard !worldPoints.isEmpty else { return nil }
        var map = ShadowMap(direction: scene.light.direction, size: scene.light.shadowMapSize, boundsMin: lo, boundsMax: hi)
        for ((item, mesh), range) in zip(zip(scene.items, meshes), ranges) where item.castsShadow {
            let idx = mesh.indices, base = range.lowerBound
            for t in stride(from: 0, to: idx.count, by: 3) {
                map.draw(map.lightSpace(worldPoints[base + Int(idx[t])]),
                         map.lightSpace(worldPoints[base + Int(idx[t + 1])]),
                         map.lightSpace(worldPoints[base + Int(idx[t + 2])]))
            }
        }
        return map
    }
}

/// Counters describing one rendered frame.
public struct RenderStats: Hashable, Sendable {
    /// Items in the scene.
    public var itemCount = 0
    /// Triangles submitted (before culling and clipping).
    public var triangleCount = 0
}
