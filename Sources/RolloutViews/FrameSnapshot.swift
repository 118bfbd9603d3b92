/// Everything needed to draw one env at one control step, copied out of a `Recorder`.
public struct FrameSnapshot: Sendable, Equatable {
    /// Control step since the env's reset.
    public var step: Int
    /// Palm then each joint's frame, metres (env-local) and xyzw. Shape `[1 + jointCount, 7]`.
    public var linkPoses: [Float]
    /// Object centre-of-mass pose, metres (env-local) and xyzw. Shape `[7]`.
    public var objectPose: [Float]
    /// Index of the object's asset in the world's asset list.
    public var objectAsset: Int
    /// Whether the object has reached the goal at this step or any earlier one.
    public var succeeded: Bool

    /// Creates a snapshot.
    public init(step: Int, linkPoses: [Float], objectPose: [Float], objectAsset: Int, succeeded: Bool) {
        precondition(linkPoses.count % 7 == 0 && objectPose.count == 7, "FrameSnapshot: poses are [n, 7] and [7]")
        self.step = step
        self.linkPoses = linkPoses
        self.objectPose = objectPose
        self.objectAsset = objectAsset
        self.succeeded = succeeded
    }
}
