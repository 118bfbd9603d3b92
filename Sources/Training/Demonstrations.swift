import Foundation
import SimWorld

/// Scripted-grasp demonstrations for behaviour cloning: one episode per env of `world` from
/// its current state (call right after creating the world), the observation before each step
/// and the chunk of scripted actions that follows it.
public enum Demonstrations {
    /// Observations [rows, obsDim] and action chunks [rows, blocks x |A|], rows = envs x steps.
    /// Near the episode end a chunk is padded with its last action.
    public static func collect(world: World, blocks: Int, grasp: ScriptedGrasp = ScriptedGrasp()) throws
        -> (observations: [Float], chunks: [Float]) {
        let (n, a, o) = (world.spec.envCount, SceneLayout.actionCount, world.observationLayout.count)
        let steps = world.spec.task.episodeLength
        var observations = [Float](), actions = [Float]()
        observations.reserveCapacity(steps * n * o)
        actions.reserveCapacity(steps * n * a)
        for step in 0..<steps {
            observations += UnsafeBufferPointer(start: world.envs.pointer(.observation), count: n * o)
            for e in 0..<n { grasp.act(world: world, env: e, step: step) }
            actions += UnsafeBufferPointer(start: world.hands.pointer(.action), count: n * a)
            try world.advance()
        }
        var chunks = [Float](repeating: 0, count: steps * n * blocks * a)
        for t in 0..<steps {
            for e in 0..<n {
                for b in 0..<blocks {
                    let source = (min(t + b, steps - 1) * n + e) * a
                    let destination = ((t * n + e) * blocks + b) * a
                    for d in 0..<a { chunks[destination + d] = actions[source + d] }
                }
            }
        }
        return (observations, chunks)
    }
}
