/// Protocol Buffers wire-format encoder: fields are appended in call order (the order the
/// .proto declares them is what readers expect but not what they require). Used for ONNX
/// models and TensorBoard event records; proto2 and proto3 share this encoding.
public struct ProtobufWriter: Sendable {
    /// The encoded message so far.
    public private(set) var bytes: [UInt8] = []

    /// An empty message.
    public init() {}

    /// Appends a base-128 varint (no tag).
    mutating func appendVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    /// Appends the tag of `field` with wire type `wireType` (0 varint, 1 64-bit, 2 length-delimited, 5 32-bit).
    mutating func appendTag(_ field: Int, _ wireType: UInt64) {
        precondition(field >= 1 && field < 1 << 29, "ProtobufWriter: field number \(field) out of range")
        appendVarint(UInt64(field) << 3 | wireType)
    }

    /// Appends `field` as a varint (int32, int64, uint64, bool and enum fields; negatives take 10 bytes).
    public mutating func int(_ field: Int, _ value: Int64) {
        appendTag(field, 0)
        appendVarint(UInt64(bitPattern: value))
    }

    /// Appends `field` as a 32-bit little-endian float.
    public mutating func float(_ field: Int, _ value: Float) {
        appendTag(field, 5)
        appendLittleEndian(UInt64(value.bitPattern), byteCount: 4)
    }

    /// Appends `field` as a 64-bit little-endian double.
    public mutating func double(_ field: Int, _ value: Double) {
        appendTag(field, 1)
        appendLittleEndian(value.bitPattern, byteCount: 8)
    }

    /// Appends `field` as length-delimited raw bytes.
    public mutating func bytes(_ field: Int, _ value: [UInt8]) {
        appendTag(field, 2)
        appendVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    /// Appends `field` as a UTF-8 string.
    public mutating func string(_ field: Int, _ value: String) {
        bytes(field, Array(value.utf8))
    }

    /// Appends `field` as an embedded message built by `body`.
    public mutating func message(_ field: Int, _ body: (inout ProtobufWriter) -> Void) {
        var inner = ProtobufWriter()
        body(&inner)
        bytes(field, inner.bytes)
    }

    /// Appends a packed repeated int64 `field` (one length-delimited run of varints).
    public mutating func packedInts(_ field: Int, _ values: [Int64]) {
        var inner = ProtobufWriter()
        for v in values { inner.appendVarint(UInt64(bitPattern: v)) }
        bytes(field, inner.bytes)
    }

    /// Appends a repeated int64 `field` unpacked (one tag per value), as proto2 encodes a
    /// repeated scalar without `[packed = true]` (ONNX's `dims`).
    public mutating func repeatedInts(_ field: Int, _ values: [Int64]) {
        for v in values { int(field, v) }
    }

    /// Appends a packed repeated float `field` (little-endian 32-bit values).
    public mutating func packedFloats(_ field: Int, _ values: [Float]) {
        var inner = ProtobufWriter()
        inner.bytes.reserveCapacity(values.count * 4)
        for v in values { inner.appendLittleEndian(UInt64(v.bitPattern), byteCount: 4) }
        bytes(field, inner.bytes)
    }

    private mutating func appendLittleEndian(_ value: UInt64, byteCount: Int) {
        for i in 0..<byteCount { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(i)))) }
    }
}
