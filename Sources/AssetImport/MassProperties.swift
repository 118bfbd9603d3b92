/// A symmetric 3x3 matrix stored by rows (used for second moments and inertia tensors).
public struct Matrix3: Sendable, Equatable {
    /// Rows of the matrix.
    public var rows: (Vec3, Vec3, Vec3)

    /// Creates a matrix from three rows.
    public init(_ r0: Vec3, _ r1: Vec3, _ r2: Vec3) { rows = (r0, r1, r2) }

    /// The zero matrix.
    public static let zero = Matrix3(.zero, .zero, .zero)
    /// The identity matrix.
    public static let identity = Matrix3(Vec3(1, 0, 0), Vec3(0, 1, 0), Vec3(0, 0, 1))

    /// Element at row `i`, column `j`.
    public subscript(i: Int, j: Int) -> Double {
        get { i == 0 ? rows.0[j] : (i == 1 ? rows.1[j] : rows.2[j]) }
        set {
            switch i {
            case 0: rows.0[j] = newValue
            case 1: rows.1[j] = newValue
            default: rows.2[j] = newValue
            }
        }
    }

    /// Outer product a bᵀ.
    public static func outer(_ a: Vec3, _ b: Vec3) -> Matrix3 { Matrix3(a.x * b, a.y * b, a.z * b) }

    public static func + (l: Matrix3, r: Matrix3) -> Matrix3 {
        Matrix3(l.rows.0 + r.rows.0, l.rows.1 + r.rows.1, l.rows.2 + r.rows.2)
    }
    public static func - (l: Matrix3, r: Matrix3) -> Matrix3 {
        Matrix3(l.rows.0 - r.rows.0, l.rows.1 - r.rows.1, l.rows.2 - r.rows.2)
    }
    public static func * (s: Double, m: Matrix3) -> Matrix3 { Matrix3(s * m.rows.0, s * m.rows.1, s * m.rows.2) }

    /// Sum of the diagonal.
    public var trace: Double { rows.0.x + rows.1.y + rows.2.z }

    public static func == (l: Matrix3, r: Matrix3) -> Bool {
        l.rows.0 == r.rows.0 && l.rows.1 == r.rows.1 && l.rows.2 == r.rows.2
    }
}

/// Mass, centre of mass and inertia of a uniform-density solid.
public struct MassProperties: Sendable, Equatable {
    /// Enclosed volume, m^3.
    public var volume: Double
    /// Mass, kg.
    public var mass: Double
    /// Centre of mass, metres, in the frame of the input mesh.
    public var centerOfMass: Vec3
    /// Inertia tensor about the centre of mass, kg m^2, axes of the input frame.
    public var inertia: Matrix3

    /// Exact properties of a closed, outward-oriented triangle mesh of uniform `density` (kg/m^3).
    ///
    /// Divergence theorem over the signed tetrahedra (origin, a, b, c): per tetrahedron the
    /// volume is det/6, the first moment det/24 (a+b+c) and the second moment
    /// ∫x xᵀ dV = det/120 (a aᵀ + b bᵀ + c cᵀ + s sᵀ), s = a+b+c. Exact for any closed mesh;
    /// for an open mesh the result depends on the origin and is meaningless.
    public init(closedMesh mesh: TriangleMesh, density: Double) {
        // accumulate about the vertex mean to limit cancellation for meshes far from the origin
        let ref = mesh.vertices.reduce(Vec3.zero, +) / Double(max(mesh.vertices.count, 1))
        var volume = 0.0, first = Vec3.zero, second = Matrix3.zero
        for t in mesh.triangles {
            let a = mesh.vertices[Int(t.x)] - ref, b = mesh.vertices[Int(t.y)] - ref, c = mesh.vertices[Int(t.z)] - ref
            let det = dot(a, cross(b, c))
            let s = a + b + c
            volume += det / 6
            first += det / 24 * s
            second = second + (det / 120) * (Matrix3.outer(a, a) + .outer(b, b) + .outer(c, c) + .outer(s, s))
        }
        let centroid = volume != 0 ? first / volume : .zero
        let central = second - volume * Matrix3.outer(centroid, centroid)
        self.volume = volume
        self.mass = density * volume
        self.centerOfMass = centroid + ref
        self.inertia = density * (central.trace * Matrix3.identity - central)
    }

    /// Combined properties of several bodies (parallel-axis theorem). Overlaps count twice.
    public init(combining parts: [MassProperties]) {
        let mass = parts.reduce(0) { $0 + $1.mass }
        let volume = parts.reduce(0) { $0 + $1.volume }
        let com = mass > 0 ? parts.reduce(Vec3.zero) { $0 + $1.mass * $1.centerOfMass } / mass : .zero
        var inertia = Matrix3.zero
        for p in parts {
            let d = p.centerOfMass - com
            inertia = inertia + p.inertia + p.mass * (dot(d, d) * Matrix3.identity - Matrix3.outer(d, d))
        }
        self.volume = volume
        self.mass = mass
        self.centerOfMass = com
        self.inertia = inertia
    }
}
