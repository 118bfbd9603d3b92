import ArgumentParser
import AssetImport
import DurableFiles
import Foundation
import Interchange
import Learning
import SimWorld
import Training

/// Writes a checkpoint's deterministic policy as an ONNX model (preprocessing, actor and
/// action head in the graph; layouts, chunk length and control rate in the metadata), and
/// optionally reference samples of the Swift policy to check a runtime against.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export a checkpoint's policy as an ONNX model (docs/export.md).",
        discussion: "CHECKPOINT is a checkpoint folder (runs/X/checkpoints/iter_N, .../best) or a run directory, whose checkpoints/best is exported (the checkpoint the run's final evaluation scored), or its latest checkpoint when it has no best.")

    @Argument(help: "Checkpoint folder, or a run directory (its checkpoints/best, else its latest checkpoint).")
    var checkpoint: String
    @Option(help: "The ONNX file to write (written atomically).")
    var onnx: String
    @Option(help: "Also roll the Swift policy out for this many control steps (deterministic, one env, the run's training objects) and write each step's observation and mean action chunk.")
    var samples: Int = 0
    @Option(name: .customLong("samples-out"), help: "Folder for the samples: observations.npy [N, observation_dim] and actions.npy [N, h, action_dim], float32 (default: the ONNX file's name without .onnx, plus -samples).")
    var samplesOut: String?

    func run() throws {
        guard samples >= 0 else { throw ValidationError("--samples must be >= 0 (got \(samples))") }
        guard Job.communicator.size == 1 else { throw ExportError("export runs in one process, not under mpirun") }
        BLAS.setThreadCount(1)
        let folder = try Self.resolve(checkpoint)
        let run = RunDirectory.owning(checkpoint: folder)
        let config = FileManager.default.fileExists(atPath: run.config.path) ? try ConfigOverrides.resolve(file: run.config.path) : nil
        let agent = try PPOAgent.loadCheckpoint(from: folder)
        if let mixture = agent.mixture {
            throw ExportError("\(folder.path) is a ResDex hyper-policy mixing \(mixture.bases.count) base policies (its bases/ folder); the ONNX export writes one network, so export a base with `world-train export \(folder.path)/bases/0 --onnx FILE`, and the mixture is not exported")
        }
        let network = PolicyNetwork(agent: agent)
        let metadata = try ExportMetadata.entries(agent: agent, network: network, config: config, hand: try HandDescription.shadowHand(),
                                                  checkpoint: folder, run: run, checkpointArgument: checkpoint)
        let model = PolicyGraph.model(network, metadata: metadata, modelVersion: Int64(agent.iteration),
                                      controlRateHz: ExportMetadata.controlRateHz)
        let bytes = model.encoded()
        try AtomicFile.write(Data(bytes), to: onnx)
        let preprocessing = agent.normalizer == nil ? "clip" : "normalise + clip"
        print("exported \(folder.path) (iteration \(agent.iteration)) to \(onnx): \(bytes.count) bytes; observation [batch, \(agent.observationDim)] -> \(preprocessing) -> actor \(agent.config.actorHiddenSizes) \(agent.config.activation.rawValue) -> actions [batch, \(network.chunkLength), \(agent.actionDim)]\(network.clipActions ? " clipped to [-1, 1]" : "")")
        guard samples > 0 else { return }
        guard let config else {
            throw ExportError("--samples: \(run.config.path) is missing; the rollout needs the run's task and objects")
        }
        let folderOut = samplesOut ?? Self.defaultSamplesFolder(onnx: onnx)
        let recorded = try PolicySamples.record(agent: agent, config: config, steps: samples)
        let observations = NumpyArray.encode(float32: recorded.observations, shape: [recorded.count, recorded.observationDim])
        let chunks = NumpyArray.encode(float32: recorded.chunks, shape: [recorded.count, recorded.chunkLength, recorded.actionDim])
        try AtomicFile.write(Data(observations), to: folderOut + "/observations.npy")
        try AtomicFile.write(Data(chunks), to: folderOut + "/actions.npy")
        print("samples: \(recorded.count) observations and the Swift policy's mean chunks in \(folderOut)/{observations,actions}.npy")
    }

    /// The checkpoint folder `path` names: `path` itself when it holds a checkpoint
    /// (state.json), else the run directory's checkpoints/best, else its latest checkpoint.
    static func resolve(_ path: String) throws -> URL {
        let fm = FileManager.default
        let url = URL(fileURLWithPath: path)
        var isFolder: ObjCBool = false
        guard fm.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw ExportError("checkpoint \(path): no such folder")
        }
        if fm.fileExists(atPath: url.appendingPathComponent(PPOAgent.stateFileName).path) { return url }
        let run = RunDirectory(path)
        if fm.fileExists(atPath: run.best.appendingPathComponent(PPOAgent.stateFileName).path) { return run.best }
        if let latest = run.latestCheckpoint() { return latest }
        throw ExportError("checkpoint \(path): neither a checkpoint folder (no \(PPOAgent.stateFileName)) nor a run directory with checkpoints/best or checkpoints/latest.txt")
    }

    /// "<onnx path without .onnx>-samples".
    static func defaultSamplesFolder(onnx: String) -> String {
        (onnx.hasSuffix(".onnx") ? String(onnx.dropLast(5)) : onnx) + "-samples"
    }
}

/// A failed export, naming the checkpoint or file and what is wrong.
struct ExportError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
