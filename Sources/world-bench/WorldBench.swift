import ArgumentParser
import Training

/// `world-bench`: performance figures of the physics world (and, later, learning).
@main
struct WorldBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "world-bench",
        abstract: "Benchmarks of the grasping world. Build with -c release before timing.",
        subcommands: [PhysicsBench.self, LearningBench.self])

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
