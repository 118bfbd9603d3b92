import SimWorld
import Foundation

let hand = try HandDescription.shadowHand()
let base = try BuiltinObjects.all()
let assets = base + base + base
for iters in [4, 6, 8, 12] {
    for seed in [UInt64(1), 2] {
        var spec = WorldSpec(envCount: assets.count, threads: 1, shardCount: 1, seed: seed)
        spec.solverIterations = iters
        let world = try World(spec: spec, hand: hand, assets: assets)
        let g = ScriptedGrasp()
        var minZ = [Float](repeating: 9, count: assets.count)
        for step in 0..<300 {
            for e in 0..<assets.count { g.act(world: world, env: e, step: step) }
            try world.step()
            if step >= 150 { for e in 0..<assets.count { minZ[e] = min(minZ[e], world.objects.pointer(.pose)[7 * e + 2]) } }
        }
        print("iters", iters, "seed", seed, "held", minZ.filter { $0 > 0.8 }.count, "/", assets.count, minZ.map { String(format: "%.2f", $0) }.joined(separator: " "))
    }
}
