import AssetImport

/// The built-in primitive objects (boxes, cylinders, spheres at the published scales), built
/// through the same pipeline as imported meshes (density 500 kg/m^3, principal frame).
public enum BuiltinObjects {
    /// Every built-in object.
    public static func all() throws -> [ObjectAsset] {
        [try box(halfExtents: [0.03, 0.03, 0.03]), try box(halfExtents: [0.025, 0.04, 0.05]),
         try cylinder(radius: 0.03, halfHeight: 0.05), try cylinder(radius: 0.025, halfHeight: 0.07),
         try sphere(radius: 0.04), try sphere(radius: 0.05)]
    }

    /// A box with half extents [3], metres.
    public static func box(halfExtents h: [Double]) throws -> ObjectAsset {
        try build(MeshBuilder.box(halfExtents: Vec3(h[0], h[1], h[2])), "box", [h[0], h[1], h[2]])
    }

    /// An upright cylinder (axis z) of radius and half height, metres, 32 sides.
    public static func cylinder(radius r: Double, halfHeight h: Double) throws -> ObjectAsset {
        try build(MeshBuilder.cylinder(radius: r, length: 2 * h, segments: 32), "cylinder", [r, h])
    }

    /// A sphere of the given radius, metres (16 rings x 32 segments).
    public static func sphere(radius r: Double) throws -> ObjectAsset {
        try build(MeshBuilder.sphere(radius: r, rings: 16, segments: 32), "sphere", [r])
    }

    private static func build(_ mesh: TriangleMesh, _ category: String, _ sizes: [Double]) throws -> ObjectAsset {
        let radius = mesh.vertices.map { ($0 * $0).sum().squareRoot() }.max() ?? 0
        var options = ImportOptions()
        options.boundingRadius = radius
        options.surfacePointCount = 256
        options.computeHullDistance = false
        let name = "\(category)-" + sizes.map { String(Int(($0 * 1000).rounded())) }.joined(separator: "x")
        return try AssetBuilder.build(mesh: mesh, name: name, category: category, source: "builtin:\(name)",
                                      options: options).asset
    }
}
