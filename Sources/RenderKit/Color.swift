/// An 8-bit RGB colour (no alpha), the pixel type of `RGBImage` and of drawn items.
public struct Color: Hashable, Sendable {
    /// Red, 0...255.
    public var r: UInt8
    /// Green, 0...255.
    public var g: UInt8
    /// Blue, 0...255.
    public var b: UInt8

    /// Creates a colour from 8-bit channels.
    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
        (self.r, self.g, self.b) = (r, g, b)
    }

    /// Creates a colour from channels in `0...1` (clamped, rounded).
    public init(red: Float, green: Float, blue: Float) {
        func q(_ v: Float) -> UInt8 { UInt8(max(0, min(255, (v * 255).rounded()))) }
        self.init(q(red), q(green), q(blue))
    }

    /// Channels as floats in `0...1`.
    public var floats: SIMD3<Float> { SIMD3(Float(r), Float(g), Float(b)) / 255 }

    /// Linear mix: `self` at `t = 0`, `other` at `t = 1`.
    public func mixed(with other: Color, _ t: Float) -> Color {
        let v = floats * (1 - t) + other.floats * t
        return Color(red: v.x, green: v.y, blue: v.z)
    }

    /// Black.
    public static let black = Color(0, 0, 0)
    /// White.
    public static let white = Color(255, 255, 255)
    /// Pure red.
    public static let red = Color(255, 0, 0)

    /// A palette of 8 distinguishable colours (Tableau 10 order) for series and policies.
    public static let palette: [Color] = [
        Color(31, 119, 180), Color(255, 127, 14), Color(44, 160, 44), Color(214, 39, 40),
        Color(148, 103, 189), Color(140, 86, 75), Color(227, 119, 194), Color(127, 127, 127),
    ]
}
