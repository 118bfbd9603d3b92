import Synchronization

/// The asset indices resets draw objects from, shared by a world and its `ResetSystem`, so
/// that a trainer can change them between steps (a size curriculum). Read by every shard while
/// a step runs, written only between steps.
public final class ObjectPool: Sendable {
    private let storage: Mutex<[Int]>

    /// A pool of `indices` (non-empty).
    init(_ indices: [Int]) {
        precondition(!indices.isEmpty, "ObjectPool: empty")
        storage = Mutex(indices)
    }

    /// The current indices.
    public var indices: [Int] { storage.withLock { $0 } }

    /// Replaces the indices.
    func set(_ indices: [Int]) { storage.withLock { $0 = indices } }
}
