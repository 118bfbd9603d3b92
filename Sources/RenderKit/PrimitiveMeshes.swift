import Foundation

/// Builders for the closed primitive meshes (outward counter-clockwise winding, smooth normals
/// on curved surfaces, flat normals on planar faces).
enum PrimitiveMeshes {
    /// Box with the given half extents (metres): 24 vertices (4 per face), 12 triangles.
    static func box(halfExtents h: SIMD3<Float>) -> TriangleMesh {
        var p: [SIMD3<Float>] = [], n: [SIMD3<Float>] = [], idx: [UInt32] = []
        // each face: normal axis, and two in-plane axes (u, v) with u x v = normal
        let faces: [(SIMD3<Float>, SIMD3<Float>, SIMD3<Float>)] = [
            (SIMD3(1, 0, 0), SIMD3(0, 1, 0), SIMD3(0, 0, 1)), (SIMD3(-1, 0, 0), SIMD3(0, 0, 1), SIMD3(0, 1, 0)),
            (SIMD3(0, 1, 0), SIMD3(0, 0, 1), SIMD3(1, 0, 0)), (SIMD3(0, -1, 0), SIMD3(1, 0, 0), SIMD3(0, 0, 1)),
            (SIMD3(0, 0, 1), SIMD3(1, 0, 0), SIMD3(0, 1, 0)), (SIMD3(0, 0, -1), SIMD3(0, 1, 0), SIMD3(1, 0, 0)),
        ]
        for (normal, u, v) in faces {
            let base = UInt32(p.count)
            for (su, sv) in [(-1, -1), (1, -1), (1, 1), (-1, 1)] as [(Float, Float)] {
                p.append((normal + u * su + v * sv) * h)
                n.append(normal)
            }
            idx += [base, base + 1, base + 2, base, base + 2, base + 3]
        }
        return TriangleMesh(positions: p, normals: n, indices: idx, cullsBackFaces: true)
    }

    /// Capsule along z (radius and half-length in metres); a sphere when `halfLength == 0`.
    /// `segments` vertices around, `capRings` latitude steps per hemisphere.
    static func capsule(radius r: Float, halfLength h: Float, segments: Int = 24, capRings: Int = 6) -> TriangleMesh {
        var p: [SIMD3<Float>] = [], n: [SIMD3<Float>] = []
        // latitude rings from the south pole to the north pole; the equator is duplicated
        // (once per hemisphere) so the cylinder part spans from -h to +h
        var rings: [(phi: Float, dz: Float)] = (0...capRings).map { (-Float.pi / 2 + Float.pi / 2 * Float($0) / Float(capRings), -h) }
        rings += (0...capRings).map { (Float.pi / 2 * Float($0) / Float(capRings), h) }
        if h == 0 { rings.remove(at: capRings + 1) }
        for (phi, dz) in rings {
            for j in 0...segments {
                let theta = 2 * Float.pi * Float(j) / Float(segments)
                let dir = SIMD3(cosf(phi) * cosf(theta), cosf(phi) * sinf(theta), sinf(phi))
                p.append(dir * r + SIMD3(0, 0, dz))
                n.append(dir)
            }
        }
        return TriangleMesh(positions: p, normals: n,
                            indices: gridIndices(rows: rings.count, columns: segments + 1), cullsBackFaces: true)
    }

    /// Closed cylinder along z (metres): smooth side, flat caps.
    static func cylinder(radius r: Float, halfLength h: Float, segments: Int = 24) -> TriangleMesh {
        var p: [SIMD3<Float>] = [], n: [SIMD3<Float>] = []
        for z in [-h, h] {
            for j in 0...segments {
                let theta = 2 * Float.pi * Float(j) / Float(segments)
                let dir = SIMD3(cosf(theta), sinf(theta), 0)
                p.append(dir * r + SIMD3(0, 0, z))
                n.append(dir)
            }
        }
        var idx = gridIndices(rows: 2, columns: segments + 1)
        // caps: a centre vertex and a fan, wound so the normal points out along +-z
        for (z, sign) in [(-h, Float(-1)), (h, Float(1))] {
            let centre = UInt32(p.count)
            p.append(SIMD3(0, 0, z)); n.append(SIMD3(0, 0, sign))
            for j in 0...segments {
                let theta = 2 * Float.pi * Float(j) / Float(segments)
                p.append(SIMD3(r * cosf(theta), r * sinf(theta), z)); n.append(SIMD3(0, 0, sign))
            }
            for j in 0..<UInt32(segments) {
                let a = centre + 1 + j, b = centre + 2 + j
                idx += sign > 0 ? [centre, a, b] : [centre, b, a]
            }
        }
        return TriangleMesh(positions: p, normals: n, indices: idx, cullsBackFaces: true)
    }

    /// Two triangles per cell of a `rows x columns` vertex grid laid out row-major, wound
    /// counter-clockwise when rows go up (+z) and columns go counter-clockwise about +z.
    private static func gridIndices(rows: Int, columns: Int) -> [UInt32] {
        var idx: [UInt32] = []
        idx.reserveCapacity((rows - 1) * (columns - 1) * 6)
        for i in 0..<(rows - 1) {
            for j in 0..<(columns - 1) {
                let a = UInt32(i * columns + j), b = a + 1, c = b + UInt32(columns), d = a + UInt32(columns)
                idx += [a, b, c, a, c, d]
            }
        }
        return idx
    }
}
