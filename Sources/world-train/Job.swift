import Cluster
import Foundation
import Learning

/// The job this process runs in: an `mpirun` job's ranks, or one process (set once by `main`).
enum Job {
    /// Every rank's communicator (one process: `SingleProcess`).
    nonisolated(unsafe) static var communicator: Communicator = SingleProcess()

    /// Seconds a collective may wait before the job ends: ACPPO_COLLECTIVE_TIMEOUT, else the default.
    static var collectiveTimeout: Double {
        ProcessInfo.processInfo.environment["ACPPO_COLLECTIVE_TIMEOUT"].flatMap(Double.init) ?? Cluster.defaultTimeout
    }

    /// True on the rank that prints and writes files.
    static var isRoot: Bool { communicator.isRoot }

    /// Prints on rank 0 only.
    static func say(_ text: String) {
        if isRoot { print(text) }
    }
}
