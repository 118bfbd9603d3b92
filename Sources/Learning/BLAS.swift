import COpenBLAS
import Foundation

/// Thin, documented wrappers over the OpenBLAS calls the networks use (row-major only).
public enum BLAS {
    /// Sets the number of OpenBLAS worker threads. Results are deterministic for a fixed count.
    public static func setThreadCount(_ count: Int) {
        precondition(count >= 1, "BLAS.setThreadCount: need at least one thread, got \(count)")
        openblas_set_num_threads(Int32(count))
    }

    /// The number of OpenBLAS worker threads currently in use.
    public static var threadCount: Int { Int(openblas_get_num_threads()) }

    /// The kernel family OpenBLAS dispatched to (e.g. "SkylakeX"; "Prescott" means the slow
    /// generic fallback that OpenBLAS 0.3.21 picks on CPUs whose CPUID model it does not know).
    public static var coreName: String { String(cString: openblas_get_corename()) }

    /// The `OPENBLAS_CORETYPE` to force on this CPU from /proc/cpuinfo flags ("SkylakeX" with
    /// AVX-512, "Haswell" with AVX2 + FMA), or nil. OpenBLAS reads the variable when it loads,
    /// so it must be set in the environment of the process (see `learning-bench`).
    public static func recommendedCoreType() -> String? {
        guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let flagsLine = info.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return nil }
        let flags = Set(flagsLine.split(separator: " ").map(String.init))
        if flags.contains("avx512f") && flags.contains("avx512bw") { return "SkylakeX" }
        if flags.contains("avx2") && flags.contains("fma") { return "Haswell" }
        return nil
    }

    /// C[m, n] = alpha * op(A) * op(B) + beta * C, all row-major.
    ///
    /// `op(A)` is [m, k] (A stored [k, m] when `transposeA`), `op(B)` is [k, n]
    /// (B stored [n, k] when `transposeB`). Leading dimensions are the stored row lengths.
    @inline(__always)
    public static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
        beta: Float = 0, c: UnsafeMutablePointer<Float>
    ) {
        guard m > 0, n > 0 else { return }
        let lda = transposeA ? m : k
        let ldb = transposeB ? k : n
        // SAFETY: callers pass buffers holding at least the stated row-major shapes.
        cblas_sgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
            transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb),
            beta, c, Int32(n))
    }
}
