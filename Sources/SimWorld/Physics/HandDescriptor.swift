import BulletShim

/// The C descriptors of a hand (bs_link_desc, bs_geom_desc, tips), kept alive while a world is
/// created from them.
struct HandDescriptor {
    var links: [bs_link_desc] = []
    var geoms: [bs_geom_desc] = []
    var tipLinks: [Int32] = []
    var tipOffsets: [Float] = []
    let hand: HandDescription

    init(_ hand: HandDescription) {
        self.hand = hand
        let actuated = hand.actuatedJoints
        for (i, j) in hand.joints.enumerated() {
            var l = bs_link_desc()
            l.parent = Int32(j.parent)
            l.pos = (j.position[0], j.position[1], j.position[2])
            l.quat = (j.orientation[0], j.orientation[1], j.orientation[2], j.orientation[3])
            l.axis = (j.axis[0], j.axis[1], j.axis[2])
            l.lower = j.lower
            l.upper = j.upper
            l.mass = j.mass
            l.com = (j.centerOfMass[0], j.centerOfMass[1], j.centerOfMass[2])
            l.inertia = (j.inertia[0], j.inertia[1], j.inertia[2])
            l.max_force = j.maxForce ?? 0
            l.actuator = Int32(actuated.firstIndex(of: i) ?? -1)
            l.couple_to = Int32(j.coupling?.joint ?? -1)
            l.couple_ratio = j.coupling?.ratio ?? 0
            links.append(l)
        }
        for g in hand.geoms {
            var d = bs_geom_desc()
            d.link = Int32(g.body)
            d.kind = g.kind == .box ? BS_GEOM_BOX.rawValue : (g.kind == .capsule ? BS_GEOM_CAPSULE.rawValue : BS_GEOM_SPHERE.rawValue)
            d.pos = (g.position[0], g.position[1], g.position[2])
            d.quat = (g.orientation[0], g.orientation[1], g.orientation[2], g.orientation[3])
            let s = g.size + [Float](repeating: 0, count: 3 - g.size.count)
            d.size = (s[0], s[1], s[2])
            geoms.append(d)
        }
        for t in hand.tips {
            tipLinks.append(Int32(t.body))
            tipOffsets += t.position
        }
    }

    /// Calls `body` with a bs_hand_desc whose pointers are valid for the call only.
    func withDesc<R>(_ body: (bs_hand_desc) throws -> R) rethrows -> R {
        try links.withUnsafeBufferPointer { l in
            try geoms.withUnsafeBufferPointer { g in
                try tipLinks.withUnsafeBufferPointer { tl in
                    try tipOffsets.withUnsafeBufferPointer { to in
                        var d = bs_hand_desc()
                        d.link_count = UInt32(l.count)
                        d.links = l.baseAddress
                        d.geom_count = UInt32(g.count)
                        d.geoms = g.baseAddress
                        d.actuator_count = UInt32(hand.actuatorCount)
                        d.tip_count = UInt32(tl.count)
                        d.tip_links = tl.baseAddress
                        d.tip_offsets = to.baseAddress
                        d.palm_mass = hand.palmMass
                        d.palm_inertia = (hand.palmInertia[0], hand.palmInertia[1], hand.palmInertia[2])
                        d.drive_bandwidth = hand.driveBandwidth
                        d.drive_damping = hand.driveDamping
                        d.armature = hand.armature
                        d.linear_damping = hand.linearDamping
                        d.angular_damping = hand.angularDamping
                        d.friction = hand.friction
                        d.joint_limits = 0
                        return try body(d)
                    }
                }
            }
        }
    }
}
