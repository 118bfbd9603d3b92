import Foundation
@testable import RenderKit

/// Independent camera math for tests: projects a world point to pixel coordinates with the
/// documented conventions (look-at basis, vertical fov, pixel y down), without using `Camera`.
func referenceProject(_ p: SIMD3<Double>, eye: SIMD3<Double>, target: SIMD3<Double>, up: SIMD3<Double>,
                      fovDegrees: Double, width: Int, height: Int) -> SIMD2<Double> {
    func dot(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> Double { (a * b).sum() }
    func cross(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> SIMD3<Double> {
        SIMD3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x)
    }
    func unit(_ a: SIMD3<Double>) -> SIMD3<Double> { a / dot(a, a).squareRoot() }
    let f = unit(target - eye), r = unit(cross(f, up)), u = cross(r, f)
    let d = p - eye
    let focal = 1 / tan(fovDegrees * .pi / 360), aspect = Double(width) / Double(height)
    let ndcX = focal / aspect * dot(d, r) / dot(d, f), ndcY = focal * dot(d, u) / dot(d, f)
    return SIMD2((ndcX + 1) / 2 * Double(width), (1 - ndcY) / 2 * Double(height))
}

/// Rotates `v` by `angle` radians about the unit `axis` (Rodrigues' formula).
func rodrigues(_ v: SIMD3<Double>, axis: SIMD3<Double>, angle: Double) -> SIMD3<Double> {
    let k = axis / (axis * axis).sum().squareRoot()
    let kxv = SIMD3(k.y * v.z - k.z * v.y, k.z * v.x - k.x * v.z, k.x * v.y - k.y * v.x)
    return v * cos(angle) + kxv * sin(angle) + k * (k * v).sum() * (1 - cos(angle))
}

/// Convex hull (counter-clockwise in a y-up sense, Andrew's monotone chain).
func convexHull(_ points: [SIMD2<Double>]) -> [SIMD2<Double>] {
    let pts = points.sorted { $0.x != $1.x ? $0.x < $1.x : $0.y < $1.y }
    func turn(_ o: SIMD2<Double>, _ a: SIMD2<Double>, _ b: SIMD2<Double>) -> Double {
        (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x)
    }
    var lower: [SIMD2<Double>] = [], upper: [SIMD2<Double>] = []
    for p in pts {
        while lower.count >= 2 && turn(lower[lower.count - 2], lower[lower.count - 1], p) <= 0 { lower.removeLast() }
        lower.append(p)
    }
    for p in pts.reversed() {
        while upper.count >= 2 && turn(upper[upper.count - 2], upper[upper.count - 1], p) <= 0 { upper.removeLast() }
        upper.append(p)
    }
    return Array(lower.dropLast() + upper.dropLast())
}

/// Signed distance from `p` to a convex polygon's boundary: positive inside, negative outside
/// (exact inside; outside it is the largest edge-line distance, a lower bound that suffices here).
func signedDistance(_ p: SIMD2<Double>, hull: [SIMD2<Double>]) -> Double {
    var d = Double.infinity
    for i in 0..<hull.count {
        let a = hull[i], b = hull[(i + 1) % hull.count], e = b - a
        let n = SIMD2(-e.y, e.x) / (e * e).sum().squareRoot()
        d = min(d, ((p - a) * n).sum())
    }
    return d
}

/// A unique temporary directory for one test.
func temporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "renderkit-tests-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}
