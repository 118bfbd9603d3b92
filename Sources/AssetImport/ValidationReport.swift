/// What the importer checked on one object; printed per object by `asset-import`.
public struct ValidationReport: Sendable, Equatable, Codable {
    /// Object name.
    public var name: String
    /// Source file, or "procedural".
    public var source: String
    /// Every edge shared by exactly two consistently oriented triangles.
    public var isWatertight: Bool
    /// Edges with one triangle (holes).
    public var boundaryEdgeCount: Int
    /// Edges with three or more triangles or inconsistent orientation.
    public var nonManifoldEdgeCount: Int
    /// Zero-area or repeated-vertex triangles removed.
    public var degenerateFaceCount: Int
    /// Triangles kept in the render mesh.
    public var triangleCount: Int
    /// Convex pieces in the collision model.
    public var hullCount: Int
    /// How the collision model was built: "single-hull", "hacd" or "constructive".
    public var collisionMethod: String
    /// Volume enclosed by the mesh, m^3 (nil when the mesh is not closed).
    public var meshVolume: Double?
    /// Volume of the single convex hull of the mesh, m^3.
    public var convexHullVolume: Double
    /// Sum of the convex pieces' volumes, m^3 (overlaps count twice).
    public var piecesVolume: Double
    /// Largest distance from a piece vertex to the mesh surface, metres (nil if not computed).
    public var maxHullDistance: Double?
    /// Mass, kg, and where it came from: "mesh" (closed mesh) or "hulls" (open mesh).
    public var mass: Double
    /// Source of the mass properties.
    public var massSource: String
    /// Warnings that did not stop the import.
    public var warnings: [String]

    /// (pieces volume - mesh volume) / mesh volume, nil without a mesh volume.
    public var piecesVolumeError: Double? { meshVolume.map { (piecesVolume - $0) / $0 } }

    /// A few human-readable lines.
    public var text: String {
        func mm3(_ v: Double) -> String { String(format: "%.1f cm^3", v * 1e6) }
        var lines = ["\(name) (\(source))"]
        lines.append("  watertight: \(isWatertight ? "yes" : "no (\(boundaryEdgeCount) boundary, \(nonManifoldEdgeCount) non-manifold edges)")"
            + ", degenerate faces removed: \(degenerateFaceCount), triangles: \(triangleCount)")
        lines.append("  collision: \(hullCount) convex piece(s) by \(collisionMethod)")
        let err = piecesVolumeError.map { String(format: " (%+.1f%%)", 100 * $0) } ?? ""
        lines.append("  volume: mesh \(meshVolume.map(mm3) ?? "n/a"), hull \(mm3(convexHullVolume)), pieces \(mm3(piecesVolume))\(err)")
        let dist = maxHullDistance.map { String(format: "%.2f mm", $0 * 1000) } ?? "not computed"
        lines.append("  max hull-to-mesh distance: \(dist); mass \(String(format: "%.4f", mass)) kg from \(massSource)")
        for w in warnings { lines.append("  warning: \(w)") }
        return lines.joined(separator: "\n")
    }
}
