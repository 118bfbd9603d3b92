// MARK: - Validation

extension PPOConfig {
    /// Throws a `ConfigError` naming the first invalid field and the accepted range.
    public func validate() throws {
        func require(_ ok: Bool, _ message: @autoclosure () -> String) throws {
            if !ok { throw ConfigError("PPOConfig: " + message()) }
        }
        try require(envCount >= 1, "envCount must be >= 1 (got \(envCount))")
        try require(stepsPerRollout >= 1, "stepsPerRollout must be >= 1 (got \(stepsPerRollout))")
        try require(chunkLength >= 1 && chunkLength <= stepsPerRollout,
                    "chunkLength must be in 1...stepsPerRollout (\(stepsPerRollout)), got \(chunkLength)")
        try require(gamma >= 0 && gamma <= 1, "gamma must be in [0, 1] (got \(gamma))")
        try require(gaeLambda >= 0 && gaeLambda <= 1, "gaeLambda must be in [0, 1] (got \(gaeLambda))")
        try require(clipCoef > 0, "clipCoef must be > 0 (got \(clipCoef))")
        try require(valueCoef >= 0, "valueCoef must be >= 0 (got \(valueCoef))")
        try require(entropyCoef >= 0, "entropyCoef must be >= 0 (got \(entropyCoef))")
        try require(maxGradNorm > 0, "maxGradNorm must be > 0 (got \(maxGradNorm))")
        try require(targetKL > 0, "targetKL must be > 0 (got \(targetKL))")
        try require(minLearningRate > 0 && minLearningRate <= maxLearningRate,
                    "need 0 < minLearningRate <= maxLearningRate (got \(minLearningRate), \(maxLearningRate))")
        try require(learningRate >= minLearningRate && learningRate <= maxLearningRate,
                    "learningRate \(learningRate) must lie in [minLearningRate, maxLearningRate] = [\(minLearningRate), \(maxLearningRate)]")
        try require(updateEpochs >= 1, "updateEpochs must be >= 1 (got \(updateEpochs))")
        try require(minibatchCount >= 1 && minibatchCount <= envCount,
                    "minibatchCount must be in 1...envCount (\(envCount)) so no minibatch is empty, got \(minibatchCount)")
        try require(initStd > 0, "initStd must be > 0 (got \(initStd))")
        try require(initStdPrefix.allSatisfy { $0 > 0 && $0.isFinite }, "initStdPrefix entries must be > 0 (got \(initStdPrefix))")
        try require(imitationWeight >= 0 && imitationWeight.isFinite, "imitationWeight must be >= 0 (got \(imitationWeight))")
        try require(imitationDecay > 0 && imitationDecay <= 1, "imitationDecay must be in (0, 1] (got \(imitationDecay))")
        try require(actorFreezeIterations >= 0, "actorFreezeIterations must be >= 0 (got \(actorFreezeIterations))")
        try require(observationClip > 0, "observationClip must be > 0 (got \(observationClip))")
        try require(adamEpsilon > 0, "adamEpsilon must be > 0 (got \(adamEpsilon))")
        for (name, sizes) in [("actorHiddenSizes", actorHiddenSizes), ("criticHiddenSizes", criticHiddenSizes)] {
            try require(sizes.allSatisfy { $0 >= 1 }, "\(name) must all be >= 1 (got \(sizes))")
        }
    }
}
