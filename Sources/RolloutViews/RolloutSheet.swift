import RenderKit

/// A policy's recorded rollout and the name it is shown under.
public struct PolicyRollout {
    /// Row label (the policy name).
    public var name: String
    /// The recorded snapshots.
    public var recorder: Recorder

    /// Creates a named rollout.
    public init(name: String, recorder: Recorder) {
        self.name = name
        self.recorder = recorder
    }
}

/// Contact sheets of rollouts: one row per policy, the same steps in every row, each frame
/// captioned with its step and, once the object has reached the goal, "success".
public enum RolloutSheet {
    /// Caption colour before success.
    public static let pendingColor = Color(40, 40, 40)
    /// Caption colour once the grasp has succeeded.
    public static let successColor = Color(20, 150, 50)

    /// The caption of a frame: `"step 40"` or `"step 40 success"`.
    public static func caption(step: Int, succeeded: Bool) -> String {
        succeeded ? "step \(step) success" : "step \(step)"
    }

    /// Builds the sheet, drawing each frame with `frames` (its size is the thumbnail size).
    /// Traps when a rollout did not record one of `steps`.
    public static func make(title: String?, rollouts: [PolicyRollout], steps: [Int], slot: Int = 0,
                            frames: FrameRenderer) -> ContactSheet {
        let rows = rollouts.map { rollout in
            ContactSheet.Row(label: rollout.name, frames: steps.map { step in
                guard let index = rollout.recorder.index(ofStep: step) else {
                    preconditionFailure("RolloutSheet: \(rollout.name) did not record step \(step)")
                }
                let snapshot = rollout.recorder.snapshot(at: index, slot: slot)
                return ContactSheet.Frame(image: frames.frame(snapshot),
                                          caption: caption(step: step, succeeded: snapshot.succeeded),
                                          captionColor: snapshot.succeeded ? successColor : pendingColor)
            })
        }
        return ContactSheet(title: title, rows: rows, frameWidth: frames.renderer.width, frameHeight: frames.renderer.height)
    }
}
