/// Element types a column may hold; all are plain little-endian scalars.
public enum ScalarType: Sendable {
    case float32, uint32, uint64, uint8

    /// Bytes per element.
    public var size: Int {
        switch self {
        case .float32, .uint32: 4
        case .uint64: 8
        case .uint8: 1
        }
    }
}

/// A Swift type a column's elements are read as: exactly one per `ScalarType`.
public protocol ColumnScalar: BitwiseCopyable {
    /// The column element type this Swift type reads.
    static var scalarType: ScalarType { get }
}

extension Float: ColumnScalar { public static var scalarType: ScalarType { .float32 } }
extension UInt32: ColumnScalar { public static var scalarType: ScalarType { .uint32 } }
extension UInt64: ColumnScalar { public static var scalarType: ScalarType { .uint64 } }
extension UInt8: ColumnScalar { public static var scalarType: ScalarType { .uint8 } }

/// Static description of one component field: element type, width per row, and its doc
/// (units, frame, shape).
public struct FieldSpec: Sendable {
    /// Element type.
    public let scalar: ScalarType
    /// Elements per row (1 for scalars, 3 for a position, 7 for a pose, joint count, ...).
    public let width: Int
    /// Units, frame and meaning, e.g. "metres, env-local frame, xyz".
    public let doc: String

    public init(_ scalar: ScalarType, width: Int, _ doc: String) {
        precondition(width > 0, "FieldSpec: width must be > 0")
        self.scalar = scalar
        self.width = width
        self.doc = doc
    }
}

/// The schema of one table: a `CaseIterable` enum whose cases are the fields. The one list
/// drives allocation, reset, snapshots and the determinism test (the Swift mjxmacro).
public protocol FieldSchema: CaseIterable, Hashable, Sendable, RawRepresentable where RawValue == String {
    /// Name of the table this schema describes, the prefix of its qualified field names
    /// (`table.field`, as in schedule errors and checkpoint tensors).
    static var tableName: String { get }
    /// Type, width and documentation of the field.
    var spec: FieldSpec { get }
}

/// A table-qualified field name, used in systems' declared read and write sets.
public struct FieldID: Hashable, Sendable, CustomStringConvertible {
    /// Table of the field.
    public let table: String
    /// Field name within its table.
    public let name: String

    public init<F: FieldSchema>(_ field: F) {
        table = F.tableName
        name = field.rawValue
    }

    public var description: String { "\(table).\(name)" }
}
