/// Settings of the mesh-to-asset pipeline.
public struct ImportOptions: Sendable, Equatable {
    /// Target bounding radius, metres (largest vertex distance from the bounding-box centre).
    public var boundingRadius: Double = 0.10
    /// Uniform density, kg/m^3 (500 in the task).
    public var density: Double = 500
    /// Surface points stored per object.
    public var surfacePointCount: Int = 1024
    /// Seed of the surface sampling (mixed with the object name by callers that want variety).
    public var samplingSeed: UInt64 = 0
    /// Convex decomposition policy and limits.
    public var decomposition = DecompositionOptions()
    /// Compute the hull-to-mesh distance in the report (O(hull vertices x triangles)).
    public var computeHullDistance: Bool = true
    /// Limits of the file readers.
    public var limits = ReadLimits()

    /// Default settings.
    public init() {}
}

/// The result of processing one mesh.
public struct ImportResult: Sendable {
    /// The object in the project's asset format.
    public var asset: ObjectAsset
    /// What was checked.
    public var report: ValidationReport
}
