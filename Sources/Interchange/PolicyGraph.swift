import Learning

/// The ONNX graph of a `PolicyNetwork`: input `observation` [batch, observationDim] float32,
/// output `actions` [batch, h, actionDim] float32 (the mean chunk), with the preprocessing,
/// the actor and the action clipping inside the graph:
///
///     normalised:  Sub(observation, obs_mean) / Add(Sqrt(obs_variance), obs_epsilon),
///                  Clip(-obs_clip, obs_clip)
///     clip only:   Clip(observation, -obs_clip, obs_clip)
///     each layer:  MatMul(x, actor.L.weight [in, out]), Add(actor.L.bias), then Elu (alpha 1)
///                  or Tanh (nothing for linear)
///     head:        Reshape to [batch, h, actionDim] (shape [0, h, actionDim]: 0 keeps the
///                  batch size), then Clip(-1, 1) when actions are clipped
public enum PolicyGraph {
    /// Name of the graph input.
    public static let inputName = "observation"
    /// Name of the graph output.
    public static let outputName = "actions"
    /// Name of the dynamic batch dimension.
    public static let batchDimension = "batch"

    /// The graph of `network`.
    public static func graph(_ network: PolicyNetwork) -> ONNXGraph {
        var nodes: [ONNXNode] = []
        var initializers: [ONNXTensor] = []
        var current = inputName

        /// Appends node `name` = opType(inputs) with output `output` and makes it current.
        func add(_ opType: String, _ name: String, _ inputs: [String], output: String, attributes: [ONNXAttribute] = []) {
            nodes.append(ONNXNode(name: name, opType: opType, inputs: inputs, outputs: [output], attributes: attributes))
            current = output
        }

        switch network.preprocessing {
        case .normalize(let mean, let variance, let epsilon, let clip):
            let dims = [network.observationDim]
            initializers += [
                .float("obs_mean", dims: dims, mean, doc: "running mean of each observation feature"),
                .float("obs_variance", dims: dims, variance, doc: "running population variance of each observation feature"),
                .scalar("obs_epsilon", epsilon, doc: "added to the standard deviation before dividing"),
                .scalar("obs_clip_min", -clip), .scalar("obs_clip_max", clip),
            ]
            add("Sub", "obs_center", [inputName, "obs_mean"], output: "obs_centered")
            add("Sqrt", "obs_std", ["obs_variance"], output: "obs_std")
            add("Add", "obs_scale", ["obs_std", "obs_epsilon"], output: "obs_scale")
            add("Div", "obs_normalize", ["obs_centered", "obs_scale"], output: "obs_normalized")
            add("Clip", "obs_clip", ["obs_normalized", "obs_clip_min", "obs_clip_max"], output: "obs_preprocessed")
        case .clip(let clip):
            initializers += [.scalar("obs_clip_min", -clip), .scalar("obs_clip_max", clip)]
            add("Clip", "obs_clip", [inputName, "obs_clip_min", "obs_clip_max"], output: "obs_preprocessed")
        }

        for (l, layer) in network.layers.enumerated() {
            let prefix = "actor.\(l)"
            initializers += [
                .float("\(prefix).weight", dims: [layer.inputs, layer.outputs], layer.weight),
                .float("\(prefix).bias", dims: [layer.outputs], layer.bias),
            ]
            add("MatMul", "\(prefix).matmul", [current, "\(prefix).weight"], output: "\(prefix).product")
            add("Add", "\(prefix).bias_add", [current, "\(prefix).bias"], output: "\(prefix).linear")
            switch layer.activation {
            case .linear: break
            case .elu: add("Elu", "\(prefix).elu", [current], output: "\(prefix).output", attributes: [ONNXAttribute("alpha", .float(1))])
            case .tanh: add("Tanh", "\(prefix).tanh", [current], output: "\(prefix).output")
            }
        }

        let h = network.chunkLength, a = network.actionDim
        initializers.append(.int64("chunk_shape", dims: [3], [0, Int64(h), Int64(a)],
                                   doc: "[batch (0: kept), chunk length, action dim]"))
        add("Reshape", "chunk_reshape", [current, "chunk_shape"], output: network.clipActions ? "mean_chunk" : outputName)
        if network.clipActions {
            initializers += [.scalar("action_min", -1), .scalar("action_max", 1)]
            add("Clip", "action_clip", [current, "action_min", "action_max"], output: outputName)
        }

        let input = ONNXValueInfo(name: inputName, elementType: .float,
                                  shape: [.parameter(batchDimension), .value(network.observationDim)],
                                  docString: "raw observations, one row per env, in the layout of metadata observation_layout")
        let output = ONNXValueInfo(name: outputName, elementType: .float,
                                   shape: [.parameter(batchDimension), .value(h), .value(a)],
                                   docString: "mean action chunk per row: h actions to execute one per control step")
        return ONNXGraph(name: "policy", nodes: nodes, initializers: initializers, inputs: [input], outputs: [output],
                         docString: "deterministic policy: observation preprocessing, actor MLP, mean action chunk")
    }

    /// How a caller executes the model (the model's doc string).
    public static func executionText(chunkLength h: Int, controlRateHz: Double?) -> String {
        let rate = controlRateHz.map { " (\(number($0)) Hz)" } ?? ""
        let chunk = h == 1
            ? "The chunk holds one action (h = 1): query the model every control step\(rate) and execute actions[:, 0]."
            : "Execute the h = \(h) actions of a chunk open loop, one per control step\(rate): actions[:, 0] now, actions[:, 1] at the next step, and so on; after the h-th, query the model again with the observation of that step. When an episode ends, drop the rest of the chunk and query again at the first step of the next one."
        return """
            Deterministic (mean) policy exported from an ACPPO / PPO checkpoint. Input `observation` [batch, \
            observation_dim] float32: raw observations, no scaling needed (the normalisation and clipping the \
            policy was trained with are inside the graph; metadata observation_layout names the features). \
            Output `actions` [batch, h, action_dim] float32: the mean action chunk (metadata chunk_length = h), \
            already clipped to [-1, 1] when metadata action_clip says so. \(chunk)
            """
    }

    /// `value` as text without a trailing ".0" (60.0 -> "60", 59.5 -> "59.5").
    public static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// The model file of `network`: IR 8, opset 17, the execution text as doc string and
    /// `metadata` as metadata_props; `modelVersion` is the training iteration.
    public static func model(_ network: PolicyNetwork, metadata: [(key: String, value: String)], modelVersion: Int64,
                             controlRateHz: Double?) -> ONNXModel {
        ONNXModel(producerName: "world-train export", producerVersion: "1", modelVersion: modelVersion,
                  docString: executionText(chunkLength: network.chunkLength, controlRateHz: controlRateHz),
                  graph: graph(network), metadata: metadata)
    }
}
