import ArgumentParser
import Foundation
import Training

/// `world-bench trace`: steps a world built from a training config exactly as a training run
/// builds it (`Trainer.init`) and steps it (`EpisodeDriver`), with actions read from a file, and
/// writes every step's columns to a binary file: the reference the Python package's tests
/// compare its world to, bit for bit.
struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Step a world from a training config with given actions; write every step's columns.",
        discussion: """
            --actions holds float32 little-endian [steps, envCount, 24]. --out gets float32 \
            little-endian: the initial observations [envCount, obsDim], then for each step the \
            observations after the step before ended envs are reset [envCount, obsDim], reward, \
            terminated, truncated and success (0/1, before resets) [envCount] each, and the \
            observations after the resets [envCount, obsDim]. Ends with one JSON line of the sizes.
            """)

    @Option(help: "Training config JSON file (any subset of keys; default: the defaults).")
    var config: String?
    @Option(help: "Actions file: float32 little-endian [steps, envCount, 24].")
    var actions: String
    @Option(help: "Output file.")
    var out: String

    func run() throws {
        let config = try ConfigOverrides.resolve(file: self.config, overrides: [])
        try config.validate()
        BLAS.setThreadCount(config.threads)
        let hand = try HandDescription.shadowHand()
        let assets = try ObjectSet.load(config: config, split: config.trainSplit)
        var spec = WorldSpec(envCount: config.envCount, threads: config.threads, seed: config.seed)
        spec.task = config.task
        let world = try World(spec: spec, hand: hand, assets: assets)
        let n = config.envCount, d = world.observationLayout.count, a = SceneLayout.actionCount
        guard let raw = FileManager.default.contents(atPath: actions) else { throw ValidationError("--actions \(actions): cannot read the file") }
        guard raw.count % (4 * n * a) == 0 else {
            throw ValidationError("--actions \(actions): \(raw.count) bytes is not a whole number of steps of \(n) envs x \(a) float32 actions")
        }
        let steps = raw.count / (4 * n * a)
        let values = raw.withUnsafeBytes { bytes in (0..<(steps * n * a)).map { Float(bitPattern: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self))) } }
        var output = Data()
        func append(_ p: UnsafePointer<Float>, _ count: Int) {
            for i in 0..<count { withUnsafeBytes(of: p[i].bitPattern.littleEndian) { output.append(contentsOf: $0) } }
        }
        let episodes = EpisodeDriver(world: world)
        append(episodes.observations, n * d)
        for step in 0..<steps {
            values.withUnsafeBufferPointer { episodes.actions.update(from: $0.baseAddress! + step * n * a, count: n * a) }
            try episodes.step()
            append(episodes.finalObservations, n * d)
            append(episodes.rewards, n)
            append(episodes.terminated, n)
            append(episodes.truncated, n)
            let flags = (0..<n).map { Float(episodes.success[$0]) }
            flags.withUnsafeBufferPointer { append($0.baseAddress!, n) }
            append(episodes.observations, n * d)
        }
        try output.write(to: URL(fileURLWithPath: out))
        let sizes: [String: Double] = ["envCount": Double(n), "observationDim": Double(d), "actionDim": Double(a), "steps": Double(steps)]
        print(jsonLine(sizes))
    }
}
