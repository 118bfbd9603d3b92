import XCTest
@testable import Learning

/// GAE against a naive forward-sum reference on hand-made data with dones and time-outs.
final class GAETests: XCTestCase {
    // T = 5, N = 2. env 0: terminates at t = 1; env 1: times out at t = 2 and terminates at t = 4.
    let rewards: [Float] = [1, 0.5, -1, 2, 0.3, 0.1, 0.7, -0.2, 1.5, 1]
    let values: [Float] = [0.2, 0.4, 0.1, -0.3, 0.5, 0.6, 0.0, 0.2, -0.1, 0.3]
    let terminated: [Float] = [0, 0, 1, 0, 0, 0, 0, 0, 0, 1]
    let truncated: [Float] = [0, 0, 0, 0, 0, 1, 0, 0, 0, 0]
    let timeoutValues: [Float] = [0, 0, 0, 0, 0, 0.9, 0, 0, 0, 0]
    let lastValues: [Float] = [0.8, 0.7]

    /// A_t = sum_l (gamma lambda)^l delta_{t+l}, stopping after the step that ends the episode.
    func reference(bootstrap: Bool, gamma: Float, lambda: Float) -> [Float] {
        let (steps, envs) = (5, 2)
        var out = [Float](repeating: 0, count: 10)
        func delta(_ t: Int, _ e: Int) -> Float {
            let i = t * envs + e
            let timeout = truncated[i] != 0 && terminated[i] == 0
            var next = t + 1 < steps ? values[i + envs] : lastValues[e]
            if timeout && bootstrap { next = timeoutValues[i] }
            let terminal = terminated[i] != 0 || (timeout && !bootstrap)
            return rewards[i] + (terminal ? 0 : gamma * next) - values[i]
        }
        for e in 0..<envs {
            for t in 0..<steps {
                var sum: Float = 0, weight: Float = 1
                for u in t..<steps {
                    sum += weight * delta(u, e)
                    let i = u * envs + e
                    if terminated[i] != 0 || truncated[i] != 0 { break }
                    weight *= gamma * lambda
                }
                out[t * envs + e] = sum
            }
        }
        return out
    }

    func run(bootstrap: Bool, gamma: Float = 0.96, lambda: Float = 0.95) -> ([Float], [Float]) {
        var advantages = [Float](repeating: 0, count: 10), returns = [Float](repeating: 0, count: 10)
        rewards.withUnsafeBufferPointer { r in values.withUnsafeBufferPointer { v in
            terminated.withUnsafeBufferPointer { te in truncated.withUnsafeBufferPointer { tr in
                timeoutValues.withUnsafeBufferPointer { tv in lastValues.withUnsafeBufferPointer { lv in
                    let input = GAE.Inputs(rewards: r.baseAddress!, values: v.baseAddress!, terminated: te.baseAddress!,
                                           truncated: tr.baseAddress!, timeoutValues: tv.baseAddress!, lastValues: lv.baseAddress!)
                    GAE.compute(input, stepCount: 5, envCount: 2, gamma: gamma, lambda: lambda, bootstrapTimeouts: bootstrap,
                                advantages: &advantages, returns: &returns)
                }}
            }}
        }}
        return (advantages, returns)
    }

    func testMatchesReferenceWithTimeoutBootstrap() {
        let (advantages, returns) = run(bootstrap: true)
        let expected = reference(bootstrap: true, gamma: 0.96, lambda: 0.95)
        for i in 0..<10 {
            XCTAssertEqual(advantages[i], expected[i], accuracy: 1e-5, "slot \(i)")
            XCTAssertEqual(returns[i], advantages[i] + values[i], accuracy: 1e-6)
        }
    }

    func testPublishedTimeoutsAreTerminal() {
        let (advantages, _) = run(bootstrap: false)
        let expected = reference(bootstrap: false, gamma: 0.96, lambda: 0.95)
        for i in 0..<10 { XCTAssertEqual(advantages[i], expected[i], accuracy: 1e-5, "slot \(i)") }
        // Env 1 times out at t = 2 (slot 5): the published rule drops gamma * V(final).
        let bootstrapped = run(bootstrap: true).0
        XCTAssertEqual(bootstrapped[5] - advantages[5], 0.96 * 0.9, accuracy: 1e-5)
    }

    func testLambdaOneChunkAdvantageIsEquation6PlusTail() {
        // With lambda = 1 and no dones, A_t = sum_k gamma^k r_{t+k} + gamma^(T-t) V(s_T) - V(s_t).
        let (advantages, _) = run(bootstrap: true, gamma: 0.9, lambda: 1)
        // env 0 from t = 2 (after its termination at t = 1) runs to the end: t = 2..4.
        var direct: Float = 0, discount: Float = 1
        for t in 2..<5 { direct += discount * rewards[t * 2]; discount *= 0.9 }
        direct += discount * lastValues[0] - values[4]
        XCTAssertEqual(advantages[4], direct, accuracy: 1e-5)
    }
}
