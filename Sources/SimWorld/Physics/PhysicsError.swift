import BulletShim

/// A refused or failed physics call, with the shim's message (which names the call, the field
/// and the index at fault).
public struct PhysicsError: Error, CustomStringConvertible, Equatable {
    /// The shim's status code.
    public let status: UInt32
    /// What went wrong and where.
    public let message: String

    public var description: String { "physics error \(status): \(message)" }

    /// Throws when `status` is not BS_OK, with the world's last message.
    static func check(_ status: bs_status, _ world: OpaquePointer?) throws {
        guard status != BS_OK else { return }
        throw PhysicsError(status: status.rawValue, message: String(cString: bs_world_last_error(world)))
    }
}
