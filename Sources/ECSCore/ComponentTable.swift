/// One structure-of-arrays table, one row per env: for each field of `Field`, a flat
/// fixed-capacity buffer of `rowCount * width` elements, allocated once, zeroed, never resized.
///
/// Systems reach columns only through their `SystemAccess`; code outside the schedule (a
/// learner reading observations and writing actions, a recorder, a test) uses `column(_:as:)`
/// or `pointer(_:as:)` between steps.
public final class ComponentTable<Field: FieldSchema>: @unchecked Sendable {
    // SAFETY: columns are raw buffers shared across shard threads; the schedule guarantees
    // that concurrent systems write disjoint row ranges (one shard each).

    /// Number of rows (envs).
    public let rowCount: Int
    @usableFromInline var storage: [Field: UnsafeMutableRawBufferPointer] = [:]
    @usableFromInline let widths: [Field: Int]

    /// Allocates every field of the schema for `envCount` rows, zero-filled; `widths`
    /// overrides the schema width of fields sized at run time (e.g. observations).
    public init(envCount: Int, widths: [Field: Int] = [:]) {
        precondition(envCount > 0, "ComponentTable: the env count must be > 0")
        rowCount = envCount
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
    @inlinable public func width(_ field: Field) -> Int { widths[field] ?? field.spec.width }

    /// Typed base pointer of a column (row e starts at element `e * width(field)`). `T` must be
    /// the field's scalar type.
    @inlinable public func pointer<T: ColumnScalar>(_ field: Field, as type: T.Type = Float.self) -> UnsafeMutablePointer<T> {
        precondition(T.scalarType == field.spec.scalar, "ComponentTable: \(Field.tableName).\(field.rawValue) is not \(T.self)")
        // SAFETY: the buffer holds rowCount * width elements of this type, bound by the allocator.
        return storage[field]!.baseAddress!.assumingMemoryBound(to: T.self)
    }

    /// Every row of a column: `column(.pose)[e]` is env e's pose, as wide as the table made it.
    @inlinable public func column<T: ColumnScalar>(_ field: Field, as type: T.Type = Float.self) -> MutableColumnView<T> {
        view(field, as: T.self, envs: 0..<rowCount)
    }

    /// The rows of `envs` of a column (what a system's access hands out).
    @inlinable func view<T: ColumnScalar>(_ field: Field, as type: T.Type, envs: Range<Int>) -> MutableColumnView<T> {
        MutableColumnView(base: pointer(field, as: T.self), width: width(field), envs: envs)
    }

    /// Read-only view of `rows` of a column, `[rows.count, width]` row-major.
    public func withColumn<T: ColumnScalar, R>(_ field: Field, as type: T.Type, rows: Range<Int>? = nil,
                                               _ body: (UnsafeBufferPointer<T>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(column(field, as: T.self).rows(rows ?? 0..<rowCount)))
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
