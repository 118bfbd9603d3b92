/// Inertia of a body from its collision primitives (uniform density, scaled to a given mass).
enum GeomInertia {
    /// Smallest principal moment returned, kg m^2 (bodies without geometry get a small sphere).
    static let floor: Float = 1e-7

    /// Diagonal inertia about `center` of `geoms` with total `mass`, ignoring products of
    /// inertia and geom rotations (the hand's primitives are axis-aligned). [3]
    static func inertia(of geoms: [HandDescription.Geom], mass: Float, center: [Float]) -> [Float] {
        let volumes = geoms.map(volume)
        let total = volumes.reduce(0, +)
        guard total > 0 else { return [Float](repeating: max(floor, 0.4 * mass * 0.005 * 0.005), count: 3) }
        var result: [Float] = [0, 0, 0]
        for (g, v) in zip(geoms, volumes) {
            let m = mass * v / total
            let own = unitInertia(g)
            let d = (0..<3).map { g.position[$0] - center[$0] }
            for k in 0..<3 {
                let perpendicular = d[(k + 1) % 3] * d[(k + 1) % 3] + d[(k + 2) % 3] * d[(k + 2) % 3]
                result[k] += m * (own[k] + perpendicular)
            }
        }
        return result.map { max($0, floor) }
    }

    static func volume(_ g: HandDescription.Geom) -> Float {
        switch g.kind {
        case .box: 8 * g.size[0] * g.size[1] * g.size[2]
        case .sphere: 4 / 3 * .pi * g.size[0] * g.size[0] * g.size[0]
        case .capsule: .pi * g.size[0] * g.size[0] * (2 * g.size[1] + 4 / 3 * g.size[0])
        }
    }

    /// Moments per unit mass about the primitive's own centre. [3]
    static func unitInertia(_ g: HandDescription.Geom) -> [Float] {
        switch g.kind {
        case .box:
            let (a, b, c) = (g.size[0] * g.size[0], g.size[1] * g.size[1], g.size[2] * g.size[2])
            return [(b + c) / 3, (a + c) / 3, (a + b) / 3]
        case .sphere: return [Float](repeating: 0.4 * g.size[0] * g.size[0], count: 3)
        case .capsule:
            // approximated as a cylinder of the full length (radius r, length 2h + 2r) along z
            let r = g.size[0], length = 2 * g.size[1] + 2 * r
            let across = (3 * r * r + length * length) / 12
            return [across, across, r * r / 2]
        }
    }
}
