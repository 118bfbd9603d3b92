/// Colour and depth storage for one (supersampled) render target, reused across frames.
///
/// Colours are packed `0x00BBGGRR` words; depth is NDC z in `[-1, 1]` (smaller is nearer),
/// cleared to `1` (the far plane). Memory is allocated once in `init` and freed in `deinit`.
final class FrameBuffer {
    /// Width, samples (output width times the supersampling factor).
    let width: Int
    /// Height, samples.
    let height: Int
    /// Packed colours. Shape `[height, width]`.
    let color: UnsafeMutableBufferPointer<UInt32>
    /// NDC depth per sample. Shape `[height, width]`.
    let depth: UnsafeMutableBufferPointer<Float>

    init(width: Int, height: Int) {
        precondition(width > 0 && height > 0, "FrameBuffer: size must be positive")
        self.width = width
        self.height = height
        color = .allocate(capacity: width * height)
        depth = .allocate(capacity: width * height)
        color.initialize(repeating: 0)
        depth.initialize(repeating: 1)
    }

    deinit {
        color.deallocate()
        depth.deallocate()
    }

    /// Packs a colour into a framebuffer word.
    @inline(__always) static func pack(_ r: UInt32, _ g: UInt32, _ b: UInt32) -> UInt32 { r | g << 8 | b << 16 }

    /// Clears depth to the far plane and colour to a vertical gradient from `top` to `bottom`.
    func clear(top: Color, bottom: Color) {
        for y in 0..<height {
            let c = top.mixed(with: bottom, height > 1 ? Float(y) / Float(height - 1) : 0)
            let word = FrameBuffer.pack(UInt32(c.r), UInt32(c.g), UInt32(c.b))
            let row = y * width
            // SAFETY: row..<row+width lies inside the width*height allocation.
            UnsafeMutableBufferPointer(rebasing: color[row..<(row + width)]).update(repeating: word)
        }
        depth.update(repeating: 1)
    }

    /// Box-filters `factor x factor` sample blocks into an `RGBImage` (the anti-aliasing resolve).
    func resolve(factor: Int) -> RGBImage {
        precondition(width % factor == 0 && height % factor == 0, "FrameBuffer.resolve: bad factor")
        let w = width / factor, h = height / factor, n = UInt32(factor * factor)
        var bytes = [UInt8](repeating: 0, count: w * h * 3)
        bytes.withUnsafeMutableBufferPointer { out in
            for y in 0..<h {
                for x in 0..<w {
                    var r: UInt32 = 0, g: UInt32 = 0, b: UInt32 = 0
                    for dy in 0..<factor {
                        let row = (y * factor + dy) * width + x * factor
                        for dx in 0..<factor {
                            // SAFETY: row+dx < width*height since x*factor+dx < width and y*factor+dy < height.
                            let c = color[row + dx]
                            r += c & 0xFF; g += (c >> 8) & 0xFF; b += (c >> 16) & 0xFF
                        }
                    }
                    let o = 3 * (y * w + x)
                    out[o] = UInt8((r + n / 2) / n); out[o + 1] = UInt8((g + n / 2) / n); out[o + 2] = UInt8((b + n / 2) / n)
                }
            }
        }
        return RGBImage(width: w, height: h, pixels: bytes)
    }
}
