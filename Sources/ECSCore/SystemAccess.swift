/// What one system may touch while it runs on one shard, built by the schedule from the
/// system's declarations: typed views of the rows of its shard's envs for the fields it
/// declared (`read` for `reads`, `write` for `writes`, `update` for a field in both), and the
/// resources it declared. Row widths come from the tables, so a system never writes a stride.
///
/// In debug builds every request is checked against the declarations: an undeclared one is
/// recorded, and once the system has run over every shard the schedule throws a
/// `ScheduleError` naming the system and the field. Release builds do no checking.
public struct SystemAccess<Context: ECSWorld> {
    /// The world (reached only through the accessors).
    @usableFromInline let world: Context
    /// Index of the shard the system runs on.
    public let shard: Int
    /// The shard's envs.
    public let envs: Range<Int>
    #if DEBUG
    /// Where undeclared requests are recorded.
    @usableFromInline let audit: AccessAudit
    #endif

    #if DEBUG
    init(_ world: Context, shard: Int, envs: Range<Int>, audit: AccessAudit) {
        self.world = world
        self.shard = shard
        self.envs = envs
        self.audit = audit
    }
    #else
    init(_ world: Context, shard: Int, envs: Range<Int>) {
        self.world = world
        self.shard = shard
        self.envs = envs
    }
    #endif

    /// Read-only rows of a field the system declared in `reads`.
    @inlinable public func read<F: FieldSchema, T: ColumnScalar>(_ field: F, as type: T.Type = Float.self) -> ColumnView<T> {
        #if DEBUG
        audit.check(field, reading: true, writing: false, shard: shard)
        #endif
        let view = world.table(F.self).view(field, as: T.self, envs: envs)
        return ColumnView(base: UnsafePointer(view.base), width: view.width, envs: envs)
    }

    /// Mutable rows of a field the system declared in `writes` and does not read.
    @inlinable public func write<F: FieldSchema, T: ColumnScalar>(_ field: F, as type: T.Type = Float.self) -> MutableColumnView<T> {
        #if DEBUG
        audit.check(field, reading: false, writing: true, shard: shard)
        #endif
        return world.table(F.self).view(field, as: T.self, envs: envs)
    }

    /// Mutable rows of a field the system reads and writes (declared in both `reads` and `writes`).
    @inlinable public func update<F: FieldSchema, T: ColumnScalar>(_ field: F, as type: T.Type = Float.self) -> MutableColumnView<T> {
        #if DEBUG
        audit.check(field, reading: true, writing: true, shard: shard)
        #endif
        return world.table(F.self).view(field, as: T.self, envs: envs)
    }

    /// A resource the system declared in `resources`, for this shard: `fetch` gets it from the
    /// world and the shard index (a world's typed accessors, such as its physics, call this).
    @inlinable public func resource<R>(_ id: ResourceID, _ fetch: (Context, Int) -> R) -> R {
        #if DEBUG
        audit.check(id, shard: shard)
        #endif
        return fetch(world, shard)
    }
}

#if DEBUG
/// One system's declarations and the undeclared requests it made in one run, one slot per shard.
@usableFromInline final class AccessAudit: @unchecked Sendable {
    // SAFETY: slot s is written only by the thread running shard s; read after the join.
    let name: String, reads: Set<FieldID>, writes: Set<FieldID>, resources: Set<ResourceID>
    private var slots: [Set<String>]

    init<Context>(_ system: ScheduledSystem<Context>, shards: Int) {
        name = system.name
        reads = system.reads
        writes = system.writes
        resources = system.resources
        slots = Array(repeating: [], count: shards)
    }

    @usableFromInline func check<F: FieldSchema>(_ field: F, reading: Bool, writing: Bool, shard: Int) {
        let id = FieldID(field)
        if reading && !reads.contains(id) {
            slots[shard].insert("\(name) reads \(id), which it does not declare in reads")
        }
        if writing && !writes.contains(id) {
            slots[shard].insert("\(name) writes \(id), which it does not declare in writes")
        }
    }

    @usableFromInline func check(_ id: ResourceID, shard: Int) {
        if !resources.contains(id) {
            slots[shard].insert("\(name) uses the resource \(id), which it does not declare in resources")
        }
    }

    /// Every undeclared request of the run, sorted; nil when there was none.
    var report: String? {
        let found = slots.reduce(into: Set<String>()) { $0.formUnion($1) }
        return found.isEmpty ? nil : "undeclared access: " + found.sorted().joined(separator: "; ")
    }
}
#endif
