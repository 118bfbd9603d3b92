import GeometryShim

/// Convex hulls and HACD decompositions through the C++ GeometryShim (Bullet).
public enum ConvexHull {
    /// Convex hull of `points` as an outward-oriented closed mesh.
    ///
    /// Throws `AssetError.Kind.degenerate` for fewer than 4 points or coplanar points and
    /// `.nonFinite` for NaN/inf coordinates. `file` only labels the error.
    public static func of(_ points: [Vec3], file: String = "<hull>") throws(AssetError) -> TriangleMesh {
        guard points.count >= 4 else {
            throw AssetError(.degenerate, file: file, "zero volume: \(points.count) point(s) cannot span a solid")
        }
        let flat = points.flatMap { [Float($0.x), Float($0.y), Float($0.z)] }
        var handle: OpaquePointer?
        // SAFETY: `flat` outlives the call; the shim copies the points and keeps no pointer.
        let status = flat.withUnsafeBufferPointer { gs_hull_compute($0.baseAddress, Int32(points.count), &handle) }
        guard status == GS_OK, let handle else { throw shimError(status, file: file) }
        defer { gs_mesh_destroy(handle) }
        return try copyMesh(file: file) { xyz, xyzCap, tris, trisCap in
            gs_mesh_copy(handle, xyz, xyzCap, tris, trisCap)
        } counts: { v, t in gs_mesh_counts(handle, v, t) }
    }

    /// Reads a shim-owned mesh into a `TriangleMesh` through the count and copy calls.
    static func copyMesh(
        file: String,
        copy: (UnsafeMutablePointer<Float>?, Int32, UnsafeMutablePointer<Int32>?, Int32) -> gs_status,
        counts: (UnsafeMutablePointer<Int32>, UnsafeMutablePointer<Int32>) -> gs_status
    ) throws(AssetError) -> TriangleMesh {
        var vertexCount: Int32 = 0, triangleCount: Int32 = 0
        let countStatus = counts(&vertexCount, &triangleCount)
        guard countStatus == GS_OK else { throw shimError(countStatus, file: file) }
        var xyz = [Float](repeating: 0, count: Int(vertexCount) * 3)
        var tris = [Int32](repeating: 0, count: Int(triangleCount) * 3)
        // SAFETY: both buffers have exactly the capacities passed, and the shim writes no more.
        let status = xyz.withUnsafeMutableBufferPointer { x in
            tris.withUnsafeMutableBufferPointer { t in copy(x.baseAddress, Int32(x.count), t.baseAddress, Int32(t.count)) }
        }
        guard status == GS_OK else { throw shimError(status, file: file) }
        let vertices = (0..<Int(vertexCount)).map { Vec3(Double(xyz[3 * $0]), Double(xyz[3 * $0 + 1]), Double(xyz[3 * $0 + 2])) }
        let triangles = (0..<Int(triangleCount)).map { SIMD3(tris[3 * $0], tris[3 * $0 + 1], tris[3 * $0 + 2]) }
        return TriangleMesh(vertices: vertices, triangles: triangles)
    }

    /// Maps a shim status and its last-error text to an `AssetError`.
    static func shimError(_ status: gs_status, file: String) -> AssetError {
        let text = String(cString: gs_last_error())
        switch status {
        case GS_ERR_NON_FINITE: return AssetError(.nonFinite, file: file, text)
        case GS_ERR_DEGENERATE: return AssetError(.degenerate, file: file, "zero volume: \(text)")
        default: return AssetError(.geometry, file: file, "geometry shim failed (\(status.rawValue)): \(text)")
        }
    }
}
