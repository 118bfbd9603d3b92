import XCTest

/// A minimal Protocol Buffers wire-format reader for tests: splits a message into its fields
/// (number, wire type, value) so tests can check what a writer put where.
struct ProtobufReader {
    /// One decoded field.
    enum Value: Equatable {
        case varint(UInt64)
        case fixed64(UInt64)
        case bytes([UInt8])
        case fixed32(UInt32)
    }

    /// The fields of `bytes` in file order; fails the test on malformed input.
    static func fields(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) -> [(field: Int, value: Value)] {
        var i = 0
        var out: [(Int, Value)] = []
        func varint() -> UInt64? {
            var result: UInt64 = 0, shift: UInt64 = 0
            while i < bytes.count {
                let b = bytes[i]
                i += 1
                result |= UInt64(b & 0x7F) << shift
                if b < 0x80 { return result }
                shift += 7
                if shift > 63 { return nil }
            }
            return nil
        }
        func fixed(_ n: Int) -> UInt64? {
            guard i + n <= bytes.count else { return nil }
            var v: UInt64 = 0
            for k in 0..<n { v |= UInt64(bytes[i + k]) << (8 * UInt64(k)) }
            i += n
            return v
        }
        while i < bytes.count {
            guard let tag = varint() else { XCTFail("truncated tag", file: file, line: line); return out }
            let field = Int(tag >> 3)
            switch tag & 7 {
            case 0:
                guard let v = varint() else { XCTFail("truncated varint", file: file, line: line); return out }
                out.append((field, .varint(v)))
            case 1:
                guard let v = fixed(8) else { XCTFail("truncated fixed64", file: file, line: line); return out }
                out.append((field, .fixed64(v)))
            case 2:
                guard let n = varint(), i + Int(n) <= bytes.count else { XCTFail("truncated bytes", file: file, line: line); return out }
                out.append((field, .bytes(Array(bytes[i ..< i + Int(n)]))))
                i += Int(n)
            case 5:
                guard let v = fixed(4) else { XCTFail("truncated fixed32", file: file, line: line); return out }
                out.append((field, .fixed32(UInt32(v))))
            default:
                XCTFail("wire type \(tag & 7) of field \(field)", file: file, line: line)
                return out
            }
        }
        return out
    }

    /// The length-delimited values of `field` in `bytes`, in order.
    static func messages(_ field: Int, in bytes: [UInt8]) -> [[UInt8]] {
        fields(bytes).compactMap { $0.field == field ? $0.value.bytesValue : nil }
    }

    /// The varint values of `field` in `bytes`, in order.
    static func ints(_ field: Int, in bytes: [UInt8]) -> [Int64] {
        fields(bytes).compactMap { f in
            guard f.field == field, case .varint(let v) = f.value else { return nil }
            return Int64(bitPattern: v)
        }
    }

    /// The UTF-8 strings of `field` in `bytes`, in order.
    static func strings(_ field: Int, in bytes: [UInt8]) -> [String] {
        messages(field, in: bytes).map { String(decoding: $0, as: UTF8.self) }
    }
}

extension ProtobufReader.Value {
    /// The payload of a length-delimited field, nil for other wire types.
    var bytesValue: [UInt8]? {
        if case .bytes(let b) = self { return b }
        return nil
    }
}
