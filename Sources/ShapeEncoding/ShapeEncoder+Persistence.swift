import AssetImport
import DurableFiles
import Foundation
import Learning

// MARK: - Saving and loading

extension ShapeEncoder {
    /// Default base name of the files in an encoder folder.
    public static let defaultName = "shape-encoder"
    /// Folder of the checked-in encoder, relative to the repository root.
    public static let defaultFolder = "assets/encoders"

    /// Tensors in storage order: "point.<l>.weight" [in, out], "point.<l>.bias" [out],
    /// "code.<l>.*", "head.weight", "head.bias".
    var namedLayers: [(prefix: String, network: MLP, layer: Int)] {
        (0..<pointNetwork.shape.layerCount).map { ("point.\($0)", pointNetwork, $0) }
            + codeLayers.enumerated().map { ("code.\($0.offset)", $0.element.network, 0) }
            + [("head", head.network, 0)]
    }

    /// Writes `<folder>/<name>.safetensors` (F32 weights) and `<folder>/<name>.json` (`record`
    /// with this architecture), each atomically. Returns the two paths.
    @discardableResult
    public func save(to folder: String, name: String = ShapeEncoder.defaultName,
                     record: ShapeEncoderFile? = nil) throws(ShapeEncodingError) -> (weights: String, json: String) {
        var tensors: [(name: String, tensor: SafeTensor)] = []
        for (prefix, network, l) in namedLayers {
            let (inW, outW) = (network.shape.widths[l], network.shape.widths[l + 1])
            // SAFETY: layer l's weight [inW, outW] and bias [outW] lie at weightOffset(layer: l).
            let w = network.parameters + network.weightOffset(layer: l)
            tensors.append(("\(prefix).weight", SafeTensor(shape: [inW, outW], values: Array(UnsafeBufferPointer(start: w, count: inW * outW)))))
            tensors.append(("\(prefix).bias", SafeTensor(shape: [outW], values: Array(UnsafeBufferPointer(start: w + inW * outW, count: outW)))))
        }
        let weightsPath = (folder as NSString).appendingPathComponent("\(name).safetensors")
        let jsonPath = (folder as NSString).appendingPathComponent("\(name).json")
        var file = record ?? ShapeEncoderFile(weightsFile: "", architecture: architecture)
        file.weightsFile = "\(name).safetensors"
        file.architecture = architecture
        do {
            try AtomicFile.write(Data(SafeTensors.encode(tensors, metadata: ["format": "acppo-shape-encoder-1"])), to: weightsPath)
            try AtomicFile.writeJSON(file, to: jsonPath)
        } catch { throw ShapeEncodingError(file: error.file, error.message) }
        return (weightsPath, jsonPath)
    }

    /// Loads `<folder>/<name>.json` and the weights file it names. Every error names the file:
    /// missing, unreadable, not JSON, unknown version, bad sizes, truncated or corrupt
    /// safetensors, missing tensors, wrong shapes, non-finite weights.
    public static func load(from folder: String = ShapeEncoder.defaultFolder, name: String = ShapeEncoder.defaultName,
                            maxObjects: Int = 1) throws(ShapeEncodingError) -> (encoder: ShapeEncoder, record: ShapeEncoderFile) {
        let jsonPath = (folder as NSString).appendingPathComponent("\(name).json")
        guard let data = FileManager.default.contents(atPath: jsonPath) else {
            throw ShapeEncodingError(file: jsonPath, "missing or unreadable (train one with `asset-import encode --train`)")
        }
        let record: ShapeEncoderFile
        do { record = try JSONDecoder().decode(ShapeEncoderFile.self, from: data) } catch {
            throw ShapeEncodingError(file: jsonPath, "not a shape-encoder description: \(error)")
        }
        guard record.formatVersion == ShapeEncoderFile.currentVersion else {
            throw ShapeEncodingError(file: jsonPath, "format version \(record.formatVersion), expected \(ShapeEncoderFile.currentVersion)")
        }
        try record.architecture.validate(file: jsonPath)
        let weightsPath = (folder as NSString).appendingPathComponent(record.weightsFile)
        guard let bytes = FileManager.default.contents(atPath: weightsPath) else {
            throw ShapeEncodingError(file: weightsPath, "weights file missing or unreadable")
        }
        let tensors: [String: SafeTensor]
        do { tensors = try SafeTensors.decode([UInt8](bytes), file: weightsPath) } catch let error as CheckpointError {
            throw ShapeEncodingError(file: weightsPath, error.problem)
        } catch { throw ShapeEncodingError(file: weightsPath, "\(error)") }
        let encoder = ShapeEncoder(architecture: record.architecture, seed: 0, maxObjects: maxObjects)
        try encoder.assign(tensors, file: weightsPath)
        return (encoder, record)
    }

    /// Copies every named tensor into the parameter buffer after checking its shape and values.
    func assign(_ tensors: [String: SafeTensor], file: String) throws(ShapeEncodingError) {
        for (prefix, network, l) in namedLayers {
            let (inW, outW) = (network.shape.widths[l], network.shape.widths[l + 1])
            let base = network.parameters + network.weightOffset(layer: l)
            for (suffix, shape, offset) in [("weight", [inW, outW], 0), ("bias", [outW], inW * outW)] {
                let key = "\(prefix).\(suffix)"
                guard let tensor = tensors[key] else { throw ShapeEncodingError(file: file, "tensor '\(key)' is missing") }
                guard tensor.shape == shape, tensor.dtype == .f32 else {
                    throw ShapeEncodingError(file: file, "tensor '\(key)' has shape \(tensor.shape) of \(tensor.dtype.rawValue), the architecture needs \(shape) of F32")
                }
                guard tensor.values.allSatisfy(\.isFinite) else {
                    throw ShapeEncodingError(file: file, "tensor '\(key)' holds NaN or infinite values")
                }
                // SAFETY: shape checked, so the values fit the layer's slot.
                tensor.values.withUnsafeBufferPointer { (base + offset).update(from: $0.baseAddress!, count: $0.count) }
            }
        }
    }
}
