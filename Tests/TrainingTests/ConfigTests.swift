import Foundation
import Training
import XCTest

/// Config files and `--set` overrides: merged over the defaults, errors name file and key.
final class ConfigTests: XCTestCase {
    func testFileAndOverridesMergeOverDefaults() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("cfg-\(UUID().uuidString).json")
        try Data(#"{"envCount": 16, "ppo": {"gamma": 0.9}}"#.utf8).write(to: file)
        let c = try ConfigOverrides.resolve(file: file.path, overrides: ["ppo.learningRate=0.001", "algorithm=ppo", "task.observationMode=geometry-unaware"])
        XCTAssertEqual(c.envCount, 16)
        XCTAssertEqual(c.ppo.gamma, 0.9)
        XCTAssertEqual(c.ppo.learningRate, 0.001)
        XCTAssertEqual(c.algorithm, .ppo)
        XCTAssertEqual(c.task.observationMode, .geometryUnaware)
        XCTAssertEqual(c.ppo.clipCoef, 0.2, "untouched fields keep the published default")
        XCTAssertEqual(c.resolvedPPO.chunkLength, 1, "ppo means h = 1")
    }

    func testWrittenConfigOfALibraryRunReadsBack() throws {
        // a run's config.json holds `library`, which the default encoding omits (nil)
        var written = TrainConfig()
        written.library = "assets/objects"
        written.task.experimental.encloseNeedsContact = true
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("cfg-\(UUID().uuidString).json")
        try JSONEncoder().encode(written).write(to: file)
        XCTAssertEqual(try ConfigOverrides.resolve(file: file.path, overrides: []), written)
    }

    func testBadInputNamesTheProblem() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).json")
        try Data(#"{"envCont": 16}"#.utf8).write(to: file)
        XCTAssertThrowsError(try ConfigOverrides.resolve(file: file.path, overrides: [])) { XCTAssertTrue("\($0)".contains("unknown key 'envCont'"), "\($0)") }
        try Data("{not json".utf8).write(to: file)
        XCTAssertThrowsError(try ConfigOverrides.resolve(file: file.path, overrides: [])) { XCTAssertTrue("\($0)".contains("not valid JSON"), "\($0)") }
        XCTAssertThrowsError(try ConfigOverrides.resolve(file: nil, overrides: ["ppo.gama=0.5"])) { XCTAssertTrue("\($0)".contains("unknown key 'gama'"), "\($0)") }
        XCTAssertThrowsError(try ConfigOverrides.resolve(file: nil, overrides: ["envCount=many"])) { XCTAssertTrue("\($0)".contains("envCount"), "\($0)") }
        var c = TrainConfig()
        c.envCount = 0
        XCTAssertThrowsError(try c.validate()) { XCTAssertTrue("\($0)".contains("envCount"), "\($0)") }
    }

    func testConfigTextAndNumbersThatDoNotFitNameTheField() throws {
        let c = try ConfigOverrides.resolve(json: Data(#"{"envCount": 8, "task": {"episodeLength": 50}}"#.utf8), source: "config JSON")
        XCTAssertEqual(c.envCount, 8)
        XCTAssertEqual(c.task.episodeLength, 50)
        // the decoder itself names no field for a number that does not fit its type
        for (text, field) in [(#"{"seed": -1}"#, "config field seed: -1"), (#"{"task": {"episodeLength": 2.5}}"#, "config field task.episodeLength: 2.5"),
                              (#"{"envCount": 8, "ppo": {"stepsPerRollout": 1e30}}"#, "config field ppo.stepsPerRollout")] {
            XCTAssertThrowsError(try ConfigOverrides.resolve(json: Data(text.utf8), source: "config JSON")) { XCTAssertTrue("\($0)".contains(field), "\($0)") }
        }
        XCTAssertThrowsError(try ConfigOverrides.resolve(file: nil, overrides: ["seed=-4"])) { XCTAssertTrue("\($0)".contains("config field seed: -4"), "\($0)") }
        XCTAssertThrowsError(try ConfigOverrides.resolve(json: Data("[1]".utf8), source: "config JSON")) {
            XCTAssertTrue("\($0)".contains("config JSON: the top level must be a JSON object"), "\($0)")
        }
    }

    func testObjectMaxRadiusKeepsOnlyObjectsThatSmall() throws {
        let c = try ConfigOverrides.resolve(file: nil, overrides: ["objectMaxRadius=0.055"])
        XCTAssertEqual(c.objectMaxRadius, 0.055)
        let all = try ObjectSet.load(library: nil, split: "train")
        let kept = try ObjectSet.load(config: c, split: "train")
        XCTAssertEqual(kept.map(\.name), all.filter { $0.boundingRadius <= 0.055 }.map(\.name))
        XCTAssertTrue(kept.count > 0 && kept.count < all.count, "built-in radii 0.04 to 0.074 m: the limit splits them (kept \(kept.count) of \(all.count))")
        XCTAssertTrue(kept.allSatisfy { $0.boundingRadius <= 0.055 })
        var tiny = TrainConfig()
        tiny.objectMaxRadius = 0.01
        XCTAssertThrowsError(try ObjectSet.load(config: tiny, split: "train")) {
            XCTAssertTrue("\($0)".contains("objectMaxRadius 0.01") && "\($0)".contains("smallest bounding radius"), "\($0)")
        }
        tiny.objectMaxRadius = -1
        XCTAssertThrowsError(try tiny.validate()) { XCTAssertTrue("\($0)".contains("objectMaxRadius"), "\($0)") }
    }

    func testARunConfigOfAnEarlierVersionKeepsItsBehaviour() throws {
        // written before configVersion and before fingerTargetSmoothing, heldHeightReward,
        // initStdPrefix, klTargetPerStep existed; its ppo holds the learner's envCount, as every
        // config.json of that version does
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("old-\(UUID().uuidString).json")
        try Data(#"{"algorithm": "acppo", "task": {"episodeLength": 200}, "ppo": {"initStd": 0.3, "envCount": 1024}}"#.utf8).write(to: file)
        let old = try ConfigOverrides.resolve(file: file.path)
        XCTAssertEqual(old.task.fingerTargetSmoothing, 1)
        XCTAssertEqual(old.task.heldHeightReward, 0)
        XCTAssertTrue(old.task.staggerFirstEpisodes)
        XCTAssertEqual(old.ppo.initStdPrefix, [])
        XCTAssertFalse(old.ppo.klTargetPerStep)
        // a config written for this code (no configVersion, no ppo.envCount) is of this version
        try Data(#"{"algorithm": "acppo", "task": {"episodeLength": 200}, "ppo": {"initStd": 0.3}}"#.utf8).write(to: file)
        let fresh = try ConfigOverrides.resolve(file: file.path, overrides: [])
        XCTAssertEqual(fresh.task.fingerTargetSmoothing, 0.15, "a user's partial config for a new run gets today's defaults")
        XCTAssertTrue(fresh.ppo.klTargetPerStep)
        XCTAssertEqual(try ConfigOverrides.resolve(file: { () -> String in
            let f = FileManager.default.temporaryDirectory.appendingPathComponent("new-\(UUID().uuidString).json")
            try! JSONEncoder().encode(TrainConfig()).write(to: f)
            return f.path
        }()), TrainConfig(), "a complete file reads back as written")
    }
}
