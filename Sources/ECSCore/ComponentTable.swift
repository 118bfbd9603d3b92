/// One structure-of-arrays table: for each field of `Field`, a flat fixed-capacity buffer of
/// `rowCount * width` elements, allocated once, zeroed, never resized. Rows are env-major.
public final class ComponentTable<Field: FieldSchema>: @unchecked Sendable {
    // SAFETY: columns are raw buffers shared across shard threads; the schedule guarantees
    // that concurrent systems write disjoint row ranges (one shard each).

    /// Number of rows (entities of this kind).
    public let rowCount: Int
    /// Rows owned by each env (`rowCount / envCount`).
    public let rowsPerEnv: Int
    private var storage: [Field: UnsafeMutableRawBufferPointer] = [:]
    private let widths: [Field: Int]

    /// Allocates every field of the schema for `envCount * rowsPerEnv` rows, zero-filled;
    /// `widths` overrides the schema width of fields sized at run time (e.g. observations).
    public init(envCount: Int, rowsPerEnv: Int = 1, widths: [Field: Int] = [:]) {
        precondition(envCount > 0 && rowsPerEnv > 0, "ComponentTable: counts must be > 0")
        self.rowsPerEnv = rowsPerEnv
        rowCount = envCount * rowsPerEnv
        self.widths = widths
        for field in Field.allCases {
            let bytes = rowCount * (widths[field] ?? field.spec.width) * field.spec.scalar.size
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes, alignment: 64)
            buffer.initializeMemory(as: UInt8.self, repeating: 0)
            storage[field] = buffer
        }
    }

    deinit {
        for buffer in storage.values { buffer.deallocate() }
    }

    /// Elements per row of `field` in this table.
    public func width(_ field: Field) -> Int { widths[field] ?? field.spec.width }

    /// Typed base pointer of a column. The element type must match the field's scalar type.
    public func pointer<T>(_ field: Field, as type: T.Type = Float.self) -> UnsafeMutablePointer<T> {
        precondition(MemoryLayout<T>.size == field.spec.scalar.size, "ComponentTable: \(field) is not \(T.self)")
        // SAFETY: the buffer holds rowCount * width elements of this size, bound by the allocator.
        return storage[field]!.baseAddress!.assumingMemoryBound(to: T.self)
    }

    /// Read-only view of `rows` of a column, `[rows.count, width]` row-major.
    public func withColumn<T, R>(_ field: Field, as type: T.Type, rows: Range<Int>? = nil,
                                 _ body: (UnsafeBufferPointer<T>) throws -> R) rethrows -> R {
        let r = rows ?? 0..<rowCount
        let w = width(field)
        return try body(UnsafeBufferPointer(start: pointer(field, as: T.self) + r.lowerBound * w, count: r.count * w))
    }

    /// Mutable view of `rows` of a column, `[rows.count, width]` row-major.
    public func withMutableColumn<T, R>(_ field: Field, as type: T.Type, rows: Range<Int>? = nil,
                                        _ body: (UnsafeMutableBufferPointer<T>) throws -> R) rethrows -> R {
        let r = rows ?? 0..<rowCount
        let w = width(field)
        return try body(UnsafeMutableBufferPointer(start: pointer(field, as: T.self) + r.lowerBound * w, count: r.count * w))
    }

    /// Raw bytes of a whole column (for snapshots and bit-identity checks).
    public func bytes(_ field: Field) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(storage[field]!) }

    /// Zeroes one whole column.
    public func zero(_ field: Field) {
        UnsafeMutableRawBufferPointer(storage[field]!).initializeMemory(as: UInt8.self, repeating: 0)
    }

    /// Zeroes every field of the given rows.
    public func zero(rows: Range<Int>) {
        for (field, buffer) in storage {
            let rowBytes = width(field) * field.spec.scalar.size
            let slice = UnsafeMutableRawBufferPointer(rebasing: buffer[rows.lowerBound * rowBytes ..< rows.upperBound * rowBytes])
            slice.initializeMemory(as: UInt8.self, repeating: 0)
        }
    }

    /// Rows belonging to a contiguous range of envs.
    public func rows(forEnvs envs: Range<Int>) -> Range<Int> {
        envs.lowerBound * rowsPerEnv ..< envs.upperBound * rowsPerEnv
    }

    /// A copy of every column.
    public func snapshot() -> TableSnapshot<Field> {
        TableSnapshot(columns: Dictionary(uniqueKeysWithValues: Field.allCases.map { ($0, Array(bytes($0))) }))
    }

    /// Overwrites every column with a snapshot taken from a table of the same shape.
    public func restore(_ snapshot: TableSnapshot<Field>) {
        for field in Field.allCases {
            let source = snapshot.columns[field]!
            precondition(source.count == storage[field]!.count, "ComponentTable.restore: \(field) has another size")
            source.withUnsafeBytes { storage[field]!.copyMemory(from: $0) }
        }
    }
}

/// Copied contents of every column of a table, by field.
public struct TableSnapshot<Field: FieldSchema>: Equatable, Sendable {
    /// Raw bytes per field.
    public let columns: [Field: [UInt8]]
}
