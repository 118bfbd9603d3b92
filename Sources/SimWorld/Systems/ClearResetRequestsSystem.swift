import ECSCore

/// Clears `env.resetRequested` once a pass is done with it: in the main schedule right after
/// `ResetSystem`, in the episode-start pass last, after the sync and the observations of the
/// reset envs have read the flags as the list of envs reset.
struct ClearResetRequestsSystem: System {
    let phase: Phase
    var reads: Set<FieldID> { [] }
    var writes: Set<FieldID> { [FieldID(EnvField.resetRequested)] }

    func run(_ access: SystemAccess<World>) throws {
        access.write(EnvField.resetRequested, as: UInt8.self).rows(access.envs).update(repeating: 0)
    }
}
