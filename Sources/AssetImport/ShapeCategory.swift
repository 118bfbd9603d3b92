import Foundation

/// The 15 procedural shape categories, chosen for the grasps they demand (power, pinch,
/// handle, rim, ring).
public enum ShapeCategory: String, CaseIterable, Sendable, Codable {
    case box, cylinder, sphere, ellipsoid, capsule, cone, prism, bottle, bowl, cup, mug, torus, lBlock, tBlock, rock

    /// Default categories held out of training for the unseen-category test split: each has
    /// a relative in training (capsule ~ cylinder/sphere, mug ~ cup/torus, T ~ L block), as
    /// DexGraspNet's unseen categories share parts with seen ones.
    public static let defaultHeldOut: [ShapeCategory] = [.capsule, .mug, .tBlock]

    /// Whether the shape is concave and gets a multi-piece collision model.
    public var isConcave: Bool {
        switch self {
        case .bottle, .bowl, .cup, .mug, .torus, .lBlock, .tBlock: return true
        default: return false
        }
    }
}

/// A procedural shape before rescaling: the render mesh and, for concave shapes, convex
/// pieces as point sets (each piece's hull is one collision shape). Arbitrary units.
public struct ProceduralShape: Sendable {
    /// Closed, outward-oriented render mesh.
    public var mesh: TriangleMesh
    /// Convex pieces known by construction; nil for convex shapes (one hull of the mesh).
    public var pieces: [[Vec3]]?
}

extension ProceduralShape {
    /// Segments around the axis of solids of revolution (render and pieces).
    static let segments = 24

    /// A random instance of `category` drawn from `rng`; proportions vary per instance.
    public static func make(_ category: ShapeCategory, rng: inout SplitMix64) -> ProceduralShape {
        switch category {
        case .box:
            return ProceduralShape(mesh: MeshBuilder.box(halfExtents: Vec3(rng.uniform(0.3...1), rng.uniform(0.3...1), rng.uniform(0.3...1))))
        case .cylinder:
            return ProceduralShape(mesh: MeshBuilder.cylinder(radius: rng.uniform(0.3...1), length: 2 * rng.uniform(0.3...1.2), segments: segments))
        case .sphere:  // balls: up to 12% flattened, so instances differ beyond their scale
            let squash = Vec3(1, rng.uniform(0.94...1), rng.uniform(0.88...1))
            return ProceduralShape(mesh: MeshBuilder.sphere(radius: 1, rings: 12, segments: segments).mapped { $0 * squash })
        case .ellipsoid:
            let axes = Vec3(1, rng.uniform(0.4...0.9), rng.uniform(0.3...1.0))
            return ProceduralShape(mesh: MeshBuilder.sphere(radius: 1, rings: 12, segments: segments).mapped { $0 * axes })
        case .capsule: return capsule(&rng)
        case .cone: return cone(&rng)
        case .prism: return prism(&rng)
        case .rock: return rock(&rng)
        case .bottle: return bottle(&rng)
        case .bowl, .cup: return vessel(bowl: category == .bowl, &rng)
        case .mug: return mug(&rng)
        case .torus: return torus(&rng)
        case .lBlock, .tBlock: return block(t: category == .tBlock, &rng)
        }
    }

    static func capsule(_ rng: inout SplitMix64) -> ProceduralShape {
        let r = rng.uniform(0.2...0.6), h = rng.uniform(0.3...1.2)
        let rings = 6
        var profile: [SIMD2<Double>] = []
        for i in 0...rings {  // bottom hemisphere
            let a = Double.pi / 2 * Double(i) / Double(rings)
            profile.append(SIMD2(i == 0 ? 0 : r * sin(a), -h - r * cos(a)))
        }
        for i in 0...rings {  // top hemisphere
            let a = Double.pi / 2 * Double(i) / Double(rings)
            profile.append(SIMD2(i == rings ? 0 : r * cos(a), h + r * sin(a)))
        }
        return ProceduralShape(mesh: MeshBuilder.revolve(profile: profile, segments: segments))
    }

    static func cone(_ rng: inout SplitMix64) -> ProceduralShape {
        let bottom = rng.uniform(0.5...1), height = rng.uniform(0.6...2)
        let top = rng.unit() < 0.3 ? 0 : bottom * rng.uniform(0.15...0.7)
        let profile: [SIMD2<Double>] = top == 0
            ? [SIMD2(0, 0), SIMD2(bottom, 0), SIMD2(0, height)]
            : [SIMD2(0, 0), SIMD2(bottom, 0), SIMD2(top, height), SIMD2(0, height)]
        return ProceduralShape(mesh: MeshBuilder.revolve(profile: profile, segments: segments))
    }

    static func prism(_ rng: inout SplitMix64) -> ProceduralShape {
        let n = 3 + Int(rng.next() % 6)  // 3...8 sides
        let phase = rng.uniform(0...(2 * Double.pi))
        let polygon = (0..<n).map { i -> SIMD2<Double> in
            let a = phase + 2 * Double.pi * Double(i) / Double(n)
            return SIMD2(cos(a), sin(a))
        }
        return ProceduralShape(mesh: MeshBuilder.extrude(polygon: polygon, halfHeight: rng.uniform(0.2...1.2)))
    }

    /// An irregular convex stone: the hull of 24 to 40 jittered points on a random ellipsoid.
    static func rock(_ rng: inout SplitMix64) -> ProceduralShape {
        let axes = Vec3(1, rng.uniform(0.5...0.9), rng.uniform(0.35...0.8))
        let count = 24 + Int(rng.next() % 17)
        var points: [Vec3] = []
        while points.count < count {
            let d = Vec3(rng.uniform(-1...1), rng.uniform(-1...1), rng.uniform(-1...1))
            let l = length(d)
            guard l > 0.2, l <= 1 else { continue }
            points.append(d / l * rng.uniform(0.8...1.0) * axes)
        }
        // a fixed point set always spans 3-D here (points on an ellipsoid shell), so the hull exists
        let hull = (try? ConvexHull.of(points)) ?? MeshBuilder.sphere(radius: 1, rings: 6, segments: 8).mapped { $0 * axes }
        return ProceduralShape(mesh: hull)
    }
}
