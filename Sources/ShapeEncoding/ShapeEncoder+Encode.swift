import AssetImport
import Learning

// MARK: - Encoding objects

extension ShapeEncoder {
    /// The shape code [codeSize] of a point cloud (flat xyz in metres and outward unit normals,
    /// body frame), from its first `architecture.pointCount` points (all when fewer).
    /// Deterministic and independent of the order of those points. Throws, naming `name`,
    /// when the cloud is empty, the arrays disagree or a value is not finite.
    public func encode(points: [Float], normals: [Float], name: String = "point cloud") throws(ShapeEncodingError) -> [Float] {
        guard !points.isEmpty, points.count % 3 == 0, normals.count == points.count else {
            throw ShapeEncodingError(file: name, "need matching, non-empty xyz point and normal arrays (got \(points.count) and \(normals.count) floats)")
        }
        let used = min(points.count / 3, architecture.pointCount)
        guard points.prefix(3 * used).allSatisfy(\.isFinite), normals.prefix(3 * used).allSatisfy(\.isFinite) else {
            throw ShapeEncodingError(file: name, "surface points or normals are not finite")
        }
        var unused = RandomGenerator(seed: 0)
        PointFeatures.fill(pointInput.pointer, points: points, normals: normals, indices: Array(0..<used),
                           yaw: 0, jitter: 0, scale: architecture.inputScale, generator: &unused)
        let code = forward(objects: 1, pointsPerObject: used, throughHead: false)
        // SAFETY: one code row of codeSize floats.
        return Array(UnsafeBufferPointer(start: code, count: codeSize))
    }

    /// The shape code of an object asset (its stored surface points and normals).
    public func encode(_ object: ObjectAsset) throws(ShapeEncodingError) -> [Float] {
        try encode(points: object.surfacePoints, normals: object.surfaceNormals, name: object.name)
    }

    /// Codes of every object of `split`, in split order, ready for `settingShapeCodes`.
    public func encode(split: ObjectSplit) throws(ShapeEncodingError) -> [[Float]] {
        var codes: [[Float]] = []
        codes.reserveCapacity(split.count)
        for object in split.objects { codes.append(try encode(object)) }
        return codes
    }

    /// Index of the category the training head predicts for `object` (argmax logit).
    public func predictedCategory(_ object: ObjectAsset) throws(ShapeEncodingError) -> String {
        _ = try encode(object)
        let logits = head.forward(codeLayers[codeLayers.count - 1].output, rows: 1)
        var best = 0
        // SAFETY: the head row holds categories.count logits first.
        for c in 1..<architecture.categories.count where logits[c] > logits[best] { best = c }
        return architecture.categories[best]
    }
}
