import Foundation

/// One TensorBoard `Event` record (tensorflow/core/util/event.proto): a file-version header,
/// a scalar summary or an image summary at a step. `bytes` is the protobuf payload.
public struct TensorBoardEvent: Sendable {
    /// The encoded `Event` message.
    public let bytes: [UInt8]

    /// The first event of every file: `file_version` "brain.Event:2".
    public static func fileVersion(wallTime: Double) -> TensorBoardEvent {
        var w = ProtobufWriter()
        w.double(1, wallTime)
        w.string(3, "brain.Event:2")
        return TensorBoardEvent(bytes: w.bytes)
    }

    /// Scalars `(tag, value)` at `step`, one `Summary.Value.simple_value` each.
    public static func scalars(_ values: [(tag: String, value: Float)], step: Int, wallTime: Double) -> TensorBoardEvent {
        summary(step: step, wallTime: wallTime) { summary in
            for (tag, value) in values {
                summary.message(1) { v in
                    v.string(1, tag)
                    v.float(2, value)
                }
            }
        }
    }

    /// A PNG image (`png` the file's bytes, `width` x `height` pixels, RGB) under `tag` at `step`.
    public static func image(tag: String, png: [UInt8], width: Int, height: Int, step: Int, wallTime: Double) -> TensorBoardEvent {
        summary(step: step, wallTime: wallTime) { summary in
            summary.message(1) { v in
                v.string(1, tag)
                v.message(4) { image in
                    image.int(1, Int64(height))
                    image.int(2, Int64(width))
                    image.int(3, 3)
                    image.bytes(4, png)
                }
            }
        }
    }

    /// An event with wall time, step and the `Summary` that `body` writes.
    private static func summary(step: Int, wallTime: Double, _ body: (inout ProtobufWriter) -> Void) -> TensorBoardEvent {
        var w = ProtobufWriter()
        w.double(1, wallTime)
        w.int(2, Int64(step))
        w.message(5, body)
        return TensorBoardEvent(bytes: w.bytes)
    }

    /// The TFRecord framing of this event: length (u64 LE), masked CRC-32C of the length,
    /// payload, masked CRC-32C of the payload.
    public var record: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        let length = (0..<8).map { UInt8(truncatingIfNeeded: UInt64(bytes.count) >> (8 * UInt64($0))) }
        out += length
        out += Self.littleEndian(CRC32C.masked(length))
        out += bytes
        out += Self.littleEndian(CRC32C.masked(bytes))
        return out
    }

    private static func littleEndian(_ v: UInt32) -> [UInt8] {
        (0..<4).map { UInt8(truncatingIfNeeded: v >> (8 * UInt32($0))) }
    }
}
