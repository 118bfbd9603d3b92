/// The collectives a data-parallel learner needs, over every process (rank) of a job. Each call
/// is made by every rank in the same order; a rank that never arrives ends the job (the MPI
/// implementation's timeout), so none of them returns an error. `what` names the call in
/// such messages. `SingleProcess` is the one-process case, where each is the identity.
public protocol Communicator: AnyObject {
    /// This process's index, 0..<size; rank 0 writes the run's files.
    var rank: Int { get }
    /// Processes in the job.
    var size: Int { get }
    /// Where the job is (e.g. "iteration 12"), for the messages of a failed collective.
    func setContext(_ text: String)
    /// In place: the element-wise sum over ranks. [count]
    func allreduceSum(_ values: UnsafeMutablePointer<Float>, count: Int, what: String)
    /// In place: the element-wise sum over ranks. [count]
    func allreduceSum(_ values: UnsafeMutablePointer<Double>, count: Int, what: String)
    /// Every rank's bytes (any length per rank), in rank order.
    func allgather(_ bytes: [UInt8], what: String) -> [[UInt8]]
    /// Copies rank 0's `bytes` bytes at `values` into every rank's.
    func broadcast(_ values: UnsafeMutableRawPointer, bytes: Int, what: String)
}

extension Communicator {
    /// True on rank 0, the rank that writes files and prints.
    public var isRoot: Bool { rank == 0 }

    /// The element-wise sum over ranks of `values`.
    public func allreduceSum(_ values: [Double], what: String) -> [Double] {
        var copy = values
        copy.withUnsafeMutableBufferPointer { allreduceSum($0.baseAddress!, count: $0.count, what: what) }
        return copy
    }

    /// Every rank's `value`, in rank order.
    public func allgather(_ value: UInt64, what: String) -> [UInt64] {
        allgather(withUnsafeBytes(of: value.littleEndian) { Array($0) }, what: what).map { bytes in
            bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        }
    }

    /// Copies rank 0's floats into every rank's. [count]
    public func broadcast(_ values: UnsafeMutablePointer<Float>, count: Int, what: String) {
        broadcast(UnsafeMutableRawPointer(values), bytes: count * MemoryLayout<Float>.stride, what: what)
    }

    /// Copies rank 0's doubles into every rank's.
    public func broadcast(_ values: inout [Double], what: String) {
        values.withUnsafeMutableBytes { broadcast($0.baseAddress!, bytes: $0.count, what: what) }
    }
}

/// The job of one process: every collective is the identity.
public final class SingleProcess: Communicator {
    public init() {}
    public var rank: Int { 0 }
    public var size: Int { 1 }
    public func setContext(_ text: String) {}
    public func allreduceSum(_ values: UnsafeMutablePointer<Float>, count: Int, what: String) {}
    public func allreduceSum(_ values: UnsafeMutablePointer<Double>, count: Int, what: String) {}
    public func allgather(_ bytes: [UInt8], what: String) -> [[UInt8]] { [bytes] }
    public func broadcast(_ values: UnsafeMutableRawPointer, bytes: Int, what: String) {}
}

/// How a run's envs are split over the ranks of a job: contiguous blocks in rank order, the
/// first `total % ranks` ranks one env more. Env i of the run is env i on every split, so its
/// random stream, and with it the set of episodes, does not depend on the rank count.
public struct EnvShare: Sendable, Equatable {
    /// Envs of the whole run.
    public let total: Int
    /// Ranks the envs are split over.
    public let ranks: Int
    /// This rank.
    public let rank: Int

    /// Rank `rank`'s share of `total` envs over `ranks` ranks; needs total >= ranks.
    public init(total: Int, ranks: Int = 1, rank: Int = 0) {
        precondition(ranks >= 1 && (0..<ranks).contains(rank) && total >= ranks,
                     "EnvShare: \(total) envs cannot be split over \(ranks) ranks (rank \(rank))")
        (self.total, self.ranks, self.rank) = (total, ranks, rank)
    }

    /// The run's env indices rank `r` steps.
    public func range(of r: Int) -> Range<Int> {
        let (base, extra) = (total / ranks, total % ranks)
        let start = r * base + min(r, extra)
        return start ..< start + base + (r < extra ? 1 : 0)
    }

    /// This rank's env indices.
    public var range: Range<Int> { range(of: rank) }
    /// This rank's env count.
    public var count: Int { range.count }
}
