import Foundation

/// The message of the last failed call on each thread (errno-style): a C string owned by the
/// slot, valid until the next failed call on the same thread.
enum LastError {
    /// Thread-local slot holding a malloc'd C string (freed when replaced or the thread ends);
    /// nil when the system had no key left, and then one process-wide slot is used instead.
    private static let key: pthread_key_t? = {
        var key = pthread_key_t()
        return pthread_key_create(&key) { free($0) } == 0 ? key : nil
    }()

    /// The process-wide slot used only when no thread-local key could be made.
    private static let shared = SharedSlot()

    /// An empty message for threads without a failure.
    private static let empty = CStringTable([""])

    /// Replaces this thread's message.
    static func set(_ message: String) {
        guard let key else { return shared.set(message) }
        let old = pthread_getspecific(key)
        pthread_setspecific(key, strdup(message))
        free(old)
    }

    /// This thread's message ("" when no call on it has failed).
    static func get() -> UnsafePointer<CChar> {
        guard let key else { return shared.get() ?? UnsafePointer(empty.pointers[0]) }
        guard let raw = pthread_getspecific(key) else { return UnsafePointer(empty.pointers[0]) }
        return UnsafePointer(raw.assumingMemoryBound(to: CChar.self))
    }

    /// Runs a C entry point's body: `.ok` when it returns, else the error's status with its
    /// message stored for `gw_last_error` (errors other than `GraspWorldError` count as `.world`).
    static func capture(_ body: () throws -> Void) -> Int32 {
        do {
            try body()
            return Status.ok.rawValue
        } catch let error as GraspWorldError {
            set(error.message)
            return error.status.rawValue
        } catch {
            set(String(describing: error))
            return Status.world.rawValue
        }
    }
}

/// One message behind a lock (the fallback when thread-local storage is unavailable); old
/// messages are kept so that a pointer handed out earlier stays valid.
private final class SharedSlot: @unchecked Sendable {
    // SAFETY: every access to `messages` holds `lock`.
    private let lock = NSLock()
    private var messages: [UnsafeMutablePointer<CChar>] = []

    func set(_ message: String) {
        lock.lock()
        defer { lock.unlock() }
        if let copy = strdup(message) { messages.append(copy) }
    }

    func get() -> UnsafePointer<CChar>? {
        lock.lock()
        defer { lock.unlock() }
        return messages.last.map { UnsafePointer($0) }
    }
}
