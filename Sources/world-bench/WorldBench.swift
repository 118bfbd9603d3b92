import ArgumentParser
import Training

/// `world-bench`: performance figures of the physics world and of learning; `trace` writes a
/// world's columns step by step (the reference of the Python package's tests).
@main
struct WorldBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "world-bench",
        abstract: "Benchmarks of the grasping world. Build with -c release before timing.",
        subcommands: [PhysicsBench.self, LearningBench.self, TraceCommand.self])

    static func main() {
        BLASSetup.selectKernel()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}
