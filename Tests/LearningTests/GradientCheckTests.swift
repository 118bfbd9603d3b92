import XCTest
@testable import Learning

/// Analytic gradients against central finite differences.
final class GradientCheckTests: XCTestCase {
    /// loss = sum(output .* weights) of `mlp` on `input` [rows, in].
    private func weightedOutput(_ mlp: MLP, _ input: FloatBuffer, rows: Int, _ weights: [Float]) -> Float {
        let out = mlp.forward(input.pointer, rows: rows)
        var sum: Float = 0
        for i in 0..<weights.count { sum += out[i] * weights[i] }
        return sum
    }

    private func checkMLP(hidden: [Int], activation: Activation, output: Activation = .linear) {
        let shape = MLPShape(inputSize: 5, hiddenSizes: hidden, outputSize: 3,
                             hiddenActivation: activation, outputActivation: output)
        let rows = 4
        let parameters = FloatBuffer(count: shape.parameterCount), gradients = FloatBuffer(count: shape.parameterCount)
        let mlp = MLP(shape: shape, maxBatch: rows, parameters: parameters.pointer, gradients: gradients.pointer)
        var generator = RandomGenerator(seed: 11)
        mlp.initializeOrthogonal(hiddenGain: 1.3, outputGain: 1.0, generator: &generator)
        for i in 0..<parameters.count { parameters[i] += 0.1 * (generator.nextUniform() - 0.5) }  // non-zero biases
        let input = FloatBuffer(count: rows * 5)
        generator.fillGaussian(input.pointer, count: input.count)
        let weights = (0..<rows * 3).map { _ in generator.nextUniform() * 2 - 1 }
        _ = weightedOutput(mlp, input, rows: rows, weights)
        for i in 0..<weights.count { mlp.outputGradient[i] = weights[i] }
        mlp.backward(input.pointer, rows: rows)
        let epsilon: Float = 1e-2
        for p in 0..<parameters.count {
            let saved = parameters[p]
            parameters[p] = saved + epsilon
            let plus = weightedOutput(mlp, input, rows: rows, weights)
            parameters[p] = saved - epsilon
            let minus = weightedOutput(mlp, input, rows: rows, weights)
            parameters[p] = saved
            let numeric = (plus - minus) / (2 * epsilon)
            XCTAssertEqual(gradients[p], numeric, accuracy: 2e-3 + 2e-2 * abs(numeric),
                           "parameter \(p) of \(hidden) \(activation)")
        }
    }

    func testDenseLayerGradient() { checkMLP(hidden: [], activation: .elu) }
    func testDenseLayerTanhOutputGradient() { checkMLP(hidden: [], activation: .elu, output: .tanh) }
    func testELUNetworkGradient() { checkMLP(hidden: [7, 6], activation: .elu) }
    func testTanhNetworkGradient() { checkMLP(hidden: [6, 5, 4], activation: .tanh) }

    func testGaussianLogProbMatchesClosedForm() {
        var generator = RandomGenerator(seed: 3)
        let (a, mu, ls) = (FloatBuffer(count: 6), FloatBuffer(count: 6), FloatBuffer(count: 6))
        generator.fillGaussian(a.pointer, count: 6)
        generator.fillGaussian(mu.pointer, count: 6)
        for i in 0..<6 { ls[i] = 0.3 * generator.nextUniform() - 0.4 }
        let out = FloatBuffer(count: 2)
        GaussianPolicy.blockLogProbs(actions: a.pointer, means: mu.pointer, logStd: ls.pointer,
                                     blockCount: 2, actionDim: 3, out: out.pointer)
        for block in 0..<2 {
            var expected = 0.0
            for d in block * 3..<block * 3 + 3 {
                let sigma = exp(Double(ls[d]))
                let z = (Double(a[d]) - Double(mu[d])) / sigma
                expected += -0.5 * z * z - log(sigma) - 0.5 * log(2 * Double.pi)
            }
            XCTAssertEqual(Double(out[block]), expected, accuracy: 1e-5)
        }
    }

    func testPolicyLossGradientMatchesFiniteDifferences() {
        let fixture = PolicyLossFixture(seed: 5)
        let meanGradient = FloatBuffer(count: fixture.means.count)
        let logStdGradient = FloatBuffer(count: fixture.logStd.count)
        var stats = PPOLossStats()
        fixture.evaluate(meanGradient: meanGradient, logStdGradient: logStdGradient, stats: &stats)
        XCTAssertGreaterThan(stats.clipFraction, 0, "fixture should exercise the clipped branch")
        XCTAssertLessThan(stats.clipFraction, 1)
        let epsilon: Float = 1e-3
        for (buffer, gradient, name) in [(fixture.means, meanGradient, "mean"), (fixture.logStd, logStdGradient, "logStd")] {
            for i in 0..<buffer.count {
                let saved = buffer[i]
                buffer[i] = saved + epsilon
                let plus = fixture.loss()
                buffer[i] = saved - epsilon
                let minus = fixture.loss()
                buffer[i] = saved
                let numeric = (plus - minus) / (2 * epsilon)
                XCTAssertEqual(gradient[i], numeric, accuracy: 2e-3 + 1e-2 * abs(numeric), "\(name) \(i)")
            }
        }
    }

    func testValueLossGradient() {
        let values = FloatBuffer(count: 3), returns = FloatBuffer(count: 3), gradient = FloatBuffer(count: 3)
        values.copy(from: [0.5, -1, 2])
        returns.copy(from: [1, -1, 0])
        let loss = PPOLoss.value(values: values.pointer, returns: returns.pointer, rows: 3, valueCoef: 2,
                                 valueGradient: gradient.pointer)
        XCTAssertEqual(loss, (0.25 + 0 + 4) / 3, accuracy: 1e-6)
        let expected: [Float] = [Float(-2.0 / 3.0), 0, Float(8.0 / 3.0)]
        for i in 0..<3 { XCTAssertEqual(gradient[i], expected[i], accuracy: 1e-6) }
    }
}
