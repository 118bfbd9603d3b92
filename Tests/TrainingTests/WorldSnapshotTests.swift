import Learning
import SimWorld
@testable import Training
import XCTest

/// Integer world columns go into checkpoints as integers (exact beyond 2^24), and checkpoints
/// that stored them as Floats still restore.
final class WorldSnapshotTests: XCTestCase {
    func world() throws -> World {
        try World(spec: WorldSpec(envCount: 2), hand: try HandDescription.shadowHand(), assets: BuiltinObjects.all())
    }

    func testIntegerColumnsRoundTripExactlyAsIntegers() throws {
        let source = try world()
        source.envs.pointer(.episodeStep, as: UInt32.self)[1] = (1 << 24) + 1  // not a Float
        source.envs.pointer(.rngState, as: UInt64.self)[0] = 0xFEDC_BA98_7654_3211
        let tensors = WorldSnapshot.tensors(of: source)
        let byName = Dictionary(uniqueKeysWithValues: tensors.map { ($0.name, $0.tensor) })
        XCTAssertEqual(byName["env.episodeStep"]?.dtype, .u32)
        XCTAssertEqual(byName["env.rngState"]?.dtype, .u64)
        XCTAssertEqual(byName["env.success"]?.dtype, .u8)
        XCTAssertEqual(byName["object.pose"]?.dtype, .f32)
        let file = try SafeTensors.decode(SafeTensors.encode(tensors), file: "world.safetensors")
        let restored = try world()
        try WorldSnapshot.restore(restored, from: file, file: "world.safetensors")
        XCTAssertEqual(restored.envs.pointer(.episodeStep, as: UInt32.self)[1], (1 << 24) + 1)
        XCTAssertEqual(restored.envs.pointer(.rngState, as: UInt64.self)[0], 0xFEDC_BA98_7654_3211)
        XCTAssertEqual(restored.envs.snapshot(), source.envs.snapshot())
        XCTAssertEqual(restored.objects.snapshot(), source.objects.snapshot())
    }

    func testCheckpointsWithFloatEncodedIntegersStillRestore() throws {
        let source = try world()
        source.envs.pointer(.episodeStep, as: UInt32.self)[0] = 123
        source.envs.pointer(.rngState, as: UInt64.self)[1] = 0x0001_0002_0003_0004
        var tensors = Dictionary(uniqueKeysWithValues: WorldSnapshot.tensors(of: source).map { ($0.name, $0.tensor) })
        // the earlier layout: integers as Floats, UInt64 as four 16-bit parts, low first
        tensors["env.episodeStep"] = SafeTensor(shape: [2], values: [123, Float(source.envs.pointer(.episodeStep, as: UInt32.self)[1])])
        let rng = (0..<2).map { source.envs.pointer(.rngState, as: UInt64.self)[$0] }
        tensors["env.rngState"] = SafeTensor(shape: [8], values: rng.flatMap { v in (0..<4).map { Float((v >> (16 * UInt64($0))) & 0xFFFF) } })
        let restored = try world()
        try WorldSnapshot.restore(restored, from: tensors, file: "old.safetensors")
        XCTAssertEqual(restored.envs.snapshot(), source.envs.snapshot())
        tensors["env.episodeStep"] = SafeTensor(shape: [2], values: [-1, 0.5])
        XCTAssertThrowsError(try WorldSnapshot.restore(restored, from: tensors, file: "old.safetensors")) { error in
            XCTAssertTrue("\(error)".contains("env.episodeStep"), "\(error)")
        }
    }
}
