import ArgumentParser
import AssetImport
import Foundation
import ShapeEncoding

/// `asset-import`: turns meshes into the project's object assets, or generates the procedural library.
@main
struct AssetImportTool: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "asset-import",
        abstract: "Import OBJ/STL/URDF meshes into the object library, or generate the procedural library.",
        subcommands: [ImportCommand.self, GenerateCommand.self, InspectCommand.self, EncodeCommand.self],
        defaultSubcommand: ImportCommand.self)
}

/// Options shared by both subcommands.
struct ProcessingOptions: ParsableArguments {
    @Option(help: "Density, kg/m^3.") var density: Double = 500
    @Option(help: "Surface points stored per object.") var points: Int = 1024
    @Option(name: .customLong("output"), help: "Library folder to write (created if needed).") var output: String = "assets/objects"

    func validate() throws {
        guard density > 0, density.isFinite else { throw ValidationError("--density must be positive") }
        guard (1...100_000).contains(points) else { throw ValidationError("--points must be in 1...100000") }
    }
}

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Import mesh files or folders into a split.")

    @Argument(help: "OBJ, STL or URDF files, or folders (subfolder name = category unless --mapping is given).")
    var inputs: [String]
    @Option(help: "Split to add the objects to (e.g. train, test_seen, test_unseen, or your own).") var split: String = "imported"
    @Option(help: "Category for files given directly or lying at a folder's top level.") var category: String = "uncategorized"
    @Option(help: "CSV (file,category) or JSON {file: category} mapping, paths relative to the folder.") var mapping: String?
    @Option(help: "Bounding radius after rescaling, metres (task: 0.06 to 0.15).") var radius: Double = 0.10
    @Option(name: .customLong("max-hulls"), help: "Most convex pieces per object (1 = always a single hull).") var maxHulls: Int = 16
    @Option(help: "Decompose when (hull volume - mesh volume) / hull volume exceeds this.") var concavity: Double = 0.08
    @Option(name: .customLong("max-file-bytes"), help: "Refuse larger input files.") var maxFileBytes: Int = 256 << 20
    @Flag(name: .customLong("no-hull-distance"), help: "Skip the hull-to-mesh distance check (faster on big meshes).")
    var noHullDistance = false
    @OptionGroup var processing: ProcessingOptions

    func validate() throws {
        guard (0.01...1).contains(radius) else { throw ValidationError("--radius must be in 0.01...1 m") }
        guard (1...64).contains(maxHulls) else { throw ValidationError("--max-hulls must be in 1...64") }
        guard !split.isEmpty, split.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
            throw ValidationError("--split may hold letters, digits, '_' and '-' only")
        }
    }

    func run() throws {
        var options = ImportOptions()
        options.boundingRadius = radius
        options.density = processing.density
        options.surfacePointCount = processing.points
        options.decomposition.maxHulls = maxHulls
        options.decomposition.concavityThreshold = concavity
        options.computeHullDistance = !noHullDistance
        options.limits.maxFileBytes = maxFileBytes
        var entries: [ImportEntry] = []
        for input in inputs {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: input, isDirectory: &isDir), isDir.boolValue {
                entries += try FolderImport.entries(folder: input, mapping: mapping, defaultCategory: category)
            } else {
                entries.append(ImportEntry(path: input, category: category, name: ((input as NSString).lastPathComponent as NSString).deletingPathExtension))
            }
        }
        let start = Date()
        let (imported, failed) = try FolderImport.run(entries, split: split, root: processing.output, options: options) { result in
            switch result {
            case .success(let r): print(r.report.text)
            case .failure(let e): print("error: \(e)")
            }
        }
        print(String(format: "imported %d of %d object(s) into split '%@' of %@ in %.2f s",
                     imported.count, entries.count, split, processing.output, Date().timeIntervalSince(start)))
        if !failed.isEmpty { throw ExitCode(1) }
    }
}

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "generate", abstract: "Generate the procedural object library.")

    @Option(help: "Master seed.") var seed: UInt64 = 0
    @Option(help: "Training objects.") var train: Int = 3200
    @Option(name: .customLong("seen-test"), help: "Seen-category test objects.") var seenTest: Int = 141
    @Option(name: .customLong("unseen-test"), help: "Unseen-category test objects.") var unseenTest: Int = 100
    @Option(name: .customLong("held-out"), help: "Comma-separated held-out categories (\(ShapeCategory.allCases.map(\.rawValue).joined(separator: ","))).")
    var heldOut: String = ShapeCategory.defaultHeldOut.map(\.rawValue).joined(separator: ",")
    @Flag(name: .customLong("validate"), help: "Also compute hull-to-mesh distances (slow) and print every report.")
    var fullValidation = false
    @OptionGroup var processing: ProcessingOptions

    func validate() throws {
        guard train >= 0, seenTest >= 0, unseenTest >= 0 else { throw ValidationError("counts must be >= 0") }
        let names = heldOut.split(separator: ",").map(String.init)
        guard names.allSatisfy({ ShapeCategory(rawValue: $0) != nil }) else { throw ValidationError("unknown category in --held-out") }
        guard names.count < ShapeCategory.allCases.count else { throw ValidationError("keep at least one training category") }
    }

    func run() throws {
        var config = LibraryConfig()
        config.seed = seed
        config.trainCount = train
        config.seenTestCount = seenTest
        config.unseenTestCount = unseenTest
        config.heldOutCategories = heldOut.split(separator: ",").compactMap { ShapeCategory(rawValue: String($0)) }
        config.density = processing.density
        config.surfacePointCount = processing.points
        config.computeHullDistance = fullValidation
        let start = Date()
        let reports = try LibraryGenerator.write(config: config, to: processing.output)
        for (split, list) in reports.sorted(by: { $0.key < $1.key }) {
            let pieces = list.reduce(0) { $0 + $1.hullCount }
            print("\(split): \(list.count) objects, \(pieces) convex pieces")
            if fullValidation { list.forEach { print($0.text) } }
        }
        print(String(format: "wrote %@ in %.2f s", processing.output, Date().timeIntervalSince(start)))
        let encoderFile = (ShapeEncoder.defaultFolder as NSString).appendingPathComponent("\(ShapeEncoder.defaultName).json")
        if FileManager.default.fileExists(atPath: encoderFile) {
            try EncodeCommand.fillCodes(library: ObjectLibrary.load(from: processing.output),
                                        encoder: ShapeEncoder.load(from: ShapeEncoder.defaultFolder).encoder)
        } else {
            print("no shape encoder at \(encoderFile): run `asset-import encode` to fill shape codes")
        }
    }
}
