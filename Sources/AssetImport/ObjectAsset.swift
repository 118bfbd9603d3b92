/// One graspable object in the project's asset format, everything in its principal frame:
/// origin at the centre of mass, axes along the principal axes of inertia (so the inertia
/// tensor is diagonal), metres and kilograms.
public struct ObjectAsset: Sendable, Equatable {
    /// Unique name within the library, e.g. "mug-train-0042".
    public var name: String
    /// Shape category, e.g. "mug"; unseen-category splits hold categories absent from training.
    public var category: String
    /// Requested bounding radius, metres: the largest vertex distance from the bounding-box
    /// centre after rescaling (0.06 to 0.15 in the task). The COM origin may be off that centre.
    public var boundingRadius: Float
    /// Mass, kg (density x volume).
    public var mass: Float
    /// Principal moments of inertia about the body x, y, z axes, kg m^2, ascending.
    public var inertiaDiagonal: SIMD3<Float>
    /// Solid volume used for the mass, m^3.
    public var volume: Float
    /// Convex collision pieces: each a flat xyz vertex list, metres, principal frame.
    /// Shape [hullCount][vertexCount_i * 3]. Feed each to btConvexHullShape.
    public var hulls: [[Float]]
    /// Render mesh vertices, flat xyz, metres, principal frame. Shape [renderVertexCount * 3].
    public var renderVertices: [Float]
    /// Render mesh triangles, counter-clockwise from outside. Shape [renderTriangleCount * 3].
    public var renderTriangles: [UInt32]
    /// Surface points, flat xyz, metres, principal frame. Shape [surfacePointCount * 3].
    public var surfacePoints: [Float]
    /// Outward unit normals of `surfacePoints`. Shape [surfacePointCount * 3].
    public var surfaceNormals: [Float]
    /// 64-number shape code from the project's point-cloud encoder; nil until it is computed.
    public var shapeCode: [Float]?

    /// Number of convex pieces.
    public var hullCount: Int { hulls.count }
    /// Number of surface points.
    public var surfacePointCount: Int { surfacePoints.count / 3 }
    /// Largest distance of any render vertex from the body origin (the COM), metres.
    public var radiusAboutCenterOfMass: Float {
        var r2: Float = 0
        for i in stride(from: 0, to: renderVertices.count, by: 3) {
            let x = renderVertices[i], y = renderVertices[i + 1], z = renderVertices[i + 2]
            r2 = max(r2, x * x + y * y + z * z)
        }
        return r2.squareRoot()
    }

    /// Length of every shape code.
    public static let shapeCodeLength = 64

    /// Memberwise initialiser.
    public init(name: String, category: String, boundingRadius: Float, mass: Float, inertiaDiagonal: SIMD3<Float>,
                volume: Float, hulls: [[Float]], renderVertices: [Float], renderTriangles: [UInt32],
                surfacePoints: [Float], surfaceNormals: [Float], shapeCode: [Float]? = nil) {
        self.name = name
        self.category = category
        self.boundingRadius = boundingRadius
        self.mass = mass
        self.inertiaDiagonal = inertiaDiagonal
        self.volume = volume
        self.hulls = hulls
        self.renderVertices = renderVertices
        self.renderTriangles = renderTriangles
        self.surfacePoints = surfacePoints
        self.surfaceNormals = surfaceNormals
        self.shapeCode = shapeCode
    }
}
