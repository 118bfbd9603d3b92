import Foundation
import Learning
import SimWorld

/// Every column of every world table as safetensors, exactly: Float columns as they are,
/// integer columns as exactly representable Floats (UInt64 split into four 16-bit parts).
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
        let widths = mine.map { $0.tensor.values.count / rows }
        let flat = mine.flatMap(\.tensor.values)
        let parts = communicator.allgather(flat.withUnsafeBytes { Array($0) }, what: "world state").map { bytes in
            bytes.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
        }
        let perRow = widths.reduce(0, +)
        var merged = widths.map { _ in [Float]() }
        for part in parts {
            let partRows = part.count / perRow
            var offset = 0
            for (k, w) in widths.enumerated() {
                merged[k] += part[offset ..< offset + w * partRows]
                offset += w * partRows
            }
        }
        return zip(mine, merged).map { ($0.name, SafeTensor(shape: [$1.count], values: $1)) }
    }

    /// Rank `share.rank`'s rows of run-wide tensors (every tensor holds `share.total` equal rows).
    static func rows(of tensors: [String: SafeTensor], share: EnvShare) -> [String: SafeTensor] {
        guard share.ranks > 1 else { return tensors }
        return tensors.mapValues { t in
            let width = t.values.count / share.total, envs = share.range
            let values = Array(t.values[envs.lowerBound * width ..< envs.upperBound * width])
            return SafeTensor(shape: [values.count], values: values)
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
            var values: [Float]
            switch field.spec.scalar {
            case .float32: values = Array(UnsafeBufferPointer(start: table.pointer(field, as: Float.self), count: n))
            case .uint32: values = UnsafeBufferPointer(start: table.pointer(field, as: UInt32.self), count: n).map { Float($0) }
            case .uint8: values = UnsafeBufferPointer(start: table.pointer(field, as: UInt8.self), count: n).map { Float($0) }
            case .uint64:
                values = UnsafeBufferPointer(start: table.pointer(field, as: UInt64.self), count: n).flatMap { v in
                    (0..<4).map { Float((v >> (16 * UInt64($0))) & 0xFFFF) }
                }
            }
            return ("\(F.kind).\(field.rawValue)", SafeTensor(shape: [values.count], values: values))
        }
    }

    private static func decode<F: FieldSchema>(_ table: ComponentTable<F>, _ tensors: [String: SafeTensor], _ file: String) throws {
        for field in F.allCases {
            let name = "\(F.kind).\(field.rawValue)"
            let n = table.rowCount * table.width(field)
            let expected = field.spec.scalar == .uint64 ? 4 * n : n
            guard let t = tensors[name] else {
                guard recomputedEachStep.contains(name) else { throw CheckpointError(file: file, problem: "world tensor '\(name)' is missing") }
                table.zero(field)
                continue
            }
            guard t.values.count == expected else {
                throw CheckpointError(file: file, problem: "world tensor '\(name)' has \(t.values.count) values, this world needs \(expected)")
            }
            switch field.spec.scalar {
            case .float32: for i in 0..<n { table.pointer(field, as: Float.self)[i] = t.values[i] }
            case .uint32: for i in 0..<n { table.pointer(field, as: UInt32.self)[i] = UInt32(t.values[i]) }
            case .uint8: for i in 0..<n { table.pointer(field, as: UInt8.self)[i] = UInt8(t.values[i]) }
            case .uint64:
                for i in 0..<n {
                    table.pointer(field, as: UInt64.self)[i] = (0..<4).reduce(UInt64(0)) { $0 | (UInt64(t.values[4 * i + $1]) << (16 * UInt64($1))) }
                }
            }
        }
    }
}
