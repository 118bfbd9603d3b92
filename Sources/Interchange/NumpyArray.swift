/// NumPy's .npy format, version 1.0, for float32 arrays (what `numpy.load` reads): the magic
/// "\x93NUMPY", version 1 0, a little-endian uint16 header length, a Python-literal header
/// `{'descr': '<f4', 'fortran_order': False, 'shape': (...), }` padded with spaces and a
/// newline so that the data starts at a multiple of 64 bytes, then the values row-major,
/// little-endian.
public enum NumpyArray {
    /// The .npy bytes of `values` with shape `shape` (the value count must match the shape).
    public static func encode(float32 values: [Float], shape: [Int]) -> [UInt8] {
        precondition(shape.allSatisfy { $0 >= 0 } && shape.reduce(1, *) == values.count,
                     "NumpyArray: \(values.count) values for shape \(shape)")
        let dims = shape.count == 1 ? "\(shape[0])," : shape.map(String.init).joined(separator: ", ")
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(dims)), }"
        let preamble = 10  // magic (6), version (2), header length (2)
        let total = (preamble + header.utf8.count + 1 + 63) / 64 * 64
        header += String(repeating: " ", count: total - preamble - header.utf8.count - 1) + "\n"
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0]
        let length = UInt16(header.utf8.count)
        bytes += [UInt8(truncatingIfNeeded: length), UInt8(truncatingIfNeeded: length >> 8)]
        bytes += Array(header.utf8)
        bytes.reserveCapacity(bytes.count + 4 * values.count)
        for v in values {
            let bits = v.bitPattern
            bytes += [UInt8(truncatingIfNeeded: bits), UInt8(truncatingIfNeeded: bits >> 8),
                      UInt8(truncatingIfNeeded: bits >> 16), UInt8(truncatingIfNeeded: bits >> 24)]
        }
        return bytes
    }
}
