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
    /// Which entity kind's table this schema describes.
    static var kind: EntityKind { get }
    /// Type, width and documentation of the field.
    var spec: FieldSpec { get }
}

/// A table-qualified field name, used in systems' declared read and write sets.
public struct FieldID: Hashable, Sendable, CustomStringConvertible {
    /// Table of the field.
    public let kind: EntityKind
    /// Field name within its table.
    public let name: String

    public init<F: FieldSchema>(_ field: F) {
        kind = F.kind
        name = field.rawValue
    }

    public var description: String { "\(kind).\(name)" }
}
