/// Status codes every C function returns (`include/grasp_world.h`, `GW_OK` ... `GW_ERR_WORLD`).
public enum Status: Int32, Sendable {
    /// The call did what it was asked.
    case ok = 0
    /// A null pointer, a count or index out of range, a NaN action.
    case argument = 1
    /// The config JSON: not JSON, an unknown key, a wrong type, a value out of range.
    case config = 2
    /// The object set: a library or split that cannot be loaded, an unknown object name.
    case objects = 3
    /// A handle that was never created or was already destroyed.
    case handle = 4
    /// The world failed while building or stepping (a physics error); the handle needs a reset.
    case world = 5
}

/// A failed call: its status and the message `gw_last_error` returns.
public struct GraspWorldError: Error, CustomStringConvertible, Sendable {
    /// Which kind of failure.
    public let status: Status
    /// What went wrong, naming the argument, field, object or handle.
    public let message: String
    public var description: String { message }

    public init(_ status: Status, _ message: String) {
        self.status = status
        self.message = message
    }
}
