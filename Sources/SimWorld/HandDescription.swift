/// A hand read from a `.hand` file (see assets/hands/shadow_hand.hand for the format): joints
/// in their published order, collision primitives, fingertips, drive and wrist constants.
public struct HandDescription: Sendable, Equatable {
    /// One revolute joint and the link it moves.
    public struct Joint: Sendable, Equatable {
        /// Joint name, e.g. "FFJ3".
        public var name: String
        /// Parent joint index, or -1 for the palm.
        public var parent: Int
        /// Joint origin in the parent's frame, metres. [3]
        public var position: [Float]
        /// Joint frame orientation in the parent's frame, quaternion xyzw. [4]
        public var orientation: [Float]
        /// Rotation axis in the joint frame (unit). [3]
        public var axis: [Float]
        /// Lower and upper limit, rad.
        public var lower: Float, upper: Float
        /// Link mass, kg.
        public var mass: Float
        /// Link centre of mass in the joint frame, metres. [3]
        public var centerOfMass: [Float]
        /// Principal moments of inertia about the centre of mass, kg m^2. [3]
        public var inertia: [Float]
        /// Actuator torque limit, N m; nil when the joint is not actuated.
        public var maxForce: Float?
        /// Index of the joint this one follows (tendon coupling), and the ratio.
        public var coupling: (joint: Int, ratio: Float)?

        public static func == (a: Joint, b: Joint) -> Bool {
            a.name == b.name && a.parent == b.parent && a.position == b.position && a.orientation == b.orientation
                && a.axis == b.axis && a.lower == b.lower && a.upper == b.upper && a.mass == b.mass
                && a.centerOfMass == b.centerOfMass && a.inertia == b.inertia && a.maxForce == b.maxForce
                && a.coupling?.joint == b.coupling?.joint && a.coupling?.ratio == b.coupling?.ratio
        }
    }

    /// Collision primitive kinds.
    public enum GeomKind: String, Sendable, Equatable { case box, capsule, sphere }

    /// One collision primitive on the palm (body -1) or a joint's link.
    public struct Geom: Sendable, Equatable {
        /// Body: -1 palm, else joint index.
        public var body: Int
        /// Primitive kind.
        public var kind: GeomKind
        /// Centre in the body's joint frame, metres. [3]
        public var position: [Float]
        /// Orientation in the body's joint frame, xyzw. [4]
        public var orientation: [Float]
        /// Box: half extents [3]; capsule: radius, half-length [2]; sphere: radius [1]. Metres.
        public var size: [Float]
    }

    /// A fingertip point.
    public struct Tip: Sendable, Equatable {
        /// Name, e.g. "FF".
        public var name: String
        /// Joint whose link carries the tip.
        public var body: Int
        /// Tip point in that link's joint frame, metres. [3]
        public var position: [Float]
    }

    /// Joints in file (published) order. [jointCount]
    public var joints: [Joint]
    /// Collision primitives.
    public var geoms: [Geom]
    /// Fingertips in file order.
    public var tips: [Tip]
    /// Palm mass, kg.
    public var palmMass: Float
    /// Palm principal moments of inertia, kg m^2. [3]
    public var palmInertia: [Float]
    /// Finger stiffness as a natural frequency, rad/s (each joint's kp follows from its inertia).
    public var driveBandwidth: Float
    /// Finger joint velocity damping rate, 1/s (integrated implicitly).
    public var driveDamping: Float
    /// Rotor-like inertia added to each finger link for a stable explicit PD, kg m^2.
    public var armature: Float
    /// Wrist force per unit action, N; torque per unit action, N m.
    public var forcePerAction: Float, torquePerAction: Float
    /// Wrist damping: N s/m and N m s/rad.
    public var linearDamping: Float, angularDamping: Float
    /// Surface friction coefficient.
    public var friction: Float

    /// Number of joints.
    public var jointCount: Int { joints.count }
    /// Indices of the actuated joints, in actuator order. [actuatorCount]
    public var actuatedJoints: [Int] { joints.indices.filter { joints[$0].maxForce != nil } }
    /// Number of actuated joints.
    public var actuatorCount: Int { actuatedJoints.count }
    /// Total mass of the hand, kg.
    public var totalMass: Float { palmMass + joints.reduce(0) { $0 + $1.mass } }
}
