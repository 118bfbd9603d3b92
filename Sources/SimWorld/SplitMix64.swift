import AssetImport

/// Env random streams use the project's one generator (AssetImport.SplitMix64): one word of
/// state, so each env's stream lives in one column cell and snapshots capture it exactly.
extension SplitMix64 {
    /// A generator continuing from a saved state word.
    public init(state: UInt64) { self.init(seed: state) }

    /// State for stream `index` of a run seeded with `seed` (decorrelated by one mixing round).
    public static func streamState(seed: UInt64, index: UInt64) -> UInt64 {
        var g = SplitMix64(seed: seed &+ index &* 0xD1B5_4A32_D192_ED03)
        return g.next()
    }

    /// Uniform Float in [0, 1), 24 random bits.
    public mutating func nextUnit() -> Float { Float(next() >> 40) * 0x1p-24 }

    /// Uniform Float in [lower, upper).
    public mutating func uniform(_ lower: Float, _ upper: Float) -> Float { lower + (upper - lower) * nextUnit() }
}
