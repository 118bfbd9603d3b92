import Foundation
import Learning
import SimWorld

/// Every column of every world table as safetensors, exactly: Float columns as F32, integer
/// columns as U8 / U32 / U64. Checkpoints that stored integer columns as Floats (UInt64 split
/// into four 16-bit parts) still restore.
enum WorldSnapshot {
    /// Tensors named "<table>.<field>".
    static func tensors(of world: World) -> [(name: String, tensor: SafeTensor)] {
        encode(world.envs) + encode(world.hands) + encode(world.objects) + encode(world.surfaces)
    }

    /// The tensors of the whole run: every rank's rows, in rank order (a collective; with one
    /// process, `tensors(of:)`).
    static func gathered(_ world: World, _ communicator: Communicator) -> [(name: String, tensor: SafeTensor)] {
        let mine = tensors(of: world)
        guard communicator.size > 1 else { return mine }
        let rows = world.spec.envCount
        let widths = mine.map { $0.tensor.bytes.count / rows }
        let parts = communicator.allgather(mine.flatMap(\.tensor.bytes), what: "world state")
        let perRow = widths.reduce(0, +)
        var merged = widths.map { _ in [UInt8]() }
        for part in parts {
            let partRows = part.count / perRow
            var offset = 0
            for (k, w) in widths.enumerated() {
                merged[k] += part[offset ..< offset + w * partRows]
                offset += w * partRows
            }
        }
        return zip(mine, merged).map { ($0.name, SafeTensor(dtype: $0.tensor.dtype, shape: [$1.count / $0.tensor.dtype.size], bytes: $1)) }
    }

    /// Rank `share.rank`'s rows of run-wide tensors (every tensor holds `share.total` equal rows).
    static func rows(of tensors: [String: SafeTensor], share: EnvShare) -> [String: SafeTensor] {
        guard share.ranks > 1 else { return tensors }
        return tensors.mapValues { t in
            let width = t.bytes.count / share.total, envs = share.range
            let bytes = Array(t.bytes[envs.lowerBound * width ..< envs.upperBound * width])
            return SafeTensor(dtype: t.dtype, shape: [bytes.count / t.dtype.size], bytes: bytes)
        }
    }

    /// Columns newer than some checkpoints that the sync phase rewrites before any system reads
    /// them: zero-filled when a checkpoint lacks them (resume stays exact).
    static let recomputedEachStep: Set<String> = ["hand.tipObjectForce", "env.nonFinite"]

    /// Writes the tensors back into `world`'s columns; throws naming the missing or mis-sized one.
    static func restore(_ world: World, from tensors: [String: SafeTensor], file: String) throws {
        try decode(world.envs, tensors, file)
        try decode(world.hands, tensors, file)
        try decode(world.objects, tensors, file)
        try decode(world.surfaces, tensors, file)
    }

    private static func encode<F: FieldSchema>(_ table: ComponentTable<F>) -> [(name: String, tensor: SafeTensor)] {
        F.allCases.map { field in
            let n = table.rowCount * table.width(field)
            let tensor: SafeTensor
            switch field.spec.scalar {
            case .float32: tensor = SafeTensor(shape: [n], values: Array(UnsafeBufferPointer(start: table.pointer(field, as: Float.self), count: n)))
            case .uint32: tensor = SafeTensor(shape: [n], integers: UnsafeBufferPointer(start: table.pointer(field, as: UInt32.self), count: n).map { UInt64($0) }, dtype: .u32)
            case .uint8: tensor = SafeTensor(shape: [n], integers: UnsafeBufferPointer(start: table.pointer(field, as: UInt8.self), count: n).map { UInt64($0) }, dtype: .u8)
            case .uint64: tensor = SafeTensor(shape: [n], integers: Array(UnsafeBufferPointer(start: table.pointer(field, as: UInt64.self), count: n)), dtype: .u64)
            }
            return ("\(F.tableName).\(field.rawValue)", tensor)
        }
    }

    private static func decode<F: FieldSchema>(_ table: ComponentTable<F>, _ tensors: [String: SafeTensor], _ file: String) throws {
        for field in F.allCases {
            let name = "\(F.tableName).\(field.rawValue)"
            let n = table.rowCount * table.width(field)
            guard let t = tensors[name] else {
                guard recomputedEachStep.contains(name) else { throw CheckpointError(file: file, problem: "world tensor '\(name)' is missing") }
                table.zero(field)
                continue
            }
            let dtype: SafeTensor.DType = switch field.spec.scalar {
            case .float32: .f32
            case .uint32: .u32
            case .uint8: .u8
            case .uint64: .u64
            }
            if t.dtype == .f32, dtype != .f32 {
                try decodeFloatEncoded(table, field, t, name: name, file: file)
                continue
            }
            guard t.dtype == dtype, t.count == n else {
                throw CheckpointError(file: file, problem: "world tensor '\(name)' is \(t.dtype.rawValue) with \(t.count) values, this world needs \(dtype.rawValue) with \(n)")
            }
            let column = table.bytes(field)
            // SAFETY: the column's storage is mutable and holds n elements of dtype.size bytes, as the tensor does.
            t.bytes.withUnsafeBytes { UnsafeMutableRawPointer(mutating: column.baseAddress!).copyMemory(from: $0.baseAddress!, byteCount: column.count) }
        }
    }

    /// An integer column from a checkpoint that stored it as Floats (UInt64 as four 16-bit parts).
    private static func decodeFloatEncoded<F: FieldSchema>(_ table: ComponentTable<F>, _ field: F, _ t: SafeTensor,
                                                           name: String, file: String) throws {
        let n = table.rowCount * table.width(field)
        let parts = field.spec.scalar == .uint64 ? 4 : 1
        let limit: Float = switch field.spec.scalar {
        case .uint8: 255
        case .uint32: 16_777_216  // 2^24: Floats hold every integer up to it
        default: 65_535
        }
        let values = t.values
        guard values.count == parts * n, values.allSatisfy({ $0 >= 0 && $0 <= limit && $0.rounded() == $0 }) else {
            throw CheckpointError(file: file, problem: "world tensor '\(name)' needs \(parts * n) whole numbers in 0...\(Int(limit)) (an integer column stored as F32)")
        }
        for i in 0..<n {
            let v = (0..<parts).reduce(UInt64(0)) { $0 | UInt64(values[parts * i + $1]) << (16 * UInt64($1)) }
            switch field.spec.scalar {
            case .uint32: table.pointer(field, as: UInt32.self)[i] = UInt32(v)
            case .uint8: table.pointer(field, as: UInt8.self)[i] = UInt8(v)
            case .uint64: table.pointer(field, as: UInt64.self)[i] = v
            case .float32: break
            }
        }
    }
}
