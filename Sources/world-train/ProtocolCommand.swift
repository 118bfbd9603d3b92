import ArgumentParser
import Foundation
import Training

/// Runs the ACPPO-vs-PPO benchmark protocol and prints its table.
struct ProtocolCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "protocol", abstract: "The benchmark protocol (docs/protocol.md): train and evaluate every method x seed, tabulate.")

    @Option(help: "quick (about 20 min per run on 2 cores), medium (1 to 2 h per run on 2 cores) or full (bigger machines).")
    var size: String = "quick"
    @Option(help: "Comma-separated learners.")
    var algos: String = "ppo,acppo"
    @Option(help: "Comma-separated actor shapes of the behaviour-clone baseline rows (clone-ppo, clone-acppo: the scripted grasp cloned, no RL); empty for none.")
    var clones: String = "ppo,acppo"
    @Option(help: "Comma-separated seeds.")
    var seeds: String = "1,2,3"
    @Option(help: "Object library with train / test_seen / test_unseen splits (asset-import generate, then encode).")
    var library: String?
    @Option(name: .customLong("threads"), help: "Threads of each process (default 2; 1 per rank under mpirun).")
    var threadsGiven: Int?
    @Option(name: .customLong("set"), help: "Override one config value of every run: key.path=value (repeatable), e.g. task.heldHeightReward=5.")
    var overrides: [String] = []
    @Option(help: "Output folder (one run directory per method and seed, table.md, results.json).")
    var out: String = "runs/protocol"
    @Flag(help: "Evaluate the asked-for runs that are already evaluated again (same checkpoint and episodes), to add measures added since.")
    var reevaluate = false
    @Option(help: "Run only these cells, METHOD:SEED comma-separated (acppo:3, ppo:1, clone-ppo:2), then tabulate every cell finished in --out: one cell per task of a cluster's job array; \"\" only tabulates.")
    var only: String?

    func run() throws {
        guard let chosen = BenchmarkProtocol.Size.all.first(where: { $0.name == size }) else {
            throw ValidationError("--size must be one of \(BenchmarkProtocol.Size.all.map(\.name).joined(separator: ", ")), got '\(size)'")
        }
        func learners(_ list: String, _ option: String) throws -> [TrainConfig.Algorithm] {
            try list.split(separator: ",").map { name -> TrainConfig.Algorithm in
                guard let a = TrainConfig.Algorithm(rawValue: String(name)) else { throw ValidationError("\(option): unknown learner '\(name)'") }
                return a
            }
        }
        let algorithms = try learners(algos, "--algos"), cloneShapes = try learners(clones, "--clones")
        if let mixed = cloneShapes.first(where: \.mixesBases) {
            throw ValidationError("--clones: \(mixed.rawValue) has no clone baseline (a clone is one actor of the scripted grasp; use ppo or acppo)")
        }
        let seedList = try seeds.split(separator: ",").map { text -> UInt64 in
            guard let s = UInt64(text) else { throw ValidationError("--seeds: '\(text)' is not a seed") }
            return s
        }
        let base = try ConfigOverrides.resolve(file: nil, overrides: overrides)
        let threads = threadsGiven ?? (Job.communicator.size > 1 ? 1 : 2)
        let table: String
        if let only {
            let cells = try only.split(separator: ",").map { try BenchmarkProtocol.Cell(String($0)) }
            table = try BenchmarkProtocol.runCells(cells, size: chosen, library: library, base: base, settings: overrides, threads: threads,
                                                   reevaluate: reevaluate, out: out, communicator: Job.communicator) { Job.say($0) }
        } else {
            table = try BenchmarkProtocol.run(size: chosen, algorithms: algorithms, clones: cloneShapes, seeds: seedList, library: library,
                                              base: base, settings: overrides, threads: threads, reevaluate: reevaluate, out: out,
                                              communicator: Job.communicator) { Job.say($0) }
        }
        Job.say(table)
    }
}
