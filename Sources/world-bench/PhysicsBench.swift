import ArgumentParser
import Foundation
import SimWorld

/// `world-bench physics`: env-steps/s with random actions, physics alone and the whole ECS
/// pipeline, for several env and thread counts, plus peak memory.
struct PhysicsBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "physics", abstract: "Env-steps/s of the grasp scene at 60 Hz control, 2 substeps.")

    @Option(help: "Env counts to measure (comma-separated).")
    var envs: String = "16,64,256"
    @Option(help: "Thread counts to measure (comma-separated).")
    var threads: String = "1,2"
    @Option(help: "Timed control steps per configuration.")
    var steps: Int = 300
    @Option(help: "Untimed warm-up steps per configuration.")
    var warmup: Int = 30
    @Option(help: "Shards per thread (Bullet worlds per worker thread).")
    var shardsPerThread: Int = 2
    @Flag(help: "End with one JSON line holding every figure.")
    var json = false

    func run() throws {
        let envCounts = try parseList(envs, "envs"), threadCounts = try parseList(threads, "threads")
        let hand = try HandDescription.shadowHand()
        let assets = try BuiltinObjects.all()
        var figures: [String: Double] = [:]
        print("grasp scene: Shadow hand (22 joints), object, table; 60 Hz control, 2 substeps; random actions")
        print(String(format: "%8@ %8@ %18@ %18@", "envs", "threads", "physics steps/s", "ECS steps/s"))
        for n in envCounts {
            for t in threadCounts {
                let world = try World(spec: WorldSpec(envCount: n, threads: t, shardCount: min(n, t * shardsPerThread), seed: 1),
                                      hand: hand, assets: assets)
                let physics = try measure(world, steps: steps, warmup: warmup, physicsOnly: true)
                let full = try measure(world, steps: steps, warmup: warmup, physicsOnly: false)
                print(String(format: "%8d %8d %18.0f %18.0f", n, t, physics, full))
                figures["physics_env_steps_per_s_\(n)envs_\(t)threads"] = physics
                figures["ecs_env_steps_per_s_\(n)envs_\(t)threads"] = full
            }
        }
        let best = envCounts.map { figures["ecs_env_steps_per_s_\($0)envs_\(threadCounts.max()!)threads"]! }.max()!
        figures["env_steps_per_s"] = best
        figures["peak_rss_mib"] = peakRSSMiB()
        print(String(format: "full scene, all %d threads, best env count: %.0f env-steps/s; peak RSS %.0f MiB",
                     threadCounts.max()!, best, figures["peak_rss_mib"]!))
        if json { print(jsonLine(figures)) }
    }
}

/// Steps/s of `world` under random actions: the physics shards alone, or the full schedule.
func measure(_ world: World, steps: Int, warmup: Int, physicsOnly: Bool) throws -> Double {
    var rng = SplitMix64(state: 7)
    let actions = world.hands.pointer(.action)
    let count = world.spec.envCount * SceneLayout.actionCount
    func randomize() { for i in 0..<count { actions[i] = rng.uniform(-1, 1) } }
    let phases: Set<Phase> = physicsOnly ? [.applyActions, .physics] : Set(Phase.allCases)
    for _ in 0..<warmup { randomize(); try world.step(phases: phases) }
    var elapsed = 0.0
    for s in 0..<steps {
        randomize()
        if s % 200 == 199 { world.requestReset(0..<world.spec.envCount) }  // keep hands near their objects
        let start = now()
        try world.step(phases: phases)
        elapsed += now() - start
    }
    return Double(steps * world.spec.envCount) / elapsed
}

/// Clock of the timings: wall time, or process CPU time with ACPPO_BENCH_CPU_TIME=1 (useful
/// for comparing single-thread changes on a busy machine).
func now() -> Double {
    var t = timespec()
    let cpu = ProcessInfo.processInfo.environment["ACPPO_BENCH_CPU_TIME"] == "1"
    clock_gettime(cpu ? CLOCK_PROCESS_CPUTIME_ID : CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}
