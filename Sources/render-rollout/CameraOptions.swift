import ArgumentParser
import RolloutViews

/// Camera options shared by rollout rendering: an orbit around a target point.
struct CameraOptions: ParsableArguments {
    @Option(help: "Eye direction about world z, degrees from +x towards +y.")
    var azimuth: Float = CameraRig().azimuthDegrees
    @Option(help: "Eye height angle above the horizontal, degrees.")
    var elevation: Float = CameraRig().elevationDegrees
    @Option(help: "Eye distance from the target, metres.")
    var distance: Float = CameraRig().distance
    @Option(help: "Vertical field of view, degrees.")
    var fov: Float = CameraRig().verticalFOVDegrees
    @Option(help: "Point looked at, metres, env-local, as x,y,z (default: 0.17 m above the table centre).")
    var target: String?

    func validate() throws {
        guard distance > 0.05, (1...150).contains(fov), (-89...89).contains(elevation) else {
            throw ValidationError("need distance > 0.05 m, fov in 1...150 and elevation in -89...89 degrees")
        }
        if target != nil { _ = try targetPoint() }
    }

    /// The resolved rig.
    func rig() throws -> CameraRig {
        var rig = CameraRig()
        rig.azimuthDegrees = azimuth
        rig.elevationDegrees = elevation
        rig.distance = distance
        rig.verticalFOVDegrees = fov
        if let point = try targetPoint() { rig.target = point }
        return rig
    }

    private func targetPoint() throws -> SIMD3<Float>? {
        guard let target else { return nil }
        let parts = target.split(separator: ",").compactMap { Float($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 3, parts.allSatisfy(\.isFinite) else { throw ValidationError("--target needs x,y,z in metres, got '\(target)'") }
        return SIMD3(parts[0], parts[1], parts[2])
    }
}
