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
/// object, every env starting an episode together and reset at its end (the learner's step:
/// advance, then begin the next episodes). The scripted controller's own work and the contact
/// count read are not timed.
func measureScripted(_ spec: WorldSpec, hand: HandDescription, objects: [ObjectAsset], steps: Int) throws -> ScriptedMeasurement {
    var spec = spec
    spec.fixedObjects = Array(objects.indices)
    spec.task.staggerFirstEpisodes = false
    let world = try World(spec: spec, hand: hand, assets: objects)
    let grasper = ScriptedGrasper(world: world)
    let episodeStep = world.envs.pointer(.episodeStep, as: UInt32.self)
    let truncated = world.envs.pointer(.truncated), success = world.envs.pointer(.success, as: UInt8.self)
    let n = spec.envCount
    var physicsTime = 0.0, restTime = 0.0, contacts = 0.0, episodes = 0, successes = 0
    for _ in 0..<steps {
        for e in 0..<n { grasper.act(env: e, step: Int(episodeStep[e])) }
        let t0 = now()
        try world.step(phases: [.applyActions, .physics])
        let t1 = now()
        try world.step(phases: [.sync, .rewards, .observations, .record])
        let t2 = now()
        contacts += Double(try world.contactPointCounts().reduce(0) { $0 + Int($1) })
        for e in 0..<n where truncated[e] != 0 {
            episodes += 1
            successes += Int(success[e])
        }
        let t3 = now()
        try world.beginEpisodes()
        let t4 = now()
        physicsTime += (t1 - t0) + (t4 - t3)
        restTime += t2 - t1
    }
    let envSteps = Double(steps * n)
    return ScriptedMeasurement(physics: envSteps / physicsTime, full: envSteps / (physicsTime + restTime),
                               contactsPerEnvStep: contacts / envSteps,
                               successRate: episodes > 0 ? Double(successes) / Double(episodes) : 0)
}
