// World creation, destruction and stepping.
#include "ShimTypes.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

static bs_status create_fail(char *err, uint32_t size, const char *msg) {
    if (err && size) snprintf(err, size, "bs_world_create: %s", msg);
    return BS_ERR_INVALID_ARG;
}

static const char *check_hand(const bs_hand_desc *h) {
    if (!h) return "hand is NULL";
    if (!h->links || h->link_count == 0) return "hand has no links";
    if (!h->geoms || h->geom_count == 0) return "hand has no collision geometry";
    if (h->tip_count == 0 || !h->tip_links || !h->tip_offsets) return "hand has no fingertips";
    if (!(h->palm_mass > 0) || !(h->palm_inertia[0] > 0) || !(h->palm_inertia[1] > 0) || !(h->palm_inertia[2] > 0))
        return "palm mass and inertia must be > 0";
    if (!(h->drive_bandwidth > 0) || !(h->drive_damping >= 0) || !(h->armature >= 0) ||
        !std::isfinite(h->drive_bandwidth) || !std::isfinite(h->drive_damping) || !std::isfinite(h->armature))
        return "drive_bandwidth must be > 0, drive_damping and armature >= 0";
    if (!(h->linear_damping >= 0) || !(h->angular_damping >= 0)) return "damping must be >= 0";
    for (uint32_t i = 0; i < h->link_count; ++i) {
        const bs_link_desc &l = h->links[i];
        if (l.parent < -1 || l.parent >= (int32_t)i) return "a link's parent must be -1 or an earlier link";
        if (!(l.mass > 0) || !(l.inertia[0] > 0) || !(l.inertia[1] > 0) || !(l.inertia[2] > 0))
            return "a link's mass and inertia must be > 0";
        if (!(l.lower <= l.upper)) return "a link's lower limit exceeds its upper limit";
        if (l.actuator >= (int32_t)h->actuator_count) return "a link's actuator index is out of range";
        if (l.couple_to >= (int32_t)h->link_count || l.couple_to == (int32_t)i) return "a link couples to a bad link";
        if (!bs_finite(l.pos, 3) || !bs_finite(l.quat, 4) || !bs_finite(l.axis, 3) || !bs_finite(l.com, 3))
            return "a link has a non-finite field";
    }
    for (uint32_t g = 0; g < h->geom_count; ++g) {
        const bs_geom_desc &d = h->geoms[g];
        if (d.link < -1 || d.link >= (int32_t)h->link_count) return "a geom names a bad link";
        if (d.kind > BS_GEOM_SPHERE) return "a geom has an unknown kind";
        if (!(d.size[0] > 0) || !bs_finite(d.pos, 3) || !bs_finite(d.quat, 4)) return "a geom has a bad size or pose";
    }
    for (uint32_t t = 0; t < h->tip_count; ++t)
        if (h->tip_links[t] < 0 || h->tip_links[t] >= (int32_t)h->link_count) return "a fingertip names a bad link";
    return nullptr;
}

static const char *check_desc(const bs_world_desc *d) {
    if (d->struct_size != sizeof(bs_world_desc)) return "struct_size does not match this shim's bs_world_desc";
    if (d->env_count == 0 || d->env_count > 65536) return "env_count must be in [1, 65536]";
    if (!(d->env_spacing >= 2)) return "env_spacing must be >= 2 m";
    if (!std::isfinite(d->gravity)) return "gravity is not finite";
    if (d->solver_iterations == 0 || d->solver_iterations > 200) return "solver_iterations must be in [1, 200]";
    if (!d->shapes || d->shapes->roots.empty()) return "shapes is NULL or empty";
    if (!bs_finite(d->table_half_extents, 3) || !bs_finite(d->table_center, 3)) return "table is not finite";
    if (!(d->table_friction >= 0) || !(d->object_friction >= 0) || !(d->object_rolling_friction >= 0))
        return "friction coefficients must be finite and >= 0";
    return check_hand(d->hand);
}

static void copy_model(bs_world *w, const bs_hand_desc *h) {
    HandModel &m = w->model;
    m.desc = *h;
    m.links.assign(h->links, h->links + h->link_count);
    m.geoms.assign(h->geoms, h->geoms + h->geom_count);
    m.tipLinks.assign(h->tip_links, h->tip_links + h->tip_count);
    for (uint32_t t = 0; t < h->tip_count; ++t)
        m.tipOffset.emplace_back(h->tip_offsets[3 * t], h->tip_offsets[3 * t + 1], h->tip_offsets[3 * t + 2]);
    for (const auto &l : m.links) m.comOffset.emplace_back(l.com[0], l.com[1], l.com[2]);
    m.actuatorCount = h->actuator_count;
}

/// Rolling resistance of a contact pair: Bullet's rule (each body's rolling coefficient times
/// the other's friction), except that a contact with a hand link gets none. Objects carry
/// rolling resistance so that balls and cylinders come to rest on the table; at the fingers it
/// only cost two extra solver rows per contact point (each an articulated-body pass through the
/// whole hand): 12 % of the instructions of a contact-heavy step, measured in docs/physics.md,
/// with the scripted grasp's library success within its noise (17.7 % of the training split,
/// 18.0 % before). Spinning resistance (one row) stays on
/// hand contacts: without it the same grasp lost 1.4 points. Bullet's material callbacks are
/// process-wide; every world sets the same function.
static btScalar combined_rolling_friction(const btCollisionObject *a, const btCollisionObject *b) {
    if (a->getInternalType() == btCollisionObject::CO_FEATHERSTONE_LINK ||
        b->getInternalType() == btCollisionObject::CO_FEATHERSTONE_LINK)
        return 0;
    return btManifoldResult::calculateCombinedRollingFriction(a, b);
}

static void create_dynamics(bs_world *w, const bs_world_desc *d) {
    gCalculateCombinedRollingFrictionCallback = combined_rolling_friction;
    btDefaultCollisionConstructionInfo info;
    info.m_defaultMaxPersistentManifoldPoolSize = (int)(64 * d->env_count + 64);
    info.m_defaultMaxCollisionAlgorithmPoolSize = (int)(64 * d->env_count + 64);
    w->config = std::make_unique<btDefaultCollisionConfiguration>(info);
    w->dispatcher = std::make_unique<btCollisionDispatcher>(w->config.get());
    w->broadphase = std::make_unique<btDbvtBroadphase>();
    w->solver = std::make_unique<btMultiBodyConstraintSolver>();
    w->dynamics = std::make_unique<btMultiBodyDynamicsWorld>(w->dispatcher.get(), w->broadphase.get(),
                                                             w->solver.get(), w->config.get());
    w->dynamics->setGravity(btVector3(0, 0, 0));  // the hand floats; objects get their own gravity
    w->dynamics->getSolverInfo().m_numIterations = (int)d->solver_iterations;
    w->dynamics->getDispatchInfo().m_useContinuous = false;
}

extern "C" bs_status bs_world_create(const bs_world_desc *desc, bs_world **out, char *err, uint32_t err_size) {
    if (!out) return create_fail(err, err_size, "out is NULL");
    *out = nullptr;
    if (!desc) return create_fail(err, err_size, "desc is NULL");
    if (const char *msg = check_desc(desc)) return create_fail(err, err_size, msg);
    auto w = std::make_unique<bs_world>();
    copy_model(w.get(), desc->hand);
    w->shapes = desc->shapes;
    w->envCount = desc->env_count;
    w->gravity = desc->gravity;
    w->tableHalf = btVector3(desc->table_half_extents[0], desc->table_half_extents[1], desc->table_half_extents[2]);
    w->tableCenter = btVector3(desc->table_center[0], desc->table_center[1], desc->table_center[2]);
    w->tableFriction = desc->table_friction;
    w->objectFriction = desc->object_friction;
    w->objectRollingFriction = desc->object_rolling_friction;
    create_dynamics(w.get(), desc);
    w->envs.resize(desc->env_count);
    uint32_t columns = (uint32_t)std::ceil(std::sqrt((double)desc->env_count));
    for (uint32_t e = 0; e < desc->env_count; ++e) {
        w->envs[e].origin = btVector3(desc->env_spacing * (e % columns), desc->env_spacing * (e / columns), 0);
        bs_build_scene(w.get(), e);
        if (bs_build_hand(w.get(), e) != BS_OK) return create_fail(err, err_size, w->error);
    }
    w->tipForce.assign((size_t)desc->env_count * w->model.tipLinks.size() * 3, 0.f);
    w->tipObjectForce.assign((size_t)desc->env_count * w->model.tipLinks.size(), 0.f);
    w->nonFinite.assign(desc->env_count, 0);
    w->scratchOmega.resize(w->model.links.size() + 1);
    w->scratchVel.resize(w->model.links.size() + 1);
    *out = w.release();
    return BS_OK;
}

extern "C" void bs_world_destroy(bs_world *w) {
    if (!w) return;
    // remove from the dynamics world before the objects are freed
    for (auto &c : w->constraints) w->dynamics->removeMultiBodyConstraint(c.get());
    for (auto &h : w->hands) w->dynamics->removeMultiBody(h.get());
    for (int i = w->dynamics->getNumCollisionObjects() - 1; i >= 0; --i)
        w->dynamics->removeCollisionObject(w->dynamics->getCollisionObjectArray()[i]);
    delete w;
}

/// Flags every env whose hand or object state (pose, velocities, joints) is not finite.
static void flag_nonfinite_envs(bs_world *w) {
    for (uint32_t e = 0; e < w->envCount; ++e) {
        const EnvBodies &env = w->envs[e];
        const btMultiBody *hand = env.hand;
        btScalar sum = hand->getBasePos().length2() + hand->getBaseVel().length2() + hand->getBaseOmega().length2()
            + hand->getWorldToBaseRot().length2()
            + env.object->getWorldTransform().getOrigin().length2() + env.object->getOrientation().length2()
            + env.object->getLinearVelocity().length2() + env.object->getAngularVelocity().length2();
        for (int j = 0; j < hand->getNumLinks(); ++j) sum += std::fabs(hand->getJointPos(j)) + std::fabs(hand->getJointVel(j));
        w->nonFinite[e] = std::isfinite(sum) ? 0 : 1;
    }
}

extern "C" bs_status bs_world_step(bs_world *w, float dt, uint32_t substeps) {
    if (!w) return BS_ERR_INVALID_ARG;
    if (!(dt > 0 && dt <= 1)) return bs_fail(w, BS_ERR_INVALID_ARG, "bs_world_step: dt = %g must be in (0, 1] s", (double)dt);
    if (substeps == 0 || substeps > 64)
        return bs_fail(w, BS_ERR_INVALID_ARG, "bs_world_step: substeps = %u must be in [1, 64]", substeps);
    float subDt = dt / (float)substeps;
    for (uint32_t s = 0; s < substeps; ++s) {
        bs_apply_drives(w, subDt);
        w->dynamics->stepSimulation(subDt, 0, subDt);
    }
    bs_gather_tip_forces(w, subDt);
    for (auto &env : w->envs) env.hand->forwardKinematics(w->fkRot, w->fkPos);  // link pose cache
    flag_nonfinite_envs(w);
    return BS_OK;
}

extern "C" bs_status bs_envs_read_nonfinite(const bs_world *w, uint8_t *flags) {
    if (!w) return BS_ERR_INVALID_ARG;
    if (!flags) return bs_fail(w, BS_ERR_INVALID_ARG, "bs_envs_read_nonfinite: flags is NULL");
    std::copy(w->nonFinite.begin(), w->nonFinite.end(), flags);
    return BS_OK;
}
