import AssetImport
import Foundation
import Learning

// MARK: - Training

extension ShapeEncoder {
    /// Trains a new encoder on `objects` (the library's training split) as a category
    /// classifier with a size-regression auxiliary loss, on random point subsets rotated about z
    /// and jittered. Deterministic: the same objects and config give the same weights, bit for bit.
    /// `progress` is called every `progressInterval` steps with (step, cross-entropy, batch accuracy).
    public static func train(
        objects: [ObjectAsset], architecture base: ShapeEncoderArchitecture? = nil,
        config: ShapeEncoderTrainingConfig = ShapeEncoderTrainingConfig(),
        progressInterval: Int = 100, progress: (Int, Float, Float) -> Void = { _, _, _ in }
    ) throws(ShapeEncodingError) -> (encoder: ShapeEncoder, report: ShapeEncoderTrainingReport) {
        try config.validate()
        let categories = Array(Set(objects.map(\.category))).sorted()
        guard categories.count >= 2 else {
            throw ShapeEncodingError(file: "training split", "need objects of at least 2 categories, got \(categories)")
        }
        if let bad = objects.first(where: { $0.surfacePointCount == 0 || $0.surfaceNormals.count != $0.surfacePoints.count }) {
            throw ShapeEncodingError(file: bad.name, "object has no surface points or mismatched normals")
        }
        var architecture = base ?? ShapeEncoderArchitecture(categories: categories)
        architecture.categories = categories
        try architecture.validate(file: "architecture")
        let batch = min(config.batchSize, objects.count)
        let encoder = ShapeEncoder(architecture: architecture, seed: config.seed, maxObjects: batch)
        let labels = objects.map { Int32(categories.firstIndex(of: $0.category)!) }
        let targets = objects.map { o in
            o.surfacePoints.withUnsafeBufferPointer {
                SizeTargets.compute(points: $0.baseAddress!, pointCount: o.surfacePointCount, scale: architecture.inputScale)
            }
        }
        let trainer = EncoderTrainingLoop(encoder: encoder, objects: objects, labels: labels, targets: targets,
                                          config: config, batch: batch)
        let report = trainer.run(progressInterval: progressInterval, progress: progress)
        return (encoder, report)
    }
}

/// The state of one training run: optimiser, generator and per-step scratch.
final class EncoderTrainingLoop {
    let encoder: ShapeEncoder
    let objects: [ObjectAsset]
    let labels: [Int32]
    let targets: [[Float]]
    let config: ShapeEncoderTrainingConfig
    let batch: Int
    let optimizer: AdamOptimizer
    var generator: RandomGenerator
    var batchLabels: [Int32]

    init(encoder: ShapeEncoder, objects: [ObjectAsset], labels: [Int32], targets: [[Float]],
         config: ShapeEncoderTrainingConfig, batch: Int) {
        self.encoder = encoder
        self.objects = objects
        self.labels = labels
        self.targets = targets
        self.config = config
        self.batch = batch
        optimizer = AdamOptimizer(parameterCount: encoder.architecture.parameterCount)
        generator = RandomGenerator(seed: config.seed ^ 0x5EED_DA7A)
        batchLabels = Array(repeating: 0, count: batch)
    }

    /// Runs every step; returns the summary over the last 10% of steps.
    func run(progressInterval: Int, progress: (Int, Float, Float) -> Void) -> ShapeEncoderTrainingReport {
        let start = Date()
        let tail = max(1, config.steps / 10)
        var (tailCE, tailSize, tailCorrect) = (0.0, 0.0, 0)
        for step in 0..<config.steps {
            let fraction = config.steps > 1 ? Float(step) / Float(config.steps - 1) : 0
            let rate = config.learningRate * (1 - fraction * (1 - config.finalLearningRateFraction))
            let (ce, size, correct) = self.step(learningRate: rate)
            if step >= config.steps - tail {
                tailCE += Double(ce); tailSize += Double(size); tailCorrect += correct
            }
            if progressInterval > 0, (step + 1) % progressInterval == 0 { progress(step + 1, ce, Float(correct) / Float(batch)) }
        }
        let n = Double(min(tail, config.steps))
        return ShapeEncoderTrainingReport(
            steps: config.steps, seconds: Date().timeIntervalSince(start),
            finalCrossEntropy: Float(tailCE / max(n, 1)), finalSizeError: Float(tailSize / max(n, 1)),
            finalBatchAccuracy: Float(Double(tailCorrect) / max(n * Double(batch), 1)))
    }

    /// One Adam step on a fresh augmented batch; returns (cross-entropy, size MSE, correct).
    func step(learningRate: Float) -> (Float, Float, Int) {
        let k = encoder.architecture.pointCount
        var batchTargets: [Float] = []
        for b in 0..<batch {
            let i = generator.nextIndex(below: objects.count)
            let indices = PointFeatures.randomSubset(count: k, available: objects[i].surfacePointCount, generator: &generator)
            let yaw = config.randomYaw ? (generator.nextUniform() * 2 - 1) * Float.pi : 0
            PointFeatures.fill(encoder.pointInput.pointer + b * k * ShapeEncoderArchitecture.pointInputSize,
                               points: objects[i].surfacePoints, normals: objects[i].surfaceNormals, indices: indices,
                               yaw: yaw, jitter: config.jitter, scale: encoder.architecture.inputScale, generator: &generator)
            batchLabels[b] = labels[i]
            batchTargets += targets[i]
        }
        let (ce, size, correct) = encoder.lossAndGradient(objects: batch, pointsPerObject: k, labels: batchLabels,
                                                          sizeTargets: batchTargets, sizeWeight: config.sizeWeight)
        GradientClipping.clip(encoder.gradients.pointer, count: encoder.gradients.count, maxNorm: config.maxGradNorm)
        optimizer.step(parameters: encoder.parameters.pointer, gradients: encoder.gradients.pointer, learningRate: learningRate)
        return (ce, size, correct)
    }
}
