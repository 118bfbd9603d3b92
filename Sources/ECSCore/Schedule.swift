import Dispatch

/// Error thrown when a schedule's declared reads and writes do not fit together, when a system
/// fails in a shard, or (debug builds) when a system reached a field or resource it did not declare.
public struct ScheduleError: Error, CustomStringConvertible {
    /// What went wrong.
    public let description: String
}

/// Splits `envCount` envs into `shardCount` contiguous, near-equal ranges.
public struct ShardPlan: Sendable, Equatable {
    /// Env range of each shard.
    public let ranges: [Range<Int>]

    public init(envCount: Int, shardCount: Int) {
        precondition(envCount > 0 && shardCount > 0 && shardCount <= envCount, "ShardPlan: need 0 < shards <= envs")
        ranges = (0..<shardCount).map { s in (s * envCount / shardCount) ..< ((s + 1) * envCount / shardCount) }
    }

    /// Number of shards.
    public var count: Int { ranges.count }

    /// Shard that owns `env`, and its index inside that shard.
    public func locate(env: Int) -> (shard: Int, local: Int) {
        for (s, r) in ranges.enumerated() where r.contains(env) { return (s, env - r.lowerBound) }
        preconditionFailure("ShardPlan: env \(env) is out of range")
    }
}

/// An explicit, ordered schedule: phases run in the world's phase order, systems in listed
/// order within a phase, each system across all shards in parallel. There is no dependency
/// solver.
public final class Schedule<Context: ECSWorld>: @unchecked Sendable {
    // SAFETY: systems are immutable values; `run` hands each shard a disjoint env range.
    /// Systems in run order.
    public let systems: [ScheduledSystem<Context>]
    /// Fields written outside the schedule before a step (e.g. actions from the learner).
    public let externalInputs: Set<FieldID>

    /// Builds and validates a schedule: systems sorted by phase (stable), no two systems of one
    /// phase writing the same field, and every read field written by an earlier or the same
    /// phase, or by the caller (`externalInputs`), or at world creation (`staticFields`).
    public init(_ systems: [any System<Context>], externalInputs: Set<FieldID> = [], staticFields: Set<FieldID> = []) throws {
        self.systems = systems.map(ScheduledSystem.init).enumerated()
            .sorted { ($0.element.phase, $0.offset) < ($1.element.phase, $1.offset) }.map(\.element)
        self.externalInputs = externalInputs
        try Self.validate(self.systems, available: externalInputs.union(staticFields))
    }

    private static func validate(_ systems: [ScheduledSystem<Context>], available: Set<FieldID>) throws {
        var written = available
        for phase in Context.Phase.allCases.sorted() {
            let inPhase = systems.filter { $0.phase == phase }
            var phaseWrites: [FieldID: String] = [:]
            for s in inPhase {
                for f in s.writes {
                    if let other = phaseWrites[f] {
                        throw ScheduleError(description: "phase \(phase): \(s.name) and \(other) both write \(f)")
                    }
                    phaseWrites[f] = s.name
                }
            }
            written.formUnion(phaseWrites.keys)
            for s in inPhase {
                for f in s.reads where !written.contains(f) {
                    throw ScheduleError(description: "\(s.name) (phase \(phase)) reads \(f), which nothing writes before it")
                }
            }
        }
    }

    /// Runs every system of every phase once, each across all shards in parallel.
    public func run(_ world: Context, shards: ShardPlan, threads: Int) throws {
        for scheduled in systems { try runSystem(scheduled, world, shards: shards, threads: threads) }
    }

    /// Runs only the systems of `phases`.
    public func run(_ world: Context, phases: Set<Context.Phase>, shards: ShardPlan, threads: Int) throws {
        for scheduled in systems where phases.contains(scheduled.phase) {
            try runSystem(scheduled, world, shards: shards, threads: threads)
        }
    }

    private func runSystem(_ scheduled: ScheduledSystem<Context>, _ world: Context, shards: ShardPlan, threads: Int) throws {
        let system = scheduled.system
        #if DEBUG
        let audit = AccessAudit(scheduled, shards: shards.count)
        @Sendable func access(_ s: Int) -> SystemAccess<Context> { SystemAccess(world, shard: s, envs: shards.ranges[s], audit: audit) }
        #else
        @Sendable func access(_ s: Int) -> SystemAccess<Context> { SystemAccess(world, shard: s, envs: shards.ranges[s]) }
        #endif
        if threads <= 1 || shards.count == 1 {
            for s in shards.ranges.indices { try system.run(access(s)) }
        } else {
            // `threads` workers, each taking every threads-th shard, so at most `threads` run at once
            let errors = ErrorSlots(count: shards.count)
            let workers = min(threads, shards.count)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for s in stride(from: worker, to: shards.count, by: workers) {
                    do { try system.run(access(s)) } catch { errors.set(s, error) }
                }
            }
            if let error = errors.first { throw error }
        }
        #if DEBUG
        if let report = audit.report { throw ScheduleError(description: report) }
        #endif
    }
}

/// One error slot per shard, written by that shard's thread only.
private final class ErrorSlots: @unchecked Sendable {
    // SAFETY: slot s is written only by the thread running shard s; read after the join.
    private var slots: [(any Error)?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ s: Int, _ e: any Error) { slots[s] = e }
    var first: (any Error)? { slots.compactMap { $0 }.first }
}
