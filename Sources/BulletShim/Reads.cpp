// Bulk reads into caller-owned structure-of-arrays buffers.
#include "ShimTypes.hpp"

/// World transform of link `j`'s joint frame (-1 = palm).
static btTransform joint_frame(const bs_world *w, const btMultiBody *mb, int j) {
    if (j < 0) return mb->getBaseWorldTransform();
    const btTransform &com = mb->getLink(j).m_cachedWorldTransform;
    return btTransform(com.getRotation(), com * (-w->model.comOffset[j]));
}

static void read_tips(const bs_world *w, const EnvBodies &env, float *pose, float *vel) {
    const HandModel &m = w->model;
    const btMultiBody *mb = env.hand;
    if (vel) mb->compTreeLinkVelocities(w->scratchOmega.data(), w->scratchVel.data());
    for (size_t t = 0; t < m.tipLinks.size(); ++t) {
        int j = m.tipLinks[t];
        const btTransform &com = mb->getLink(j).m_cachedWorldTransform;
        btVector3 r = quatRotate(com.getRotation(), m.tipOffset[t] - m.comOffset[j]);
        if (pose) bs_write_pose(btTransform(com.getRotation(), com.getOrigin() + r), env.origin, pose + 7 * t);
        if (vel) {
            btVector3 omega = quatRotate(com.getRotation(), w->scratchOmega[j + 1]);
            btVector3 v = quatRotate(com.getRotation(), w->scratchVel[j + 1]) + omega.cross(r);
            for (int k = 0; k < 3; ++k) { vel[6 * t + k] = v[k]; vel[6 * t + 3 + k] = omega[k]; }
        }
    }
}

extern "C" bs_status bs_hands_read(const bs_world *w, const uint32_t *envs, uint32_t n, float *rootPose,
                                   float *rootVel, float *q, float *qd, float *tipPose, float *tipVel, float *tipForce) {
    if (!w) return BS_ERR_INVALID_ARG;
    bs_status s = bs_check_envs(w, envs, n, "bs_hands_read");
    if (s != BS_OK) return s;
    const size_t jc = w->model.links.size(), tc = w->model.tipLinks.size();
    for (uint32_t i = 0; i < n; ++i) {
        uint32_t e = bs_env_at(envs, i);
        const EnvBodies &env = w->envs[e];
        const btMultiBody *mb = env.hand;
        if (rootPose) {
            // the multibody stores its orientation as a quaternion: read it exactly
            btTransform root(mb->getWorldToBaseRot().inverse(), mb->getBasePos());
            bs_write_pose(root, env.origin, rootPose + 7 * i);
        }
        if (rootVel) {
            btVector3 v = mb->getBaseVel(), o = mb->getBaseOmega();
            for (int k = 0; k < 3; ++k) { rootVel[6 * i + k] = v[k]; rootVel[6 * i + 3 + k] = o[k]; }
        }
        for (size_t j = 0; j < jc; ++j) {
            if (q) q[jc * i + j] = mb->getJointPos((int)j);
            if (qd) qd[jc * i + j] = mb->getJointVel((int)j);
        }
        if (tipPose || tipVel) read_tips(w, env, tipPose ? tipPose + 7 * tc * i : nullptr, tipVel ? tipVel + 6 * tc * i : nullptr);
        if (tipForce)
            for (size_t k = 0; k < 3 * tc; ++k) tipForce[3 * tc * i + k] = w->tipForce[3 * tc * e + k];
    }
    return BS_OK;
}

extern "C" bs_status bs_hands_read_tip_object_force(const bs_world *w, const uint32_t *envs, uint32_t n, float *force) {
    if (!w || !force) return BS_ERR_INVALID_ARG;
    bs_status s = bs_check_envs(w, envs, n, "bs_hands_read_tip_object_force");
    if (s != BS_OK) return s;
    const size_t tc = w->model.tipLinks.size();
    for (uint32_t i = 0; i < n; ++i) {
        uint32_t e = bs_env_at(envs, i);
        for (size_t k = 0; k < tc; ++k) force[tc * i + k] = w->tipObjectForce[tc * e + k];
    }
    return BS_OK;
}

extern "C" bs_status bs_objects_read(const bs_world *w, const uint32_t *envs, uint32_t n, float *pose, float *vel,
                                     uint32_t *asset) {
    if (!w) return BS_ERR_INVALID_ARG;
    bs_status s = bs_check_envs(w, envs, n, "bs_objects_read");
    if (s != BS_OK) return s;
    for (uint32_t i = 0; i < n; ++i) {
        const EnvBodies &env = w->envs[bs_env_at(envs, i)];
        const btRigidBody *b = env.object;
        if (pose) bs_write_pose(b->getWorldTransform(), env.origin, pose + 7 * i);
        if (vel) {
            btVector3 v = b->getLinearVelocity(), o = b->getAngularVelocity();
            for (int k = 0; k < 3; ++k) { vel[6 * i + k] = v[k]; vel[6 * i + 3 + k] = o[k]; }
        }
        if (asset) asset[i] = env.asset;
    }
    return BS_OK;
}

extern "C" bs_status bs_envs_read_contact_count(const bs_world *w, const uint32_t *envs, uint32_t n, uint32_t *count) {
    if (!w) return BS_ERR_INVALID_ARG;
    bs_status s = bs_check_envs(w, envs, n, "bs_envs_read_contact_count");
    if (s != BS_OK) return s;
    if (!count) return bs_fail(w, BS_ERR_INVALID_ARG, "bs_envs_read_contact_count: count is NULL");
    // every body but the shared ground carries its env in user index 2 (Hand.cpp, Scene.cpp)
    w->scratchContacts.assign(w->envCount, 0);
    const btCollisionDispatcher *d = w->dispatcher.get();
    for (int i = 0; i < d->getNumManifolds(); ++i) {
        const btPersistentManifold *m = d->getManifoldByIndexInternal(i);
        int e = m->getBody0()->getUserIndex2();
        if (e < 0) e = m->getBody1()->getUserIndex2();
        if (e >= 0 && e < (int)w->envCount) w->scratchContacts[e] += (uint32_t)m->getNumContacts();
    }
    for (uint32_t i = 0; i < n; ++i) count[i] = w->scratchContacts[bs_env_at(envs, i)];
    return BS_OK;
}

extern "C" bs_status bs_hands_read_link_poses(const bs_world *w, const uint32_t *envs, uint32_t n, float *poses) {
    if (!w) return BS_ERR_INVALID_ARG;
    bs_status s = bs_check_envs(w, envs, n, "bs_hands_read_link_poses");
    if (s != BS_OK) return s;
    if (!poses) return bs_fail(w, BS_ERR_INVALID_ARG, "bs_hands_read_link_poses: poses is NULL");
    const int bodies = 1 + (int)w->model.links.size();
    for (uint32_t i = 0; i < n; ++i) {
        const EnvBodies &env = w->envs[bs_env_at(envs, i)];
        for (int b = 0; b < bodies; ++b)
            bs_write_pose(joint_frame(w, env.hand, b - 1), env.origin, poses + 7 * (bodies * i + b));
    }
    return BS_OK;
}
