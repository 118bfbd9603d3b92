import XCTest
@testable import ShapeEncoding

/// The max-pool and its backward pass against finite differences.
final class MaxPoolTests: XCTestCase {
    /// Pools `input` [groups * groupSize, width]; returns the pooled values and argmax.
    func pool(_ input: [Float], groups: Int, groupSize: Int, width: Int) -> ([Float], [Int32]) {
        var output = [Float](repeating: 0, count: groups * width), argmax = [Int32](repeating: -1, count: groups * width)
        MaxPool.forward(input, groups: groups, groupSize: groupSize, width: width, output: &output, argmax: &argmax)
        return (output, argmax)
    }

    func testForwardTakesColumnMaximumPerGroup() {
        // two groups of three points, width 2
        let input: [Float] = [1, 5, 3, 2, 2, 9,   -1, -4, -3, -2, -5, -6]
        let (out, arg) = pool(input, groups: 2, groupSize: 3, width: 2)
        XCTAssertEqual(out, [3, 9, -1, -2])
        XCTAssertEqual(arg, [1, 2, 0, 1])
    }

    func testBackwardMatchesFiniteDifferences() {
        // distinct inputs 0.02 apart (a scrambled ramp), so no max is within eps of a tie:
        // the finite difference never crosses an argmax (random inputs made this test flaky)
        let (groups, groupSize, width) = (3, 7, 5)
        let count = groups * groupSize * width
        let input = (0..<count).map { Float(($0 * 37) % count) * 0.02 - 1 }
        let weights = (0..<(groups * width)).map { Float(sin(Double($0) + 0.5)) }
        // loss = sum_i weights_i * pooled_i, so dLoss/dPooled = weights
        func loss(_ x: [Float]) -> Double {
            zip(pool(x, groups: groups, groupSize: groupSize, width: width).0, weights).reduce(0) { $0 + Double($1.0 * $1.1) }
        }
        let (_, argmax) = pool(input, groups: groups, groupSize: groupSize, width: width)
        var analytic = [Float](repeating: 7, count: input.count)
        MaxPool.backward(weights, argmax: argmax, groups: groups, groupSize: groupSize, width: width, inputGradient: &analytic)
        let eps: Float = 1e-3
        for i in input.indices {
            var plus = input, minus = input
            plus[i] += eps
            minus[i] -= eps
            let numeric = (loss(plus) - loss(minus)) / Double(2 * eps)
            XCTAssertEqual(Double(analytic[i]), numeric, accuracy: 1e-3, "input \(i)")
        }
        XCTAssertEqual(analytic.filter { $0 != 0 }.count, groups * width, "one point per pooled value gets the gradient")
    }
}
