print("render-rollout: not yet wired")
