import Foundation
import SimWorld
import Training

/// One object set of the scripted benchmark: a name and the library objects it draws from.
struct BenchObjectSet {
    /// "hand-sized" (bounding radius up to `handSizedRadius`) or "all".
    var name: String
    /// The split's objects in this set, library order.
    var assets: [ObjectAsset]

    /// Bounding radius of the library's hand-sized objects, metres (the protocol's objectMaxRadius).
    static let handSizedRadius: Float = 0.08

    /// The hand-sized objects and all objects of `split` of `library`.
    static func load(library: String, split: String) throws -> [BenchObjectSet] {
        let all = try ObjectSet.load(library: library, split: split)
        return [BenchObjectSet(name: "hand-sized", assets: all.filter { $0.boundingRadius <= handSizedRadius + 1e-6 }),
                BenchObjectSet(name: "all", assets: all)]
    }

    /// `count` objects spread evenly over the set (as `scripted-grasp library` picks them).
    func spread(_ count: Int) -> [ObjectAsset] {
        (0..<count).map { assets[$0 * assets.count / count] }
    }
}

/// What one scripted measurement found.
struct ScriptedMeasurement {
    /// Env-steps/s of the physics alone (apply actions, step, episode resets).
    var physics: Double
    /// Env-steps/s of the whole ECS step (physics plus sync, rewards, observations).
    var full: Double
    /// Mean contact points per env after each env step (bs_envs_read_contact_count).
    var contactsPerEnvStep: Double
    /// Share of finished episodes whose object reached the goal.
    var successRate: Double
}

/// Env-steps/s with the scripted grasp (descend, close, lift, hold) on `objects`, one env per
/// object, every env starting an episode together and reset at its end (`EpisodeDriver`). The
/// scripted controller's own work and the contact count read are not timed.
func measureScripted(_ spec: WorldSpec, hand: HandDescription, objects: [ObjectAsset], steps: Int) throws -> ScriptedMeasurement {
    var spec = spec
    spec.fixedObjects = Array(objects.indices)
    spec.task.staggerFirstEpisodes = false
    let world = try World(spec: spec, hand: hand, assets: objects)
    let episodes = EpisodeDriver(world: world)
    episodes.clock = now
    let grasper = ScriptedGrasper(world: world)
    let episodeStep = world.envs.pointer(.episodeStep, as: UInt32.self)
    let n = spec.envCount
    var contacts = 0.0, finished = 0, successes = 0
    for _ in 0..<steps {
        for e in 0..<n { grasper.act(env: e, step: Int(episodeStep[e])) }
        try episodes.step {
            contacts += Double(try world.contactPointCounts().reduce(0) { $0 + Int($1) })
        }
        for e in episodes.endedEnvs where episodes.truncated[e] != 0 {
            finished += 1
            successes += Int(episodes.success[e])
        }
    }
    let envSteps = Double(steps * n), timings = episodes.timings
    return ScriptedMeasurement(physics: envSteps / timings.simulate, full: envSteps / timings.total,
                               contactsPerEnvStep: contacts / envSteps,
                               successRate: finished > 0 ? Double(successes) / Double(finished) : 0)
}
