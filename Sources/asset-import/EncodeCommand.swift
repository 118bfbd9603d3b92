import ArgumentParser
import AssetImport
import Foundation
import ShapeEncoding

/// `asset-import encode`: trains (or loads) the shape encoder and writes a 64-number shape code
/// into every object of every split of a library; or prints the codes of mesh files.
struct EncodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encode",
        abstract: "Fill the shape codes of a library (training the point-cloud encoder first with --train).")

    @Option(help: "Library folder whose splits get shape codes.") var library: String = "assets/objects"
    @Option(help: "Encoder folder holding shape-encoder.json and shape-encoder.safetensors.")
    var encoder: String = ShapeEncoder.defaultFolder
    @Flag(help: "Train a new encoder on the library's 'train' split and save it to --encoder first.") var train = false
    @Option(help: "Training steps (Adam).") var steps: Int = ShapeEncoderTrainingConfig().steps
    @Option(name: .customLong("batch-size"), help: "Objects per training step.") var batchSize: Int = ShapeEncoderTrainingConfig().batchSize
    @Option(name: .customLong("learning-rate"), help: "Initial Adam learning rate (decays linearly to 10%).")
    var learningRate: Float = ShapeEncoderTrainingConfig().learningRate
    @Option(name: .customLong("size-weight"), help: "Weight of the size-regression loss (0 = pure classifier).")
    var sizeWeight: Float = ShapeEncoderTrainingConfig().sizeWeight
    @Option(help: "Points per object the encoder reads (training and encoding).") var points: Int = ShapeEncoderArchitecture(categories: []).pointCount
    @Option(help: "Training seed (weights, batches, augmentation).") var seed: UInt64 = 0
    @Flag(name: .customLong("no-write"), help: "Train and evaluate only; leave the library's codes as they are.")
    var noWrite = false
    @Option(name: .customLong("mesh"), help: "Encode this OBJ/STL/URDF file (repeatable) and print its code instead of filling a library.")
    var meshes: [String] = []
    @Option(help: "Bounding radius for --mesh files, metres.") var radius: Double = 0.10

    func validate() throws {
        guard steps >= 0, batchSize >= 1, (1...65_536).contains(points) else {
            throw ValidationError("--steps must be >= 0, --batch-size >= 1, --points in 1...65536")
        }
        guard learningRate > 0, learningRate < 1, sizeWeight >= 0 else { throw ValidationError("bad --learning-rate or --size-weight") }
        guard (0.01...1).contains(radius) else { throw ValidationError("--radius must be in 0.01...1 m") }
        guard !(train && !meshes.isEmpty) else { throw ValidationError("--train and --mesh cannot be combined") }
    }

    func run() throws {
        if !meshes.isEmpty { return try encodeMeshes() }
        let lib = try ObjectLibrary.load(from: library)
        let shapeEncoder = train ? try trainEncoder(lib) : try ShapeEncoder.load(from: encoder).encoder
        if let trainSplit = lib[split: SplitPlan.train], let seen = lib[split: SplitPlan.seenTest], !seen.objects.isEmpty {
            let e = try CodeEvaluation.evaluate(shapeEncoder, train: trainSplit.objects, test: seen.objects)
            print(String(format: "nearest-neighbour category accuracy (test_seen vs train): %.3f, with random yaw %.3f; yaw sensitivity %.3f; encode %.2f ms/object",
                         e.nearestNeighbourAccuracy, e.yawedNearestNeighbourAccuracy, e.yawSensitivity, e.encodeMillisecondsPerObject))
        }
        guard !noWrite else { return }
        try EncodeCommand.fillCodes(library: lib, encoder: shapeEncoder)
    }

    /// Writes codes from `encoder` into every split of `library`, printing one line per split.
    static func fillCodes(library: ObjectLibrary, encoder: ShapeEncoder) throws {
        for name in library.index.splits {
            guard let split = library[split: name] else { continue }
            let start = Date()
            let codes = try encoder.encode(split: split)
            let seconds = Date().timeIntervalSince(start)
            try ObjectLibraryWriter.write(split: split.settingShapeCodes(codes), to: library.root)
            print(String(format: "%@: %d shape codes in %.2f s (%.2f ms/object)", name, codes.count, seconds,
                         seconds * 1000 / Double(max(codes.count, 1))))
        }
    }

    /// Trains on the library's train split, evaluates, and saves the encoder with its record.
    func trainEncoder(_ lib: ObjectLibrary) throws -> ShapeEncoder {
        guard let trainSplit = lib[split: SplitPlan.train] else {
            throw ValidationError("\(library) has no 'train' split to train the encoder on")
        }
        var config = ShapeEncoderTrainingConfig()
        (config.steps, config.batchSize, config.learningRate, config.sizeWeight, config.seed) =
            (steps, batchSize, learningRate, sizeWeight, seed)
        var architecture = ShapeEncoderArchitecture(categories: trainSplit.categories)
        architecture.pointCount = points
        print("training on \(trainSplit.count) objects of \(trainSplit.categories.count) categories, \(steps) steps")
        let (trained, report) = try ShapeEncoder.train(objects: trainSplit.objects, architecture: architecture, config: config) {
            step, ce, accuracy in print(String(format: "step %5d  cross-entropy %.4f  batch accuracy %.3f", step, ce, accuracy))
        }
        print(String(format: "trained in %.1f s (%.1f ms/step); final cross-entropy %.4f, size MSE %.4f, batch accuracy %.3f",
                     report.seconds, report.seconds * 1000 / Double(max(report.steps, 1)), report.finalCrossEntropy,
                     report.finalSizeError, report.finalBatchAccuracy))
        var measurements: [String: Double] = [:]
        if let seen = lib[split: SplitPlan.seenTest], !seen.objects.isEmpty {
            let e = try CodeEvaluation.evaluate(trained, train: trainSplit.objects, test: seen.objects)
            let untrained = try CodeEvaluation.evaluate(ShapeEncoder(architecture: trained.architecture, seed: seed),
                                                        train: trainSplit.objects, test: seen.objects)
            measurements = ["nearestNeighbourAccuracySeenTest": e.nearestNeighbourAccuracy,
                            "untrainedNearestNeighbourAccuracySeenTest": untrained.nearestNeighbourAccuracy,
                            "yawedNearestNeighbourAccuracySeenTest": e.yawedNearestNeighbourAccuracy,
                            "untrainedYawedNearestNeighbourAccuracySeenTest": untrained.yawedNearestNeighbourAccuracy,
                            "yawSensitivity": e.yawSensitivity, "encodeMillisecondsPerObject": e.encodeMillisecondsPerObject]
            print(String(format: "untrained encoder (same seed): nearest-neighbour accuracy %.3f, with random yaw %.3f, yaw sensitivity %.3f",
                         untrained.nearestNeighbourAccuracy, untrained.yawedNearestNeighbourAccuracy, untrained.yawSensitivity))
        }
        let provenance = lib.index.provenance.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " ")
        let record = ShapeEncoderFile(weightsFile: "", architecture: trained.architecture, training: config, report: report,
                                      trainingData: "split train (\(trainSplit.count) objects) of a library with \(provenance)",
                                      measurements: measurements)
        let paths = try trained.save(to: encoder, record: record)
        print("saved \(paths.weights) and \(paths.json)")
        return trained
    }

    /// Imports each --mesh file in memory and prints `name category code...` as one JSON object per line.
    func encodeMeshes() throws {
        let shapeEncoder = try ShapeEncoder.load(from: encoder).encoder
        var options = ImportOptions()
        options.boundingRadius = radius
        options.computeHullDistance = false
        for path in meshes {
            let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            let result = try FolderImport.importFile(ImportEntry(path: path, category: "uncategorized", name: name), options: options)
            let code = try shapeEncoder.encode(result.asset)
            let numbers = code.map { String(format: "%.6g", $0) }.joined(separator: ",")
            print("{\"file\":\"\(path)\",\"predictedCategory\":\"\(try shapeEncoder.predictedCategory(result.asset))\",\"shapeCode\":[\(numbers)]}")
        }
    }
}
