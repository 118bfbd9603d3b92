import ArgumentParser

/// `world-bench`: performance figures of the physics world (and, later, learning).
@main
struct WorldBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "world-bench",
        abstract: "Benchmarks of the grasping world. Build with -c release before timing.",
        subcommands: [PhysicsBench.self])
}
