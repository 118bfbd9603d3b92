import ArgumentParser
import Foundation
import SimWorld

/// `world-bench physics`: env-steps/s, physics alone and the whole ECS step, for several
/// env and thread counts, plus peak memory; with uniform random actions (the hand flies
/// through free space) or the scripted grasp on library objects (contact-heavy, with the mean
/// contact points per env step).
struct PhysicsBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "physics", abstract: "Env-steps/s of the grasp scene at 60 Hz control, 2 substeps.")

    /// Where the actions come from.
    enum Actions: String, ExpressibleByArgument, CaseIterable {
        case random, scripted
    }

    @Option(help: "Actions: random (uniform, built-in objects) or scripted (the scripted grasp on library objects, hand-sized and all; one object per env).")
    var actions: Actions = .random
    @Option(help: "Env counts to measure (comma-separated; default 16,64,256 random, 64 scripted).")
    var envs: String?
    @Option(help: "Thread counts to measure (comma-separated; default 1,2 random, 1 scripted).")
    var threads: String?
    @Option(help: "Timed control steps per configuration (default 600; scripted: 3 episodes of 200 steps).")
    var steps: Int = 600
    @Option(help: "Library folder (scripted actions).")
    var library = "assets/objects"
    @Option(help: "Library split (scripted actions).")
    var split = "train"
    @Option(help: "Object sets (scripted actions, comma-separated): hand-sized, all.")
    var objectSets = "hand-sized,all"
    @Option(help: "Untimed warm-up steps per configuration.")
    var warmup: Int = 20
    @Option(help: "Bullet worlds per thread (shared by their envs); default: one world per env, as training uses.")
    var shardsPerThread: Int?
    @Option(help: "Repetitions per configuration; the median is reported (this VM's CPU is shared).")
    var repeats: Int = 3
    @Flag(help: "End with one JSON line holding every figure.")
    var json = false

    func run() throws {
        if actions == .scripted { return try runScripted() }
        let envCounts = try parseList(envs ?? "16,64,256", "envs"), threadCounts = try parseList(threads ?? "1,2", "threads")
        let hand = try HandDescription.shadowHand()
        let assets = try BuiltinObjects.all()
        var figures: [String: Double] = [:]
        let steal = StealMeter()
        print("grasp scene: Shadow hand (22 joints), object, table; 60 Hz control, 2 substeps; random actions")
        print("    envs  threads   physics env-steps/s   full ECS env-steps/s")
        for n in envCounts {
            for t in threadCounts {
                let spec = WorldSpec(envCount: n, threads: t, shardCount: shardsPerThread.map { min(n, t * $0) }, seed: 1)
                let runs = try (0..<repeats).map { _ in try measure(spec, hand: hand, assets: assets, steps: steps, warmup: warmup) }
                let physics = median(runs.map(\.physics)), full = median(runs.map(\.full))
                print(String(format: "%8d %8d %18.0f %18.0f", n, t, physics, full))
                figures["physics_env_steps_per_s_\(n)envs_\(t)threads"] = physics
                figures["ecs_env_steps_per_s_\(n)envs_\(t)threads"] = full
            }
        }
        let best = envCounts.map { figures["ecs_env_steps_per_s_\($0)envs_\(threadCounts.max()!)threads"]! }.max()!
        figures["env_steps_per_s"] = best
        figures["peak_rss_mib"] = peakRSSMiB()
        figures["cpu_steal_percent"] = steal.percent()
        print(String(format: "full scene, %d threads, best env count: %.0f env-steps/s; peak RSS %.0f MiB; CPU steal %.0f%%",
                     threadCounts.max()!, best, figures["peak_rss_mib"]!, figures["cpu_steal_percent"]!))
        if json { print(jsonLine(figures)) }
    }
}

extension PhysicsBench {
    /// The scripted grasp on the library's hand-sized objects and on all of its objects.
    func runScripted() throws {
        let envCounts = try parseList(envs ?? "64", "envs"), threadCounts = try parseList(threads ?? "1", "threads")
        let hand = try HandDescription.shadowHand()
        let names = objectSets.split(separator: ",").map(String.init)
        let sets = try BenchObjectSet.load(library: library, split: split).filter { names.contains($0.name) }
        guard !sets.isEmpty else { throw ValidationError("--object-sets: expected hand-sized and/or all, got '\(objectSets)'") }
        var figures: [String: Double] = [:]
        let steal = StealMeter()
        print("grasp scene: Shadow hand (22 joints), object, table; 60 Hz control, 2 substeps; scripted grasp on \(library) split \(split), one object per env, 200-step episodes")
        print("    objects      envs  threads   physics env-steps/s   full ECS env-steps/s   contacts/env-step   episodes lifted to goal")
        for set in sets {
            let hulls = set.assets.flatMap(\.hulls).map { $0.count / 3 }
            print(String(format: "%@: %d objects, %.1f convex pieces each, %.1f vertices per piece (max %d)", set.name, set.assets.count,
                         Double(hulls.count) / Double(set.assets.count), Double(hulls.reduce(0, +)) / Double(hulls.count), hulls.max()!))
            for n in envCounts {
                for t in threadCounts {
                    let spec = WorldSpec(envCount: n, threads: t, shardCount: shardsPerThread.map { min(n, t * $0) }, seed: 1)
                    let runs = try (0..<repeats).map { _ in try measureScripted(spec, hand: hand, objects: set.spread(n), steps: steps) }
                    let physics = median(runs.map(\.physics)), full = median(runs.map(\.full))
                    let contacts = median(runs.map(\.contactsPerEnvStep)), success = median(runs.map(\.successRate))
                    print(set.name.padding(toLength: 11, withPad: " ", startingAt: 0)
                          + String(format: " %9d %8d %18.0f %18.0f %18.1f %18.1f %%", n, t, physics, full, contacts, 100 * success))
                    let key = "\(set.name)_\(n)envs_\(t)threads"
                    figures["scripted_physics_env_steps_per_s_\(key)"] = physics
                    figures["scripted_ecs_env_steps_per_s_\(key)"] = full
                    figures["scripted_contacts_per_env_step_\(key)"] = contacts
                    figures["scripted_success_rate_\(key)"] = success
                }
            }
        }
        figures["peak_rss_mib"] = peakRSSMiB()
        figures["cpu_steal_percent"] = steal.percent()
        print(String(format: "peak RSS %.0f MiB; CPU steal %.0f%%", figures["peak_rss_mib"]!, figures["cpu_steal_percent"]!))
        if json { print(jsonLine(figures)) }
    }
}

/// Env-steps/s under uniform random actions on a fresh world, every env reset at the end of
/// its 200-step episode: of the physics alone (applying the actions, stepping, the resets) and
/// of the whole step (`EpisodeDriver.timings`).
func measure(_ spec: WorldSpec, hand: HandDescription, assets: [ObjectAsset], steps: Int,
             warmup: Int) throws -> (physics: Double, full: Double) {
    let world = try World(spec: spec, hand: hand, assets: assets)
    let episodes = EpisodeDriver(world: world)
    var rng = SplitMix64(seed: 7)
    let actions = episodes.actions
    let count = world.spec.envCount * SceneLayout.actionCount
    for s in 0..<(warmup + steps) {
        for i in 0..<count { actions[i] = rng.uniform(-1, 1) }
        if s == warmup { episodes.clock = now }
        try episodes.step()
    }
    let envSteps = Double(steps * world.spec.envCount), timings = episodes.timings
    return (envSteps / timings.simulate, envSteps / timings.total)
}

/// Clock of the timings: wall time, or process CPU time with ACPPO_BENCH_CPU_TIME=1 (useful
/// for comparing single-thread changes on a busy machine).
func now() -> Double {
    var t = timespec()
    let cpu = ProcessInfo.processInfo.environment["ACPPO_BENCH_CPU_TIME"] == "1"
    clock_gettime(cpu ? CLOCK_PROCESS_CPUTIME_ID : CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}
