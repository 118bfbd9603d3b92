import Foundation
import GraspWorld
import SimWorld
import XCTest

/// The C entry points called as C would: status codes, messages, views, resets, handles.
final class CABITests: XCTestCase {
    /// A world of `envs` envs from config JSON; fails the test with the library's message otherwise.
    private func create(_ json: String) throws -> UInt64 {
        var handle: UInt64 = 0
        let status = json.withCString { gw_create($0, &handle) }
        XCTAssertEqual(status, Status.ok.rawValue, String(cString: gw_last_error()))
        return handle
    }

    private func lastError() -> String { String(cString: gw_last_error()) }

    /// A column's contents as an array.
    private func column(_ handle: UInt64, _ column: Column, envs: Int) -> [Float] {
        var data: UnsafePointer<Float>?
        var width: Int64 = 0
        XCTAssertEqual(gw_view(handle, column.rawValue, &data, &width), 0, lastError())
        return Array(UnsafeBufferPointer(start: data, count: envs * Int(width)))
    }

    func testCreateStepViewDestroy() throws {
        let h = try create(#"{"envCount": 2, "threads": 1, "seed": 4, "task": {"episodeLength": 3, "staggerFirstEpisodes": false}}"#)
        var n: Int64 = 0, d: Int64 = 0, a: Int64 = 0
        XCTAssertEqual(gw_dims(h, &n, &d, &a), 0)
        XCTAssertEqual([n, d, a], [2, Int64(ObservationLayout(.full).count), Int64(SceneLayout.actionCount)])
        let actions = [Float](repeating: 0.25, count: Int(n * a))
        for step in 1...3 {
            XCTAssertEqual(gw_step(h, actions, Int64(actions.count)), 0, lastError())
            XCTAssertEqual(column(h, .truncated, envs: 2), step == 3 ? [1, 1] : [0, 0], "3-step episodes end at the third step")
        }
        // after the ending step the observation is a new episode's first; the final one differs
        XCTAssertNotEqual(column(h, .observation, envs: 2), column(h, .finalObservation, envs: 2))
        XCTAssertEqual(gw_step(h, actions, Int64(actions.count)), 0, lastError())
        XCTAssertEqual(column(h, .observation, envs: 2), column(h, .finalObservation, envs: 2), "no env ended: they agree")
        XCTAssertEqual(gw_destroy(h), Status.ok.rawValue)
        XCTAssertEqual(gw_step(h, actions, Int64(actions.count)), Status.handle.rawValue)
        XCTAssertEqual(lastError(), "handle \(h) was destroyed")
        XCTAssertEqual(gw_destroy(h), Status.handle.rawValue)
    }

    func testLayoutAndNames() throws {
        let h = try create(#"{"envCount": 1, "threads": 1}"#)
        defer { _ = gw_destroy(h) }
        var count: Int64 = 0
        XCTAssertEqual(gw_observation_group_count(h, &count), 0)
        let layout = ObservationLayout(.full)
        XCTAssertEqual(Int(count), layout.groups.count)
        for (i, group) in layout.groups.enumerated() {
            var name: UnsafePointer<CChar>?
            var start: Int64 = 0, end: Int64 = 0
            XCTAssertEqual(gw_observation_group(h, Int64(i), &name, &start, &end), 0)
            XCTAssertEqual(String(cString: name!), group.name)
            XCTAssertEqual(Int(start) ..< Int(end), group.range)
        }
        var action: UnsafePointer<CChar>?
        XCTAssertEqual(gw_action_name(h, 3, &action), 0)
        XCTAssertEqual(String(cString: action!), "wrist torque x")
        XCTAssertEqual(gw_action_name(h, 24, &action), Status.argument.rawValue)
        var json: UnsafePointer<CChar>?
        XCTAssertEqual(gw_config_json(h, &json), 0)
        let config = try JSONSerialization.jsonObject(with: Data(String(cString: json!).utf8)) as! [String: Any]
        XCTAssertEqual(config["envCount"] as? Int, 1)
        XCTAssertEqual(config["split"] as? String, "train")
    }

    func testSeededResetReproducesAFreshWorld() throws {
        let config = #"{"envCount": 2, "threads": 2, "seed": 3, "task": {"episodeLength": 20}}"#
        let a = try create(config), b = try create(config)
        defer { _ = gw_destroy(a); _ = gw_destroy(b) }
        var actions = [Float](repeating: 0, count: 2 * SceneLayout.actionCount)
        for (i, _) in actions.enumerated() { actions[i] = Float((i * 7) % 13) / 6.5 - 1 }
        for _ in 0..<5 { XCTAssertEqual(gw_step(b, actions, Int64(actions.count)), 0) }
        XCTAssertEqual(gw_reset(b, 1, 3), 0, lastError())
        var seed: UInt64 = 0
        XCTAssertEqual(gw_seed(b, &seed), 0)
        XCTAssertEqual(seed, 3)
        for _ in 0..<25 {
            XCTAssertEqual(gw_step(a, actions, Int64(actions.count)), 0)
            XCTAssertEqual(gw_step(b, actions, Int64(actions.count)), 0)
            for c in Column.allCases {
                XCTAssertEqual(column(a, c, envs: 2).map(\.bitPattern), column(b, c, envs: 2).map(\.bitPattern), c.name)
            }
        }
    }

    func testFailuresReturnStatusAndMessage() throws {
        var handle: UInt64 = 0
        XCTAssertEqual(#"{"envCount": 2, "task": {"episodeLenght": 5}}"#.withCString { gw_create($0, &handle) }, Status.config.rawValue)
        XCTAssertTrue(lastError().contains("unknown key 'episodeLenght'"), lastError())
        XCTAssertEqual(#"{"objects": ["teapot"]}"#.withCString { gw_create($0, &handle) }, Status.objects.rawValue)
        XCTAssertTrue(lastError().contains("unknown object 'teapot'"), lastError())
        XCTAssertEqual(gw_create(nil, &handle), Status.argument.rawValue)
        XCTAssertEqual("{}".withCString { gw_create($0, nil) }, Status.argument.rawValue)
        XCTAssertEqual(lastError(), "gw_create: out_handle is null")
        let h = try create(#"{"envCount": 1, "threads": 1}"#)
        defer { _ = gw_destroy(h) }
        var actions = [Float](repeating: 0, count: SceneLayout.actionCount)
        XCTAssertEqual(gw_step(h, actions, 5), Status.argument.rawValue)
        XCTAssertEqual(lastError(), "step: expected 24 actions (1 envs x 24), got 5")
        XCTAssertEqual(gw_step(h, nil, 24), Status.argument.rawValue)
        actions[9] = .nan
        XCTAssertEqual(gw_step(h, actions, 24), Status.argument.rawValue)
        XCTAssertEqual(lastError(), "step: the action of env 0, index 9 is NaN")
        XCTAssertEqual(gw_view(h, 7, nil, nil), Status.argument.rawValue)
        XCTAssertEqual(gw_dims(h, nil, nil, nil), 0, "null outputs are skipped")
        XCTAssertEqual(gw_reset(999_999, 0, 0), Status.handle.rawValue)
        XCTAssertEqual(lastError(), "handle 999999 was never created")
    }

    func testErrorsAreKeptPerThread() throws {
        var handle: UInt64 = 0
        XCTAssertEqual("nope".withCString { gw_create($0, &handle) }, Status.config.rawValue)
        let other = Thread { _ = gw_destroy(123_456_789) }
        other.start()
        while !other.isFinished { usleep(1000) }
        XCTAssertTrue(lastError().hasPrefix("config JSON: not valid JSON"), lastError())
    }
}
