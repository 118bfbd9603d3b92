/// The grasp-and-lift task as published (UniDexGrasp reward, success within 5 cm of the goal,
/// 200-step episodes), with the few changes Bullet and the CPU need (docs/task.md).
public struct TaskSpec: Sendable, Codable, Equatable {
    /// Which observation groups the policy sees.
    public enum ObservationMode: String, Sendable, Codable, CaseIterable {
        /// Every published group, shape code included.
        case full
        /// ResDex's base-policy input: proprioception, object position and goal only.
        case geometryUnaware = "geometry-unaware"
    }

    /// Observation groups.
    public var observationMode: ObservationMode = .full
    /// Control steps per episode (200 at 60 Hz published).
    public var episodeLength: Int = 200
    /// Success: the object centre within this distance of the goal, metres.
    public var successDistance: Float = 0.05
    /// Start each env's first episode at a random step (training only, as published).
    public var staggerFirstEpisodes: Bool = false
    /// The lift term fires once the object is this far above where it rested, metres. (The
    /// published absolute z >= 0.63 fires on objects still lying on our 0.6 m table.)
    public var liftThreshold: Float = 0.03
    /// The lift term's higher level, absolute object height, metres.
    public var highLiftHeight: Float = 0.80
    /// Caps of the distance terms, metres (published: 3.0 and 0.5).
    public var fingerDistanceCap: Float = 3.0, handDistanceCap: Float = 0.5
    /// The hand "encloses" the object when the tip sum and palm distances are below these, metres.
    public var fingerEncloseDistance: Float = 0.6, handEncloseDistance: Float = 0.12
    /// Reward per metre the object is above its resting height (up to the goal's height) while
    /// the thumb tip and another fingertip touch it, every step (0 = published: lift pays only
    /// through the enclosed terms, which a fist on the object also collects).
    public var heldHeightReward: Float = 0
    /// Finger targets follow the actions through an exponential moving average:
    /// target = s x action target + (1 - s) x previous target (1 = published: the action is the
    /// target). Below 1 it low-passes a learner's per-step exploration noise on the fingers,
    /// IsaacGymEnvs' `actionsMovingAverage`.
    public var fingerTargetSmoothing: Float = 1
    /// ResDex's pose term for base policies: reward -poseReward x ||q - poseReference|| every
    /// step, q the joint angles in rad (0 = none, as published for the task itself).
    public var poseReward: Float = 0
    /// The pose term's reference joint angles, rad, published joint order. [jointCount], or
    /// empty when `poseReward` is 0.
    public var poseReference: [Float] = []

    /// Reward variants off in every default (`task.experimental` in a config).
    public var experimental = Experimental()

    /// Reward variants that are off in every default, tried against a fist held beside the
    /// object, which the published "enclosed" test accepts
    /// (docs/experiments/2026-11-21-quick-protocol-full-library.md; docs/task.md).
    public struct Experimental: Sendable, Codable, Equatable {
        /// Also require, for "encloses", that the thumb tip and at least one other fingertip
        /// touch the object (off = the published distance-only test, which a fist beside the
        /// object passes).
        public var encloseNeedsContact: Bool = false
        /// Reward per fingertip touching the object, every step (0 = published: no contact term).
        public var tipContactReward: Float = 0
        /// Pay the distance terms (-0.5 finger_dist - hand_dist); false = ResDex's stage-2 reward,
        /// which keeps only the enclosed terms (goal, lift, bonus) for a policy that already reaches.
        public var distanceTerms: Bool = true

        /// The published reward.
        public init() {}
    }

    /// The published task.
    public init() {}
}
