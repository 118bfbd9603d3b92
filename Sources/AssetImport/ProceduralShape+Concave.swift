import Foundation

extension ProceduralShape {
    /// Points of a horizontal ring of `radius` at height `z`, at the mesh's angular segments
    /// `from...to` (indices may exceed `segments`; they wrap).
    static func ring(_ radius: Double, z: Double, from: Int = 0, to: Int = segments - 1) -> [Vec3] {
        (from...to).map { s in
            let a = 2 * Double.pi * Double(s) / Double(segments)
            return Vec3(radius * cos(a), radius * sin(a), z)
        }
    }

    /// Bottle: cylindrical body, conical shoulder, cylindrical neck. Pieces: the three frustums.
    static func bottle(_ rng: inout SplitMix64) -> ProceduralShape {
        let r = rng.uniform(0.35...0.6), body = rng.uniform(0.8...1.4), shoulder = rng.uniform(0.2...0.5)
        let neckR = r * rng.uniform(0.3...0.45), neck = rng.uniform(0.25...0.6)
        let z1 = body, z2 = body + shoulder, z3 = body + shoulder + neck
        let profile: [SIMD2<Double>] = [SIMD2(0, 0), SIMD2(r, 0), SIMD2(r, z1), SIMD2(neckR, z2), SIMD2(neckR, z3), SIMD2(0, z3)]
        let pieces = [ring(r, z: 0) + ring(r, z: z1), ring(r, z: z1) + ring(neckR, z: z2), ring(neckR, z: z2) + ring(neckR, z: z3)]
        return ProceduralShape(mesh: MeshBuilder.revolve(profile: profile, segments: segments), pieces: pieces)
    }

    /// Open vessel: a cylindrical cup or a flared bowl with wall thickness `wall` and a solid base.
    /// Pieces: the base disk plus 12 wall sectors (outer arc + flattened inner face).
    static func vesselParts(bottomR: Double, topR: Double, height: Double, wall: Double, base: Double) -> ProceduralShape {
        let slope = (topR - bottomR) / height
        let innerBottom = bottomR - wall + slope * base
        let profile: [SIMD2<Double>] = [SIMD2(0, 0), SIMD2(bottomR, 0), SIMD2(topR, height), SIMD2(topR - wall, height),
                                        SIMD2(innerBottom, base), SIMD2(0, base)]
        var pieces = [ring(bottomR, z: 0) + ring(bottomR + slope * base, z: base)]
        // inner face of a sector: the chord plane halfway between the inscribed chord and the
        // tangent plane, so a piece cuts at most half a sagitta (1.7% of the radius) into the cavity
        let sectors = 12, step = segments / sectors
        let half = Double.pi / Double(sectors)
        let innerScale = (1 + 1 / cos(half)) / 2
        for k in 0..<sectors {
            let (a, b) = (k * step, (k + 1) * step)
            let inner = [a, b].flatMap { s in
                ring(innerBottom * innerScale, z: base, from: s, to: s) + ring((topR - wall) * innerScale, z: height, from: s, to: s)
            }
            pieces.append(ring(bottomR, z: 0, from: a, to: b) + ring(topR, z: height, from: a, to: b) + inner)
        }
        return ProceduralShape(mesh: MeshBuilder.revolve(profile: profile, segments: segments), pieces: pieces)
    }

    static func vessel(bowl: Bool, _ rng: inout SplitMix64) -> ProceduralShape {
        let top = rng.uniform(0.6...1)
        let bottom = bowl ? top * rng.uniform(0.4...0.7) : top * rng.uniform(0.85...1.0)
        let height = bowl ? top * rng.uniform(0.45...0.8) : top * rng.uniform(1.0...2.2)
        let wall = top * rng.uniform(0.06...0.12)
        return vesselParts(bottomR: bottom, topR: top, height: height, wall: wall, base: wall)
    }

    /// Mug: a cylindrical cup with a round handle (a half-torus tube). The handle's ends sink a
    /// little into the wall so the two closed parts touch; pieces: cup pieces + 4 handle pieces.
    static func mug(_ rng: inout SplitMix64) -> ProceduralShape {
        let r = rng.uniform(0.4...0.6), height = r * rng.uniform(1.4...2.4), wall = r * rng.uniform(0.08...0.12)
        var shape = vesselParts(bottomR: r, topR: r, height: height, wall: wall, base: wall)
        let tube = r * rng.uniform(0.1...0.16), arc = height * rng.uniform(0.25...0.4)
        let centre = Vec3(r - 0.5 * tube, 0, height / 2)
        shape.mesh.append(MeshBuilder.arcTube(center: centre, arcRadius: arc, from: -Double.pi / 2, to: Double.pi / 2, radius: tube))
        let steps = 4
        for i in 0..<steps {
            var set: [Vec3] = []
            for t in [Double(i), Double(i + 1)].map({ -Double.pi / 2 + Double.pi * $0 / Double(steps) }) {
                let c = centre + arc * Vec3(cos(t), 0, sin(t))
                let radial = Vec3(cos(t), 0, sin(t))
                for j in 0..<10 {
                    let a = 2 * Double.pi * Double(j) / 10
                    set.append(c + tube * (cos(a) * radial + sin(a) * Vec3(0, 1, 0)))
                }
            }
            shape.pieces?.append(set)
        }
        return shape
    }

    /// Torus; pieces: 12 sectors, each the hull of the tube's cross-sections within it.
    static func torus(_ rng: inout SplitMix64) -> ProceduralShape {
        let minor = rng.uniform(0.15...0.45), major = 1.0, minorSegments = 12
        let mesh = MeshBuilder.torus(major: major, minor: minor, majorSegments: segments, minorSegments: minorSegments)
        let sectors = 12, step = segments / sectors
        let pieces = (0..<sectors).map { k in
            (k * step...(k + 1) * step).flatMap { i in
                (0..<minorSegments).map { j in mesh.vertices[(i % segments) * minorSegments + j] }
            }
        }
        return ProceduralShape(mesh: mesh, pieces: pieces)
    }

    /// L or T block: an extruded L/T polygon; pieces: its two boxes.
    static func block(t: Bool, _ rng: inout SplitMix64) -> ProceduralShape {
        let h = rng.uniform(0.15...0.5), thick = rng.uniform(0.2...0.4)
        func slab(_ x0: Double, _ x1: Double, _ y0: Double, _ y1: Double) -> [Vec3] {
            [Vec3(x0, y0, -h), Vec3(x1, y0, -h), Vec3(x1, y1, -h), Vec3(x0, y1, -h),
             Vec3(x0, y0, h), Vec3(x1, y0, h), Vec3(x1, y1, h), Vec3(x0, y1, h)]
        }
        if t {
            let width = rng.uniform(0.8...1.4), stem = thick * rng.uniform(0.8...1.3), length = rng.uniform(0.6...1.2)
            let polygon: [SIMD2<Double>] = [SIMD2(-stem / 2, 0), SIMD2(stem / 2, 0), SIMD2(stem / 2, length), SIMD2(width / 2, length),
                                            SIMD2(width / 2, length + thick), SIMD2(-width / 2, length + thick), SIMD2(-width / 2, length),
                                            SIMD2(-stem / 2, length)]
            return ProceduralShape(mesh: MeshBuilder.extrude(polygon: polygon, halfHeight: h),
                                   pieces: [slab(-stem / 2, stem / 2, 0, length), slab(-width / 2, width / 2, length, length + thick)])
        }
        let a = 1.0, b = rng.uniform(0.5...1)
        let polygon: [SIMD2<Double>] = [SIMD2(0, 0), SIMD2(a, 0), SIMD2(a, thick), SIMD2(thick, thick), SIMD2(thick, b), SIMD2(0, b)]
        return ProceduralShape(mesh: MeshBuilder.extrude(polygon: polygon, halfHeight: h),
                               pieces: [slab(0, a, 0, thick), slab(0, thick, thick, b)])
    }
}
