/// An 8-bit RGB raster image, row-major with the top row first.
///
/// `pixels` holds `width * height * 3` bytes: pixel `(x, y)` starts at `3 * (y * width + x)`.
/// This is the layout libpng reads and writes for `PNG_FORMAT_RGB`.
public struct RGBImage: Hashable, Sendable {
    /// Width, pixels.
    public let width: Int
    /// Height, pixels.
    public let height: Int
    /// Interleaved RGB bytes. Shape `[height, width, 3]`.
    public var pixels: [UInt8]

    /// Creates an image filled with one colour.
    public init(width: Int, height: Int, fill: Color = .white) {
        precondition(width > 0 && height > 0, "RGBImage: size must be positive, got \(width)x\(height)")
        self.width = width
        self.height = height
        pixels = [UInt8](repeating: 0, count: width * height * 3)
        for i in 0..<(width * height) {
            pixels[3 * i] = fill.r; pixels[3 * i + 1] = fill.g; pixels[3 * i + 2] = fill.b
        }
    }

    /// Wraps existing bytes. `pixels.count` must be `width * height * 3`.
    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width > 0 && height > 0 && pixels.count == width * height * 3,
                     "RGBImage: need width*height*3 bytes")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The colour at `(x, y)`; both must be inside the image.
    public subscript(x: Int, y: Int) -> Color {
        get {
            precondition(x >= 0 && x < width && y >= 0 && y < height, "RGBImage: (\(x), \(y)) outside image")
            let i = 3 * (y * width + x)
            return Color(pixels[i], pixels[i + 1], pixels[i + 2])
        }
        set {
            precondition(x >= 0 && x < width && y >= 0 && y < height, "RGBImage: (\(x), \(y)) outside image")
            let i = 3 * (y * width + x)
            pixels[i] = newValue.r; pixels[i + 1] = newValue.g; pixels[i + 2] = newValue.b
        }
    }

    /// Sets `(x, y)` to `color` if it is inside the image; otherwise does nothing.
    public mutating func plot(x: Int, y: Int, _ color: Color) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        self[x, y] = color
    }

    /// Blends `color` over `(x, y)` with opacity `alpha` in `0...1`, if inside the image.
    public mutating func blend(x: Int, y: Int, _ color: Color, alpha: Float) {
        guard x >= 0, x < width, y >= 0, y < height, alpha > 0 else { return }
        self[x, y] = alpha >= 1 ? color : self[x, y].mixed(with: color, alpha)
    }

    /// Fills the rectangle `[x, x+w) x [y, y+h)` (clipped to the image).
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, _ color: Color) {
        let x0 = max(0, x), x1 = min(width, x + w), y0 = max(0, y), y1 = min(height, y + h)
        guard x0 < x1, y0 < y1 else { return }
        for yy in y0..<y1 {
            for xx in x0..<x1 {
                let i = 3 * (yy * width + xx)
                pixels[i] = color.r; pixels[i + 1] = color.g; pixels[i + 2] = color.b
            }
        }
    }

    /// Copies `image` so its top-left corner lands at `(x, y)`; parts outside are clipped.
    public mutating func blit(_ image: RGBImage, x: Int, y: Int) {
        let x0 = max(0, x), x1 = min(width, x + image.width)
        guard x0 < x1 else { return }
        for yy in max(0, y)..<max(max(0, y), min(height, y + image.height)) {
            let src = 3 * ((yy - y) * image.width + (x0 - x)), dst = 3 * (yy * width + x0)
            pixels.replaceSubrange(dst..<(dst + 3 * (x1 - x0)), with: image.pixels[src..<(src + 3 * (x1 - x0))])
        }
    }

    /// Box-filters the image down by an integer `factor` (each output pixel averages a
    /// `factor x factor` block). Width and height must be multiples of `factor`.
    public func downsampled(by factor: Int) -> RGBImage {
        precondition(factor >= 1 && width % factor == 0 && height % factor == 0,
                     "RGBImage.downsampled: size must be a multiple of the factor")
        if factor == 1 { return self }
        let w = width / factor, h = height / factor, n = factor * factor
        var out = [UInt8](repeating: 0, count: w * h * 3)
        for y in 0..<h {
            for x in 0..<w {
                var sum = SIMD3<Int>.zero
                for dy in 0..<factor {
                    let row = 3 * ((y * factor + dy) * width + x * factor)
                    for dx in 0..<factor {
                        let i = row + 3 * dx
                        sum &+= SIMD3(Int(pixels[i]), Int(pixels[i + 1]), Int(pixels[i + 2]))
                    }
                }
                let o = 3 * (y * w + x)
                out[o] = UInt8((sum.x + n / 2) / n); out[o + 1] = UInt8((sum.y + n / 2) / n)
                out[o + 2] = UInt8((sum.z + n / 2) / n)
            }
        }
        return RGBImage(width: w, height: h, pixels: out)
    }

    /// Resamples to `newWidth x newHeight` by area averaging (good for shrinking frames
    /// into thumbnails; nearest-neighbour-like when enlarging).
    public func resized(width newWidth: Int, height newHeight: Int) -> RGBImage {
        precondition(newWidth > 0 && newHeight > 0, "RGBImage.resized: size must be positive")
        if newWidth == width && newHeight == height { return self }
        var out = RGBImage(width: newWidth, height: newHeight, fill: .black)
        let sx = Double(width) / Double(newWidth), sy = Double(height) / Double(newHeight)
        for y in 0..<newHeight {
            let y0 = Int(Double(y) * sy), y1 = max(y0 + 1, min(height, Int((Double(y + 1) * sy).rounded(.up))))
            for x in 0..<newWidth {
                let x0 = Int(Double(x) * sx), x1 = max(x0 + 1, min(width, Int((Double(x + 1) * sx).rounded(.up))))
                var sum = SIMD3<Int>.zero
                for yy in y0..<y1 {
                    for xx in x0..<x1 {
                        let i = 3 * (yy * width + xx)
                        sum &+= SIMD3(Int(pixels[i]), Int(pixels[i + 1]), Int(pixels[i + 2]))
                    }
                }
                let n = (y1 - y0) * (x1 - x0), o = 3 * (y * newWidth + x)
                out.pixels[o] = UInt8(sum.x / n); out.pixels[o + 1] = UInt8(sum.y / n); out.pixels[o + 2] = UInt8(sum.z / n)
            }
        }
        return out
    }
}
