import Foundation

/// Closed, outward-oriented triangle meshes of simple solids (metres), shared by the URDF
/// primitive reader and the procedural library.
public enum MeshBuilder {
    /// Axis-aligned box centred at the origin with half-extents `h`, metres. 8 vertices, 12 triangles.
    public static func box(halfExtents h: Vec3) -> TriangleMesh {
        let v = (0..<8).map { i in Vec3(i & 1 == 0 ? -h.x : h.x, i & 2 == 0 ? -h.y : h.y, i & 4 == 0 ? -h.z : h.z) }
        let quads: [(Int32, Int32, Int32, Int32)] = [
            (0, 2, 3, 1), (4, 5, 7, 6), (0, 1, 5, 4), (2, 6, 7, 3), (0, 4, 6, 2), (1, 3, 7, 5),
        ]
        var tris: [SIMD3<Int32>] = []
        for q in quads { tris += [SIMD3(q.0, q.1, q.2), SIMD3(q.0, q.2, q.3)] }
        return TriangleMesh(vertices: v, triangles: tris).orientedOutward()
    }

    /// Solid of revolution about z of a profile polyline of (radius, z) points, metres.
    ///
    /// The profile must start and end on the axis (radius 0) and may fold back (hollow cups).
    /// Interior points with radius 0 are not allowed. `segments` is the count around z (>= 3).
    public static func revolve(profile: [SIMD2<Double>], segments: Int) -> TriangleMesh {
        precondition(profile.count >= 3 && segments >= 3, "revolve needs 3 profile points and 3 segments")
        var mesh = TriangleMesh()
        var rings: [[Int32]] = []  // vertex ids per profile point (one id for a pole)
        for p in profile {
            if p.x <= 0 {
                rings.append([Int32(mesh.vertices.count)])
                mesh.vertices.append(Vec3(0, 0, p.y))
            } else {
                let base = mesh.vertices.count
                rings.append((0..<segments).map { Int32(base + $0) })
                for s in 0..<segments {
                    let a = 2 * Double.pi * Double(s) / Double(segments)
                    mesh.vertices.append(Vec3(p.x * cos(a), p.x * sin(a), p.y))
                }
            }
        }
        for i in 0..<(rings.count - 1) {
            let r0 = rings[i], r1 = rings[i + 1]
            for s in 0..<segments {
                let n = (s + 1) % segments
                switch (r0.count, r1.count) {
                case (1, 1): continue
                case (1, _): mesh.triangles.append(SIMD3(r0[0], r1[n], r1[s]))
                case (_, 1): mesh.triangles.append(SIMD3(r0[s], r0[n], r1[0]))
                default:
                    mesh.triangles.append(SIMD3(r0[s], r0[n], r1[n]))
                    mesh.triangles.append(SIMD3(r0[s], r1[n], r1[s]))
                }
            }
        }
        return mesh.orientedOutward()
    }

    /// Sphere of `radius` metres as a UV sphere with `rings` latitude bands.
    public static func sphere(radius: Double, rings: Int = 12, segments: Int = 24) -> TriangleMesh {
        let profile = (0...rings).map { i -> SIMD2<Double> in
            let phi = Double.pi * Double(i) / Double(rings)
            return SIMD2(i == 0 || i == rings ? 0 : radius * sin(phi), -radius * cos(phi))
        }
        return revolve(profile: profile, segments: segments)
    }

    /// Closed cylinder along z centred at the origin: radius and full length in metres.
    public static func cylinder(radius: Double, length: Double, segments: Int = 24) -> TriangleMesh {
        let h = length / 2
        return revolve(profile: [SIMD2(0, -h), SIMD2(radius, -h), SIMD2(radius, h), SIMD2(0, h)], segments: segments)
    }

    /// Torus about z: `major` ring radius and `minor` tube radius in metres.
    public static func torus(major: Double, minor: Double, majorSegments: Int = 24, minorSegments: Int = 12) -> TriangleMesh {
        var mesh = TriangleMesh()
        for i in 0..<majorSegments {
            let u = 2 * Double.pi * Double(i) / Double(majorSegments)
            for j in 0..<minorSegments {
                let v = 2 * Double.pi * Double(j) / Double(minorSegments)
                let r = major + minor * cos(v)
                mesh.vertices.append(Vec3(r * cos(u), r * sin(u), minor * sin(v)))
            }
        }
        for i in 0..<majorSegments {
            for j in 0..<minorSegments {
                let a = Int32(i * minorSegments + j), b = Int32(((i + 1) % majorSegments) * minorSegments + j)
                let c = Int32(((i + 1) % majorSegments) * minorSegments + (j + 1) % minorSegments)
                let d = Int32(i * minorSegments + (j + 1) % minorSegments)
                mesh.triangles += [SIMD3(a, b, c), SIMD3(a, c, d)]
            }
        }
        return mesh.orientedOutward()
    }

    /// Prism: a simple polygon in the xy plane (metres, either winding) extruded over z in [-h, h].
    public static func extrude(polygon: [SIMD2<Double>], halfHeight h: Double) -> TriangleMesh {
        let ccw = PolygonTriangulator.signedArea(polygon) > 0 ? polygon : polygon.reversed()
        let n = ccw.count
        var mesh = TriangleMesh(vertices: ccw.map { Vec3($0.x, $0.y, -h) } + ccw.map { Vec3($0.x, $0.y, h) })
        for (a, b, c) in PolygonTriangulator.earClip(ccw) {
            mesh.triangles.append(SIMD3(Int32(a), Int32(c), Int32(b)))  // bottom faces -z
            mesh.triangles.append(SIMD3(Int32(a + n), Int32(b + n), Int32(c + n)))
        }
        for i in 0..<n {
            let j = (i + 1) % n
            mesh.triangles += [SIMD3(Int32(i), Int32(j), Int32(j + n)), SIMD3(Int32(i), Int32(j + n), Int32(i + n))]
        }
        return mesh.orientedOutward()
    }

    /// A circular tube of `radius` swept along an arc in the xz plane, with flat end caps.
    ///
    /// The arc is centred at `center` with radius `arcRadius`, from angle `from` to `to` (radians,
    /// measured from +x towards +z). Used for mug handles.
    public static func arcTube(center: Vec3, arcRadius: Double, from: Double, to: Double, radius: Double,
                               steps: Int = 10, segments: Int = 10) -> TriangleMesh {
        var mesh = TriangleMesh()
        for i in 0...steps {
            let t = from + (to - from) * Double(i) / Double(steps)
            let c = center + arcRadius * Vec3(cos(t), 0, sin(t))
            let radial = Vec3(cos(t), 0, sin(t)), side = Vec3(0, 1, 0)
            for j in 0..<segments {
                let a = 2 * Double.pi * Double(j) / Double(segments)
                mesh.vertices.append(c + radius * (cos(a) * radial + sin(a) * side))
            }
        }
        for i in 0..<steps {
            for j in 0..<segments {
                let a = Int32(i * segments + j), b = Int32(i * segments + (j + 1) % segments)
                let c = b + Int32(segments), d = a + Int32(segments)
                mesh.triangles += [SIMD3(a, b, c), SIMD3(a, c, d)]
            }
        }
        let last = Int32(steps * segments)
        for j in 1..<(segments - 1) {  // end caps as fans
            mesh.triangles.append(SIMD3(0, Int32(j + 1), Int32(j)))
            mesh.triangles.append(SIMD3(last, last + Int32(j), last + Int32(j + 1)))
        }
        return mesh.orientedOutward()
    }
}
