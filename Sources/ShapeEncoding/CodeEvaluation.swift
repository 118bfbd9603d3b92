import AssetImport
import Foundation
import Learning

/// How well an encoder's codes describe a library: category separation and yaw sensitivity.
public struct CodeEvaluation: Codable, Equatable, Sendable {
    /// Nearest-neighbour category accuracy of the seen-category test codes against the
    /// training codes, in [0, 1].
    public var nearestNeighbourAccuracy: Double
    /// The same with every test object first rotated about z by a random yaw (seeded, uniform
    /// in [-pi, pi)): category separation when an object's frame is known only up to yaw, as
    /// for axisymmetric shapes whose principal x and y axes are arbitrary.
    public var yawedNearestNeighbourAccuracy: Double
    /// Mean code distance between an object at yaw 0 and the same object rotated about z by
    /// 45, 90, ..., 315 degrees, divided by the mean distance between different objects' codes
    /// (0 = yaw invariant; 1 = a yaw change moves a code as far as a change of object).
    public var yawSensitivity: Double
    /// Mean wall-clock milliseconds to encode one object of the test split.
    public var encodeMillisecondsPerObject: Double

    /// Evaluates `encoder` with `train` as references and `test` as queries; yaw sensitivity
    /// over the first `yawObjects` test objects.
    public static func evaluate(_ encoder: ShapeEncoder, train: [ObjectAsset], test: [ObjectAsset],
                                yawObjects: Int = 60) throws(ShapeEncodingError) -> CodeEvaluation {
        let references = try train.map { o throws(ShapeEncodingError) in try encoder.encode(o) }
        let start = Date()
        let queries = try test.map { o throws(ShapeEncodingError) in try encoder.encode(o) }
        let perObject = Date().timeIntervalSince(start) * 1000 / Double(max(test.count, 1))
        let accuracy = CodeMetrics.nearestNeighbourAccuracy(
            queries: queries, queryLabels: test.map(\.category), references: references,
            referenceLabels: train.map(\.category))
        var generator = RandomGenerator(seed: 1)
        let yawed = try test.map { o throws(ShapeEncodingError) in
            let yaw = (generator.nextUniform() * 2 - 1) * Float.pi
            return try encoder.encode(points: CodeMetrics.rotatedAboutZ(o.surfacePoints, yaw: yaw),
                                      normals: CodeMetrics.rotatedAboutZ(o.surfaceNormals, yaw: yaw), name: o.name)
        }
        let yawedAccuracy = CodeMetrics.nearestNeighbourAccuracy(
            queries: yawed, queryLabels: test.map(\.category), references: references,
            referenceLabels: train.map(\.category))
        let sample = Array(test.prefix(yawObjects))
        var moved = 0.0, count = 0
        for (i, o) in sample.enumerated() {
            for k in 1..<8 {
                let yaw = Float(k) * Float.pi / 4
                let code = try encoder.encode(points: CodeMetrics.rotatedAboutZ(o.surfacePoints, yaw: yaw),
                                              normals: CodeMetrics.rotatedAboutZ(o.surfaceNormals, yaw: yaw), name: o.name)
                moved += Double(CodeMetrics.squaredDistance(code, queries[i]).squareRoot())
                count += 1
            }
        }
        let spread = CodeMetrics.meanPairwiseDistance(Array(queries.prefix(yawObjects)))
        return CodeEvaluation(nearestNeighbourAccuracy: accuracy, yawedNearestNeighbourAccuracy: yawedAccuracy,
                              yawSensitivity: count == 0 || spread == 0 ? 0 : moved / Double(count) / spread,
                              encodeMillisecondsPerObject: perObject)
    }
}
