import Foundation

/// One F32 tensor read from a safetensors file.
public struct SafeTensor: Equatable, Sendable {
    /// Dimensions, outermost first.
    public var shape: [Int]
    /// Row-major values; count is the product of `shape`.
    public var values: [Float]

    /// Creates a tensor; `values.count` must equal the product of `shape`.
    public init(shape: [Int], values: [Float]) {
        self.shape = shape
        self.values = values
    }
}

/// Minimal safetensors reader/writer for F32 tensors: 8-byte little-endian header length,
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
            precondition(tensor.values.count == tensor.shape.reduce(1, *), "SafeTensors: '\(name)' shape/count mismatch")
            let end = offset + tensor.values.count * 4
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            entries.append("\(quote(name)):{\"dtype\":\"F32\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(end)]}")
            offset = end
        }
        var header = Array(("{" + entries.joined(separator: ",") + "}").utf8)
        while header.count % 8 != 0 { header.append(0x20) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 + header.count + offset)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: header)
        for (_, tensor) in tensors {
            for value in tensor.values {
                withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
            }
        }
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
            guard dtype == "F32" else { throw fail("tensor '\(name)' has dtype \(dtype); only F32 is supported") }
            let count = shape.reduce(1, *)
            guard shape.allSatisfy({ $0 >= 0 }), offsets[0] >= 0, offsets[1] - offsets[0] == count * 4 else {
                throw fail("tensor '\(name)' offsets \(offsets) do not match shape \(shape)")
            }
            guard dataStart + offsets[1] <= bytes.count else {
                throw fail("truncated: tensor '\(name)' ends at byte \(dataStart + offsets[1]) of \(bytes.count)")
            }
            var values = [Float](repeating: 0, count: count)
            for i in 0..<count {
                let p = dataStart + offsets[0] + 4 * i
                let bits = UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8 | UInt32(bytes[p + 2]) << 16 | UInt32(bytes[p + 3]) << 24
                values[i] = Float(bitPattern: bits)
            }
            tensors[name] = SafeTensor(shape: shape, values: values)
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
