/// An immutable indexed triangle mesh in its local frame (metres), ready to rasterise.
///
/// Vertices carry a normal each. Builders for boxes, capsules, spheres and cylinders
/// produce closed meshes with counter-clockwise outward winding, so the rasteriser culls
/// their back faces. Meshes made from arbitrary data (for example imported object
/// meshes, whose winding may be inconsistent) are drawn two-sided by default.
public final class TriangleMesh: Hashable, Sendable {
    /// How vertex normals are made for a mesh built from raw positions.
    public enum Shading: Sendable {
        /// One normal per face: vertices are split so every triangle is lit uniformly.
        case flat
        /// Area-weighted average of the faces meeting at each shared vertex.
        case smooth
    }

    /// Vertex positions, metres, local frame. Shape `[vertexCount]`.
    let positions: [SIMD3<Float>]
    /// Unit vertex normals, local frame. Shape `[vertexCount]`.
    let normals: [SIMD3<Float>]
    /// Triangle vertex indices into `positions`. Shape `[triangleCount * 3]`.
    let indices: [UInt32]
    /// Whether back faces (clockwise on screen) are skipped; true only for closed, consistently wound meshes.
    public let cullsBackFaces: Bool

    /// Number of triangles.
    public var triangleCount: Int { indices.count / 3 }
    /// Number of vertices (after any flat-shading split).
    public var vertexCount: Int { positions.count }

    /// Builds a mesh from flat data.
    /// - Parameters:
    ///   - positions: `xyz` triples, metres, local frame. Shape `[vertexCount * 3]`.
    ///   - indices: triangle corners, three per triangle, each `< vertexCount`. Shape `[triangleCount * 3]`.
    ///   - shading: `.flat` (default, good for scanned objects) or `.smooth`.
    ///   - cullsBackFaces: pass `true` only for closed meshes wound counter-clockwise seen from outside.
    public convenience init(positions: [Float], indices: [UInt32], shading: Shading = .flat,
                            cullsBackFaces: Bool = false) {
        precondition(positions.count % 3 == 0, "TriangleMesh: positions.count must be a multiple of 3")
        precondition(indices.count % 3 == 0, "TriangleMesh: indices.count must be a multiple of 3")
        let vertexCount = positions.count / 3
        precondition(indices.allSatisfy { Int($0) < vertexCount }, "TriangleMesh: index out of range")
        let points = (0..<vertexCount).map {
            SIMD3(positions[3 * $0], positions[3 * $0 + 1], positions[3 * $0 + 2])
        }
        switch shading {
        case .flat:
            var p: [SIMD3<Float>] = [], n: [SIMD3<Float>] = []
            p.reserveCapacity(indices.count)
            n.reserveCapacity(indices.count)
            for t in stride(from: 0, to: indices.count, by: 3) {
                let a = points[Int(indices[t])], b = points[Int(indices[t + 1])], c = points[Int(indices[t + 2])]
                let normal = normalize(cross(b - a, c - a))
                p += [a, b, c]
                n += [normal, normal, normal]
            }
            self.init(positions: p, normals: n, indices: (0..<UInt32(p.count)).map { $0 },
                      cullsBackFaces: cullsBackFaces)
        case .smooth:
            var n = [SIMD3<Float>](repeating: .zero, count: vertexCount)
            for t in stride(from: 0, to: indices.count, by: 3) {
                let i = Int(indices[t]), j = Int(indices[t + 1]), k = Int(indices[t + 2])
                let areaNormal = cross(points[j] - points[i], points[k] - points[i])
                n[i] += areaNormal; n[j] += areaNormal; n[k] += areaNormal
            }
            self.init(positions: points, normals: n.map(normalize), indices: indices,
                      cullsBackFaces: cullsBackFaces)
        }
    }

    /// Internal designated initialiser used by the primitive builders.
    init(positions: [SIMD3<Float>], normals: [SIMD3<Float>], indices: [UInt32], cullsBackFaces: Bool) {
        precondition(positions.count == normals.count, "TriangleMesh: one normal per vertex")
        self.positions = positions
        self.normals = normals
        self.indices = indices
        self.cullsBackFaces = cullsBackFaces
    }

    /// Meshes compare by identity: two separately built meshes are different assets.
    public static func == (a: TriangleMesh, b: TriangleMesh) -> Bool { a === b }

    /// Hashes the identity of the mesh object.
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}

/// The geometry of one drawable item, in its local frame (metres).
public enum Shape: Hashable, Sendable {
    /// Axis-aligned box centred at the origin with the given half extents, metres.
    case box(halfExtents: SIMD3<Float>)
    /// Capsule along local z: a cylinder of `radius` from `z = -halfLength` to `+halfLength`
    /// with hemispherical caps (Bullet's `btCapsuleShapeZ`), metres.
    case capsule(radius: Float, halfLength: Float)
    /// Sphere centred at the origin, metres.
    case sphere(radius: Float)
    /// Closed cylinder along local z from `-halfLength` to `+halfLength`, metres.
    case cylinder(radius: Float, halfLength: Float)
    /// An arbitrary triangle mesh (for example an object asset).
    case mesh(TriangleMesh)
}
