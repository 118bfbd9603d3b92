import Foundation

/// One tensor of a safetensors file: F32, or an unsigned integer type stored exactly.
public struct SafeTensor: Equatable, Sendable {
    /// Element types (safetensors' dtype names).
    public enum DType: String, Sendable, CaseIterable {
        case f32 = "F32", u8 = "U8", u32 = "U32", u64 = "U64"

        /// Bytes per element.
        public var size: Int {
            switch self {
            case .u8: 1
            case .f32, .u32: 4
            case .u64: 8
            }
        }
    }

    /// Element type.
    public let dtype: DType
    /// Dimensions, outermost first.
    public var shape: [Int]
    /// Row-major elements as little-endian bytes; count is the product of `shape` times `dtype.size`.
    public var bytes: [UInt8]

    /// An F32 tensor; `values.count` must equal the product of `shape`.
    public init(shape: [Int], values: [Float]) {
        self.init(dtype: .f32, shape: shape, elements: values.map { UInt64($0.bitPattern) })
    }

    /// An unsigned-integer tensor of `dtype` (`.u8`, `.u32` or `.u64`); each value must fit it.
    public init(shape: [Int], integers: [UInt64], dtype: DType) {
        precondition(dtype != .f32, "SafeTensor: integers need an integer dtype")
        self.init(dtype: dtype, shape: shape, elements: integers)
    }

    /// A tensor of raw little-endian `bytes`.
    public init(dtype: DType, shape: [Int], bytes: [UInt8]) {
        self.dtype = dtype
        self.shape = shape
        self.bytes = bytes
    }

    private init(dtype: DType, shape: [Int], elements: [UInt64]) {
        let size = dtype.size
        var bytes = [UInt8](repeating: 0, count: elements.count * size)
        for (i, e) in elements.enumerated() {
            precondition(size == 8 || e >> (8 * UInt64(size)) == 0, "SafeTensor: \(e) does not fit \(dtype.rawValue)")
            for b in 0..<size { bytes[i * size + b] = UInt8(truncatingIfNeeded: e >> (8 * UInt64(b))) }
        }
        self.init(dtype: dtype, shape: shape, bytes: bytes)
    }

    /// Number of elements.
    public var count: Int { bytes.count / dtype.size }

    /// The elements as unsigned integers (F32 elements as their bit patterns).
    public var integers: [UInt64] {
        let size = dtype.size
        return (0..<count).map { i in (0..<size).reduce(UInt64(0)) { $0 | UInt64(bytes[i * size + $1]) << (8 * UInt64($1)) } }
    }

    /// The elements as Floats: F32 exactly, integers converted (exact below 2^24). Setting
    /// makes the tensor F32.
    public var values: [Float] {
        get { dtype == .f32 ? integers.map { Float(bitPattern: UInt32($0)) } : integers.map { Float($0) } }
        set { self = SafeTensor(shape: shape, values: newValue) }
    }
}

/// Minimal safetensors reader/writer (F32, U8, U32, U64): 8-byte little-endian header length,
/// a JSON header {name: {dtype, shape, data_offsets}} (plus optional "__metadata__" strings),
/// padded with spaces to 8 bytes, then the raw little-endian data.
public enum SafeTensors {
    /// Serialises `tensors` in the given order; `metadata` goes to "__metadata__".
    public static func encode(_ tensors: [(name: String, tensor: SafeTensor)],
                              metadata: [String: String] = [:]) -> [UInt8] {
        var entries: [String] = []
        if !metadata.isEmpty {
            let pairs = metadata.keys.sorted().map { "\(quote($0)):\(quote(metadata[$0]!))" }
            entries.append("\"__metadata__\":{\(pairs.joined(separator: ","))}")
        }
        var offset = 0
        for (name, tensor) in tensors {
            precondition(tensor.count == tensor.shape.reduce(1, *), "SafeTensors: '\(name)' shape/count mismatch")
            let end = offset + tensor.bytes.count
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            entries.append("\(quote(name)):{\"dtype\":\"\(tensor.dtype.rawValue)\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(end)]}")
            offset = end
        }
        var header = Array(("{" + entries.joined(separator: ",") + "}").utf8)
        while header.count % 8 != 0 { header.append(0x20) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 + header.count + offset)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: header)
        for (_, tensor) in tensors { bytes.append(contentsOf: tensor.bytes) }
        return bytes
    }

    /// Parses a whole file's bytes; throws `CheckpointError` (naming `file`) on any
    /// truncation, malformed header, unsupported dtype or out-of-range offsets.
    public static func decode(_ bytes: [UInt8], file: String) throws -> [String: SafeTensor] {
        func fail(_ problem: String) -> CheckpointError { CheckpointError(file: file, problem: problem) }
        guard bytes.count >= 8 else { throw fail("truncated: \(bytes.count) bytes, need at least 8 for the header length") }
        var headerLength: UInt64 = 0
        for i in 0..<8 { headerLength |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        guard headerLength <= UInt64(bytes.count - 8) else {
            throw fail("truncated: header claims \(headerLength) bytes but only \(bytes.count - 8) follow")
        }
        let dataStart = 8 + Int(headerLength)
        let headerData = Data(bytes[8..<dataStart])
        guard let json = try? JSONSerialization.jsonObject(with: headerData), let header = json as? [String: Any] else {
            throw fail("header is not a JSON object")
        }
        var tensors: [String: SafeTensor] = [:]
        for (name, value) in header where name != "__metadata__" {
            guard let entry = value as? [String: Any], let dtype = entry["dtype"] as? String,
                  let shape = entry["shape"] as? [Int], let offsets = entry["data_offsets"] as? [Int],
                  offsets.count == 2 else {
                throw fail("tensor '\(name)' has a malformed header entry")
            }
            guard let type = SafeTensor.DType(rawValue: dtype) else {
                throw fail("tensor '\(name)' has dtype \(dtype); supported: \(SafeTensor.DType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let count = shape.reduce(1, *)
            guard shape.allSatisfy({ $0 >= 0 }), offsets[0] >= 0, offsets[1] - offsets[0] == count * type.size else {
                throw fail("tensor '\(name)' offsets \(offsets) do not match shape \(shape)")
            }
            guard dataStart + offsets[1] <= bytes.count else {
                throw fail("truncated: tensor '\(name)' ends at byte \(dataStart + offsets[1]) of \(bytes.count)")
            }
            tensors[name] = SafeTensor(dtype: type, shape: shape, bytes: Array(bytes[dataStart + offsets[0] ..< dataStart + offsets[1]]))
        }
        return tensors
    }

    /// JSON string literal with quotes, backslashes and control characters escaped.
    private static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
