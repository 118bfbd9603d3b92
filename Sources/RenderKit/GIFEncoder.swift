/// Animated GIF89a bytes from RGB frames: a fixed 256-colour palette (a 6x7x6 colour cube and
/// 4 greys) with 4x4 ordered dithering, LZW-compressed, looping forever.
public struct GIFEncoder: Sendable {
    /// Frame size, pixels.
    public let width: Int, height: Int
    /// Delay between frames, centiseconds (GIF's unit).
    public let delay: Int
    /// The file so far (header, palette, loop extension, frames; `finish()` adds the trailer).
    public private(set) var bytes: [UInt8] = []

    /// Starts a `width x height` animation showing each frame for `delay` centiseconds.
    public init(width: Int, height: Int, delay: Int) {
        precondition(width > 0 && width <= 65535 && height > 0 && height <= 65535, "GIFEncoder: size \(width)x\(height) out of range")
        self.width = width
        self.height = height
        self.delay = max(1, min(delay, 65535))
        bytes += Array("GIF89a".utf8)
        appendShort(width); appendShort(height)
        bytes += [0xF7, 0, 0]  // global colour table of 256 entries, 8 bits per channel
        for entry in Self.palette { bytes += [entry.r, entry.g, entry.b] }
        bytes += [0x21, 0xFF, 11] + Array("NETSCAPE2.0".utf8) + [3, 1, 0, 0, 0]  // loop forever
    }

    /// Appends one frame (same size as the encoder).
    public mutating func append(_ image: RGBImage) {
        precondition(image.width == width && image.height == height, "GIFEncoder: frame \(image.width)x\(image.height), expected \(width)x\(height)")
        bytes += [0x21, 0xF9, 4, 0]; appendShort(delay); bytes += [0, 0]  // graphic control: delay
        bytes += [0x2C]; appendShort(0); appendShort(0); appendShort(width); appendShort(height); bytes += [0]
        bytes += [8]  // LZW minimum code size
        let data = Self.lzw(Self.indices(image))
        var start = 0
        while start < data.count {
            let n = min(255, data.count - start)
            bytes.append(UInt8(n))
            bytes += data[start..<start + n]
            start += n
        }
        bytes.append(0)
    }

    /// The complete file.
    public func finish() -> [UInt8] { bytes + [0x3B] }

    /// Palette: index r*42 + g*6 + b for r, b in 0..<6 and g in 0..<7 (252 colours), then 4 greys.
    static let palette: [Color] = {
        var colors: [Color] = []
        for r in 0..<6 { for g in 0..<7 { for b in 0..<6 {
            colors.append(Color(UInt8(r * 51), UInt8((g * 255 + 3) / 6), UInt8(b * 51)))
        } } }
        for v in [64, 128, 192, 224] { colors.append(Color(UInt8(v), UInt8(v), UInt8(v))) }
        return colors
    }()

    /// Palette index of every pixel, ordered-dithered with a 4x4 Bayer matrix.
    static func indices(_ image: RGBImage) -> [UInt8] {
        let bayer: [Int] = [0, 8, 2, 10, 12, 4, 14, 6, 3, 11, 1, 9, 15, 7, 13, 5]
        var out = [UInt8](repeating: 0, count: image.width * image.height)
        image.pixels.withUnsafeBufferPointer { px in
            for y in 0..<image.height {
                for x in 0..<image.width {
                    let i = y * image.width + x
                    let t = bayer[(y & 3) * 4 + (x & 3)]  // threshold 0...15
                    out[i] = UInt8(level(px[3 * i], 5, t) * 42 + level(px[3 * i + 1], 6, t) * 6 + level(px[3 * i + 2], 5, t))
                }
            }
        }
        return out
    }

    /// The dithered level 0...steps of channel value `v` at Bayer threshold `t` (0...15).
    @inline(__always)
    private static func level(_ v: UInt8, _ steps: Int, _ t: Int) -> Int {
        min(steps, (Int(v) * steps * 16 + t * 255) / (255 * 16))
    }

    /// GIF's variable-width LZW of 8-bit indices: clear code 256, end code 257, codes up to 12 bits,
    /// a clear code when the table is full; bits packed least significant first.
    static func lzw(_ input: [UInt8]) -> [UInt8] {
        let clear = 256, end = 257
        var table: [Int: Int] = [:]  // (prefix code << 8 | byte) -> code
        var next = 258, width = 9
        var out: [UInt8] = [], buffer = 0, bits = 0
        func emit(_ code: Int) {
            buffer |= code << bits
            bits += width
            while bits >= 8 { out.append(UInt8(buffer & 0xFF)); buffer >>= 8; bits -= 8 }
        }
        emit(clear)
        guard var prefix = input.first.map(Int.init) else { emit(end); return out }
        for byte in input.dropFirst() {
            let key = prefix << 8 | Int(byte)
            if let code = table[key] { prefix = code; continue }
            emit(prefix)
            if next == 4096 {
                emit(clear)
                table.removeAll(keepingCapacity: true)
                (next, width) = (258, 9)
            } else {
                table[key] = next
                next += 1
                if next > 1 << width && width < 12 { width += 1 }
            }
            prefix = Int(byte)
        }
        emit(prefix)
        if next >= 1 << width && width < 12 { width += 1 }  // the decoder adds an entry after this code too
        emit(end)
        if bits > 0 { out.append(UInt8(buffer & 0xFF)) }
        return out
    }

    private mutating func appendShort(_ v: Int) { bytes += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
}
