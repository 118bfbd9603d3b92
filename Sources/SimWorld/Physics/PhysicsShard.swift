import BulletShim
import ECSCore

/// One Bullet world holding a contiguous range of envs; owned and stepped by one thread at a
/// time. Column rows for its envs are contiguous, so every bulk call passes column rows
/// straight through (envs = NULL: all of this shard's envs, in order). Systems reach it as the
/// declared resource `physics` (`access.physics`).
public final class PhysicsShard: @unchecked Sendable {
    // SAFETY: a shard is only touched by the thread running its row range in a system.
    /// Global env indices this shard simulates.
    public let envs: Range<Int>
    let handle: OpaquePointer
    let shapes: ShapeSet

    /// Creates the Bullet world for `envs` with the given hand and object shapes.
    init(envs: Range<Int>, hand: HandDescription, shapes: ShapeSet, spec: WorldSpec) throws {
        self.envs = envs
        self.shapes = shapes
        let n = envs.count
        handle = try HandDescriptor(hand).withDesc { handDesc in
            var desc = bs_world_desc()
            desc.struct_size = UInt32(MemoryLayout<bs_world_desc>.size)
            desc.env_count = UInt32(n)
            desc.env_spacing = 3
            desc.gravity = spec.gravity
            desc.solver_iterations = UInt32(spec.solverIterations)
            desc.shapes = shapes.handle
            desc.table_half_extents = (SceneLayout.tableHalfExtents[0], SceneLayout.tableHalfExtents[1], SceneLayout.tableHalfExtents[2])
            desc.table_center = (SceneLayout.tableCenter[0], SceneLayout.tableCenter[1], SceneLayout.tableCenter[2])
            desc.table_friction = spec.tableFriction
            desc.object_friction = spec.objectFriction
            desc.object_rolling_friction = spec.objectRollingFriction
            var world: OpaquePointer?
            var message = [CChar](repeating: 0, count: 512)
            let status = withUnsafePointer(to: handDesc) { h in
                desc.hand = h
                return bs_world_create(&desc, &world, &message, UInt32(message.count))
            }
            guard status == BS_OK, let world else {
                throw PhysicsError(status: status.rawValue, message: String(decoding: message.prefix { $0 != 0 }.map(UInt8.init(bitPattern:)), as: UTF8.self))
            }
            return world
        }
    }

    deinit { bs_world_destroy(handle) }

    /// Contact points of each of the shard's envs after the last step, into `counts` [envs.count].
    func readContactCounts(into counts: UnsafeMutablePointer<UInt32>) throws {
        try PhysicsError.check(bs_envs_read_contact_count(handle, nil, UInt32(envs.count), counts), handle)
    }

    /// Advances all envs of the shard by `dt` seconds in `substeps` substeps.
    func step(dt: Float, substeps: Int) throws {
        try PhysicsError.check(bs_world_step(handle, dt, UInt32(substeps)), handle)
    }
}

extension ResourceID {
    /// The Bullet world of the shard a system runs on (`PhysicsShard`).
    public static let physics = ResourceID("physics")
}

extension SystemAccess where Context == World {
    /// The shard's Bullet world; the system must declare `.physics` in its `resources`.
    var physics: PhysicsShard { resource(.physics) { world, shard in world.shard(shard) } }
}
