import ArgumentParser
import AssetImport
import Foundation

/// `asset-import inspect`: loads a library as the physics side would and summarises it.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "inspect", abstract: "Load a library and print a summary per split.")

    @Argument(help: "Library folder.") var library: String = "assets/objects"

    func run() throws {
        let start = Date()
        let lib = try ObjectLibrary.load(from: library)
        let seconds = Date().timeIntervalSince(start)
        for name in lib.index.splits {
            guard let split = lib[split: name] else { continue }
            let pieces = split.objects.reduce(0) { $0 + $1.hullCount }
            let masses = split.masses
            print(String(format: "%@: %d objects, %d categories (%@), %d convex pieces, mass %.3f to %.3f kg, shape codes: %d",
                         name, split.count, split.categories.count, split.categories.joined(separator: ","), pieces,
                         masses.min() ?? 0, masses.max() ?? 0, split.objects.filter { $0.shapeCode != nil }.count))
        }
        print(String(format: "loaded %@ in %.3f s", library, seconds))
    }
}
