import Foundation

/// The binary pack of one split: an 8-byte magic "OBJPACK1" followed by one record per object.
///
/// A record is little-endian 4-byte values, in this order: hull vertices (f32 xyz, pieces one
/// after another), render vertices (f32 xyz), render triangles (u32 triples), surface points
/// (f32 xyz), surface normals (f32 xyz), and the 64-f32 shape code when present.
public enum AssetPack {
    /// File magic.
    public static let magic = Data("OBJPACK1".utf8)

    /// Encodes `objects` into pack bytes and their manifest entries.
    public static func encode(_ objects: [ObjectAsset]) -> (Data, [SplitManifest.Entry]) {
        var data = magic
        var entries: [SplitManifest.Entry] = []
        entries.reserveCapacity(objects.count)
        for o in objects {
            let offset = data.count
            for h in o.hulls { append(h, to: &data) }
            append(o.renderVertices, to: &data)
            append(o.renderTriangles, to: &data)
            append(o.surfacePoints, to: &data)
            append(o.surfaceNormals, to: &data)
            if let code = o.shapeCode { append(code, to: &data) }
            entries.append(SplitManifest.Entry(
                name: o.name, category: o.category, boundingRadius: o.boundingRadius, mass: o.mass,
                inertiaDiagonal: [o.inertiaDiagonal.x, o.inertiaDiagonal.y, o.inertiaDiagonal.z], volume: o.volume,
                hullVertexCounts: o.hulls.map { $0.count / 3 }, renderVertexCount: o.renderVertices.count / 3,
                renderTriangleCount: o.renderTriangles.count / 3, surfacePointCount: o.surfacePoints.count / 3,
                hasShapeCode: o.shapeCode != nil, offset: offset, byteCount: data.count - offset))
        }
        return (data, entries)
    }

    /// Decodes one object from `pack` at its manifest entry; throws if the entry overruns the pack.
    public static func decode(_ e: SplitManifest.Entry, from pack: UnsafeRawBufferPointer, file: String) throws(AssetError) -> ObjectAsset {
        let hullFloats = e.hullVertexCounts.reduce(0) { $0 + 3 * $1 }
        let expected = 4 * (hullFloats + 3 * e.renderVertexCount + 3 * e.renderTriangleCount + 6 * e.surfacePointCount
                            + (e.hasShapeCode ? ObjectAsset.shapeCodeLength : 0))
        guard e.offset >= magic.count, e.byteCount == expected, e.offset + e.byteCount <= pack.count,
              e.hullVertexCounts.allSatisfy({ $0 >= 4 }), e.inertiaDiagonal.count == 3 else {
            throw AssetError(.badLibrary, file: file, "record of '\(e.name)' does not match its manifest entry")
        }
        var cursor = e.offset
        func take<T: BitwiseCopyable>(_ count: Int, _: T.Type) -> [T] {
            // SAFETY: cursor + 4 * count <= offset + byteCount <= pack.count, checked above; copy is unaligned-safe.
            let out = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                memcpy(buffer.baseAddress!, pack.baseAddress! + cursor, count * MemoryLayout<T>.stride)
                initialized = count
            }
            cursor += count * MemoryLayout<T>.stride
            return out
        }
        let hulls = e.hullVertexCounts.map { take(3 * $0, Float.self) }
        let renderVertices = take(3 * e.renderVertexCount, Float.self)
        let renderTriangles = take(3 * e.renderTriangleCount, UInt32.self)
        if let bad = renderTriangles.first(where: { Int($0) >= e.renderVertexCount }) {
            throw AssetError(.badLibrary, file: file, "'\(e.name)' has render index \(bad) >= \(e.renderVertexCount)")
        }
        let points = take(3 * e.surfacePointCount, Float.self)
        let normals = take(3 * e.surfacePointCount, Float.self)
        let code = e.hasShapeCode ? take(ObjectAsset.shapeCodeLength, Float.self) : nil
        let i = e.inertiaDiagonal
        return ObjectAsset(name: e.name, category: e.category, boundingRadius: e.boundingRadius, mass: e.mass,
                           inertiaDiagonal: SIMD3(i[0], i[1], i[2]), volume: e.volume, hulls: hulls,
                           renderVertices: renderVertices, renderTriangles: renderTriangles,
                           surfacePoints: points, surfaceNormals: normals, shapeCode: code)
    }

    /// Appends the raw little-endian bytes of a 4-byte-element array.
    static func append<T: BitwiseCopyable>(_ values: [T], to data: inout Data) {
        // SAFETY: reads exactly values.count elements of the array's own storage.
        values.withUnsafeBytes { data.append(contentsOf: $0) }
    }

    /// FNV-1a 64-bit hash of the bytes (names pack files by content).
    static func fnv1a(_ data: Data) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in data { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return h
    }
}
