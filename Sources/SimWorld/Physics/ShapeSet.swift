import BulletShim

/// The object assets' collision shapes, built once in Bullet and shared by every shard.
public final class ShapeSet: @unchecked Sendable {
    // SAFETY: the shapes are read-only after creation; Bullet only reads them while stepping.
    /// The assets, by index.
    public let assets: [ObjectAsset]
    let handle: OpaquePointer

    /// Builds the shapes of `assets`; throws with the shim's message on bad input.
    public init(assets: [ObjectAsset]) throws {
        guard !assets.isEmpty else { throw PhysicsError(status: 1, message: "ShapeSet: no assets") }
        for asset in assets {
            for (h, hull) in asset.hulls.enumerated() where hull.count % 3 != 0 || hull.count < 12 {
                throw PhysicsError(status: 1, message: "ShapeSet: asset '\(asset.name)' hull \(h) has \(hull.count) floats (need a multiple of 3, at least 4 vertices)")
            }
            if asset.hulls.isEmpty { throw PhysicsError(status: 1, message: "ShapeSet: asset '\(asset.name)' has no hulls") }
        }
        self.assets = assets
        var counts: [UInt32] = [], vertices: [Float] = [], hullRanges: [Range<Int>] = []
        for asset in assets {
            let start = counts.count
            for hull in asset.hulls {
                counts.append(UInt32(hull.count / 3))
                vertices += hull
            }
            hullRanges.append(start ..< counts.count)
        }
        var vertexOffset = [Int](repeating: 0, count: counts.count + 1)
        for i in counts.indices { vertexOffset[i + 1] = vertexOffset[i] + Int(counts[i]) * 3 }
        var handle: OpaquePointer?
        var message = [CChar](repeating: 0, count: 512)
        let status: bs_status = counts.withUnsafeBufferPointer { c in
            vertices.withUnsafeBufferPointer { v in
                let descs = assets.indices.map { i in
                    let r = hullRanges[i]
                    return bs_object_asset_desc(
                        hull_count: UInt32(r.count), hull_vertex_counts: c.baseAddress! + r.lowerBound,
                        vertices: v.baseAddress! + vertexOffset[r.lowerBound], mass: assets[i].mass,
                        inertia: (assets[i].inertiaDiagonal.x, assets[i].inertiaDiagonal.y, assets[i].inertiaDiagonal.z))
                }
                return bs_shape_set_create(descs, UInt32(descs.count), &handle, &message, UInt32(message.count))
            }
        }
        guard status == BS_OK, let handle else {
            throw PhysicsError(status: status.rawValue, message: String(decoding: message.prefix { $0 != 0 }.map(UInt8.init(bitPattern:)), as: UTF8.self))
        }
        self.handle = handle
    }

    deinit { bs_shape_set_destroy(handle) }
}
