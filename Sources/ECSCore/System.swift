/// A system: a stateless function over a contiguous range of envs (one shard), run in one
/// phase, that declares which fields it reads and writes (bevy params, EnTT organizer).
public protocol System<Context>: Sendable {
    /// What the system runs on (the world: tables and physics shards).
    associatedtype Context: Sendable
    /// Name for logs and schedule errors.
    var name: String { get }
    /// Phase the system belongs to.
    var phase: Phase { get }
    /// Fields the system reads.
    var reads: Set<FieldID> { get }
    /// Fields the system writes.
    var writes: Set<FieldID> { get }
    /// Runs on shard `shard`, which owns envs `envs`. Must touch only those envs' rows.
    func run(_ context: Context, shard: Int, envs: Range<Int>) throws
}

extension System {
    public var name: String { String(describing: Self.self) }
}
