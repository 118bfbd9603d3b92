import Foundation

/// Deterministic xoshiro256** generator seeded through SplitMix64; its state is plain data,
/// so it can be checkpointed and restored for bit-exact resume.
public struct RandomGenerator: RandomNumberGenerator, Equatable, Sendable {
    /// The four 64-bit words of xoshiro256** state.
    public var state: (UInt64, UInt64, UInt64, UInt64)

    /// Seeds the state with four SplitMix64 outputs of `seed` (never all zero).
    public init(seed: UInt64) {
        var mixer = seed
        state = (
            Self.splitMix64(&mixer), Self.splitMix64(&mixer),
            Self.splitMix64(&mixer), Self.splitMix64(&mixer))
    }

    /// Restores a generator from a state captured with `state` (must not be all zero).
    public init(state: (UInt64, UInt64, UInt64, UInt64)) {
        precondition(state != (0, 0, 0, 0), "RandomGenerator: the all-zero state is invalid")
        self.state = state
    }

    /// One SplitMix64 step (also a good stand-alone per-env seeder).
    public static func splitMix64(_ x: inout UInt64) -> UInt64 {
        x &+= 0x9E37_79B9_7F4A_7C15
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Next 64 random bits (xoshiro256**).
    public mutating func next() -> UInt64 {
        let result = rotl(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotl(state.3, 45)
        return result
    }

    /// Uniform Float in [0, 1) with 24 random bits.
    public mutating func nextUniform() -> Float {
        Float(next() >> 40) * 0x1p-24
    }

    /// Uniform integer in [0, bound) by the multiply-high method (bias below bound / 2^64).
    public mutating func nextIndex(below bound: Int) -> Int {
        precondition(bound > 0, "RandomGenerator.nextIndex: bound must be positive")
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// Fills `count` elements with standard normal samples (Box-Muller in Double, pairs).
    public mutating func fillGaussian(_ out: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        while i < count {
            // u1 in (0, 1], u2 in [0, 1): 53-bit uniforms.
            let u1 = Double((next() >> 11) + 1) * 0x1p-53
            let u2 = Double(next() >> 11) * 0x1p-53
            let radius = (-2.0 * Foundation.log(u1)).squareRoot()
            let angle = 2.0 * Double.pi * u2
            // SAFETY: i < count; the second write is guarded.
            out[i] = Float(radius * Foundation.cos(angle))
            if i + 1 < count { out[i + 1] = Float(radius * Foundation.sin(angle)) }
            i += 2
        }
    }

    /// Shuffles `indices` in place (Fisher-Yates, deterministic for a given state).
    public mutating func shuffle(_ indices: inout [Int32]) {
        guard indices.count > 1 else { return }
        for i in stride(from: indices.count - 1, to: 0, by: -1) {
            let j = nextIndex(below: i + 1)
            indices.swapAt(i, j)
        }
    }

    /// The state as four words (for checkpoints).
    public var words: [UInt64] { [state.0, state.1, state.2, state.3] }

    public static func == (lhs: RandomGenerator, rhs: RandomGenerator) -> Bool {
        lhs.words == rhs.words
    }

    @inline(__always) private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }
}
