import SimWorld
import XCTest

/// Small worlds built inline for tests (MuJoCo's inline-XML habit).
enum TestWorlds {
    /// The project's hand, loaded once.
    static let hand: HandDescription = try! HandDescription.shadowHand()
    /// The built-in objects, built once.
    static let builtins: [ObjectAsset] = try! BuiltinObjects.all()

    /// A world of `envs` envs with the given objects; `configure` edits the spec first.
    static func make(envs: Int = 1, threads: Int = 1, seed: UInt64 = 1, assets: [ObjectAsset]? = nil,
                     _ configure: (inout WorldSpec) -> Void = { _ in }) throws -> World {
        var spec = WorldSpec(envCount: envs, threads: threads, seed: seed)
        configure(&spec)
        return try World(spec: spec, hand: hand, assets: assets ?? builtins)
    }

    /// Index of the first built-in object of a category.
    static func builtin(_ category: String) -> Int { builtins.firstIndex { $0.category == category }! }
}

extension World {
    /// Object centre height of env `e`, metres.
    func objectZ(_ e: Int) -> Float { objects.pointer(.pose)[7 * e + 2] }
    /// Sets every action of env `e`.
    func setAction(_ e: Int, _ values: [Float]) {
        for (k, v) in values.enumerated() { hands.pointer(.action)[SceneLayout.actionCount * e + k] = v }
    }
}
