/// The processing pipeline: clean, rescale, build the collision model, integrate mass
/// properties, move to the principal frame, sample the surface and validate.
public enum AssetBuilder {
    /// Builds an asset from a mesh in arbitrary units.
    ///
    /// - Parameters:
    ///   - pieces: convex pieces known by construction (procedural shapes), as point sets in the
    ///     mesh's frame; nil lets the decomposition policy decide (single hull or HACD).
    ///   - source: file path (or "procedural"), used in errors and the report.
    /// - Throws: `AssetError` naming `source` for non-finite vertices, bad indices, zero area or
    ///   zero volume.
    public static func build(mesh input: TriangleMesh, name: String, category: String, source: String,
                             options: ImportOptions, pieces knownPieces: [[Vec3]]? = nil) throws(AssetError) -> ImportResult {
        var warnings: [String] = []
        let (normalized, centre, scale) = try normalize(input, radius: options.boundingRadius, source: source)
        let scaledPieces = knownPieces.map { $0.map { $0.map { ($0 - centre) * scale } } }
        let minArea = 1e-14 * options.boundingRadius * options.boundingRadius
        let (cleaned, removed) = MeshTopology.removingDegenerate(normalized, minArea: minArea)
        guard !cleaned.triangles.isEmpty, cleaned.surfaceArea > 0 else {
            throw AssetError(.degenerate, file: source, "zero surface area: every triangle is degenerate")
        }
        let topology = MeshTopology(cleaned)
        var mesh = MeshTopology.compacted(cleaned)
        if topology.isWatertight { mesh = mesh.orientedOutward() } else {
            warnings.append("mesh is not closed: mass properties come from the convex pieces")
        }
        let hull = try ConvexHull.of(mesh.vertices, file: source)
        let hullVolume = hull.signedVolume
        let meshVolume = topology.isWatertight ? mesh.signedVolume : nil
        if let meshVolume, meshVolume <= 1e-6 * hullVolume {
            throw AssetError(.degenerate, file: source, "zero volume: the closed mesh encloses \(meshVolume) m^3")
        }
        // collision model: known pieces, the single hull, or HACD when the shape is concave enough
        let (hulls, method) = try collisionModel(mesh: mesh, hull: hull, meshVolume: meshVolume, known: scaledPieces,
                                                 options: options.decomposition, source: source)
        let piecesMass = hulls.map { MassProperties(closedMesh: $0, density: options.density) }
        let massProps = topology.isWatertight
            ? MassProperties(closedMesh: mesh, density: options.density) : MassProperties(combining: piecesMass)
        let frame = PrincipalFrame(mass: massProps)
        let bodyMesh = mesh.mapped(frame.toBody)
        let bodyHulls = hulls.map { $0.mapped(frame.toBody) }
        let (points, normals) = SurfaceSampler.sample(bodyMesh, count: options.surfacePointCount, seed: options.samplingSeed)
        let asset = ObjectAsset(
            name: name, category: category, boundingRadius: Float(options.boundingRadius), mass: Float(massProps.mass),
            inertiaDiagonal: SIMD3<Float>(frame.moments), volume: Float(massProps.volume),
            hulls: bodyHulls.map(\.flatVertices), renderVertices: bodyMesh.flatVertices, renderTriangles: bodyMesh.flatTriangles,
            surfacePoints: points.flatMap { [Float($0.x), Float($0.y), Float($0.z)] },
            surfaceNormals: normals.flatMap { [Float($0.x), Float($0.y), Float($0.z)] })
        let piecesVolume = piecesMass.reduce(0) { $0 + $1.volume }
        if let meshVolume, abs(piecesVolume - meshVolume) > 0.25 * meshVolume {
            warnings.append(String(format: "convex pieces differ from the mesh volume by %+.0f%%", 100 * (piecesVolume - meshVolume) / meshVolume))
        }
        let report = ValidationReport(
            name: name, source: source, isWatertight: topology.isWatertight, boundaryEdgeCount: topology.boundaryEdgeCount,
            nonManifoldEdgeCount: topology.nonManifoldEdgeCount, degenerateFaceCount: removed, triangleCount: mesh.triangles.count,
            hullCount: hulls.count, collisionMethod: method, meshVolume: meshVolume, convexHullVolume: hullVolume,
            piecesVolume: piecesVolume,
            maxHullDistance: options.computeHullDistance ? HullDistance.maxVertexDistance(pieces: hulls, to: mesh) : nil,
            mass: massProps.mass, massSource: topology.isWatertight ? "mesh" : "hulls", warnings: warnings)
        return ImportResult(asset: asset, report: report)
    }

    /// Checks vertices and indices, then recentres on the bounding-box centre and scales so the
    /// farthest vertex lies at `radius` metres. Returns the mesh, the centre and the scale applied.
    static func normalize(_ mesh: TriangleMesh, radius: Double, source: String) throws(AssetError)
        -> (TriangleMesh, centre: Vec3, scale: Double)
    {
        guard radius.isFinite, radius > 0 else { throw AssetError(.geometry, file: source, "bounding radius must be positive") }
        guard !mesh.vertices.isEmpty, !mesh.triangles.isEmpty else { throw AssetError(.degenerate, file: source, "mesh is empty") }
        if let bad = mesh.vertices.firstIndex(where: { !($0.x.isFinite && $0.y.isFinite && $0.z.isFinite) }) {
            throw AssetError(.nonFinite, file: source, "vertex \(bad) is not finite")
        }
        let n = Int32(mesh.vertices.count)
        if let bad = mesh.triangles.firstIndex(where: { $0.min() < 0 || $0.max() >= n }) {
            throw AssetError(.badIndex, file: source, "triangle \(bad) has an index outside 0..<\(n)")
        }
        let (lo, hi) = mesh.bounds
        let centre = (lo + hi) / 2
        let extent = mesh.vertices.reduce(0.0) { max($0, length($1 - centre)) }
        guard extent > 0 else { throw AssetError(.degenerate, file: source, "zero size: all vertices coincide") }
        let scale = radius / extent
        return (mesh.mapped { ($0 - centre) * scale }, centre, scale)
    }

    /// Chooses and builds the collision pieces (each an outward convex mesh in the mesh frame).
    static func collisionModel(mesh: TriangleMesh, hull: TriangleMesh, meshVolume: Double?, known: [[Vec3]]?,
                               options: DecompositionOptions, source: String) throws(AssetError) -> ([TriangleMesh], String) {
        if let known {
            var pieces: [TriangleMesh] = []
            for set in known { pieces.append(try ConvexHull.of(set, file: source)) }
            return (pieces, "constructive")
        }
        guard let meshVolume, options.maxHulls > 1 else { return ([hull], "single-hull") }
        let concavity = (hull.signedVolume - meshVolume) / hull.signedVolume
        guard concavity > options.concavityThreshold else { return ([hull], "single-hull") }
        return (try ConvexDecomposition.decompose(mesh, options: options, file: source), "hacd")
    }
}
