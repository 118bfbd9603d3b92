import BulletShim
@testable import SimWorld
import XCTest

/// NaN and out-of-range input is refused with a message naming the call, field and index, and
/// the world stays usable afterwards.
final class BadInputTests: XCTestCase {
    func testNaNActionIsRefusedAndWorldStaysUsable() throws {
        let world = try TestWorlds.make(envs: 4)
        let episodes = EpisodeDriver(world: world)
        world.hands.pointer(.action)[SceneLayout.actionCount * 2 + 5] = .nan
        XCTAssertThrowsError(try episodes.step()) { error in
            XCTAssertTrue("\(error)".contains("env 2, index 5 is NaN"), "\(error)")
        }
        world.hands.pointer(.action)[SceneLayout.actionCount * 2 + 5] = 0
        for _ in 0..<5 { try episodes.step() }
        world.objects.withColumn(.pose, as: Float.self) { XCTAssertTrue($0.allSatisfy(\.isFinite)) }
    }

    func testShimRefusesBadIdsNaNAndCounts() throws {
        let world = try TestWorlds.make(envs: 2, threads: 1) { $0.shardCount = 1 }
        let shard = world.shard(0).handle
        var pose: [Float] = [0, 0, 1, 0, 0, 0, 1]
        var ids: [UInt32] = [7]
        var assets: [UInt32] = [0]
        XCTAssertEqual(bs_envs_reset(shard, &ids, 1, &pose, nil, &assets, &pose), BS_ERR_INVALID_ARG)
        XCTAssertTrue(String(cString: bs_world_last_error(shard)).contains("envs[0] = 7 is out of range"))
        ids = [1]
        pose[2] = .nan
        XCTAssertEqual(bs_envs_reset(shard, &ids, 1, &pose, nil, &assets, &pose), BS_ERR_INVALID_ARG)
        XCTAssertTrue(String(cString: bs_world_last_error(shard)).contains("hand_root_pose[2] is not finite"))
        pose[2] = 1
        assets = [99]
        XCTAssertEqual(bs_envs_reset(shard, &ids, 1, &pose, nil, &assets, &pose), BS_ERR_INVALID_ARG)
        XCTAssertTrue(String(cString: bs_world_last_error(shard)).contains("object_assets[0] = 99 is out of range"))
        var zeroQuat: [Float] = [0, 0, 1, 0, 0, 0, 0]
        assets = [0]
        XCTAssertEqual(bs_envs_reset(shard, &ids, 1, &zeroQuat, nil, &assets, &pose), BS_ERR_INVALID_ARG)
        var wrench = [Float](repeating: 0, count: 6)
        XCTAssertEqual(bs_hands_write_wrench(shard, nil, 3, &wrench), BS_ERR_INVALID_ARG)  // world has 2 envs
        XCTAssertTrue(String(cString: bs_world_last_error(shard)).contains("n = 3"))
        XCTAssertEqual(bs_world_step(shard, .nan, 2), BS_ERR_INVALID_ARG)
        XCTAssertEqual(bs_world_step(shard, 1.0 / 60, 0), BS_ERR_INVALID_ARG)
        // still usable
        XCTAssertEqual(bs_world_step(shard, 1.0 / 60, 2), BS_OK)
        try EpisodeDriver(world: world).step()
    }

    func testContactCountReadRefusesBadIdsAndNull() throws {
        let world = try TestWorlds.make(envs: 2, threads: 1) { $0.shardCount = 1 }
        let shard = world.shard(0).handle
        var ids: [UInt32] = [1, 2]
        var counts: [UInt32] = [9, 9]
        XCTAssertEqual(bs_envs_read_contact_count(shard, &ids, 2, &counts), BS_ERR_INVALID_ARG)
        XCTAssertTrue(String(cString: bs_world_last_error(shard)).contains("bs_envs_read_contact_count: envs[1] = 2 is out of range"))
        XCTAssertEqual(bs_envs_read_contact_count(shard, nil, 3, &counts), BS_ERR_INVALID_ARG)
        XCTAssertEqual(bs_envs_read_contact_count(shard, &ids, 1, nil), BS_ERR_INVALID_ARG)
        XCTAssertTrue(String(cString: bs_world_last_error(shard)).contains("count is NULL"))
        XCTAssertEqual(bs_envs_read_contact_count(nil, &ids, 1, &counts), BS_ERR_INVALID_ARG)
        ids = [1]
        XCTAssertEqual(bs_envs_read_contact_count(shard, &ids, 1, &counts), BS_OK)
        try EpisodeDriver(world: world).step()
    }

    func testBadSpecsAndAssetsAreRefused() throws {
        XCTAssertThrowsError(try TestWorlds.make(envs: 2) { $0.shardCount = 3 }) { XCTAssertTrue("\($0)".contains("shardCount")) }
        XCTAssertThrowsError(try TestWorlds.make { $0.substeps = 0 }) { XCTAssertTrue("\($0)".contains("substeps")) }
        XCTAssertThrowsError(try TestWorlds.make { $0.objectPool = [42] }) { XCTAssertTrue("\($0)".contains("objectPool names asset 42")) }
        var broken = TestWorlds.builtins[0]
        broken.hulls = [[0, 0, 0, 1, 0, 0]]
        XCTAssertThrowsError(try TestWorlds.make(assets: [broken])) { XCTAssertTrue("\($0)".contains("hull 0 has 6 floats"), "\($0)") }
        broken = TestWorlds.builtins[0]
        broken.mass = .nan
        XCTAssertThrowsError(try TestWorlds.make(assets: [broken])) { XCTAssertTrue("\($0)".contains("mass must be finite"), "\($0)") }
    }
}
