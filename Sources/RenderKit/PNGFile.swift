import CPNG
import DurableFiles
import Foundation

/// Errors from reading or writing PNG files.
public enum PNGError: Error, CustomStringConvertible, Equatable {
    /// The target directory does not exist or is not a directory.
    case directoryMissing(path: String)
    /// A file could not be created, renamed or opened; `reason` is the system error text.
    case fileSystem(path: String, reason: String)
    /// libpng rejected the data; `message` is libpng's text.
    case libpng(path: String, message: String)

    /// Human-readable description.
    public var description: String {
        switch self {
        case .directoryMissing(let path): return "PNG: directory of '\(path)' does not exist"
        case .fileSystem(let path, let reason): return "PNG: '\(path)': \(reason)"
        case .libpng(let path, let message): return "PNG: libpng failed on '\(path)': \(message)"
        }
    }
}

/// PNG encoding and decoding through libpng's simplified `png_image` API (8-bit RGB).
///
/// The simplified API reports errors through return codes and `png_image.message`, so no
/// `setjmp`/`longjmp` crosses into Swift.
public enum PNGFile {
    /// Writes `image` as an 8-bit RGB PNG at `path`, atomically and durably (`AtomicFile`), so
    /// a reader never sees a half-written frame.
    /// - Throws: `PNGError` when the directory is missing or encoding or writing fails.
    public static func write(_ image: RGBImage, to path: String) throws {
        var isDir: ObjCBool = false
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            throw PNGError.directoryMissing(path: path)
        }
        let bytes = try encode(image, path: path)
        do { try AtomicFile.write(bytes, to: path) } catch { throw PNGError.fileSystem(path: path, reason: error.message) }
    }

    /// The PNG file bytes of `image` (`path` only names it in errors).
    public static func encode(_ image: RGBImage, path: String = "<memory>") throws -> [UInt8] {
        var png = png_image()
        png.version = UInt32(PNG_IMAGE_VERSION)
        png.width = UInt32(image.width)
        png.height = UInt32(image.height)
        png.format = UInt32(PNG_FORMAT_RGB)
        var size = 0
        var bytes: [UInt8] = []
        var ok = image.pixels.withUnsafeBufferPointer { pixels in
            // SAFETY: pixels holds height rows of width*3 bytes (RGBImage invariant), matching
            // row_stride = width*3; with a nil buffer libpng only computes the size.
            png_image_write_to_memory(&png, nil, &size, 0, pixels.baseAddress, Int32(image.width * 3), nil)
        }
        if ok != 0 {
            bytes = [UInt8](repeating: 0, count: size)
            ok = image.pixels.withUnsafeBufferPointer { pixels in
                bytes.withUnsafeMutableBytes { out in
                    // SAFETY: out has `size` bytes, the size libpng asked for; it writes only during this call.
                    png_image_write_to_memory(&png, out.baseAddress, &size, 0, pixels.baseAddress, Int32(image.width * 3), nil)
                }
            }
        }
        let message = libpngMessage(&png)
        png_image_free(&png)
        guard ok != 0 else { throw PNGError.libpng(path: path, message: message) }
        return Array(bytes.prefix(size))
    }

    /// Reads a PNG file and converts it to 8-bit RGB (alpha is composited onto black by libpng,
    /// grey is expanded to RGB).
    /// - Throws: `PNGError` when the file is missing or is not a valid PNG.
    public static func read(from path: String) throws -> RGBImage {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw PNGError.fileSystem(path: path, reason: "no such readable file")
        }
        var png = png_image()
        png.version = UInt32(PNG_IMAGE_VERSION)
        guard png_image_begin_read_from_file(&png, path) != 0 else {
            let message = libpngMessage(&png)
            png_image_free(&png)
            throw PNGError.libpng(path: path, message: message)
        }
        png.format = UInt32(PNG_FORMAT_RGB)
        let width = Int(png.width), height = Int(png.height)
        var bytes = [UInt8](repeating: 0, count: width * height * 3)
        let ok = bytes.withUnsafeMutableBufferPointer { buffer in
            // SAFETY: buffer has width*height*3 bytes, exactly PNG_IMAGE_SIZE for PNG_FORMAT_RGB
            // with row_stride = width*3; libpng writes only during this call.
            png_image_finish_read(&png, nil, buffer.baseAddress, Int32(width * 3), nil)
        }
        let message = libpngMessage(&png)
        png_image_free(&png)
        guard ok != 0 else { throw PNGError.libpng(path: path, message: message) }
        return RGBImage(width: width, height: height, pixels: bytes)
    }

    /// The NUL-terminated message libpng left in `png.message`.
    private static func libpngMessage(_ png: inout png_image) -> String {
        withUnsafeBytes(of: &png.message) { raw in
            // SAFETY: `message` is a fixed C char array inside `png`; we read at most its size.
            let chars = raw.bindMemory(to: UInt8.self)
            let end = chars.firstIndex(of: 0) ?? chars.count
            return String(decoding: chars[..<end], as: UTF8.self)
        }
    }
}
