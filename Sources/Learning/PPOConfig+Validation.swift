// MARK: - Validation

extension PPOConfig {
    /// Throws a `ConfigError` naming the first invalid field and the accepted range.
    public func validate() throws {
        func require(_ ok: Bool, _ message: @autoclosure () -> String) throws {
            if !ok { throw ConfigError("PPOConfig: " + message()) }
        }
        let h = hyperparameters, x = hyperparameters.experimental
        try require(envCount >= 1, "envCount must be >= 1 (got \(envCount))")
        try require(h.stepsPerRollout >= 1, "stepsPerRollout must be >= 1 (got \(h.stepsPerRollout))")
        try require(chunkLength >= 1 && chunkLength <= h.stepsPerRollout,
                    "chunkLength must be in 1...stepsPerRollout (\(h.stepsPerRollout)), got \(chunkLength)")
        try require(h.gamma >= 0 && h.gamma <= 1, "gamma must be in [0, 1] (got \(h.gamma))")
        try require(h.gaeLambda >= 0 && h.gaeLambda <= 1, "gaeLambda must be in [0, 1] (got \(h.gaeLambda))")
        try require(h.clipCoef > 0, "clipCoef must be > 0 (got \(h.clipCoef))")
        try require(h.valueCoef >= 0, "valueCoef must be >= 0 (got \(h.valueCoef))")
        try require(h.entropyCoef >= 0, "entropyCoef must be >= 0 (got \(h.entropyCoef))")
        try require(h.maxGradNorm > 0, "maxGradNorm must be > 0 (got \(h.maxGradNorm))")
        try require(h.targetKL > 0, "targetKL must be > 0 (got \(h.targetKL))")
        try require(h.minLearningRate > 0 && h.minLearningRate <= h.maxLearningRate,
                    "need 0 < minLearningRate <= maxLearningRate (got \(h.minLearningRate), \(h.maxLearningRate))")
        try require(h.learningRate >= h.minLearningRate && h.learningRate <= h.maxLearningRate,
                    "learningRate \(h.learningRate) must lie in [minLearningRate, maxLearningRate] = [\(h.minLearningRate), \(h.maxLearningRate)]")
        try require(h.updateEpochs >= 1, "updateEpochs must be >= 1 (got \(h.updateEpochs))")
        try require(h.minibatchCount >= 1 && h.minibatchCount <= envCount,
                    "minibatchCount must be in 1...envCount (\(envCount)) so no minibatch is empty, got \(h.minibatchCount)")
        try require(h.initStd > 0, "initStd must be > 0 (got \(h.initStd))")
        try require(h.initStdPrefix.allSatisfy { $0 > 0 && $0.isFinite }, "initStdPrefix entries must be > 0 (got \(h.initStdPrefix))")
        try require(x.imitationWeight >= 0 && x.imitationWeight.isFinite, "experimental.imitationWeight must be >= 0 (got \(x.imitationWeight))")
        try require(x.imitationDecay > 0 && x.imitationDecay <= 1, "experimental.imitationDecay must be in (0, 1] (got \(x.imitationDecay))")
        try require(x.actorFreezeIterations >= 0, "experimental.actorFreezeIterations must be >= 0 (got \(x.actorFreezeIterations))")
        try require(h.observationClip > 0, "observationClip must be > 0 (got \(h.observationClip))")
        try require(h.adamEpsilon > 0, "adamEpsilon must be > 0 (got \(h.adamEpsilon))")
        for (name, sizes) in [("actorHiddenSizes", h.actorHiddenSizes), ("criticHiddenSizes", h.criticHiddenSizes)] {
            try require(sizes.allSatisfy { $0 >= 1 }, "\(name) must all be >= 1 (got \(sizes))")
        }
    }
}
