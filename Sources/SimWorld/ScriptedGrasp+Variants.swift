extension ScriptedGrasp {
    /// A random neighbour: offsets within 1.5 cm, each finger action within 0.3, the four
    /// fingers sharing J2 and J1, spreads at 0.
    public func perturbed(_ rng: inout SplitMix64) -> ScriptedGrasp {
        var g = self
        g.graspOffset = [graspOffset[0] + rng.uniform(-0.015, 0.015), graspOffset[1] + rng.uniform(-0.015, 0.015), 0]
        g.graspHeight = graspHeight + rng.uniform(-0.015, 0.015)
        var f = closedFingers.map { min(1, max(-1, $0 + rng.uniform(-0.3, 0.3))) }
        for k in [3, 6, 10] { f[k + 1] = f[1]; f[k + 2] = f[2] }
        for k in [0, 3, 6, 10] { f[k] = 0 }
        g.closedFingers = f
        return g
    }

    /// `count` grasps: this one at every `variants`-th index (0, variants, ...), random
    /// neighbours (`perturbed`) drawn from `seed` in between.
    public func varied(count: Int, variants: Int, seed: UInt64) -> [ScriptedGrasp] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { $0 % max(1, variants) == 0 ? self : perturbed(&rng) }
    }
}
