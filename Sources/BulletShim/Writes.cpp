// Bulk writes: wrist wrenches, joint targets, resets, object velocities.
#include "ShimTypes.hpp"

extern "C" bs_status bs_hands_write_wrench(bs_world *w, const uint32_t *envs, uint32_t n, const float *wrench) {
    if (!w) return BS_ERR_INVALID_ARG;
    bs_status s = bs_check_envs(w, envs, n, "bs_hands_write_wrench");
    if (s == BS_OK) s = bs_check_array(w, wrench, (size_t)n * 6, "bs_hands_write_wrench", "wrench");
    if (s != BS_OK) return s;
    for (uint32_t i = 0; i < n; ++i)
        for (int k = 0; k < 6; ++k) w->envs[bs_env_at(envs, i)].wrench[k] = wrench[6 * i + k];
    return BS_OK;
}

static void set_targets(bs_world *w, EnvBodies &env, const float *targets) {
    const HandModel &m = w->model;
    for (size_t j = 0; j < m.links.size(); ++j) {
        const bs_link_desc &l = m.links[j];
        if (l.actuator < 0) continue;
        float q = targets[l.actuator];
        env.targets[j] = q < l.lower ? l.lower : (q > l.upper ? l.upper : q);
    }
}

extern "C" bs_status bs_hands_write_targets(bs_world *w, const uint32_t *envs, uint32_t n, const float *targets) {
    if (!w) return BS_ERR_INVALID_ARG;
    const size_t a = w->model.actuatorCount;
    bs_status s = bs_check_envs(w, envs, n, "bs_hands_write_targets");
    if (s == BS_OK) s = bs_check_array(w, targets, (size_t)n * a, "bs_hands_write_targets", "targets");
    if (s != BS_OK) return s;
    for (uint32_t i = 0; i < n; ++i) set_targets(w, w->envs[bs_env_at(envs, i)], targets + a * i);
    return BS_OK;
}

static bs_status check_reset(bs_world *w, const uint32_t *envs, uint32_t n, const float *root, const float *joints,
                             const uint32_t *assets, const float *objPose) {
    const char *fn = "bs_envs_reset";
    bs_status s = bs_check_envs(w, envs, n, fn);
    if (s == BS_OK) s = bs_check_array(w, root, (size_t)n * 7, fn, "hand_root_pose");
    if (s == BS_OK && joints) s = bs_check_array(w, joints, (size_t)n * w->model.links.size(), fn, "hand_joints");
    if (s == BS_OK) s = bs_check_array(w, objPose, (size_t)n * 7, fn, "object_pose");
    if (s != BS_OK) return s;
    if (!assets) return bs_fail(w, BS_ERR_INVALID_ARG, "%s: object_assets is NULL", fn);
    btTransform t;
    for (uint32_t i = 0; i < n; ++i) {
        if (assets[i] >= w->shapes->roots.size())
            return bs_fail(w, BS_ERR_INVALID_ARG, "%s: object_assets[%u] = %u is out of range (%zu assets)", fn, i,
                           assets[i], w->shapes->roots.size());
        if (!bs_read_pose(root + 7 * i, t) || !bs_read_pose(objPose + 7 * i, t))
            return bs_fail(w, BS_ERR_INVALID_ARG, "%s: row %u has a zero-length quaternion", fn, i);
    }
    return BS_OK;
}

static void reset_hand(bs_world *w, EnvBodies &env, const float *root, const float *joints) {
    btTransform t;
    bs_read_pose(root, t);
    btMultiBody *mb = env.hand;
    mb->setBasePos(env.origin + t.getOrigin());
    mb->setWorldToBaseRot(t.getRotation().inverse());
    mb->setBaseVel(btVector3(0, 0, 0));
    mb->setBaseOmega(btVector3(0, 0, 0));
    const HandModel &m = w->model;
    for (size_t j = 0; j < m.links.size(); ++j) {
        const bs_link_desc &l = m.links[j];
        float q = joints ? joints[j] : 0.f;  // not clamped: a restore must be exact
        mb->setJointPos((int)j, q);
        mb->setJointVel((int)j, 0);
        env.targets[j] = q < l.lower ? l.lower : (q > l.upper ? l.upper : q);
    }
    mb->clearForcesAndTorques();
    mb->clearVelocities();
    for (float &f : env.wrench) f = 0;
    bs_update_link_cache(w, env);
}

static void reset_object(bs_world *w, EnvBodies &env, uint32_t asset, const float *pose) {
    btTransform t;
    bs_read_pose(pose, t);
    t.setOrigin(t.getOrigin() + env.origin);
    btRigidBody *body = env.object;
    if (asset != env.asset) bs_set_object_asset(w, body, asset);
    env.asset = asset;
    body->setWorldTransform(t);
    body->setInterpolationWorldTransform(t);
    body->setLinearVelocity(btVector3(0, 0, 0));
    body->setAngularVelocity(btVector3(0, 0, 0));
    body->setInterpolationLinearVelocity(btVector3(0, 0, 0));
    body->setInterpolationAngularVelocity(btVector3(0, 0, 0));
    body->clearForces();
    body->updateInertiaTensor();
}

/// Drops cached contacts of the env's bodies and refreshes their bounding boxes.
static void forget_contacts(bs_world *w, EnvBodies &env) {
    btOverlappingPairCache *pairs = w->dynamics->getBroadphase()->getOverlappingPairCache();
    auto forget = [&](btCollisionObject *o) {
        if (!o || !o->getBroadphaseHandle()) return;
        pairs->cleanProxyFromPairs(o->getBroadphaseHandle(), w->dispatcher.get());
        w->dynamics->updateSingleAabb(o);
    };
    for (auto *c : env.colliders) forget(c);
    forget(env.object);
}

extern "C" bs_status bs_envs_reset(bs_world *w, const uint32_t *envs, uint32_t n, const float *root,
                                   const float *joints, const uint32_t *assets, const float *objPose) {
    if (!w) return BS_ERR_INVALID_ARG;
    bs_status s = check_reset(w, envs, n, root, joints, assets, objPose);
    if (s != BS_OK) return s;
    const size_t jc = w->model.links.size();
    for (uint32_t i = 0; i < n; ++i) {
        uint32_t e = bs_env_at(envs, i);
        EnvBodies &env = w->envs[e];
        reset_hand(w, env, root + 7 * i, joints ? joints + jc * i : nullptr);
        reset_object(w, env, assets[i], objPose + 7 * i);
        forget_contacts(w, env);
        for (size_t k = 0; k < w->model.tipLinks.size() * 3; ++k) w->tipForce[e * w->model.tipLinks.size() * 3 + k] = 0;
        for (size_t k = 0; k < w->model.tipLinks.size(); ++k) w->tipObjectForce[e * w->model.tipLinks.size() + k] = 0;
    }
    return BS_OK;
}

extern "C" bs_status bs_envs_restore(bs_world *w, const uint32_t *envs, uint32_t n, const float *root,
                                     const float *rootVel, const float *joints, const float *jointVel,
                                     const uint32_t *assets, const float *objPose, const float *objVel) {
    if (!w) return BS_ERR_INVALID_ARG;
    const char *fn = "bs_envs_restore";
    const size_t jc = w->model.links.size();
    bs_status s = check_reset(w, envs, n, root, joints, assets, objPose);
    if (s == BS_OK && rootVel) s = bs_check_array(w, rootVel, (size_t)n * 6, fn, "hand_root_velocity");
    if (s == BS_OK && jointVel) s = bs_check_array(w, jointVel, (size_t)n * jc, fn, "hand_joint_velocities");
    if (s == BS_OK && objVel) s = bs_check_array(w, objVel, (size_t)n * 6, fn, "object_velocity");
    if (s != BS_OK) return s;
    s = bs_envs_reset(w, envs, n, root, joints, assets, objPose);
    if (s != BS_OK) return s;
    for (uint32_t i = 0; i < n; ++i) {
        EnvBodies &env = w->envs[bs_env_at(envs, i)];
        if (rootVel) {
            env.hand->setBaseVel(btVector3(rootVel[6 * i], rootVel[6 * i + 1], rootVel[6 * i + 2]));
            env.hand->setBaseOmega(btVector3(rootVel[6 * i + 3], rootVel[6 * i + 4], rootVel[6 * i + 5]));
        }
        if (jointVel)
            for (size_t j = 0; j < jc; ++j) env.hand->setJointVel((int)j, jointVel[jc * i + j]);
        if (objVel) {
            env.object->setLinearVelocity(btVector3(objVel[6 * i], objVel[6 * i + 1], objVel[6 * i + 2]));
            env.object->setAngularVelocity(btVector3(objVel[6 * i + 3], objVel[6 * i + 4], objVel[6 * i + 5]));
        }
    }
    return BS_OK;
}

extern "C" bs_status bs_objects_write_velocity(bs_world *w, const uint32_t *envs, uint32_t n, const float *v) {
    if (!w) return BS_ERR_INVALID_ARG;
    bs_status s = bs_check_envs(w, envs, n, "bs_objects_write_velocity");
    if (s == BS_OK) s = bs_check_array(w, v, (size_t)n * 6, "bs_objects_write_velocity", "velocity");
    if (s != BS_OK) return s;
    for (uint32_t i = 0; i < n; ++i) {
        btRigidBody *b = w->envs[bs_env_at(envs, i)].object;
        b->setLinearVelocity(btVector3(v[6 * i], v[6 * i + 1], v[6 * i + 2]));
        b->setAngularVelocity(btVector3(v[6 * i + 3], v[6 * i + 4], v[6 * i + 5]));
    }
    return BS_OK;
}
