/// The JSON written beside an encoder's weights: architecture plus how it was trained.
public struct ShapeEncoderFile: Codable, Equatable, Sendable {
    /// Version of this file format.
    public static let currentVersion = 1
    /// File format version (1).
    public var formatVersion: Int = ShapeEncoderFile.currentVersion
    /// Name of the weights file in the same folder.
    public var weightsFile: String
    /// Sizes, input convention and category names.
    public var architecture: ShapeEncoderArchitecture
    /// Hyperparameters used, if known.
    public var training: ShapeEncoderTrainingConfig?
    /// Summary of the training run, if known.
    public var report: ShapeEncoderTrainingReport?
    /// Where the training objects came from, e.g. "procedural library seed 0, split train (3200)".
    public var trainingData: String?
    /// Free-form measurements (e.g. nearest-neighbour accuracy), name to value.
    public var measurements: [String: Double]?

    /// Creates the record.
    public init(weightsFile: String, architecture: ShapeEncoderArchitecture, training: ShapeEncoderTrainingConfig? = nil,
                report: ShapeEncoderTrainingReport? = nil, trainingData: String? = nil, measurements: [String: Double]? = nil) {
        self.weightsFile = weightsFile
        self.architecture = architecture
        self.training = training
        self.report = report
        self.trainingData = trainingData
        self.measurements = measurements
    }
}
