/// Kinds of entities in a grasping scene; one component table per kind.
public enum EntityKind: UInt8, CaseIterable, Sendable, CustomStringConvertible {
    case env, hand, object, table
    public var description: String {
        switch self {
        case .env: "env"
        case .hand: "hand"
        case .object: "object"
        case .table: "table"
        }
    }
}

/// A typed handle to one row of one kind's table. Rows never move: envs are reset in place,
/// so `generation` only changes if a row is ever recycled for a different entity.
public struct Entity: Hashable, Sendable, CustomStringConvertible {
    /// Which table the row lives in.
    public let kind: EntityKind
    /// Row index in that table (env-major: `env * perEnv + slot`).
    public let row: UInt32
    /// Incremented when the row is recycled for another entity.
    public let generation: UInt32

    public init(kind: EntityKind, row: UInt32, generation: UInt32 = 0) {
        self.kind = kind
        self.row = row
        self.generation = generation
    }

    public var description: String { "\(kind)#\(row)@\(generation)" }
}

/// Index of a parallel environment, `0 ..< envCount`.
public struct EnvIndex: Hashable, Comparable, Sendable {
    /// The raw index.
    public let value: Int
    public init(_ value: Int) { self.value = value }
    public static func < (a: EnvIndex, b: EnvIndex) -> Bool { a.value < b.value }
}
