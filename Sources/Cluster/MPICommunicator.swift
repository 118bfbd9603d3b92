import ClusterShim
import Learning

/// The ranks of an `mpirun` job, through Open MPI: every collective waits with a timeout, and a
/// rank that dies or hangs ends the job with a message naming it (ClusterShim).
public final class MPICommunicator: Communicator {
    public let rank: Int
    public let size: Int

    fileprivate init(rank: Int, size: Int) {
        (self.rank, self.size) = (rank, size)
    }

    public func setContext(_ text: String) { cs_set_context(text) }

    public func allreduceSum(_ values: UnsafeMutablePointer<Float>, count: Int, what: String) {
        cs_allreduce_sum_float(values, Int64(count), what)
    }

    public func allreduceSum(_ values: UnsafeMutablePointer<Double>, count: Int, what: String) {
        cs_allreduce_sum_double(values, Int64(count), what)
    }

    public func allgather(_ bytes: [UInt8], what: String) -> [[UInt8]] {
        var counts = [Int64](repeating: 0, count: size)
        var mine = Int64(bytes.count)
        cs_allgather(&mine, Int64(MemoryLayout<Int64>.size), &counts, what)
        var offsets = [Int64](repeating: 0, count: size)
        for r in 1..<max(size, 1) { offsets[r] = offsets[r - 1] + counts[r - 1] }
        var out = [UInt8](repeating: 0, count: Int(counts.reduce(0, +)))
        bytes.withUnsafeBytes { send in
            out.withUnsafeMutableBytes { cs_allgatherv(send.baseAddress, Int64(bytes.count), $0.baseAddress, counts, offsets, what) }
        }
        return (0..<size).map { Array(out[Int(offsets[$0]) ..< Int(offsets[$0] + counts[$0])]) }
    }

    public func broadcast(_ values: UnsafeMutableRawPointer, bytes: Int, what: String) {
        cs_broadcast(values, Int64(bytes), what)
    }
}

/// Joining and leaving the job a command runs in.
public enum Cluster {
    /// Seconds a rank waits in one collective before it ends the job.
    public static let defaultTimeout = 600.0

    /// The job this process belongs to: the `mpirun` job it was started in (MPI initialised,
    /// collectives time out after `timeout` s), or a single process without touching MPI.
    public static func join(timeout: Double = defaultTimeout) -> Communicator {
        guard cs_launched_by_mpirun() != 0 else { return SingleProcess() }
        var rank: Int32 = 0, size: Int32 = 1
        guard cs_init(&rank, &size, timeout) == 0 else { fatalError("world-train: MPI_Init failed") }
        return MPICommunicator(rank: Int(rank), size: Int(size))
    }

    /// Leaves the job (MPI_Finalize) when `communicator` is an MPI one.
    public static func leave(_ communicator: Communicator) {
        if communicator is MPICommunicator { cs_finalize() }
    }

    /// Prints `message` naming this rank and ends the whole job with exit status `code`.
    public static func abort(_ communicator: Communicator, message: String, code: Int32 = 1) -> Never {
        cs_abort(message, code)
        fatalError("unreachable")
    }
}
