import Foundation
import SimWorld

/// Scripted-grasp demonstrations for behaviour cloning: one episode per env of `world` from
/// its current state (call right after creating the world), the observation before each step
/// and the chunk of scripted actions that follows it. Only episodes that succeed are kept.
public enum Demonstrations {
    /// Kept demonstrations: observations [rows, obsDim], action chunks [rows, blocks x |A|]
    /// (rows = kept episodes x steps, episode-major), and how many episodes were run and kept.
    public struct Set: Sendable {
        /// Observation before each kept step. [rows, obsDim]
        public var observations: [Float]
        /// The scripted chunk from that step; near the episode end padded with its last action. [rows, blocks x |A|]
        public var chunks: [Float]
        /// Episodes run (envs).
        public var episodes: Int
        /// Episodes that reached the goal and were kept.
        public var kept: Int
    }

    /// A world for demonstrations on `assets`: `config`'s task and threads, `envCount` envs whose
    /// first episodes all start together (no staggering), objects drawn from `objectPool` (empty: all).
    public static func world(config: TrainConfig, envCount: Int, seed: UInt64, assets: [ObjectAsset],
                             objectPool: [Int] = []) throws -> World {
        var spec = WorldSpec(envCount: envCount, threads: config.threads, seed: seed)
        spec.task = config.task
        spec.task.staggerFirstEpisodes = false
        spec.objectPool = objectPool
        return try World(spec: spec, hand: try HandDescription.shadowHand(), assets: assets)
    }

    /// Runs `grasps[e]` (default: the default grasp everywhere) in env e for one episode and
    /// keeps the successful episodes. With `actionNoise` > 0 the executed actions get Gaussian
    /// noise of that std (clipped to [-1, 1]) while the recorded labels stay the scripted ones,
    /// so the demonstrations show how the closed-loop script corrects a perturbed hand (DART).
    public static func collect(world: World, blocks: Int, grasps: [ScriptedGrasp]? = nil,
                               actionNoise: Float = 0, seed: UInt64 = 0) throws -> Set {
        let (n, a, o) = (world.spec.envCount, SceneLayout.actionCount, world.observationLayout.count)
        let steps = world.spec.task.episodeLength
        let grasper = ScriptedGrasper(grasps: grasps ?? Array(repeating: ScriptedGrasp(), count: n), world: world)
        var observations = [Float](), actions = [Float]()
        observations.reserveCapacity(steps * n * o)
        actions.reserveCapacity(steps * n * a)
        var noise = ActionNoise(wrist: actionNoise, fingers: actionNoise, seed: seed)
        let episodes = EpisodeDriver(world: world)
        let executed = episodes.actions
        for step in 0..<steps {
            observations += UnsafeBufferPointer(start: episodes.observations, count: n * o)
            for e in 0..<n { grasper.act(env: e, step: step) }
            actions += UnsafeBufferPointer(start: executed, count: n * a)
            noise.perturb(executed, envCount: n)
            try episodes.step()
        }
        let success = episodes.success  // of the episodes' last step, before the resets
        let kept = (0..<n).filter { success[$0] != 0 }
        var keptObservations = [Float](), chunks = [Float]()
        keptObservations.reserveCapacity(kept.count * steps * o)
        chunks.reserveCapacity(kept.count * steps * blocks * a)
        for e in kept {
            for t in 0..<steps {
                keptObservations += observations[((t * n + e) * o)..<((t * n + e + 1) * o)]
                for b in 0..<blocks {
                    let source = (min(t + b, steps - 1) * n + e) * a
                    chunks += actions[source..<(source + a)]
                }
            }
        }
        return Set(observations: keptObservations, chunks: chunks, episodes: n, kept: kept.count)
    }
}
