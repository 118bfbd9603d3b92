/// A built-in 5x7 pixel font for labels (ASCII 32...126; other characters draw as `?`).
///
/// Each glyph occupies a 6x8 cell (one column and one row of spacing) times `scale`.
/// Text is drawn with hard pixels (no anti-aliasing), which keeps labels crisp and makes
/// tests able to find exactly which pixels are ink.
public enum BitmapFont {
    /// Glyph width without spacing, font pixels.
    public static let glyphWidth = 5
    /// Glyph height, font pixels.
    public static let glyphHeight = 7
    /// Horizontal advance per character, font pixels.
    public static let advance = 6
    /// Line height, font pixels.
    public static let lineHeight = 8

    /// Width in image pixels of `text` drawn at `scale` (without the trailing spacing column).
    public static func width(of text: String, scale: Int = 1) -> Int {
        let n = text.unicodeScalars.count
        return n == 0 ? 0 : (n * advance - 1) * scale
    }

    /// Height in image pixels of one line at `scale` (glyph height, no spacing).
    public static func height(scale: Int = 1) -> Int { glyphHeight * scale }

    /// The 7 row bitmasks of a character (bit 4 = leftmost column).
    static func rows(of scalar: Unicode.Scalar) -> ArraySlice<UInt8> {
        let code = (32...126).contains(scalar.value) ? Int(scalar.value) : Int(("?" as Unicode.Scalar).value)
        let start = (code - 32) * glyphHeight
        return glyphRows[start..<(start + glyphHeight)]
    }
}

extension RGBImage {
    /// Draws `text` with its top-left corner at `(x, y)`, each font pixel a `scale x scale`
    /// block. Pixels outside the image are clipped.
    public mutating func drawText(_ text: String, x: Int, y: Int, color: Color, scale: Int = 1) {
        precondition(scale >= 1, "drawText: scale must be >= 1")
        var penX = x
        for scalar in text.unicodeScalars {
            for (row, bits) in BitmapFont.rows(of: scalar).enumerated() {
                for col in 0..<BitmapFont.glyphWidth where bits & (0x10 >> UInt8(col)) != 0 {
                    fill(x: penX + col * scale, y: y + row * scale, width: scale, height: scale, color)
                }
            }
            penX += BitmapFont.advance * scale
        }
    }

    /// Draws `text` rotated 90 degrees counter-clockwise (reading bottom to top), as for a
    /// y-axis label; `(x, y)` is the top-left of the rotated text's bounding box, which is
    /// `BitmapFont.height(scale:)` wide and `BitmapFont.width(of:scale:)` tall.
    public mutating func drawTextVertical(_ text: String, x: Int, y: Int, color: Color, scale: Int = 1) {
        let total = BitmapFont.width(of: text, scale: scale)
        var pen = 0
        for scalar in text.unicodeScalars {
            for (row, bits) in BitmapFont.rows(of: scalar).enumerated() {
                for col in 0..<BitmapFont.glyphWidth where bits & (0x10 >> UInt8(col)) != 0 {
                    // unrotated (u, v) = (pen + col, row) maps to (row, total - 1 - (pen + col))
                    fill(x: x + row * scale, y: y + total - (pen + col + 1) * scale, width: scale, height: scale, color)
                }
            }
            pen += BitmapFont.advance
        }
    }

    /// Draws `text` horizontally centred on `centerX`, top at `y`.
    public mutating func drawText(_ text: String, centerX: Int, y: Int, color: Color, scale: Int = 1) {
        drawText(text, x: centerX - BitmapFont.width(of: text, scale: scale) / 2, y: y, color: color, scale: scale)
    }
}
