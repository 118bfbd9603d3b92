import Foundation
import Learning

/// OpenBLAS reads two settings only when the library loads: its kernel, which falls back to a
/// slow generic one on CPUs it does not recognise (this VM's Xeon: about 6x slower sgemm), and
/// how long idle worker threads spin in sched_yield before sleeping, 2^n cycles. 2^24 (about
/// 6 ms) keeps the workers awake between the back-to-back products of an update but lets them
/// sleep through the physics of a rollout; 2^4 made every product wake a sleeping worker
/// (updates up to 2x slower), the default 2^28 spins into the rollout (measured in
/// docs/benchmarks.md). Executables call this first: it
/// re-runs the process once with OPENBLAS_CORETYPE and OPENBLAS_THREAD_TIMEOUT set.
public enum BLASSetup {
    /// Re-executes the current process with the OpenBLAS variables set, unless they are set.
    public static func selectKernel() {
        let environment = ProcessInfo.processInfo.environment
        guard environment["OPENBLAS_CORETYPE"] == nil || environment["OPENBLAS_THREAD_TIMEOUT"] == nil else { return }
        if environment["OPENBLAS_CORETYPE"] == nil, let core = BLAS.recommendedCoreType() { setenv("OPENBLAS_CORETYPE", core, 1) }
        if environment["OPENBLAS_THREAD_TIMEOUT"] == nil { setenv("OPENBLAS_THREAD_TIMEOUT", "24", 1) }
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        // execv only returns on failure: carry on with the default kernel
    }
}
