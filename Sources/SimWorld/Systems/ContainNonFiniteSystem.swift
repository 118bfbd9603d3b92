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

    func run(_ access: SystemAccess<World>) throws {
        let flags = access.update(EnvField.nonFinite, as: UInt8.self).scalars, reward = access.update(EnvField.reward).scalars
        let observations = access.update(EnvField.observation)
        let episodeReturn = access.write(EnvField.episodeReturn).scalars, success = access.write(EnvField.success, as: UInt8.self).scalars
        let terminated = access.write(EnvField.terminated).scalars, truncated = access.write(EnvField.truncated).scalars
        let reset = access.write(EnvField.resetRequested, as: UInt8.self).scalars
        for e in access.envs {
            let row = observations[e]
            guard flags[e] != 0 || !reward[e].isFinite || !row.allSatisfy(\.isFinite) else { continue }
            flags[e] = 1
            reward[e] = 0
            episodeReturn[e] = 0
            success[e] = 0
            terminated[e] = 1
            truncated[e] = 0
            reset[e] = 1
            row.update(repeating: 0)
        }
    }
}
