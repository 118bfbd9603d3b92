import ECSCore

/// Contains an env whose step went numerically wrong (a solver blow-up: physics state, reward or
/// observation not finite): its reward becomes 0, the step ends its episode as terminated (no
/// value is bootstrapped from the broken state), its observation row is zeroed and it is reset
/// in the next reset phase; `nonFinite` marks it for the learner's count. The broken numbers
/// never reach a learner, and one env's blow-up never ends a run.
struct ContainNonFiniteSystem: System {
    var phase: Phase { .validate }
    var reads: Set<FieldID> { [FieldID(EnvField.nonFinite), FieldID(EnvField.reward), FieldID(EnvField.observation)] }
    var writes: Set<FieldID> {
        Set([EnvField.nonFinite, .reward, .episodeReturn, .success, .terminated, .truncated, .resetRequested, .observation].map(FieldID.init))
    }

    func run(_ world: World, shard s: Int, envs: Range<Int>) throws {
        let t = world.envs
        let flags = t.pointer(.nonFinite, as: UInt8.self), reward = t.pointer(.reward)
        let width = t.width(.observation), observation = t.pointer(.observation)
        for e in envs {
            let row = observation + width * e
            guard flags[e] != 0 || !reward[e].isFinite || !(0..<width).allSatisfy({ row[$0].isFinite }) else { continue }
            flags[e] = 1
            reward[e] = 0
            t.pointer(.episodeReturn)[e] = 0
            t.pointer(.success, as: UInt8.self)[e] = 0
            t.pointer(.terminated)[e] = 1
            t.pointer(.truncated)[e] = 0
            t.pointer(.resetRequested, as: UInt8.self)[e] = 1
            row.update(repeating: 0, count: width)
        }
    }
}
