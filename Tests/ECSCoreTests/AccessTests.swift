@testable import ECSCore
import XCTest

/// A table with a field sized at run time, for the width tests.
enum SizedField: String, FieldSchema {
    case pose, flag, feature
    static let tableName = "sized"
    var spec: FieldSpec {
        switch self {
        case .pose: FieldSpec(.float32, width: 7, "position, quaternion")
        case .flag: FieldSpec(.uint8, width: 1, "0 or 1")
        case .feature: FieldSpec(.float32, width: 1, "width set at run time")
        }
    }
}

final class SizedContext: ECSWorld {
    typealias Phase = DemoPhase
    let demo = ComponentTable<DemoField>(envCount: 6)
    let sized = ComponentTable<SizedField>(envCount: 6, widths: [.feature: 5])
    func table<F: FieldSchema>(_ schema: F.Type) -> ComponentTable<F> {
        if let table = demo as? ComponentTable<F> { return table }
        return sized as! ComponentTable<F>
    }
}

extension ResourceID {
    static let clock = ResourceID("clock")
}

/// Runs `body` as a system with the given declarations over 6 envs in 2 shards.
struct Probe: System {
    var reads: Set<FieldID> = []
    var writes: Set<FieldID> = []
    var resources: Set<ResourceID> = []
    let body: @Sendable (SystemAccess<SizedContext>) -> Void
    var phase: DemoPhase { .sync }
    var name: String { "Probe" }
    func run(_ access: SystemAccess<SizedContext>) throws { body(access) }
}

final class AccessTests: XCTestCase {
    let shards = ShardPlan(envCount: 6, shardCount: 2)

    func run(_ probe: Probe, on context: SizedContext = SizedContext()) throws {
        try Schedule<SizedContext>([probe], externalInputs: probe.reads).run(context, shards: shards, threads: 2)
    }

    func testRowWidthsComeFromTheSchemaAndTheTable() throws {
        let context = SizedContext()
        XCTAssertEqual(context.sized.column(.pose).width, SizedField.pose.spec.width)
        XCTAssertEqual(context.sized.column(.feature).width, 5, "a run-time width overrides the schema's")
        XCTAssertEqual(context.demo.column(.position)[4].count, DemoField.position.spec.width)
        try run(Probe(writes: [FieldID(SizedField.pose), FieldID(SizedField.feature), FieldID(DemoField.position)]) { access in
            let pose = access.write(SizedField.pose), feature = access.write(SizedField.feature), position = access.write(DemoField.position)
            for e in access.envs {
                XCTAssertEqual(pose[e].count, 7)
                XCTAssertEqual(feature[e].count, 5)
                XCTAssertEqual(position[e].count, 3)
                pose[e][6] = Float(e)
                feature[e][4] = Float(10 * e)
            }
            XCTAssertEqual(pose.rows(access.envs).count, 7 * access.envs.count)
        }, on: context)
        for e in 0..<6 {
            XCTAssertEqual(context.sized.pointer(.pose)[7 * e + 6], Float(e), "row e starts at e x the schema width")
            XCTAssertEqual(context.sized.pointer(.feature)[5 * e + 4], Float(10 * e), "row e starts at e x the run-time width")
        }
    }

    func testScalarViewsReadAndWriteOneValuePerEnv() throws {
        let context = SizedContext()
        try run(Probe(writes: [FieldID(SizedField.flag)]) { access in
            let flags = access.write(SizedField.flag, as: UInt8.self).scalars
            for e in access.envs where e % 2 == 1 { flags[e] = 1 }
        }, on: context)
        XCTAssertEqual(Array(UnsafeBufferPointer(start: context.sized.pointer(.flag, as: UInt8.self), count: 6)), [0, 1, 0, 1, 0, 1])
        XCTAssertEqual(context.sized.column(.flag, as: UInt8.self).scalars[3], 1)
    }

    func testDeclaredAccessRunsClean() throws {
        XCTAssertNoThrow(try run(Probe(reads: [FieldID(SizedField.pose)], writes: [FieldID(SizedField.pose), FieldID(DemoField.count)],
                                       resources: [.clock]) { access in
            _ = access.read(SizedField.pose)
            _ = access.update(SizedField.pose)
            _ = access.write(DemoField.count, as: UInt32.self)
            XCTAssertEqual(access.resource(.clock) { _, shard in shard }, access.shard)
        }))
    }

    #if DEBUG
    func testReadingAnUndeclaredFieldIsFlagged() {
        XCTAssertThrowsError(try run(Probe(writes: [FieldID(SizedField.pose)]) { access in
            _ = access.write(SizedField.pose)
            _ = access.read(DemoField.count, as: UInt32.self)
        })) {
            XCTAssertEqual("\($0)", "undeclared access: Probe reads object.count, which it does not declare in reads")
        }
    }

    func testWritingAnUndeclaredFieldIsFlagged() {
        XCTAssertThrowsError(try run(Probe(reads: [FieldID(SizedField.flag)]) { access in
            _ = access.write(SizedField.flag, as: UInt8.self)
        })) {
            XCTAssertTrue("\($0)".contains("Probe writes sized.flag, which it does not declare in writes"))
        }
    }

    func testUpdatingNeedsTheFieldInReadsAndWrites() {
        XCTAssertThrowsError(try run(Probe(writes: [FieldID(SizedField.pose)]) { access in
            _ = access.update(SizedField.pose)
        })) {
            XCTAssertTrue("\($0)".contains("Probe reads sized.pose, which it does not declare in reads"))
            XCTAssertFalse("\($0)".contains("writes"))
        }
    }

    func testUsingAnUndeclaredResourceIsFlagged() {
        XCTAssertThrowsError(try run(Probe { access in
            _ = access.resource(.clock) { _, shard in shard }
        })) {
            XCTAssertTrue("\($0)".contains("Probe uses the resource clock, which it does not declare in resources"))
        }
    }
    #endif
}
