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
    /// The fields, in schema order; a field's position here indexes `columns`.
    @usableFromInline let fields: [Field]
    /// Each field's buffer and elements per row, in schema order.
    @usableFromInline let columns: [(buffer: UnsafeMutableRawBufferPointer, width: Int)]

    /// Allocates every field of the schema for `envCount` rows, zero-filled; `widths`
    /// overrides the schema width of fields sized at run time (e.g. observations).
    public init(envCount: Int, widths: [Field: Int] = [:]) {
        precondition(envCount > 0, "ComponentTable: the env count must be > 0")
        rowCount = envCount
        fields = Array(Field.allCases)
        columns = fields.map { field in
            let width = widths[field] ?? field.spec.width
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: envCount * width * field.spec.scalar.size, alignment: 64)
            buffer.initializeMemory(as: UInt8.self, repeating: 0)
            return (buffer, width)
        }
    }

    deinit {
        for column in columns { column.buffer.deallocate() }
    }

    /// Position of `field` in `columns` (a scan of at most a few dozen cases, no hashing).
    @inlinable func index(_ field: Field) -> Int {
        for i in fields.indices where fields[i] == field { return i }
        preconditionFailure("ComponentTable: \(field) is not a field of its schema")
    }

    /// Elements per row of `field` in this table.
    @inlinable public func width(_ field: Field) -> Int { columns[index(field)].width }

    /// Typed base pointer of a column (row e starts at element `e * width(field)`). `T` must be
    /// the field's scalar type.
    @inlinable public func pointer<T: ColumnScalar>(_ field: Field, as type: T.Type = Float.self) -> UnsafeMutablePointer<T> {
        precondition(T.scalarType == field.spec.scalar, "ComponentTable: \(Field.tableName).\(field.rawValue) is not \(T.self)")
        // SAFETY: the buffer holds rowCount * width elements of this type, bound by the allocator.
        return columns[index(field)].buffer.baseAddress!.assumingMemoryBound(to: T.self)
    }

    /// Every row of a column: `column(.pose)[e]` is env e's pose, as wide as the table made it.
    @inlinable public func column<T: ColumnScalar>(_ field: Field, as type: T.Type = Float.self) -> MutableColumnView<T> {
        view(field, as: T.self, envs: 0..<rowCount)
    }

    /// The rows of `envs` of a column (what a system's access hands out).
    @inlinable func view<T: ColumnScalar>(_ field: Field, as type: T.Type, envs: Range<Int>) -> MutableColumnView<T> {
        precondition(T.scalarType == field.spec.scalar, "ComponentTable: \(Field.tableName).\(field.rawValue) is not \(T.self)")
        let column = columns[index(field)]
        // SAFETY: as in `pointer`.
        return MutableColumnView(base: column.buffer.baseAddress!.assumingMemoryBound(to: T.self), width: column.width, envs: envs)
    }

    /// Read-only view of `rows` of a column, `[rows.count, width]` row-major.
    public func withColumn<T: ColumnScalar, R>(_ field: Field, as type: T.Type, rows: Range<Int>? = nil,
                                               _ body: (UnsafeBufferPointer<T>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(column(field, as: T.self).rows(rows ?? 0..<rowCount)))
    }

    /// Raw bytes of a whole column (for snapshots and bit-identity checks).
    public func bytes(_ field: Field) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(columns[index(field)].buffer) }

    /// Zeroes one whole column.
    public func zero(_ field: Field) {
        columns[index(field)].buffer.initializeMemory(as: UInt8.self, repeating: 0)
    }

    /// Zeroes every field of the given rows.
    public func zero(rows: Range<Int>) {
        for (field, column) in zip(fields, columns) {
            let rowBytes = column.width * field.spec.scalar.size
            let slice = UnsafeMutableRawBufferPointer(rebasing: column.buffer[rows.lowerBound * rowBytes ..< rows.upperBound * rowBytes])
            slice.initializeMemory(as: UInt8.self, repeating: 0)
        }
    }

    /// A copy of every column.
    public func snapshot() -> TableSnapshot<Field> {
        TableSnapshot(columns: Dictionary(uniqueKeysWithValues: Field.allCases.map { ($0, Array(bytes($0))) }))
    }

    /// Overwrites every column with a snapshot taken from a table of the same shape.
    public func restore(_ snapshot: TableSnapshot<Field>) {
        for (field, column) in zip(fields, columns) {
            let source = snapshot.columns[field]!
            precondition(source.count == column.buffer.count, "ComponentTable.restore: \(field) has another size")
            source.withUnsafeBytes { column.buffer.copyMemory(from: $0) }
        }
    }
}

/// Copied contents of every column of a table, by field.
public struct TableSnapshot<Field: FieldSchema>: Equatable, Sendable {
    /// Raw bytes per field.
    public let columns: [Field: [UInt8]]
}
