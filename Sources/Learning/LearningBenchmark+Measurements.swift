// MARK: - Individual measurements

extension LearningBenchmark {
    /// One full training step (actor + critic forward, backward, global clip, Adam) on
    /// `batchSize` samples; returns (samples/s, achieved GFLOP/s).
    static func updateRate(_ options: Options, hidden: [Int], outputs: Int) -> (Double, Double) {
        let batch = options.batchSize
        let actorShape = MLPShape(inputSize: options.inputSize, hiddenSizes: hidden, outputSize: outputs)
        let criticShape = MLPShape(inputSize: options.inputSize, hiddenSizes: hidden, outputSize: 1)
        let networks = ActorCritic(actorShape: actorShape, criticShape: criticShape,
                                   maxActorBatch: batch, maxCriticBatch: batch)
        var generator = RandomGenerator(seed: 1)
        networks.initialize(initStd: 0.8, generator: &generator)
        let optimizer = AdamOptimizer(parameterCount: networks.parameters.count)
        let input = FloatBuffer(count: batch * options.inputSize)
        generator.fillGaussian(input.pointer, count: input.count)
        let targets = FloatBuffer(count: batch * outputs)
        generator.fillGaussian(targets.pointer, count: targets.count)
        let step = {
            // Squared-error gradients stand in for the PPO loss (elementwise, O(batch x outputs)).
            let mean = networks.actor.forward(input.pointer, rows: batch)
            let value = networks.critic.forward(input.pointer, rows: batch)
            let scale = 1 / Float(batch)
            for i in 0..<batch * outputs { networks.actor.outputGradient[i] = (mean[i] - targets[i]) * scale }
            for i in 0..<batch { networks.critic.outputGradient[i] = (value[i] - targets[i]) * scale }
            networks.actor.backward(input.pointer, rows: batch)
            networks.critic.backward(input.pointer, rows: batch)
            GradientClipping.clip(networks.gradients.pointer, count: networks.gradients.count, maxNorm: 1)
            optimizer.step(parameters: networks.parameters.pointer, gradients: networks.gradients.pointer,
                           learningRate: 1e-5)
        }
        let seconds = medianSeconds(options.repetitions, step)
        let flops = Double(batch) * Double(updateFlopsPerSample(actorShape) + updateFlopsPerSample(criticShape))
        return (Double(batch) / seconds, flops / seconds * 1e-9)
    }

    /// FLOPs per sample of forward + weight gradients + input gradients (all but layer 0).
    static func updateFlopsPerSample(_ shape: MLPShape) -> Int {
        let firstLayer = shape.inputSize * shape.widths[1]
        return 2 * (3 * shape.multiplyAddsPerSample - firstLayer)
    }

    /// Actor forward latency in milliseconds for `rows` observations (24 outputs).
    static func inferenceMilliseconds(_ options: Options, hidden: [Int], rows: Int) -> Double {
        let shape = MLPShape(inputSize: options.inputSize, hiddenSizes: hidden, outputSize: 24)
        let parameters = FloatBuffer(count: shape.parameterCount)
        let gradients = FloatBuffer(count: shape.parameterCount)
        let actor = MLP(shape: shape, maxBatch: rows, parameters: parameters.pointer, gradients: gradients.pointer)
        var generator = RandomGenerator(seed: 2)
        actor.initializeOrthogonal(hiddenGain: Float(2).squareRoot(), outputGain: 0.01, generator: &generator)
        let input = FloatBuffer(count: rows * options.inputSize)
        generator.fillGaussian(input.pointer, count: input.count)
        let seconds = medianSeconds(max(options.repetitions, 20)) { actor.forward(input.pointer, rows: rows) }
        return seconds * 1e3
    }

    /// Best raw sgemm GFLOP/s over a few shapes (the ceiling for the update figures).
    static func sgemmPeak(_ options: Options, log: (String) -> Void) -> Double {
        var best = 0.0
        for (m, n, k) in [(1024, 1024, 1024), (2048, 2048, 2048), (4096, 1024, 1024)] {
            let a = FloatBuffer(count: m * k), b = FloatBuffer(count: k * n), c = FloatBuffer(count: m * n)
            var generator = RandomGenerator(seed: 3)
            generator.fillGaussian(a.pointer, count: a.count)
            generator.fillGaussian(b.pointer, count: b.count)
            let seconds = medianSeconds(options.repetitions) {
                BLAS.gemm(transposeA: false, transposeB: false, m: m, n: n, k: k, a: a.pointer, b: b.pointer, c: c.pointer)
            }
            let gflops = 2 * Double(m) * Double(n) * Double(k) / seconds * 1e-9
            log("sgemm \(m)x\(n)x\(k): \(String(format: "%.1f", gflops)) GFLOP/s")
            best = max(best, gflops)
        }
        return best
    }
}
