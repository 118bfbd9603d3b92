// MARK: - Keeping the ranks of a data-parallel job in step

extension PPOAgent {
    /// Copies rank 0's learner state (weights, log-std, Adam moments and step, normaliser,
    /// learning rate, permutation generator, counters) into every rank: at the start of a job
    /// and after a resume, so that every rank starts the same. A collective.
    public func broadcastFromRoot() {
        guard communicator.size > 1 else { return }
        for buffer in [networks.parameters, optimizer.firstMoment, optimizer.secondMoment] {
            communicator.broadcast(buffer.pointer, count: buffer.count, what: "learner state")
        }
        if let normalizer {
            var moments = normalizer.moments
            communicator.broadcast(&moments, what: "observation statistics")
            normalizer.restore(moments: moments)
        }
        var scalars = scalarWords
        scalars.withUnsafeMutableBytes { communicator.broadcast($0.baseAddress!, bytes: $0.count, what: "learner counters") }
        learningRate = Float(bitPattern: UInt32(truncatingIfNeeded: scalars[0]))
        optimizer.stepCount = Int(scalars[1])
        iteration = Int(scalars[2])
        totalEnvSteps = Int(scalars[3])
        generator = RandomGenerator(state: (scalars[4], scalars[5], scalars[6], scalars[7]))
    }

    /// FNV-1a 64 over everything `broadcastFromRoot` copies: equal on every rank of a healthy job.
    public func stateChecksum() -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ bytes: UnsafeRawBufferPointer) {
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        }
        for buffer in [networks.parameters, optimizer.firstMoment, optimizer.secondMoment] {
            mix(UnsafeRawBufferPointer(start: buffer.pointer, count: buffer.count * MemoryLayout<Float>.stride))
        }
        normalizer?.moments.withUnsafeBytes(mix)
        scalarWords.withUnsafeBytes(mix)
        return hash
    }

    /// Learning-rate bits, Adam steps, iteration, env steps and the permutation generator's words.
    private var scalarWords: [UInt64] {
        [UInt64(learningRate.bitPattern), UInt64(optimizer.stepCount), UInt64(iteration), UInt64(totalEnvSteps)] + generator.words
    }
}
