import Foundation
@testable import Learning
@testable import SimWorld
@testable import Training
import XCTest

/// ResDex in the world: clusters, base runs, the hyper-policy's training leaving its bases
/// untouched, and exact resumes with the bases inside the checkpoints.
final class ResDexTests: XCTestCase {
    /// A tiny ResDex run on the built-ins: 2 bases of 1 iteration each, then the hyper-policy.
    static func tinyConfig(_ algorithm: TrainConfig.Algorithm = .resdex) -> TrainConfig {
        var c = ResumeTests.tinyConfig()
        c.algorithm = algorithm
        c.resdex.baseCount = 2
        c.resdex.baseIterations = 1
        c.selectionObjects = 0
        return c
    }

    func temporaryRun() -> RunDirectory {
        RunDirectory(FileManager.default.temporaryDirectory.appendingPathComponent("resdex-\(UUID().uuidString)").path)
    }

    /// Three hand-set blobs: every point goes with its blob, each representative is the point
    /// nearest its blob's mean, and the same seed gives the same clusters.
    func testKMeansFindsHandSetClustersAndTheirMostCentralPoints() {
        let points: [[Float]] = [[0, 0], [0.2, 0], [0, 0.3], [0.1, 0.1],
                                 [10, 10], [10.4, 10], [10, 10.1],
                                 [-8, 5], [-8.2, 5.2], [-7.9, 4.9]]
        let result = KMeans.cluster(points, k: 3, seed: 7)
        let blobs = [[0, 1, 2, 3], [4, 5, 6], [7, 8, 9]]
        for blob in blobs {
            XCTAssertEqual(Set(blob.map { result.assignment[$0] }).count, 1, "blob \(blob) in one cluster")
            let cluster = result.assignment[blob[0]]
            XCTAssertEqual(result.centres[cluster], KMeans.mean(blob.map { points[$0] }))
        }
        XCTAssertEqual(Set(result.assignment).count, 3)
        XCTAssertEqual(Set(result.representatives), [3, 4, 7], "(0.1, 0.1), (10, 10) and (-8, 5) lie nearest their blobs' means")
        XCTAssertEqual(KMeans.cluster(points, k: 3, seed: 7), result)
    }

    /// The pose term: -poseReward x ||q - reference|| added to the task reward, and a pose
    /// reward without a full reference is refused by name.
    func testPoseTermAndItsValidation() throws {
        let q: [Float] = [0.3, -0.1, 0.5]
        let distance = q.withUnsafeBufferPointer { ComputeRewardsSystem.poseDistance($0, [0, 0.3, 0.5]) }
        XCTAssertEqual(distance, (0.09 + 0.16 as Float).squareRoot(), accuracy: 1e-6)
        var config = TrainConfig()
        config.task.poseReward = 0.1
        XCTAssertThrowsError(try config.validate()) { XCTAssertTrue("\($0)".contains("task.poseReference of 22 joint angles"), "\($0)") }
        config.task.poseReference = [Float](repeating: 0, count: SceneLayout.jointCount)
        XCTAssertNoThrow(try config.validate())
    }

    /// A ResDex run trains its bases first (geometry-unaware, one object each, the pose term
    /// towards the object's scripted grasp), and the hyper-policy's updates leave them exactly
    /// as trained; its checkpoints hold them.
    func testBasesAreTrainedFirstAndUntouchedByTheHyperPolicy() throws {
        let run = temporaryRun()
        let trainer = try Trainer.prepare(config: Self.tinyConfig(), run: run, resume: false, log: { _ in })
        XCTAssertEqual(trainer.bases.count, 2)
        let objects = try ResDexBases.representatives(config: Self.tinyConfig()).map(\.name)
        XCTAssertEqual(trainer.bases.map(\.object), objects)
        XCTAssertEqual(Set(objects).count, 2)
        for (i, name) in objects.enumerated() {
            let base = try ConfigOverrides.resolve(file: run.root.appendingPathComponent("bases/\(i)/config.json").path)
            XCTAssertEqual(base.algorithm, .ppo)
            XCTAssertEqual(base.trainObjects, [name])
            XCTAssertEqual(base.task.observationMode, .geometryUnaware)
            XCTAssertEqual(base.task.poseReference.count, SceneLayout.jointCount)
            XCTAssertTrue(base.task.poseReference.contains { abs($0) > 0.2 }, "the reference is a closed hand")
        }
        let mixture = try XCTUnwrap(trainer.agent.mixture)
        let before = mixture.bases.map { bits($0.networks.parameters) }
        let hyperBefore = bits(trainer.agent.networks.parameters)
        try trainer.train()
        XCTAssertNotEqual(bits(trainer.agent.networks.parameters), hyperBefore, "the hyper-policy learned")
        XCTAssertEqual(mixture.bases.map { bits($0.networks.parameters) }, before, "bases unchanged by the hyper-policy's updates")
        let saved = try PPOAgent.loadCheckpoint(from: try XCTUnwrap(run.latestCheckpoint()))
        XCTAssertEqual(try XCTUnwrap(saved.mixture).bases.map { bits($0.networks.parameters) }, before, "the checkpoint holds them")
        let trained = try PPOAgent.loadCheckpoint(from: try XCTUnwrap(RunDirectory(run.root.appendingPathComponent("bases/0").path).latestCheckpoint()))
        XCTAssertEqual(bits(trained.networks.parameters), before[0], "as the base run left them")
    }

    /// ResDex and its chunked version resume bit for bit: N + M iterations equal N, resume, M,
    /// ResDex's with its second reward stage starting after the resume.
    func testResumeIsExactWithTheBasesInside() throws {
        for algorithm in [TrainConfig.Algorithm.resdex, .resdexACPPO] {
            var config = Self.tinyConfig(algorithm)
            if algorithm == .resdex { config.resdex.stageTwoAt = 0.75 }
            let straight = temporaryRun(), split = temporaryRun()
            let a = try Trainer.prepare(config: config, run: straight, resume: false, log: { _ in })
            try a.train()
            var half = config
            half.iterations = 2
            half.resdex.stageTwoAt = 1  // its 2 iterations are stage 1, as the first 2 of 4 with stage 2 from the 4th
            try Trainer.prepare(config: half, run: split, resume: false, log: { _ in }).train()
            let b = try Trainer.prepare(config: config, run: split, resume: true, log: { _ in })
            try b.train()
            XCTAssertEqual(b.agent.actionDim, SceneLayout.actionCount + 2)
            XCTAssertEqual(b.world.rewardTerms.distanceTerms, algorithm != .resdex, "stage 2 from iteration 4 of 4")
            XCTAssertEqual(config.resdex.stageTwoStart(iterations: 4), algorithm == .resdex ? 3 : 4)
            XCTAssertEqual(b.agent.config.chunkLength, algorithm == .resdex ? 1 : config.chunkLength)
            XCTAssertEqual(bits(a.agent.networks.parameters), bits(b.agent.networks.parameters), "\(algorithm.rawValue): weights")
            XCTAssertEqual(a.world.hands.snapshot(), b.world.hands.snapshot(), "\(algorithm.rawValue): hand columns")
            XCTAssertEqual(a.world.envs.snapshot(), b.world.envs.snapshot(), "\(algorithm.rawValue): env columns")
        }
    }

    /// Cloned bases (`resdex.baseSource` clone): one behaviour clone of the scripted grasp per
    /// cluster object, geometry-unaware, its demonstrations' env steps counted; a second
    /// prepare finds them finished.
    func testClonedBasesCountTheirDemonstrations() throws {
        var config = Self.tinyConfig()
        config.resdex.baseSource = .clone
        config.resdex.cloneEpisodes = 8
        let run = temporaryRun()
        let trainer = try Trainer.prepare(config: config, run: run, resume: false, log: { _ in })
        XCTAssertEqual(trainer.bases.map(\.envSteps), [1600, 1600], "8 episodes of 200 steps each")
        XCTAssertEqual(ResDexBases.spent(config: config, run: run).envSteps, 3200)
        let bases = try XCTUnwrap(trainer.agent.mixture).bases
        XCTAssertEqual(bases.map(\.observationDim), [161, 161], "geometry-unaware")
        var lines: [String] = []
        _ = try Trainer.prepare(config: config, run: run, resume: true, log: { lines.append($0) })
        XCTAssertTrue(lines.isEmpty, "finished bases are reused: \(lines)")
    }

    /// A cluster on whose objects the scripted grasp never reaches the goal (here: 10-step
    /// episodes) cannot give a cloned base: each member is tried, nearest the centre first, and
    /// the error names them all.
    func testACloneThatNoScriptedEpisodeAllowsIsRefusedNamingTheObjectsTried() throws {
        var config = Self.tinyConfig()
        config.resdex.baseSource = .clone
        config.resdex.cloneEpisodes = 4
        config.task.episodeLength = 10
        let cluster = try ResDexBases.clusters(config: config)[0]
        XCTAssertEqual(cluster[0].name, try ResDexBases.representatives(config: config)[0].name)
        var lines: [String] = []
        XCTAssertThrowsError(try Trainer.prepare(config: config, run: temporaryRun(), resume: false, log: { lines.append($0) })) {
            XCTAssertTrue("\($0)".contains("reaches the goal on none of the \(cluster.count) objects of its cluster it tried (\(cluster.map(\.name).joined(separator: ", ")))"), "\($0)")
        }
        XCTAssertEqual(lines.filter { $0.contains("trying the cluster's next object") }.count, cluster.count)
    }

    /// A cloned base tries its cluster's 8 members nearest the centre, then 8 of the rest,
    /// smallest first (nearest first within a radius), and no more.
    func testAClonedBaseTriesTheNearestThenTheSmallest() {
        func asset(_ name: String, _ radius: Float) -> ObjectAsset {
            ObjectAsset(name: name, category: "sphere", boundingRadius: radius, mass: 1, inertiaDiagonal: .one, volume: 1, hulls: [],
                        renderVertices: [], renderTriangles: [], surfacePoints: [], surfaceNormals: [])
        }
        // nearest the centre first: 8 large ones, then 12 more of mixed sizes
        let radii: [Float] = [0.08, 0.08, 0.08, 0.08, 0.08, 0.08, 0.08, 0.08,
                              0.12, 0.06, 0.10, 0.06, 0.15, 0.08, 0.06, 0.12, 0.06, 0.10, 0.06, 0.06]
        let members = radii.enumerated().map { asset("m\($0.offset)", $0.element) }
        let tried = ResDexBases.cloneCandidates(members).map(\.name)
        XCTAssertEqual(tried, (0..<8).map { "m\($0)" } + ["m9", "m11", "m14", "m16", "m18", "m19", "m13", "m10"])
        XCTAssertEqual(ResDexBases.cloneCandidates(Array(members.prefix(3))).map(\.name), ["m0", "m1", "m2"], "a small cluster: all of it")
    }

    /// The hyper-policy gets what the bases left of the budget, every cloning try counted and
    /// rounded up to whole iterations, so a ResDex row never spends more than PPO's.
    func testTheHyperPolicyGetsWhatTheBasesLeft() {
        var config = TrainConfig()
        XCTAssertEqual(ResDexBases.baseIterations(budget: 732, config: config), 61, "quick size: a third over 4 PPO bases")
        XCTAssertEqual(ResDexBases.hyperIterations(budget: 732, baseEnvSteps: 4 * 61 * 4096, perIteration: 4096), 488)
        config.resdex.baseSource = .clone
        XCTAssertEqual(ResDexBases.baseIterations(budget: 732, config: config), config.resdex.baseIterations, "unused by clones")
        // four clones of 256 x 200 demonstration steps, one of them after two objects that gave none
        XCTAssertEqual(ResDexBases.hyperIterations(budget: 732, baseEnvSteps: 6 * 51_200, perIteration: 4096), 657)
        XCTAssertEqual(ResDexBases.hyperIterations(budget: 732, baseEnvSteps: 6 * 51_200 + 1, perIteration: 4096), 656)
        XCTAssertEqual(ResDexBases.hyperIterations(budget: 10, baseEnvSteps: 1_000_000, perIteration: 4096), 1, "at least one")
    }

    /// Protocol rows: ResDex spends a third of the budget on its bases and counts their env
    /// steps (the rows have PPO's budget), and the chunked version is compared with it.
    func testProtocolRowsCountTheBasesInTheBudget() throws {
        let out = temporaryRun().root.path
        let size = BenchmarkProtocol.Size(name: "tiny", envSteps: 4 * 16 * 12, envCount: 4, episodesPerObject: 1, objectsPerSplit: 2,
                                          cloneEpisodes: 6, cloneEpochs: 2)
        var base = TrainConfig()
        base.resdex.baseCount = 2
        base.selectionObjects = 0
        let table = try BenchmarkProtocol.run(size: size, algorithms: [.ppo, .resdex, .resdexACPPO], seeds: [1], library: nil,
                                              base: base, threads: 1, out: out) { _ in }
        let hyper = try ConfigOverrides.resolve(file: out + "/resdex-seed1/config.json")
        XCTAssertEqual(hyper.resdex.baseIterations, 2, "12 iterations: a third over 2 bases")
        XCTAssertEqual(hyper.iterations, 8)
        let results = try BenchmarkProtocol.finishedCells(in: out)
        let steps = Dictionary(uniqueKeysWithValues: results.map { ($0.algorithm, $0.envSteps) })
        XCTAssertEqual(steps, ["ppo": 768, "resdex": 768, "resdex-acppo": 768], "the same budget, bases included")
        for line in ["| resdex | 1 |", "| resdex-acppo | 1 |", "P(resdex > ppo), reached success", "P(resdex-acppo > resdex), reached success"] {
            XCTAssertTrue(table.contains(line), "\(line) in:\n\(table)")
        }
    }

    /// Objects the training split lacks, and bases taken from a folder without finished ones,
    /// are refused by name.
    func testBadObjectNamesAndMissingBasesAreRefused() throws {
        var config = Self.tinyConfig(.ppo)
        config.trainObjects = ["sphere-40", "no-such-object"]
        XCTAssertThrowsError(try Trainer(config: config, run: temporaryRun())) {
            XCTAssertTrue("\($0)".contains("trainObjects: 'no-such-object' is not an object of split"), "\($0)")
        }
        var reuse = Self.tinyConfig()
        reuse.resdex.basesFrom = temporaryRun().root.path
        XCTAssertThrowsError(try Trainer.prepare(config: reuse, run: temporaryRun(), resume: false, log: { _ in })) {
            XCTAssertTrue("\($0)".contains("resdex.basesFrom: base 0"), "\($0)")
        }
    }
}

/// Bit patterns of a buffer (for bit-identical comparisons).
private func bits(_ buffer: FloatBuffer) -> [UInt32] { buffer.toArray().map(\.bitPattern) }
