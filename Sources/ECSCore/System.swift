/// What a schedule runs on: a world's phases and its tables, found by schema. Systems never see
/// the world itself, only the `SystemAccess` the schedule builds from their declarations.
public protocol ECSWorld: AnyObject, Sendable {
    /// The world's phases, in run order.
    associatedtype Phase: SchedulePhase
    /// The table holding the fields of `schema`.
    func table<F: FieldSchema>(_ schema: F.Type) -> ComponentTable<F>
}

/// A shared value of a world that is not a column (a physics engine, one per shard), named so
/// systems can declare that they use it.
public struct ResourceID: Hashable, Sendable, CustomStringConvertible {
    /// The resource's name.
    public let name: String
    public init(_ name: String) { self.name = name }
    public var description: String { name }
}

/// A system: a function over a contiguous range of envs (one shard), run in one phase, that
/// declares which fields it reads and writes and which resources it uses (bevy params, EnTT
/// organizer) and reaches exactly those through its `SystemAccess`. Settings it needs (the
/// constants of its task) are its own stored properties, given when it is made.
public protocol System<Context>: Sendable {
    /// The world the system runs on.
    associatedtype Context: ECSWorld
    /// Name for logs and schedule errors.
    var name: String { get }
    /// Phase the system belongs to.
    var phase: Context.Phase { get }
    /// Fields the system reads (including those it reads and then writes).
    var reads: Set<FieldID> { get }
    /// Fields the system writes.
    var writes: Set<FieldID> { get }
    /// Resources the system uses.
    var resources: Set<ResourceID> { get }
    /// Runs on one shard: `access.envs` are its envs, `access.shard` its index. Must touch only
    /// those envs' rows.
    func run(_ access: SystemAccess<Context>) throws
}

extension System {
    public var name: String { String(describing: Self.self) }
    public var resources: Set<ResourceID> { [] }
}

/// A system in a schedule, with its declarations read once when the schedule was built.
public struct ScheduledSystem<Context: ECSWorld>: Sendable {
    /// The system.
    public let system: any System<Context>
    /// Its name.
    public let name: String
    /// Its phase.
    public let phase: Context.Phase
    /// The fields it reads and writes, the resources it uses.
    public let reads: Set<FieldID>, writes: Set<FieldID>, resources: Set<ResourceID>

    init(_ system: any System<Context>) {
        self.system = system
        name = system.name
        phase = system.phase
        reads = system.reads
        writes = system.writes
        resources = system.resources
    }
}
