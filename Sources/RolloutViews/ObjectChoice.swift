import SimWorld

/// An object picked for a rendered rollout, with a name for folders and titles.
public struct ObjectChoice: Sendable {
    /// Display and folder name (the asset's name).
    public var name: String
    /// The asset; rollouts build a one-asset world around it.
    public var asset: ObjectAsset

    /// Creates a choice.
    public init(name: String, asset: ObjectAsset) {
        self.name = name
        self.asset = asset
    }

    /// Picks from `assets` by exact asset name, then by index (`"2"`), then by category
    /// (`"cylinder"`: the first asset of that category). Throws, listing the names, otherwise.
    public static func pick(_ key: String, from assets: [ObjectAsset], source: String) throws -> ObjectChoice {
        let found = assets.first { $0.name == key }
            ?? Int(key).flatMap { assets.indices.contains($0) ? assets[$0] : nil }
            ?? assets.first { $0.category == key }
        guard let asset = found else {
            let names = assets.prefix(12).map(\.name).joined(separator: ", ") + (assets.count > 12 ? ", ..." : "")
            let categories = Set(assets.map(\.category)).sorted().joined(separator: ", ")
            throw RolloutViewsError("no object '\(key)' in \(source); have \(assets.count) objects (\(names)): give a name, an index 0..<\(assets.count), or a category (\(categories))")
        }
        return ObjectChoice(name: asset.name, asset: asset)
    }
}

/// A usage error of the rollout views (bad object, policy or option), with its message.
public struct RolloutViewsError: Error, CustomStringConvertible, Equatable {
    /// What is wrong.
    public let message: String
    /// Creates an error.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
