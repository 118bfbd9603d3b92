import AssetImport

/// How an object is placed on the table at reset: the body-axis-aligned orientation with the
/// flattest face down (most hull vertices within 2 mm of the lowest plane; ties go to the lower
/// centre of mass), and the height of the centre of mass above the table in that orientation.
public struct RestingPose: Sendable, Equatable {
    /// Orientation of the body frame on the table, quaternion xyzw. [4]
    public let orientation: [Float]
    /// Height of the centre of mass above the table top, metres.
    public let height: Float

    /// The six orientations putting body -z, +z, -x, +x, -y, +y down.
    static let candidates: [[Float]] = {
        let s = Float(0.5).squareRoot()
        return [[0, 0, 0, 1], [1, 0, 0, 0], [0, -s, 0, s], [0, s, 0, s], [s, 0, 0, s], [-s, 0, 0, s]]
    }()

    /// The resting pose of `asset`.
    public init(_ asset: ObjectAsset) {
        var best: (support: Int, height: Float, q: [Float]) = (-1, .infinity, Self.candidates[0])
        for q in Self.candidates {
            let rotation = Quaternion(q)
            let z = asset.hulls.flatMap { hull in stride(from: 0, to: hull.count, by: 3).map { rotation.rotate([hull[$0], hull[$0 + 1], hull[$0 + 2]])[2] } }
            let lowest = z.min() ?? 0
            let support = z.filter { $0 < lowest + 0.002 }.count
            if support > best.support || (support == best.support && -lowest < best.height - 0.001) {
                best = (support, -lowest, q)
            }
        }
        orientation = best.q
        height = best.height
    }
}
