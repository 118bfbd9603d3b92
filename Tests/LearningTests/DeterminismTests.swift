import XCTest
@testable import Learning

/// Same seed and thread count -> bit-identical results.
final class DeterminismTests: XCTestCase {
    func testSgemmIsDeterministicWithTwoThreads() {
        BLAS.setThreadCount(2)
        let (m, n, k) = (384, 320, 512)
        let a = FloatBuffer(count: m * k), b = FloatBuffer(count: k * n)
        var generator = RandomGenerator(seed: 8)
        generator.fillGaussian(a.pointer, count: a.count)
        generator.fillGaussian(b.pointer, count: b.count)
        let first = FloatBuffer(count: m * n), second = FloatBuffer(count: m * n)
        BLAS.gemm(transposeA: false, transposeB: false, m: m, n: n, k: k, a: a.pointer, b: b.pointer, c: first.pointer)
        for _ in 0..<3 {
            BLAS.gemm(transposeA: true, transposeB: false, m: m, n: n, k: k, a: a.pointer, b: b.pointer, c: second.pointer)
            BLAS.gemm(transposeA: false, transposeB: false, m: m, n: n, k: k, a: a.pointer, b: b.pointer, c: second.pointer)
            XCTAssertEqual(bits(first), bits(second))
        }
        XCTAssertEqual(BLAS.threadCount, 2)
    }

    func testGeneratorStreamAndRestore() {
        var a = RandomGenerator(seed: 123)
        var b = RandomGenerator(seed: 123)
        XCTAssertEqual((0..<10).map { _ in a.next() }, (0..<10).map { _ in b.next() })
        var restored = RandomGenerator(state: a.state)
        XCTAssertEqual(a.next(), restored.next())
        XCTAssertNotEqual(RandomGenerator(seed: 1).words, RandomGenerator(seed: 2).words)
        // Box-Muller moments over 20k samples.
        let noise = FloatBuffer(count: 20_000)
        a.fillGaussian(noise.pointer, count: noise.count)
        let values = noise.toArray()
        let mean = values.reduce(0, +) / Float(values.count)
        let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Float(values.count)
        XCTAssertEqual(mean, 0, accuracy: 0.03)
        XCTAssertEqual(variance, 1, accuracy: 0.05)
    }

    func testOrthogonalInitIsOrthogonal() {
        var generator = RandomGenerator(seed: 5)
        for (rows, cols) in [(12, 5), (5, 12)] {
            let w = FloatBuffer(count: rows * cols)
            Orthogonal.fill(w.pointer, inputSize: rows, outputSize: cols, gain: 2, generator: &generator)
            let small = min(rows, cols)
            for i in 0..<small {
                for j in 0..<small {
                    var dot: Float = 0
                    for x in 0..<max(rows, cols) {
                        dot += rows >= cols ? w[x * cols + i] * w[x * cols + j] : w[i * cols + x] * w[j * cols + x]
                    }
                    XCTAssertEqual(dot, i == j ? 4 : 0, accuracy: 1e-4)
                }
            }
        }
    }

    func testSameSeedSameTraining() {
        func run() -> ([UInt32], PPOUpdateStats) {
            let agent = try! PPOAgent(config: smallConfig(), observationDim: 6, actionDim: 2, seed: 77)
            let trainer = PointMassTrainer(agent: agent, environmentSeed: 3)
            trainer.iterate()
            return (bits(agent.networks.parameters), trainer.iterate())
        }
        let (w1, s1) = run(), (w2, s2) = run()
        XCTAssertEqual(w1, w2)
        XCTAssertEqual(s1, s2)
    }
}
