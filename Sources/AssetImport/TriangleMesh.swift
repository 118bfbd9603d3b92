/// A 3-D point or direction in double precision (metres unless stated otherwise).
public typealias Vec3 = SIMD3<Double>

/// Dot product of two vectors.
@inlinable func dot(_ a: Vec3, _ b: Vec3) -> Double { (a * b).sum() }

/// Cross product of two vectors.
@inlinable func cross(_ a: Vec3, _ b: Vec3) -> Vec3 {
    Vec3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x)
}

/// Euclidean length of a vector.
@inlinable func length(_ a: Vec3) -> Double { dot(a, a).squareRoot() }

/// An indexed triangle mesh, the working representation of every reader and builder.
///
/// Triangles are counter-clockwise seen from outside for a correctly oriented closed mesh.
public struct TriangleMesh: Sendable, Equatable {
    /// Vertex positions, in the units of the source (metres once processed). Shape [vertexCount].
    public var vertices: [Vec3]
    /// Vertex index triples. Shape [triangleCount]; each index in 0..<vertexCount.
    public var triangles: [SIMD3<Int32>]

    /// Creates a mesh from vertices and index triples.
    public init(vertices: [Vec3] = [], triangles: [SIMD3<Int32>] = []) {
        self.vertices = vertices
        self.triangles = triangles
    }

    /// Corners of triangle `t`.
    @inlinable public func corners(_ t: Int) -> (Vec3, Vec3, Vec3) {
        let tri = triangles[t]
        return (vertices[Int(tri.x)], vertices[Int(tri.y)], vertices[Int(tri.z)])
    }

    /// Area of triangle `t`, square units.
    @inlinable public func area(ofTriangle t: Int) -> Double {
        let (a, b, c) = corners(t)
        return 0.5 * length(cross(b - a, c - a))
    }

    /// Total surface area, square units.
    public var surfaceArea: Double {
        (0..<triangles.count).reduce(0) { $0 + area(ofTriangle: $1) }
    }

    /// Signed enclosed volume (divergence theorem), cubic units; negative when inside out.
    public var signedVolume: Double {
        var v = 0.0
        for t in 0..<triangles.count {
            let (a, b, c) = corners(t)
            v += dot(a, cross(b, c))
        }
        return v / 6
    }

    /// Axis-aligned bounds (min, max); zero vectors for an empty mesh.
    public var bounds: (min: Vec3, max: Vec3) {
        guard var lo = vertices.first else { return (.zero, .zero) }
        var hi = lo
        for v in vertices {
            lo = pointwiseMin(lo, v)
            hi = pointwiseMax(hi, v)
        }
        return (lo, hi)
    }

    /// Appends another mesh, offsetting its indices.
    public mutating func append(_ other: TriangleMesh) {
        let base = Int32(vertices.count)
        vertices += other.vertices
        triangles += other.triangles.map { $0 &+ base }
    }

    /// The mesh with every vertex mapped through `transform`.
    public func mapped(_ transform: (Vec3) -> Vec3) -> TriangleMesh {
        TriangleMesh(vertices: vertices.map(transform), triangles: triangles)
    }

    /// The mesh with each triangle's winding reversed.
    public func flipped() -> TriangleMesh {
        TriangleMesh(vertices: vertices, triangles: triangles.map { SIMD3($0.x, $0.z, $0.y) })
    }

    /// The mesh turned outward-facing if its signed volume is negative.
    public func orientedOutward() -> TriangleMesh { signedVolume < 0 ? flipped() : self }

    /// Vertex positions as a flat xyz `Float` array. Shape [vertexCount * 3].
    public var flatVertices: [Float] {
        var out = [Float]()
        out.reserveCapacity(vertices.count * 3)
        for v in vertices { out += [Float(v.x), Float(v.y), Float(v.z)] }
        return out
    }

    /// Triangle indices as a flat `UInt32` array. Shape [triangleCount * 3].
    public var flatTriangles: [UInt32] {
        var out = [UInt32]()
        out.reserveCapacity(triangles.count * 3)
        for t in triangles { out += [UInt32(t.x), UInt32(t.y), UInt32(t.z)] }
        return out
    }
}
