import GeometryShim

/// Settings of the convex decomposition and of the policy that decides when to use it.
public struct DecompositionOptions: Sendable, Equatable {
    /// Decompose when (hull volume - mesh volume) / hull volume exceeds this. Dimensionless.
    public var concavityThreshold: Double = 0.08
    /// Upper bound on convex pieces per object.
    public var maxHulls: Int = 16
    /// Base HACD concavity tolerance as a fraction of the bounding-box diagonal; HACD runs at
    /// 2^5 times this (see `ConvexDecomposition.decompose(_:options:compacity:file:)`).
    public var concavityFraction: Double = 0.02
    /// Cap on vertices per convex piece (keeps collision cheap).
    public var maxVerticesPerHull: Int = 64
    /// HACD compacity weight (alpha). Measured on a torus (major/minor 3) with 16 pieces: 0.1 gives
    /// +31% piece volume over the mesh, 1.0 gives +15%, 20 gives +7%; on a mug 1.0 gives +6%.
    public var compacityWeight: Double = 1.0

    /// Default settings.
    public init() {}
}

/// Convex decomposition of closed meshes with Bullet's HACD.
public enum ConvexDecomposition {
    /// Convex pieces of `mesh` (outward meshes), at most `options.maxHulls`.
    ///
    /// HACD merges clusters until the next merge would exceed the concavity tolerance or only
    /// `maxHulls` remain (see the compacity-weight retry below and the tolerance in
    /// `decompose(_:options:compacity:file:)`). Throws on degenerate input; never returns an
    /// empty array.
    public static func decompose(_ mesh: TriangleMesh, options: DecompositionOptions, file: String = "<mesh>")
        throws(AssetError) -> [TriangleMesh]
    {
        // HACD's result swings with the compacity weight (see `compacityWeight`); when the first
        // run's pieces overshoot the mesh volume by more than 10%, a run at 20x the weight is
        // tried too and the closer of the two is kept
        let volume = mesh.signedVolume
        let first = try decompose(mesh, options: options, compacity: options.compacityWeight, file: file)
        let error = { (p: [TriangleMesh]) in abs(p.reduce(0) { $0 + $1.signedVolume } - volume) / volume }
        guard error(first) > 0.10 else { return first }
        let second = try decompose(mesh, options: options, compacity: 20 * options.compacityWeight, file: file)
        return error(second) < error(first) ? second : first
    }

    /// How many times the tolerance was doubled at most when HACD left too many pieces; HACD now
    /// runs once at `concavityFraction` x 2^toleranceDoublings (of the bounding-box diagonal).
    static let toleranceDoublings = 5

    /// HACD with a fixed compacity weight, respecting `maxHulls`: one run at the largest tolerance
    /// of the former schedule, the largest `maxHulls` pieces kept if it leaves more.
    ///
    /// The schedule ran HACD at `concavityFraction` x 1, 2, 4, ... 32 until a run left at most
    /// `maxHulls` pieces: up to 6 full runs (an import of 8 meshes of a few thousand triangles
    /// spent most of its minutes there, `docs/assets.md`). HACD collapses the dual graph's edges
    /// in an order that does not depend on the tolerance (priority = concavity + compacity
    /// weight x perimeter^2 / (4 pi area), HACD 3.24 `ComputeEdgeCost`) and stops at the first
    /// edge at or over the tolerance, at `maxHulls` clusters, or when no edge is left. So a run
    /// at a larger tolerance repeats a smaller one's merges and goes on, and the run the schedule
    /// accepted, which stopped at `maxHulls` clusters or with no edge left, made exactly the
    /// merges the last one makes: the pieces are the same. The one case where they differ: a run
    /// stopped by the tolerance with more than `maxHulls` clusters, but enough of them degenerate
    /// (dropped by the shim) to leave at most `maxHulls` pieces; the schedule kept those, the
    /// single run merges on.
    static func decompose(_ mesh: TriangleMesh, options: DecompositionOptions, compacity: Double, file: String)
        throws(AssetError) -> [TriangleMesh]
    {
        let (lo, hi) = mesh.bounds
        let tolerance = options.concavityFraction * Double(1 << toleranceDoublings) * length(hi - lo)
        let pieces = try run(mesh, options: options, concavity: tolerance, compacity: compacity, file: file)
        if pieces.count <= options.maxHulls { return pieces }
        // still too many: keep the largest pieces (reported by the volume check in validation)
        return Array(pieces.sorted { $0.signedVolume > $1.signedVolume }.prefix(options.maxHulls))
    }

    /// One HACD run with the concavity tolerance `concavity` in metres.
    static func run(_ mesh: TriangleMesh, options: DecompositionOptions, concavity: Double, compacity: Double, file: String)
        throws(AssetError) -> [TriangleMesh]
    {
        let xyz = mesh.flatVertices
        let tris = mesh.triangles.flatMap { [$0.x, $0.y, $0.z] }
        var desc = gs_decompose_desc()
        desc.struct_size = UInt32(MemoryLayout<gs_decompose_desc>.size)
        desc.min_clusters = Int32(max(1, options.maxHulls))
        desc.max_vertices_per_hull = Int32(max(4, options.maxVerticesPerHull))
        desc.concavity = concavity
        desc.compacity_weight = compacity
        desc.volume_weight = 0
        desc.connect_distance = 0
        desc.add_extra_dist_points = 1
        desc.add_face_points = 1
        var handle: OpaquePointer?
        // SAFETY: the arrays and `desc` outlive the call; the shim copies what it needs.
        let status = xyz.withUnsafeBufferPointer { x in
            tris.withUnsafeBufferPointer { t in
                gs_decompose(x.baseAddress, Int32(mesh.vertices.count), t.baseAddress, Int32(mesh.triangles.count), &desc, &handle)
            }
        }
        guard status == GS_OK, let handle else { throw ConvexHull.shimError(status, file: file) }
        defer { gs_decomposition_destroy(handle) }
        var count: Int32 = 0
        _ = gs_decomposition_count(handle, &count)
        var pieces: [TriangleMesh] = []
        for i in 0..<count {
            let piece = try ConvexHull.copyMesh(file: file) { x, xc, t, tc in
                gs_decomposition_copy_piece(handle, i, x, xc, t, tc)
            } counts: { v, t in gs_decomposition_piece_counts(handle, i, v, t) }
            pieces.append(piece)
        }
        return pieces
    }
}

