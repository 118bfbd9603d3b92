/// The body frame the physics side uses: origin at the centre of mass, axes along the
/// principal axes of inertia, so the inertia tensor is diagonal.
public struct PrincipalFrame: Sendable, Equatable {
    /// Centre of mass in the source frame, metres.
    public var origin: Vec3
    /// Principal axes as unit columns in the source frame; a proper rotation (det = +1).
    public var axes: (Vec3, Vec3, Vec3)
    /// Principal moments about `axes`, kg m^2, ascending.
    public var moments: Vec3

    /// Diagonalises `inertia` with cyclic Jacobi rotations and orders the axes by moment.
    public init(mass: MassProperties) {
        let (values, vectors) = PrincipalFrame.symmetricEigen(mass.inertia)
        let order = [0, 1, 2].sorted { values[$0] < values[$1] }
        var a0 = vectors[order[0]], a1 = vectors[order[1]]
        // canonical signs: the largest component of the first two axes is positive
        a0 = PrincipalFrame.canonicalSign(a0)
        a1 = PrincipalFrame.canonicalSign(a1)
        let a2 = cross(a0, a1)
        origin = mass.centerOfMass
        axes = (a0, a1, a2)
        moments = Vec3(values[order[0]], values[order[1]], values[order[2]])
    }

    /// Maps a source-frame point into the principal frame: Rᵀ (p - origin).
    public func toBody(_ p: Vec3) -> Vec3 {
        let d = p - origin
        return Vec3(dot(axes.0, d), dot(axes.1, d), dot(axes.2, d))
    }

    /// Maps a source-frame direction (no translation) into the principal frame.
    public func directionToBody(_ d: Vec3) -> Vec3 { Vec3(dot(axes.0, d), dot(axes.1, d), dot(axes.2, d)) }

    public static func == (l: PrincipalFrame, r: PrincipalFrame) -> Bool {
        l.origin == r.origin && l.axes.0 == r.axes.0 && l.axes.1 == r.axes.1 && l.moments == r.moments
    }

    static func canonicalSign(_ v: Vec3) -> Vec3 {
        let i = abs(v.x) >= abs(v.y) ? (abs(v.x) >= abs(v.z) ? 0 : 2) : (abs(v.y) >= abs(v.z) ? 1 : 2)
        return v[i] < 0 ? -v : v
    }

    /// Eigenvalues and unit eigenvectors of a symmetric matrix (cyclic Jacobi, to 1e-15 relative).
    static func symmetricEigen(_ m: Matrix3) -> ([Double], [Vec3]) {
        var a = m
        var v = Matrix3.identity  // columns accumulate the eigenvectors
        let scale = max(abs(a[0, 0]) + abs(a[1, 1]) + abs(a[2, 2]), .leastNormalMagnitude)
        for _ in 0..<50 {
            let off = abs(a[0, 1]) + abs(a[0, 2]) + abs(a[1, 2])
            if off <= 1e-15 * scale { break }
            for (p, q) in [(0, 1), (0, 2), (1, 2)] where a[p, q] != 0 {
                // rotation angle that zeroes a[p, q]
                let theta = (a[q, q] - a[p, p]) / (2 * a[p, q])
                let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                let c = 1 / (t * t + 1).squareRoot(), s = t * c
                for k in 0..<3 {  // A <- A J
                    let akp = a[k, p], akq = a[k, q]
                    a[k, p] = c * akp - s * akq
                    a[k, q] = s * akp + c * akq
                }
                for k in 0..<3 {  // A <- Jᵀ A
                    let apk = a[p, k], aqk = a[q, k]
                    a[p, k] = c * apk - s * aqk
                    a[q, k] = s * apk + c * aqk
                }
                for k in 0..<3 {  // V <- V J
                    let vkp = v[k, p], vkq = v[k, q]
                    v[k, p] = c * vkp - s * vkq
                    v[k, q] = s * vkp + c * vkq
                }
            }
        }
        let vectors = (0..<3).map { j in Vec3(v[0, j], v[1, j], v[2, j]) }
        return ([a[0, 0], a[1, 1], a[2, 2]], vectors)
    }
}
