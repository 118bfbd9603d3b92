// The floating hand as a Featherstone multibody: palm base and revolute finger links, with
// optional hard joint limits. Fingers are driven by explicit PD torques (Dynamics.cpp).
#include "ShimTypes.hpp"
#include <cstdio>
#include <algorithm>

#include <BulletDynamics/Featherstone/btMultiBodyJointLimitConstraint.h>

/// Collision margin of hand boxes, metres (Bullet's default 0.04 exceeds the palm's thickness).
static const btScalar kBoxMargin = 0.001f;

static btVector3 vec3(const float *v) { return btVector3(v[0], v[1], v[2]); }
static btQuaternion quat(const float *q) { return btQuaternion(q[0], q[1], q[2], q[3]).normalized(); }

static btCollisionShape *make_primitive(const bs_geom_desc &g) {
    switch (g.kind) {
    case BS_GEOM_BOX: {
        auto *box = new btBoxShape(btVector3(g.size[0], g.size[1], g.size[2]));
        box->setMargin(kBoxMargin);
        return box;
    }
    case BS_GEOM_CAPSULE: return new btCapsuleShapeZ(g.size[0], 2 * g.size[1]);
    default: return new btSphereShape(g.size[0]);
    }
}

/// Builds one shape per body (palm = index 0, link i = index i + 1), shared by all envs;
/// nullptr where a body has no geometry. Shapes sit in the body's centre-of-mass frame.
static void build_link_shapes(bs_world *w) {
    const HandModel &m = w->model;
    size_t bodies = 1 + m.links.size();
    w->linkShapes.assign(bodies, nullptr);
    for (size_t b = 0; b < bodies; ++b) {
        int link = (int)b - 1;
        btVector3 com = link < 0 ? btVector3(0, 0, 0) : m.comOffset[link];
        std::vector<const bs_geom_desc *> geoms;
        for (const auto &g : m.geoms)
            if (g.link == link) geoms.push_back(&g);
        if (geoms.empty()) continue;
        auto *compound = new btCompoundShape(false, (int)geoms.size());
        w->handShapes.emplace_back(compound);
        for (const bs_geom_desc *g : geoms) {
            btCollisionShape *child = make_primitive(*g);
            w->handShapes.emplace_back(child);
            compound->addChildShape(btTransform(quat(g->quat), vec3(g->pos) - com), child);
        }
        w->linkShapes[b] = compound;
    }
}

static btMultiBodyLinkCollider *add_collider(bs_world *w, btMultiBody *mb, int link, btCollisionShape *shape) {
    auto *c = new btMultiBodyLinkCollider(mb, link);
    w->colliders.emplace_back(c);
    c->setCollisionShape(shape);
    c->setFriction(w->model.desc.friction);
    c->setRollingFriction(0);
    c->setActivationState(DISABLE_DEACTIVATION);
    w->dynamics->addCollisionObject(c, btBroadphaseProxy::CharacterFilter,
                                    btBroadphaseProxy::AllFilter ^ btBroadphaseProxy::CharacterFilter);
    if (link < 0) mb->setBaseCollider(c); else mb->getLink(link).m_collider = c;
    return c;
}

static void setup_links(const HandModel &m, btMultiBody *mb) {
    for (size_t i = 0; i < m.links.size(); ++i) {
        const bs_link_desc &l = m.links[i];
        btVector3 parentCom = l.parent < 0 ? btVector3(0, 0, 0) : m.comOffset[l.parent];
        btVector3 inertia = vec3(l.inertia) + btVector3(1, 1, 1) * m.desc.armature;
        mb->setupRevolute((int)i, l.mass, inertia, l.parent, quat(l.quat).inverse(),
                          vec3(l.axis).normalized(), vec3(l.pos) - parentCom, m.comOffset[i], true);
        mb->getLink((int)i).m_jointLowerLimit = l.lower;
        mb->getLink((int)i).m_jointUpperLimit = l.upper;
    }
}

static void add_limits(bs_world *w, btMultiBody *mb) {
    const HandModel &m = w->model;
    if (!m.desc.joint_limits) return;
    for (size_t i = 0; i < m.links.size(); ++i) {
        auto *limit = new btMultiBodyJointLimitConstraint(mb, (int)i, m.links[i].lower, m.links[i].upper);
        w->constraints.emplace_back(limit);
        w->dynamics->addMultiBodyConstraint(limit);
    }
}

/// Sets each joint's stiffness from its free inertia I = 1 / (M^-1)_jj in the resting open
/// hand (the inertia a torque on that joint alone meets, base recoil and the other joints
/// free): kp = I w^2. The free inertia is the smallest a joint can present, so with h w < 1 the
/// explicit stiffness is stable whatever the other joints do.
static void compute_gains(bs_world *w, btMultiBody *mb) {
    HandModel &m = w->model;
    const int dofs = mb->getNumDofs(), n = 6 + dofs;
    btAlignedObjectArray<btScalar> r;
    btAlignedObjectArray<btVector3> v;
    btAlignedObjectArray<btMatrix3x3> mats;
    mb->computeAccelerationsArticulatedBodyAlgorithmMultiDof(0, r, v, mats, false, false, false);
    std::vector<btScalar> force(n), accel(n);
    const float omega = m.desc.drive_bandwidth;
    m.kp.assign(dofs, 0);
    for (int j = 0; j < dofs; ++j) {
        std::fill(force.begin(), force.end(), 0);
        force[6 + j] = 1;
        mb->calcAccelerationDeltasMultiDof(force.data(), accel.data(), r, v);
        m.kp[j] = (float)(omega * omega / accel[6 + j]);
    }
}

bs_status bs_build_hand(bs_world *w, uint32_t e) {
    const HandModel &m = w->model;  // gains are filled in below, on the first hand
    if (w->linkShapes.empty()) build_link_shapes(w);
    auto *mb = new btMultiBody((int)m.links.size(), m.desc.palm_mass, vec3(m.desc.palm_inertia), false, false);
    w->hands.emplace_back(mb);
    setup_links(m, mb);
    mb->finalizeMultiDof();
    mb->setLinearDamping(0);
    mb->setAngularDamping(0);
    mb->setHasSelfCollision(false);
    mb->setCanSleep(false);
    mb->setBasePos(w->envs[e].origin);
    w->dynamics->addMultiBody(mb, btBroadphaseProxy::CharacterFilter,
                              btBroadphaseProxy::AllFilter ^ btBroadphaseProxy::CharacterFilter);
    EnvBodies &env = w->envs[e];
    env.hand = mb;
    env.colliders.assign(1 + m.links.size(), nullptr);
    for (size_t b = 0; b < env.colliders.size(); ++b)
        if (w->linkShapes[b]) {
            env.colliders[b] = add_collider(w, mb, (int)b - 1, w->linkShapes[b]);
            env.colliders[b]->setUserIndex2((int)e);  // the env, for per-env contact counts
        }
    for (size_t t = 0; t < m.tipLinks.size(); ++t) {
        btMultiBodyLinkCollider *c = env.colliders[1 + m.tipLinks[t]];
        if (!c) return bs_fail(w, BS_ERR_INVALID_ARG, "bs_world_create: tip %zu's link has no collision geometry", t);
        c->setUserIndex((int)(e * m.tipLinks.size() + t));
    }
    env.targets.assign(m.links.size(), 0.f);
    add_limits(w, mb);
    if (w->model.kp.empty()) compute_gains(w, mb);
    bs_update_link_cache(w, env);
    return BS_OK;
}
