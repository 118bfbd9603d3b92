@testable import Learning

/// A small agent configuration for fast debug-build tests.
func smallConfig(envCount: Int = 8, steps: Int = 8, chunkLength: Int = 2,
                 objective: ChunkObjective = .chunked) -> PPOConfig {
    var config = PPOConfig()
    config.envCount = envCount
    config.stepsPerRollout = steps
    config.chunkLength = chunkLength
    config.objective = objective
    config.actorHiddenSizes = [16, 16]
    config.criticHiddenSizes = [16, 16]
    config.minibatchCount = 2
    config.updateEpochs = 2
    return config
}

/// Bit patterns of a buffer (for bit-identical comparisons).
func bits(_ buffer: FloatBuffer) -> [UInt32] { buffer.toArray().map(\.bitPattern) }
