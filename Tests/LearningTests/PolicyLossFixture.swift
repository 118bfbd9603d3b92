@testable import Learning

/// Hand-made minibatch for the surrogate loss: 4 samples, h = 2, |A| = 3, prefixes 2,1,2,1,
/// one sample far from its behaviour policy (clipped).
final class PolicyLossFixture {
    let rows = 4, blocks = 2, actionDim = 3
    let actions = FloatBuffer(count: 24), oldMeans = FloatBuffer(count: 24), means = FloatBuffer(count: 24)
    let oldLogStd = FloatBuffer(count: 6), logStd = FloatBuffer(count: 6)
    let prefix = FloatBuffer(count: 4), oldLogProbs = FloatBuffer(count: 4), advantages = FloatBuffer(count: 4)

    init(seed: UInt64) {
        var generator = RandomGenerator(seed: seed)
        generator.fillGaussian(oldMeans.pointer, count: 24)
        for i in 0..<6 { oldLogStd[i] = -0.2 + 0.05 * Float(i) }
        for i in 0..<6 { logStd[i] = oldLogStd[i] + 0.03 * (generator.nextUniform() - 0.5) }
        generator.fillGaussian(actions.pointer, count: 24)
        for i in 0..<24 {
            actions[i] = oldMeans[i] + 0.8 * actions[i]
            means[i] = oldMeans[i] + 0.05 * (generator.nextUniform() - 0.5)
        }
        for i in 12..<18 { means[i] = oldMeans[i] + 0.6 * (actions[i] - oldMeans[i]) }  // sample 2: ratio far above 1.2
        prefix.copy(from: [2, 1, 2, 1])
        advantages.copy(from: [1.0, -0.7, 0.9, 0.4])
        let blockLogProbs = FloatBuffer(count: 2)
        for r in 0..<rows {
            GaussianPolicy.blockLogProbs(actions: actions.pointer + r * 6, means: oldMeans.pointer + r * 6,
                                         logStd: oldLogStd.pointer, blockCount: 2, actionDim: 3,
                                         out: blockLogProbs.pointer)
            oldLogProbs[r] = prefix[r] == 2 ? blockLogProbs[0] + blockLogProbs[1] : blockLogProbs[0]
        }
    }

    var batch: PolicyBatch {
        PolicyBatch(rows: rows, blockCount: blocks, actionDim: actionDim, actions: actions.pointer,
                    oldMeans: oldMeans.pointer, oldLogStd: oldLogStd.pointer,
                    prefixLengths: prefix.pointer, oldLogProbs: oldLogProbs.pointer,
                    advantages: advantages.pointer)
    }

    func evaluate(meanGradient: FloatBuffer, logStdGradient: FloatBuffer, stats: inout PPOLossStats) {
        PPOLoss.policy(batch, means: means.pointer, logStd: logStd.pointer, clipCoef: 0.2,
                       meanGradient: meanGradient.pointer, logStdGradient: logStdGradient.pointer, stats: &stats)
    }

    func loss() -> Float {
        let (g1, g2) = (FloatBuffer(count: 24), FloatBuffer(count: 6))
        var stats = PPOLossStats()
        evaluate(meanGradient: g1, logStdGradient: g2, stats: &stats)
        return stats.surrogateLoss
    }
}
