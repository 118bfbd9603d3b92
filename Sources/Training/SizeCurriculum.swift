import SimWorld

/// A size curriculum (`sizeCurriculum` in a config): the training objects enter by bounding
/// radius, smallest first. The radius limit grows linearly from `startRadius` at the first
/// iteration to the largest training object's radius at `fullAt` of the run's iterations;
/// resets draw from the objects within it. A function of the iteration alone, so a resumed run
/// draws as an uninterrupted one.
public struct SizeCurriculum: Codable, Sendable, Equatable {
    /// Bounding-radius limit at the first iteration, metres; 0 = no curriculum (every
    /// training object from the start).
    public var startRadius: Float = 0
    /// Fraction of the run's iterations (0, 1] after which every training object is in.
    public var fullAt: Float = 0.5

    /// No curriculum.
    public init() {}

    /// Whether the curriculum is on.
    public var isOn: Bool { startRadius > 0 }

    /// The radius limit, metres, before iteration `iteration` (0-based) of `iterations`, when the
    /// largest training object has bounding radius `largest`.
    public func limit(iteration: Int, iterations: Int, largest: Float) -> Float {
        let progress = min(1, Float(iteration) / max(1, fullAt * Float(iterations)))
        return min(largest, startRadius + (largest - startRadius) * progress)
    }

    /// Indices of the `assets` resets draw from before iteration `iteration`: those within the
    /// limit, or the smallest one when none is; all of them when the curriculum is off.
    public func pool(_ assets: [ObjectAsset], iteration: Int, iterations: Int) -> [Int] {
        guard isOn, let largest = assets.map(\.boundingRadius).max() else { return Array(assets.indices) }
        let limit = self.limit(iteration: iteration, iterations: iterations, largest: largest)
        let within = assets.indices.filter { assets[$0].boundingRadius <= limit + 1e-6 }
        return within.isEmpty ? [assets.indices.min { assets[$0].boundingRadius < assets[$1].boundingRadius }!] : within
    }
}
