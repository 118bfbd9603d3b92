import Foundation

/// ResDex's action: frozen, deterministic base policies mixed by a hyper-policy, plus its
/// residual (Huang et al., ICLR 2025; their code): with the hyper-policy's output
/// [residual a_R (|A|, when `residual`), weight logits (k)], the executed action is
/// a = clip(a_R + sum_i softmax(logits)_i a_i^B, -1, 1), where a_i^B is base policy i's mean
/// action (clipped, as it executed in its own training) on the features of the observation it
/// was trained on. The bases' weights and normalisers are never updated here.
public final class BaseMixture {
    /// The frozen base policies (PPO, chunk length 1). [k]
    public let bases: [PPOAgent]
    /// Features of the hyper-policy's observation that each base sees, in the base's order. [base observationDim]
    public let inputIndices: [Int]
    /// Whether the hyper-policy outputs a residual action (false: the mixture-only ablation).
    public let residual: Bool
    /// Env action size |A|.
    public let actionDim: Int
    /// Features of the hyper-policy's observation (the rows `prepare` reads).
    public let observationDim: Int
    /// Each base's deterministic actor, sized `capacity` rows.
    private var evaluators: [PolicyEvaluator] = []
    /// Rows the buffers hold.
    private var capacity = 0
    /// Gathered base inputs. [capacity, base observationDim]
    private var inputs = FloatBuffer(count: 0)
    /// Each base's mean action of the prepared rows. [k, capacity, |A|]
    private var baseActions = FloatBuffer(count: 0)
    /// Rows prepared by the last `prepare`.
    public private(set) var preparedRows = 0

    /// Mixes `bases` (each with observation size `inputIndices.count` and action size
    /// `actionDim`, chunk length 1) for a hyper-policy with `observationDim` features.
    public init(bases: [PPOAgent], inputIndices: [Int], observationDim: Int, residual: Bool, actionDim: Int) throws {
        guard !bases.isEmpty else { throw ConfigError("BaseMixture: no base policies") }
        guard inputIndices.allSatisfy({ (0..<observationDim).contains($0) }) else {
            throw ConfigError("BaseMixture: base input indices must lie in 0..<\(observationDim)")
        }
        for (i, base) in bases.enumerated() {
            guard base.observationDim == inputIndices.count, base.actionDim == actionDim, base.config.chunkLength == 1, base.mixture == nil else {
                throw ConfigError("BaseMixture: base policy \(i) has observation size \(base.observationDim), action size \(base.actionDim), chunk length \(base.config.chunkLength)\(base.mixture == nil ? "" : " and bases of its own"); expected \(inputIndices.count), \(actionDim), 1 and none")
            }
        }
        self.bases = bases
        self.inputIndices = inputIndices
        self.residual = residual
        self.actionDim = actionDim
        self.observationDim = observationDim
    }

    /// Hyper-policy outputs per env step: |A| residual (when `residual`) then k weight logits.
    public var hyperWidth: Int { (residual ? actionDim : 0) + bases.count }

    /// Computes every base's mean action on `rows` raw observations [rows, hyper observationDim]
    /// (call before they are normalised for the hyper-policy).
    public func prepare(observations: UnsafePointer<Float>, rows: Int) {
        reserve(rows)
        let width = inputIndices.count
        for r in 0..<rows {
            let row = inputs.pointer + r * width
            let input = observations + r * observationDim
            for (j, index) in inputIndices.enumerated() { row[j] = input[index] }
        }
        for (i, evaluator) in evaluators.enumerated() {
            evaluator.meanChunks(observations: inputs.pointer, rows: rows, into: baseActions.pointer + i * capacity * actionDim)
        }
        preparedRows = rows
    }

    /// Writes the executed actions [rows, |A|] for the hyper-policy's outputs `hyper`
    /// [rows, hyperWidth] on the rows of the last `prepare`.
    public func compose(hyper: UnsafePointer<Float>, rows: Int, into actions: UnsafeMutablePointer<Float>) {
        precondition(rows == preparedRows, "BaseMixture.compose: \(rows) rows, but \(preparedRows) were prepared")
        let k = bases.count, width = hyperWidth
        withUnsafeTemporaryAllocation(of: Float.self, capacity: k) { weights in
            for r in 0..<rows {
                let out = hyper + r * width
                Self.softmax(out + (residual ? actionDim : 0), count: k, into: weights.baseAddress!)
                for j in 0..<actionDim {
                    var a: Float = residual ? out[j] : 0
                    for i in 0..<k { a += weights[i] * baseActions[(i * capacity + r) * actionDim + j] }
                    actions[r * actionDim + j] = min(max(a, -1), 1)
                }
            }
        }
    }

    /// softmax of `count` logits into `weights`.
    static func softmax(_ logits: UnsafePointer<Float>, count: Int, into weights: UnsafeMutablePointer<Float>) {
        var top = -Float.infinity
        for i in 0..<count { top = max(top, logits[i]) }
        var sum: Float = 0
        for i in 0..<count {
            weights[i] = Foundation.exp(logits[i] - top)
            sum += weights[i]
        }
        for i in 0..<count { weights[i] /= sum }
    }

    /// Grows the buffers to hold `rows` rows.
    private func reserve(_ rows: Int) {
        guard rows > capacity else { return }
        capacity = rows
        evaluators = bases.map { PolicyEvaluator(agent: $0, envCount: rows) }
        inputs = FloatBuffer(count: rows * inputIndices.count)
        baseActions = FloatBuffer(count: bases.count * rows * actionDim)
    }
}
