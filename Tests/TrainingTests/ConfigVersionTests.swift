import DurableFiles
import Foundation
@testable import Learning
import SimWorld
@testable import Training
import XCTest

/// Every field of a config reaches config.json and comes back; files of earlier config versions
/// and checkpoint formats are migrated, not read over a second set of defaults.
final class ConfigVersionTests: XCTestCase {
    // MARK: every field, enumerated from the types

    /// Every stored property of `value`, nested structs entered (those named in `flatten` without
    /// adding their name to the path, as `PPOConfig` encodes its hyperparameters).
    static func storedFields(_ value: Any, prefix: [String] = [], flatten: Set<String> = []) -> [(path: [String], value: Any)] {
        Mirror(reflecting: value).children.flatMap { child -> [(path: [String], value: Any)] in
            guard let label = child.label else { return [] }
            let path = flatten.contains(label) ? prefix : prefix + [label]
            let mirror = Mirror(reflecting: child.value)
            if mirror.displayStyle == .struct && !mirror.children.isEmpty {
                return storedFields(child.value, prefix: path, flatten: flatten)
            }
            return [(path, child.value)]
        }
    }

    /// JSON values other than `value` to try for its field, most likely first.
    static func otherValues(_ value: Any) -> [Any] {
        func otherCase<T: CaseIterable & RawRepresentable>(_ v: T) -> [Any] {
            T.allCases.map(\.rawValue).filter { "\($0)" != "\(v.rawValue)" }
        }
        switch value {
        case let b as Bool: return [!b]
        case let i as Int: return [i + 3]
        case let u as UInt64: return [u + 3]
        case let f as Float: return [Double(f) + 1]
        case let s as String: return [s + "-other"]
        case let a as [Int]: return [a.isEmpty ? [7] : a.map { $0 + 1 }]
        case let a as [Float]: return [a.isEmpty ? [0.5] : a.map { Double($0) + 0.25 }]
        case let e as any CaseIterable & RawRepresentable: return otherCase(e)
        default: return ["some/path", 0.07, 5, true, ["an-object"]]  // a nil optional: whichever its type takes
        }
    }

    static func json(_ tree: [String: Any]) throws -> Data { try JSONSerialization.data(withJSONObject: tree) }

    /// A field the config types have but whose coding drops it makes this fail: each field is set
    /// alone to a value other than its default and must be read, then all at once, written as
    /// config.json and read back equal.
    func testEveryFieldRoundTripsThroughConfigJSON() throws {
        let defaults = TrainConfig()
        let fields = Self.storedFields(defaults).filter { $0.path != ["configVersion"] }
        XCTAssertEqual(fields.count, 77, "fields of TrainConfig, TaskSpec and PPOHyperparameters (update when adding one)")
        var everything: [String: Any] = ["configVersion": ConfigMigration.currentVersion]
        for field in fields {
            let name = field.path.joined(separator: ".")
            let read = Self.otherValues(field.value).lazy.compactMap { value -> (Any, TrainConfig)? in
                guard let data = try? Self.json(ConfigMigration.setting(field.path, to: value, in: ["configVersion": ConfigMigration.currentVersion])),
                      let config = try? ConfigOverrides.resolve(json: data, source: name), config != defaults else { return nil }
                return (value, config)
            }.first
            guard let (value, config) = read else { XCTFail("\(name): no other value is read (is it in its type's coding?)"); continue }
            let before = Self.storedFields(defaults).first { $0.path == field.path }.map { "\($0.value)" }
            let after = Self.storedFields(config).first { $0.path == field.path }.map { "\($0.value)" }
            XCTAssertNotEqual(before, after, "\(name): the value given is the one that changed")
            everything = ConfigMigration.setting(field.path, to: value, in: everything)
        }
        let changed = try ConfigOverrides.resolve(json: Self.json(everything), source: "every field")
        for (old, new) in zip(Self.storedFields(defaults), Self.storedFields(changed)) where old.path != ["configVersion"] {
            XCTAssertNotEqual("\(old.value)", "\(new.value)", "\(old.path.joined(separator: ".")) kept its default")
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("every-\(UUID().uuidString).json").path
        try AtomicFile.writeJSON(changed, to: file)
        XCTAssertEqual(try ConfigOverrides.resolve(file: file), changed, "config.json reads back as written")
        let written = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any])
        for field in fields {
            XCTAssertNotNil(ConfigMigration.lookUp(field.path, in: written), "\(field.path.joined(separator: ".")) missing from config.json")
        }
    }

    /// The same for the learner's config in a checkpoint's state.json: every field read, none
    /// optional (a checkpoint of an earlier format is migrated first, below).
    func testEveryLearnerFieldRoundTripsThroughTheCheckpointState() throws {
        let defaults = PPOConfig()
        let fields = Self.storedFields(defaults, flatten: ["hyperparameters"])
        XCTAssertEqual(fields.count, 34)
        let tree = try XCTUnwrap(JSONSerialization.jsonObject(with: JSONEncoder().encode(defaults)) as? [String: Any])
        var everything = tree
        for field in fields {
            let name = field.path.joined(separator: ".")
            let value = Self.otherValues(field.value).first { value in
                let data = try? Self.json(ConfigMigration.setting(field.path, to: value, in: tree))
                return data.flatMap { try? JSONDecoder().decode(PPOConfig.self, from: $0) }.map { $0 != defaults } ?? false
            }
            guard let value else { XCTFail("\(name): no other value is read"); continue }
            everything = ConfigMigration.setting(field.path, to: value, in: everything)
            let without = ConfigMigration.removing(field.path, from: tree).tree
            XCTAssertThrowsError(try JSONDecoder().decode(PPOConfig.self, from: Self.json(without)), "\(name) is required")
        }
        let changed = try JSONDecoder().decode(PPOConfig.self, from: Self.json(everything))
        for (old, new) in zip(Self.storedFields(defaults, flatten: ["hyperparameters"]), Self.storedFields(changed, flatten: ["hyperparameters"])) {
            XCTAssertNotEqual("\(old.value)", "\(new.value)", "\(old.path.joined(separator: ".")) kept its default")
        }
        let state = CheckpointState(formatVersion: CheckpointState.currentFormatVersion, config: changed, observationDim: 3, actionDim: 2,
                                    learningRateBits: 1, adamStepCount: 2, generatorState: ["1", "2", "3", "4"], iteration: 5,
                                    totalEnvSteps: 6, tensorFileBytes: 7, tensorFileChecksum: "8")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        XCTAssertEqual(try CheckpointState.decode(encoder.encode(state)), state)
    }

    // MARK: migrations

    /// The checked-in clone's config.json was written before configVersion and before four
    /// settings existed: it reads as it was trained (finger targets unsmoothed, no held-height
    /// reward, no wrist std, the KL target per chunk), whichever way it is read.
    func testAConfigOfVersionOneReadsAsItWasTrained() throws {
        let file = ProjectPaths.assets + "/policies/box-clone/config.json"
        let read = try ConfigOverrides.resolve(file: file)
        var expected = TrainConfig()
        expected.iterations = 300
        expected.task.fingerTargetSmoothing = 1
        expected.task.heldHeightReward = 0
        expected.ppo.initStdPrefix = []
        expected.ppo.klTargetPerStep = false
        XCTAssertEqual(read, expected)
        XCTAssertEqual(read.configVersion, ConfigMigration.currentVersion)
        XCTAssertEqual(try ConfigOverrides.resolve(json: Data(contentsOf: URL(fileURLWithPath: file)), source: "the same text"), read)
    }

    /// Version 1 to 2 moves the experiments into their groups and drops the learner's copies of
    /// run keys; a migrated config writes the current version and reads back the same.
    func testVersionOneKeysMoveAndTheLearnersCopiesGo() throws {
        let old = #"""
        {"envCount": 8, "initFrom": "runs/clone", "imitationEpisodes": 16,
         "task": {"tipContactReward": 0.05, "encloseNeedsContact": true, "distanceTerms": false, "fingerTargetSmoothing": 0.5},
         "ppo": {"envCount": 1024, "chunkLength": 2, "objective": "chunked", "imitationWeight": 1000, "imitationDecay": 0.9,
                 "actorFreezeIterations": 20, "freezeNormalizer": true, "valueLossOnAllSteps": true, "klTargetPerStep": true}}
        """#
        let config = try ConfigOverrides.resolve(json: Data(old.utf8), source: "old")
        XCTAssertEqual(config.experimental.initFrom, "runs/clone")
        XCTAssertEqual(config.experimental.imitationEpisodes, 16)
        XCTAssertEqual(config.task.experimental.tipContactReward, 0.05)
        XCTAssertTrue(config.task.experimental.encloseNeedsContact)
        XCTAssertFalse(config.task.experimental.distanceTerms)
        XCTAssertEqual(config.ppo.experimental.imitationWeight, 1000)
        XCTAssertEqual(config.ppo.experimental.imitationDecay, 0.9)
        XCTAssertEqual(config.ppo.experimental.actorFreezeIterations, 20)
        XCTAssertTrue(config.ppo.experimental.freezeNormalizer)
        XCTAssertTrue(config.ppo.experimental.valueLossOnAllSteps)
        XCTAssertEqual(config.task.fingerTargetSmoothing, 0.5, "present keys keep their values")
        XCTAssertTrue(config.ppo.klTargetPerStep)
        XCTAssertEqual(config.task.heldHeightReward, 0, "absent: the value version 1 meant")
        XCTAssertEqual(config.ppo.initStdPrefix, [])
        XCTAssertEqual(config.resolvedPPO.envCount, 8, "the learner's env count is the run's")
        let written = try XCTUnwrap(JSONSerialization.jsonObject(with: JSONEncoder().encode(config)) as? [String: Any])
        XCTAssertEqual(written["configVersion"] as? Int, ConfigMigration.currentVersion)
        let ppo = try XCTUnwrap(written["ppo"] as? [String: Any])
        XCTAssertNil(ppo["envCount"])
        XCTAssertNil(ppo["chunkLength"])
        XCTAssertNil(ppo["objective"])
        XCTAssertEqual(try ConfigOverrides.resolve(json: JSONEncoder().encode(config), source: "again"), config)
    }

    /// Version 2 to 3: a ResDex config of version 2 keeps the clipping of its hyper-policy's
    /// outputs (its `ppo.clipActions`, true where absent), now `resdex.clipOutputs`, whose default
    /// is ResDex's unclipped outputs; other algorithms keep `ppo.clipActions` as it was.
    func testAResDexConfigOfVersionTwoKeepsItsClipping() throws {
        func read(_ json: String) throws -> TrainConfig { try ConfigOverrides.resolve(json: Data(json.utf8), source: "v2") }
        let clipped = try read(#"{"configVersion": 2, "algorithm": "resdex"}"#)
        XCTAssertTrue(clipped.resdex.clipOutputs, "version 2 clipped unless ppo.clipActions was false")
        XCTAssertTrue(clipped.resolvedPPO.clipActions)
        let unclipped = try read(#"{"configVersion": 2, "algorithm": "resdex-acppo", "ppo": {"clipActions": false}}"#)
        XCTAssertFalse(unclipped.resdex.clipOutputs)
        XCTAssertTrue(unclipped.ppo.clipActions, "the hyper-policy's key moved; ppo.clipActions takes its default")
        XCTAssertFalse(unclipped.resolvedPPO.clipActions)
        XCTAssertNoThrow(try unclipped.validate())
        let ppo = try read(#"{"configVersion": 2, "algorithm": "ppo", "ppo": {"clipActions": false}}"#)
        XCTAssertFalse(ppo.resolvedPPO.clipActions, "a PPO run keeps its own key")
        var fresh = TrainConfig()
        fresh.algorithm = .resdex
        XCTAssertFalse(fresh.resolvedPPO.clipActions, "today's ResDex default: unclipped, as its code")
        XCTAssertTrue(TrainConfig().resolvedPPO.clipActions, "PPO and ACPPO clip")
        XCTAssertThrowsError(try ConfigOverrides.resolve(file: nil, overrides: ["algorithm=resdex", "ppo.clipActions=false"]).validate()) {
            XCTAssertTrue("\($0)".contains("resdex.clipOutputs"), "\($0)")
        }
    }

    /// A config for this code needs no version; a version newer than the code, or a key in the
    /// place an earlier version had it, is an error that says so.
    func testVersionsAndOldPlacesAreNamed() throws {
        XCTAssertEqual(try ConfigOverrides.resolve(json: Data(#"{"configVersion": 2}"#.utf8), source: "v2"), TrainConfig())
        XCTAssertEqual(try ConfigOverrides.resolve(json: Data("{}".utf8), source: "empty"), TrainConfig())
        XCTAssertThrowsError(try ConfigOverrides.resolve(json: Data(#"{"configVersion": 4}"#.utf8), source: "new")) {
            XCTAssertTrue("\($0)".contains("configVersion 4 is not one this code reads"), "\($0)")
        }
        XCTAssertThrowsError(try ConfigOverrides.resolve(json: Data(#"{"ppo": {"imitationWeight": 1}}"#.utf8), source: "cfg")) {
            XCTAssertTrue("\($0)".contains("cfg: ppo. unknown key 'imitationWeight' (since configVersion 2 it is ppo.experimental.imitationWeight)"), "\($0)")
        }
        XCTAssertThrowsError(try ConfigOverrides.resolve(file: nil, overrides: ["ppo.envCount=8"])) {
            XCTAssertTrue("\($0)".contains("unknown key 'envCount' (removed in configVersion 2: the learner's env count is the run's envCount)"), "\($0)")
        }
        XCTAssertThrowsError(try ConfigOverrides.resolve(file: nil, overrides: ["initFrom=runs/clone"])) {
            XCTAssertTrue("\($0)".contains("experimental.initFrom"), "\($0)")
        }
        XCTAssertThrowsError(try ConfigOverrides.resolve(file: nil, overrides: ["configVersion=1"])) {
            XCTAssertTrue("\($0)".contains("configVersion"), "\($0)")
        }
        let set = try ConfigOverrides.resolve(file: nil, overrides: ["experimental.initFrom=runs/clone", "ppo.experimental.imitationWeight=5",
                                                                     "task.experimental.distanceTerms=false"])
        XCTAssertEqual(set.experimental.initFrom, "runs/clone")
        XCTAssertEqual(set.ppo.experimental.imitationWeight, 5)
        XCTAssertFalse(set.task.experimental.distanceTerms)
        XCTAssertTrue(set.resolvedPPO.experimental.freezeNormalizer, "a run from a clone keeps the clone's statistics")
        XCTAssertThrowsError(try ConfigOverrides.checkEveryKeyWasRead([(["task", "notAField"], 1)], by: TrainConfig())) {
            XCTAssertTrue("\($0)".contains("task.notAField: given but not read"), "\($0)")
        }
    }

    /// A checkpoint state of format 1 (the box clone's: flat experiments, keys added later absent)
    /// becomes format 2 with the values format 1 read.
    func testACheckpointStateOfFormatOneIsMigrated() throws {
        let folder = ProjectPaths.assets + "/policies/box-clone/checkpoints/clone/state.json"
        let data = try Data(contentsOf: URL(fileURLWithPath: folder))
        let raw = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(raw["formatVersion"] as? Int, 1)
        XCTAssertNil((raw["config"] as? [String: Any])?["klTargetPerStep"], "written before the key existed")
        let state = try CheckpointState.decode(data)
        XCTAssertEqual(state.formatVersion, 2)
        var expected = PPOConfig()
        expected.envCount = 64
        expected.actorHiddenSizes = [256, 128, 64]
        expected.criticHiddenSizes = [256, 128, 64]
        expected.initStd = 0.3
        expected.stepsPerRollout = 16
        expected.minibatchCount = 2
        expected.normalizeObservations = true
        XCTAssertEqual(state.config, expected)
        XCTAssertEqual(state.iteration, raw["iteration"] as? Int)
    }

    // MARK: a run made before configVersion

    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/run-before-config-version")

    /// Tests/Fixtures/run-before-config-version was trained for 2 iterations by the code before
    /// configVersion (config.json of version 1, state.json of format 1, experiments set in their
    /// old places). It resumes: the learner's config rebuilt from the migrated config.json equals
    /// the one of the migrated checkpoint state, or the checkpoint would be refused. (Its bits
    /// depend on the OpenBLAS kernel, which `world-train` chooses and a test process does not;
    /// that this code continues it bit for bit as the earlier code did is checked with
    /// `world-train --resume` of both versions on one machine.)
    func testARunMadeBeforeConfigVersionResumes() throws {
        let copy = RunDirectory(FileManager.default.temporaryDirectory.appendingPathComponent("v1-run-\(UUID().uuidString)").path)
        try FileManager.default.copyItem(at: Self.fixture, to: copy.root)
        var config = try ConfigOverrides.resolve(file: copy.config.path)
        XCTAssertTrue(config.ppo.experimental.valueLossOnAllSteps)
        XCTAssertEqual(config.ppo.experimental.actorFreezeIterations, 1)
        XCTAssertEqual(config.ppo.experimental.imitationDecay, 0.5)
        XCTAssertEqual(config.task.experimental.tipContactReward, 0.01)
        XCTAssertTrue(config.task.experimental.encloseNeedsContact)
        XCTAssertFalse(config.task.experimental.distanceTerms)
        XCTAssertEqual(config.task.fingerTargetSmoothing, 0.15, "written, so kept")
        config.iterations = 4
        let trainer = try Trainer(config: config, run: copy, resume: true)
        XCTAssertTrue(trainer.skippedCheckpoints.isEmpty, "\(trainer.skippedCheckpoints)")
        XCTAssertEqual(trainer.state.iteration, 2)
        try trainer.train()
        let state = try CheckpointState.decode(Data(contentsOf: copy.checkpoint(4).appendingPathComponent(PPOAgent.stateFileName)))
        XCTAssertEqual(state.formatVersion, 2)
        XCTAssertEqual(state.config, config.resolvedPPO)
        let result = try Evaluation.run(checkpoint: copy.root.path, split: "train", episodesPerObject: 1, envCount: 2, threads: 1)
        XCTAssertEqual(result.episodes, 6, "one episode on each built-in object")
    }
}
