@testable import ECSCore
import XCTest

enum DemoField: String, FieldSchema {
    case position, count
    static let tableName = "object"
    var spec: FieldSpec {
        switch self {
        case .position: FieldSpec(.float32, width: 3, "metres")
        case .count: FieldSpec(.uint32, width: 1, "steps")
        }
    }
}

enum DemoPhase: SchedulePhase {
    case sync, rewards, observations
}

final class DemoContext: ECSWorld {
    typealias Phase = DemoPhase
    let table = ComponentTable<DemoField>(envCount: 10)
    func table<F: FieldSchema>(_ schema: F.Type) -> ComponentTable<F> { table as! ComponentTable<F> }
}

struct Writer: System {
    var phase: DemoPhase
    var writes: Set<FieldID> = [FieldID(DemoField.position)]
    var reads: Set<FieldID> = []
    func run(_ access: SystemAccess<DemoContext>) throws {
        let position = access.write(DemoField.position)
        for e in access.envs { position[e][0] += Float(e) }
    }
}

struct Counter: System {
    var phase: DemoPhase { .rewards }
    var reads: Set<FieldID> { [FieldID(DemoField.position)] }
    var writes: Set<FieldID> { [FieldID(DemoField.count)] }
    func run(_ access: SystemAccess<DemoContext>) throws {
        let count = access.write(DemoField.count, as: UInt32.self).scalars
        for e in access.envs { count[e] += 1 }
    }
}

final class ScheduleTests: XCTestCase {
    func testTwoWritersInOnePhaseAreRefused() {
        XCTAssertThrowsError(try Schedule<DemoContext>([Writer(phase: .sync), Writer(phase: .sync)])) {
            XCTAssertTrue("\($0)".contains("both write object.position"))
        }
        XCTAssertNoThrow(try Schedule<DemoContext>([Writer(phase: .sync), Writer(phase: .rewards)]))
    }

    func testReadingBeforeAnyWriteIsRefused() {
        XCTAssertThrowsError(try Schedule<DemoContext>([Counter(), Writer(phase: .observations)])) {
            XCTAssertTrue("\($0)".contains("reads object.position, which nothing writes before it"))
        }
        XCTAssertNoThrow(try Schedule<DemoContext>([Counter()], externalInputs: [FieldID(DemoField.position)]))
    }

    func testSystemsRunInPhaseOrderOverEveryShard() throws {
        let schedule = try Schedule<DemoContext>([Counter(), Writer(phase: .sync)])
        XCTAssertEqual(schedule.systems.map(\.phase), [.sync, .rewards])
        let context = DemoContext()
        for threads in [1, 2, 3] {
            try schedule.run(context, shards: ShardPlan(envCount: 10, shardCount: 4), threads: threads)
        }
        for e in 0..<10 {
            XCTAssertEqual(context.table.pointer(.position)[3 * e], Float(3 * e))
            XCTAssertEqual(context.table.pointer(.count, as: UInt32.self)[e], 3)
        }
    }

    func testShardPlanCoversEveryEnvOnce() {
        let plan = ShardPlan(envCount: 10, shardCount: 3)
        XCTAssertEqual(plan.ranges, [0..<3, 3..<6, 6..<10])
        XCTAssertEqual(plan.locate(env: 7).shard, 2)
        XCTAssertEqual(plan.locate(env: 7).local, 1)
    }

    func testTableSnapshotRestoreAndZero() {
        let table = ComponentTable<DemoField>(envCount: 4)
        table.pointer(.position)[5] = 2.5
        let snap = table.snapshot()
        table.zero(rows: 0..<4)
        XCTAssertEqual(table.pointer(.position)[5], 0)
        XCTAssertNotEqual(table.snapshot(), snap)
        table.restore(snap)
        XCTAssertEqual(table.pointer(.position)[5], 2.5)
        XCTAssertEqual(table.bytes(.position).count, 4 * 3 * 4)
    }
}
