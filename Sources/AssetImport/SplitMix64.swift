/// SplitMix64: a tiny, fast, deterministic generator (Steele et al. 2014), used for every
/// seeded choice in the library so that results are identical on every machine.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// Internal state; any value is valid.
    public var state: UInt64

    /// Creates a generator from a seed.
    public init(seed: UInt64) { state = seed }

    /// Next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform double in [0, 1) with 53 random bits.
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform double in `range`.
    public mutating func uniform(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + unit() * (range.upperBound - range.lowerBound)
    }

    /// Mixes several integers into one well-spread seed (for per-object seeds).
    public static func mix(_ values: UInt64...) -> UInt64 {
        var g = SplitMix64(seed: 0x5EED_0F_0B1EC7)
        var h: UInt64 = 0
        for v in values {
            g.state ^= v
            h = g.next() ^ (h &* 0x100_0000_01B3)
        }
        return h
    }
}
