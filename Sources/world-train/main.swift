print("world-train: not yet wired")
