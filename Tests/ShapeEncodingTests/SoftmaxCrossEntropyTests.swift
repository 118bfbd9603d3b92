import Foundation
import Learning
import XCTest
@testable import ShapeEncoding

/// Softmax cross-entropy: value against the closed form, gradient against finite differences.
final class SoftmaxCrossEntropyTests: XCTestCase {
    func run(_ logits: [Float], labels: [Int32], rows: Int, stride: Int, classes: Int) -> (Float, Int, [Float]) {
        var gradient = [Float](repeating: 42, count: rows * stride)
        let (loss, correct) = SoftmaxCrossEntropy.lossAndGradient(
            logits: logits, stride: stride, rows: rows, classes: classes, labels: labels,
            gradient: &gradient, gradientStride: stride)
        return (loss, correct, gradient)
    }

    func testLossMatchesClosedForm() {
        // one row: logits (0, ln 3) with label 1 -> p = 3/4, loss = -ln(3/4)
        let (loss, correct, gradient) = run([0, Float(log(3.0))], labels: [1], rows: 1, stride: 2, classes: 2)
        XCTAssertEqual(loss, Float(-log(0.75)), accuracy: 1e-6)
        XCTAssertEqual(correct, 1)
        XCTAssertEqual(gradient[0], 0.25, accuracy: 1e-6)
        XCTAssertEqual(gradient[1], -0.25, accuracy: 1e-6)
    }

    func testGradientMatchesFiniteDifferencesAndLeavesExtraColumns() {
        var generator = RandomGenerator(seed: 3)
        let (rows, classes, stride) = (4, 5, 7)  // two extra columns per row (the size outputs)
        let logits = (0..<(rows * stride)).map { _ in Float.random(in: -3...3, using: &generator) }
        let labels: [Int32] = [0, 4, 2, 2]
        let (_, _, analytic) = run(logits, labels: labels, rows: rows, stride: stride, classes: classes)
        let eps: Float = 1e-2
        for r in 0..<rows {
            for c in 0..<classes {
                var plus = logits, minus = logits
                plus[r * stride + c] += eps
                minus[r * stride + c] -= eps
                let numeric = (run(plus, labels: labels, rows: rows, stride: stride, classes: classes).0
                    - run(minus, labels: labels, rows: rows, stride: stride, classes: classes).0) / (2 * eps)
                XCTAssertEqual(analytic[r * stride + c], numeric, accuracy: 2e-3, "row \(r) class \(c)")
            }
            XCTAssertEqual(analytic[r * stride + classes], 42, "columns past `classes` are not touched")
        }
    }
}
