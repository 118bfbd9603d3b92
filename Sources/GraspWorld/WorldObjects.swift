import Foundation
import Training

/// The objects of a world config: the assets of its split and the asset indices resets draw from.
struct WorldObjects {
    /// Every object of the split (after `objectMaxRadius`), in the split's order.
    let assets: [ObjectAsset]
    /// Indices into `assets` that resets draw from; empty = all of them.
    let pool: [Int]

    /// Loads the objects as a training run does (`ObjectSet.load`), then resolves the names of
    /// `config.objects`; errors name the library, split or object (`.objects`).
    static func load(_ config: WorldConfig) throws -> WorldObjects {
        let train = config.train
        // as the trainer does before loading: the built-ins' shape codes come from the encoder on BLAS
        BLAS.setThreadCount(train.threads)
        if let library = train.library { try checkSplit(config.split, of: library) }
        let assets: [ObjectAsset]
        do { assets = try ObjectSet.load(library: train.library, split: config.split, maxRadius: train.objectMaxRadius) } catch {
            throw GraspWorldError(.objects, "objects: \(error)")
        }
        guard let names = config.objects else { return WorldObjects(assets: assets, pool: []) }
        var index: [String: Int] = [:]
        for (i, asset) in assets.enumerated() where index[asset.name] == nil { index[asset.name] = i }
        let pool = try names.map { name in
            guard let i = index[name] else {
                let known = assets.prefix(12).map(\.name).joined(separator: ", ")
                let more = assets.count > 12 ? ", ... (\(assets.count) in all)" : ""
                throw GraspWorldError(.objects, "objects: unknown object '\(name)' in \(setName(config)); known: \(known)\(more)")
            }
            return i
        }
        return WorldObjects(assets: assets, pool: pool)
    }

    /// Refuses a split the library's index (library.json) does not list, naming the ones it
    /// does; a library without a readable index is left to the loader's own errors.
    static func checkSplit(_ split: String, of library: String) throws {
        let path = URL(fileURLWithPath: library).appendingPathComponent("library.json").path
        guard let data = FileManager.default.contents(atPath: path),
              let index = try? JSONDecoder().decode(LibraryIndex.self, from: data) else { return }
        guard index.splits.contains(split) else {
            throw GraspWorldError(.objects, "objects: library \(library) has no split '\(split)' (have \(index.splits.joined(separator: ", ")))")
        }
    }

    /// "split 'x' of library y" or "the built-in objects", for messages.
    static func setName(_ config: WorldConfig) -> String {
        config.train.library.map { "split '\(config.split)' of library \($0)" } ?? "the built-in objects"
    }
}
