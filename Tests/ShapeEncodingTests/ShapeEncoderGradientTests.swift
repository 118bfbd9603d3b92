import Learning
import XCTest
@testable import ShapeEncoding

/// The whole encoder's backward pass (point MLP, max-pool, code layers, head, both losses)
/// against central finite differences on a tiny network.
final class ShapeEncoderGradientTests: XCTestCase {
    func testEncoderGradientMatchesFiniteDifferences() {
        var architecture = ShapeEncoderArchitecture(categories: ["a", "b", "c"])
        (architecture.pointHiddenSizes, architecture.pointFeatureSize) = ([6], 8)
        (architecture.codeHiddenSizes, architecture.codeSize, architecture.pointCount) = ([7], 5, 6)
        let (objects, points) = (2, 6)
        let encoder = ShapeEncoder(architecture: architecture, seed: 9, maxObjects: objects)
        var generator = RandomGenerator(seed: 4)
        generator.fillGaussian(encoder.pointInput.pointer, count: objects * points * 6)
        // larger head weights so every term carries gradient
        for i in 0..<encoder.parameters.count { encoder.parameters[i] *= 1.5 }
        let labels: [Int32] = [2, 0], targets: [Float] = [0.5, -0.2, 1.0, 0.3, 0.8, -0.6]
        func loss() -> (Double, Float) {
            let (ce, size, _) = encoder.lossAndGradient(objects: objects, pointsPerObject: points, labels: labels,
                                                        sizeTargets: targets, sizeWeight: 0.7)
            return (Double(ce) + 0.7 * Double(size), ce + 0.7 * size)
        }
        _ = loss()
        let analytic = encoder.gradients.toArray()
        var checked = 0, worst = 0.0
        for i in 0..<encoder.parameters.count {
            let saved = encoder.parameters[i]
            let eps: Float = 2e-3
            encoder.parameters[i] = saved + eps
            let up = loss().0
            encoder.parameters[i] = saved - eps
            let down = loss().0
            encoder.parameters[i] = saved
            let numeric = (up - down) / Double(2 * eps)
            let error = abs(numeric - Double(analytic[i])) / max(1e-2, abs(numeric) + abs(Double(analytic[i])))
            worst = max(worst, error)
            XCTAssertLessThan(error, 0.03, "parameter \(i): analytic \(analytic[i]) numeric \(numeric)")
            checked += 1
        }
        XCTAssertGreaterThan(checked, 100)
        XCTAssertGreaterThan(analytic.filter { $0 != 0 }.count, analytic.count / 2, "most parameters get gradient")
    }
}
