import Foundation
import Interchange
import Learning
import SimWorld
import Training

/// The metadata_props of an exported policy: what a caller needs to feed and execute it
/// (observation and action layouts, chunk length, control rate, preprocessing) and where it
/// came from (run folder, checkpoint, iteration). Values are strings; layouts are JSON.
enum ExportMetadata {
    /// Name of the project that wrote the model.
    static let project = "ACPPOGrasp"

    /// One observation group: features start..<end.
    struct ObservationGroup: Encodable {
        let name: String
        let start: Int
        let end: Int
    }

    /// One action: what it commands and how [-1, 1] maps onto it.
    struct ActionEntry: Encodable {
        let index: Int
        let name: String
        /// "wrist force" (N = value x perAction), "wrist torque" (N m) or "finger target"
        /// (rad = lower + (value + 1) / 2 x (upper - lower)).
        let kind: String
        let unit: String
        let perAction: Float?
        let lower: Float?
        let upper: Float?
    }

    /// The observation layout of a policy with `dimension` features: the run's observation
    /// mode when its config is known (checked against the dimension), else the mode whose
    /// layout has that many features.
    static func observationLayout(config: TrainConfig?, dimension: Int, checkpoint: String) throws -> (TaskSpec.ObservationMode, ObservationLayout) {
        if let mode = config?.task.observationMode {
            let layout = ObservationLayout(mode)
            guard layout.count == dimension else {
                throw ExportError("checkpoint \(checkpoint): its run's observation mode \(mode.rawValue) has \(layout.count) features, the checkpoint's actor takes \(dimension)")
            }
            return (mode, layout)
        }
        guard let mode = TaskSpec.ObservationMode.allCases.first(where: { ObservationLayout($0).count == dimension }) else {
            throw ExportError("checkpoint \(checkpoint): no observation mode has \(dimension) features (full: \(ObservationLayout(.full).count), geometry-unaware: \(ObservationLayout(.geometryUnaware).count))")
        }
        return (mode, ObservationLayout(mode))
    }

    /// The action layout of `hand` (3 wrist forces, 3 wrist torques, one target per actuated
    /// joint, named by the hand description); indices only when the sizes do not match it.
    static func actionLayout(hand: HandDescription, actionDim: Int) -> [ActionEntry] {
        let axes = ["x", "y", "z"]
        var entries: [ActionEntry] = []
        for (k, axis) in axes.enumerated() {
            entries.append(ActionEntry(index: k, name: "wrist force \(axis)", kind: "wrist force", unit: "N",
                                       perAction: hand.forcePerAction, lower: nil, upper: nil))
        }
        for (k, axis) in axes.enumerated() {
            entries.append(ActionEntry(index: 3 + k, name: "wrist torque \(axis)", kind: "wrist torque", unit: "N m",
                                       perAction: hand.torquePerAction, lower: nil, upper: nil))
        }
        for (i, j) in hand.actuatedJoints.enumerated() {
            let joint = hand.joints[j]
            entries.append(ActionEntry(index: 6 + i, name: joint.name, kind: "finger target", unit: "rad",
                                       perAction: nil, lower: joint.lower, upper: joint.upper))
        }
        guard entries.count == actionDim else {
            return (0..<actionDim).map { ActionEntry(index: $0, name: "action \($0)", kind: "unknown", unit: "", perAction: nil, lower: nil, upper: nil) }
        }
        return entries
    }

    /// Control steps per second of the world the policy was trained in (rounded to mHz).
    static var controlRateHz: Double {
        (1000 / Double(WorldSpec(envCount: 1).controlDt)).rounded() / 1000
    }

    /// Every metadata entry, in a fixed order.
    static func entries(agent: PPOAgent, network: PolicyNetwork, config: TrainConfig?, hand: HandDescription,
                        checkpoint: URL, run: RunDirectory, checkpointArgument: String) throws -> [(key: String, value: String)] {
        let (mode, layout) = try observationLayout(config: config, dimension: agent.observationDim, checkpoint: checkpointArgument)
        let groups = layout.groups.map { ObservationGroup(name: $0.name, start: $0.range.lowerBound, end: $0.range.upperBound) }
        var entries: [(key: String, value: String)] = [
            ("project", project),
            ("format", "acppo-policy-onnx 1"),
            ("observation_dim", String(agent.observationDim)),
            ("observation_mode", mode.rawValue),
            ("observation_layout", try json(groups)),
            ("action_dim", String(agent.actionDim)),
            ("action_layout", try json(actionLayout(hand: hand, actionDim: agent.actionDim))),
            ("chunk_length", String(network.chunkLength)),
            ("control_rate_hz", PolicyGraph.number(controlRateHz)),
        ]
        switch network.preprocessing {
        case .normalize(_, _, let epsilon, let clip):
            entries += [("observation_preprocessing", "normalize_then_clip"), ("observation_epsilon", String(epsilon)),
                        ("observation_clip", String(clip))]
        case .clip(let clip):
            entries += [("observation_preprocessing", "clip"), ("observation_clip", String(clip))]
        }
        entries.append(("action_clip", network.clipActions ? "[-1, 1]" : "none"))
        if let config {
            entries += [("algorithm", config.algorithm.rawValue),
                        ("finger_target_smoothing", String(config.task.fingerTargetSmoothing))]
        }
        entries += [
            ("objective", agent.config.objective.rawValue),
            ("hidden_activation", agent.config.activation.rawValue),
            ("actor_hidden_sizes", "[" + agent.config.actorHiddenSizes.map(String.init).joined(separator: ", ") + "]"),
            ("source_run", run.root.standardizedFileURL.path),
            ("source_checkpoint", checkpoint.standardizedFileURL.path),
            ("iteration", String(agent.iteration)),
            ("total_env_steps", String(agent.totalEnvSteps)),
        ]
        return entries
    }

    /// Compact JSON with sorted keys (the same value gives the same text).
    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
