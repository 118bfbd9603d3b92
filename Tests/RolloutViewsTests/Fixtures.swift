import Foundation
import RenderKit
@testable import RolloutViews
import SimWorld
import Training

/// Shared inputs: the Shadow hand, a 6 cm box and a cylinder, and temporary folders.
enum Fixtures {
    /// The hand every world uses.
    static let hand = try! HandDescription.shadowHand()
    /// A 6 cm cube.
    static let box = try! BuiltinObjects.box(halfExtents: [0.03, 0.03, 0.03])
    /// An upright cylinder, radius 3 cm, 10 cm tall.
    static let cylinder = try! BuiltinObjects.cylinder(radius: 0.03, halfHeight: 0.05)

    /// A fresh empty temporary folder.
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "rollout-views-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Trains a tiny run (4 envs, one thread, 16-unit networks, no final evaluation) into
    /// `run` after `adjust` has changed its config; returns the config.
    @discardableResult
    static func trainTinyRun(_ run: RunDirectory, iterations: Int, adjust: (inout TrainConfig) -> Void = { _ in }) throws -> TrainConfig {
        var config = TrainConfig()
        config.envCount = 4
        config.threads = 1
        config.iterations = iterations
        config.evalEpisodesPerObject = 0
        config.ppo.actorHiddenSizes = [16]
        config.ppo.criticHiddenSizes = [16]
        adjust(&config)
        try Trainer(config: config, run: run).train()
        return config
    }

    /// The reset-state snapshot (step 0) of a one-env world holding `asset` at yaw 0.
    static func resetSnapshot(_ asset: ObjectAsset) throws -> FrameSnapshot {
        let setup = RolloutSetup(assets: [asset], seed: 3, steps: 0, randomYaw: false)
        return try RolloutRecording.run(ScriptedPolicy(), setup: setup, hand: hand).snapshot(at: 0)
    }

    /// Whether two colours differ by at most `tolerance` in every channel.
    static func close(_ a: Color, _ b: Color, tolerance: Int = 2) -> Bool {
        abs(Int(a.r) - Int(b.r)) <= tolerance && abs(Int(a.g) - Int(b.g)) <= tolerance && abs(Int(a.b) - Int(b.b)) <= tolerance
    }
}
