/// Accumulates the lines of a `.hand` file into a `HandDescription`, checking each as it comes.
struct HandBuilder {
    let file: String
    var line = 0
    var joints: [HandDescription.Joint] = []
    var geoms: [HandDescription.Geom] = []
    var tips: [HandDescription.Tip] = []
    var explicitInertia: [Bool] = []
    var palmMass: Float?
    var palmInertia: [Float]?
    var drive: [Float]?
    var wrist: [Float]?
    var friction: Float?

    init(file: String) { self.file = file }

    func fail(_ message: String, line: Int? = nil) -> HandFileError {
        HandFileError(file: file, line: line ?? self.line, message: message)
    }

    /// Index of the body called `name` ("palm" = -1).
    func body(_ name: String, _ l: HandLine) throws -> Int {
        if name == "palm" { return -1 }
        guard let i = joints.firstIndex(where: { $0.name == name }) else { throw l.error("unknown body '\(name)'") }
        return i
    }

    mutating func apply(keyword: String, words: [String]) throws {
        let l = try HandLine(words: words, file: file, line: line)
        switch keyword {
        case "palm":
            try l.allowOnly(["mass", "inertia"])
            palmMass = try positive(l.number("mass"), "mass", l)
            palmInertia = l.fields["inertia"] == nil ? nil : try l.numbers("inertia", 3)
        case "joint": try addJoint(l)
        case "geom": try addGeom(l)
        case "tip":
            try l.allowOnly(["body", "pos"])
            guard let name = l.name else { throw l.error("tip needs a name") }
            tips.append(.init(name: name, body: try body(l.word("body"), l), position: try l.numbers("pos", 3)))
        case "drive":
            try l.allowOnly(["bandwidth", "damping", "armature"])
            drive = [try l.number("bandwidth"), try l.number("damping"), try l.number("armature")]
        case "wrist":
            try l.allowOnly(["force_per_action", "torque_per_action", "linear_damping", "angular_damping"])
            wrist = try ["force_per_action", "torque_per_action", "linear_damping", "angular_damping"].map { try l.number($0) }
        case "friction":
            guard words.count == 1, let f = Float(words[0]), f >= 0, f.isFinite else { throw l.error("friction needs one number >= 0") }
            friction = f
        default: throw l.error("unknown keyword '\(keyword)'")
        }
    }

    func positive(_ v: Float, _ field: String, _ l: HandLine) throws -> Float {
        guard v > 0 else { throw l.error("field '\(field)' must be > 0") }
        return v
    }

    mutating func addJoint(_ l: HandLine) throws {
        try l.allowOnly(["parent", "pos", "quat", "axis", "range", "mass", "com", "inertia", "force", "couple", "ratio"])
        guard let name = l.name else { throw l.error("joint needs a name") }
        guard !joints.contains(where: { $0.name == name }) else { throw l.error("joint '\(name)' is defined twice") }
        let range = try l.numbers("range", 2)
        guard range[0] <= range[1] else { throw l.error("field 'range': lower \(range[0]) exceeds upper \(range[1])") }
        let axis = try l.numbers("axis", 3)
        let axisLength = (axis[0] * axis[0] + axis[1] * axis[1] + axis[2] * axis[2]).squareRoot()
        guard axisLength > 1e-6 else { throw l.error("field 'axis' has zero length") }
        var coupling: (joint: Int, ratio: Float)?
        if l.fields["couple"] != nil { coupling = (try body(l.word("couple"), l), try l.number("ratio")) }
        let force = l.fields["force"] == nil ? nil : try positive(l.number("force"), "force", l)
        guard force == nil || coupling == nil else { throw l.error("a joint is either actuated (force=) or coupled (couple=), not both") }
        joints.append(.init(
            name: name, parent: try body(l.word("parent"), l), position: try l.numbers("pos", 3, default: [0, 0, 0]),
            orientation: try normalized(l.numbers("quat", 4, default: [0, 0, 0, 1]), l),
            axis: axis.map { $0 / axisLength }, lower: range[0], upper: range[1],
            mass: try positive(l.number("mass"), "mass", l), centerOfMass: try l.numbers("com", 3, default: [0, 0, 0]),
            inertia: try l.numbers("inertia", 3, default: [0, 0, 0]), maxForce: force, coupling: coupling))
        explicitInertia.append(l.fields["inertia"] != nil)
    }

    func normalized(_ q: [Float], _ l: HandLine) throws -> [Float] {
        let n = (q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]).squareRoot()
        guard n > 1e-6 else { throw l.error("field 'quat' has zero length") }
        return q.map { $0 / n }
    }

    mutating func addGeom(_ l: HandLine) throws {
        try l.allowOnly(["body", "type", "pos", "quat", "size"])
        guard let kind = HandDescription.GeomKind(rawValue: try l.word("type")) else {
            throw l.error("field 'type' must be box, capsule or sphere")
        }
        let count = kind == .box ? 3 : (kind == .capsule ? 2 : 1)
        let size = try l.numbers("size", count)
        guard size.allSatisfy({ $0 > 0 }) else { throw l.error("field 'size' must be > 0") }
        geoms.append(.init(body: try body(l.word("body"), l), kind: kind, position: try l.numbers("pos", 3, default: [0, 0, 0]),
                           orientation: try normalized(l.numbers("quat", 4, default: [0, 0, 0, 1]), l), size: size))
    }

    func finish() throws -> HandDescription {
        guard let palmMass else { throw fail("no 'palm' line", line: 0) }
        guard !joints.isEmpty else { throw fail("no joints", line: 0) }
        guard !tips.isEmpty else { throw fail("no tips", line: 0) }
        guard let drive else { throw fail("no 'drive' line", line: 0) }
        guard let wrist else { throw fail("no 'wrist' line", line: 0) }
        guard drive[0] > 0, drive[1] >= 0, drive[2] >= 0 else {
            throw fail("drive: bandwidth must be > 0, damping and armature >= 0", line: 0)
        }
        var hand = HandDescription(
            joints: joints, geoms: geoms, tips: tips, palmMass: palmMass, palmInertia: palmInertia ?? [0, 0, 0],
            driveBandwidth: drive[0], driveDamping: drive[1], armature: drive[2], forcePerAction: wrist[0], torquePerAction: wrist[1],
            linearDamping: wrist[2], angularDamping: wrist[3], friction: friction ?? 1)
        if palmInertia == nil { hand.palmInertia = GeomInertia.inertia(of: geoms.filter { $0.body == -1 }, mass: palmMass, center: [0, 0, 0]) }
        for i in hand.joints.indices where !explicitInertia[i] {
            let j = hand.joints[i]
            hand.joints[i].inertia = GeomInertia.inertia(of: geoms.filter { $0.body == i }, mass: j.mass, center: j.centerOfMass)
        }
        return hand
    }
}
