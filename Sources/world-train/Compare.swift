import ArgumentParser
import Training

/// Per-seed scores given by hand, summarised and compared with the protocol's statistics.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Per-seed scores of one measure (recorded runs, published numbers) as the protocol's table gives them: IQM [95 % bootstrap], mean +- std, P(X > Y) for every pair.")

    @Option(name: .customLong("scores"), help: "METHOD=V1,V2,...: one value per seed (repeatable; each method is compared with every one given before it).")
    var scores: [String] = []

    func run() throws {
        guard !scores.isEmpty else { throw ValidationError("give at least one --scores METHOD=V1,V2,...") }
        print(try SeedScores.compare(try scores.map(SeedScores.init)), terminator: "")
    }
}
