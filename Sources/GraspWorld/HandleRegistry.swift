import Foundation

/// The worlds behind C handles: handle numbers count up from 1 and are never reused, so a
/// call with a destroyed handle is told so instead of touching freed memory.
final class HandleRegistry: @unchecked Sendable {
    // SAFETY: `worlds` and `next` are touched only while `lock` is held.
    /// The one registry of the process.
    static let shared = HandleRegistry()
    private let lock = NSLock()
    private var worlds: [UInt64: VectorWorld] = [:]
    private var next: UInt64 = 1

    /// Stores a world under a new handle.
    func add(_ world: VectorWorld) -> UInt64 {
        lock.lock()
        defer { lock.unlock() }
        let handle = next
        next += 1
        worlds[handle] = world
        return handle
    }

    /// The world of a live handle; `.handle` naming it when it was destroyed or never made.
    func world(_ handle: UInt64) throws -> VectorWorld {
        lock.lock()
        defer { lock.unlock() }
        if let world = worlds[handle] { return world }
        throw Self.unknown(handle, issued: next)
    }

    /// Forgets a handle (the world is freed once no call in flight holds it).
    func remove(_ handle: UInt64) throws {
        lock.lock()
        defer { lock.unlock() }
        guard worlds.removeValue(forKey: handle) != nil else { throw Self.unknown(handle, issued: next) }
    }

    private static func unknown(_ handle: UInt64, issued next: UInt64) -> GraspWorldError {
        handle >= 1 && handle < next
            ? GraspWorldError(.handle, "handle \(handle) was destroyed")
            : GraspWorldError(.handle, "handle \(handle) was never created")
    }
}
