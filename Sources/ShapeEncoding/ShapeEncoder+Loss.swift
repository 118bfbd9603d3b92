// MARK: - Training loss

extension ShapeEncoder {
    /// Forward and backward on the batch already in `pointInput` ([objects * pointsPerObject, 6]):
    /// loss = cross-entropy(logits, labels) + sizeWeight * mean squared error of the size
    /// predictions against `sizeTargets` [objects, SizeTargets.count]. Overwrites `gradients`;
    /// returns (cross-entropy, size MSE, correctly classified objects).
    func lossAndGradient(objects: Int, pointsPerObject: Int, labels: [Int32], sizeTargets: [Float],
                         sizeWeight: Float) -> (crossEntropy: Float, sizeError: Float, correct: Int) {
        let classes = architecture.categories.count
        let width = classes + SizeTargets.count
        forward(objects: objects, pointsPerObject: pointsPerObject, throughHead: true)
        let output = head.output, gradient = head.outputGradient
        let (ce, correct) = labels.withUnsafeBufferPointer { l in
            SoftmaxCrossEntropy.lossAndGradient(logits: output, stride: width, rows: objects, classes: classes,
                                                labels: l.baseAddress!, gradient: gradient, gradientStride: width)
        }
        var squared: Float = 0
        let scale = 1 / Float(objects * SizeTargets.count)
        for b in 0..<objects {
            for j in 0..<SizeTargets.count {
                // SAFETY: column classes + j of row b of the [objects, width] head output and gradient.
                let error = output[b * width + classes + j] - sizeTargets[b * SizeTargets.count + j]
                squared += error * error
                gradient[b * width + classes + j] = 2 * sizeWeight * error * scale
            }
        }
        backward(objects: objects, pointsPerObject: pointsPerObject)
        return (ce, squared * scale, correct)
    }
}
