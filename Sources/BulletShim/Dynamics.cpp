// Per-substep drives (wrist wrench with implicit damping, finger PD torques) and per-step
// fingertip contact forces.
#include "ShimTypes.hpp"

#include <cstring>

/// Applies each env's wrist wrench to the palm with damping integrated implicitly, so the
/// heavy published damping is stable at any substep: for mass m, damping c, force F and
/// velocity v, the applied force is (F - c v) / (1 + dt c / m), which makes the explicit
/// update v' = v + dt F' / m equal the implicit v' = (m v + dt F) / (m + dt c). Rotation is
/// damped the same way about each principal axis of the palm.
static void apply_wrench(bs_world *w, float subDt) {
    const bs_hand_desc &h = w->model.desc;
    const float cl = h.linear_damping, ca = h.angular_damping;
    for (auto &env : w->envs) {
        btMultiBody *mb = env.hand;
        mb->clearForcesAndTorques();
        btScalar mass = mb->getBaseMass();
        for (int i = 0; i < mb->getNumLinks(); ++i) mass += mb->getLinkMass(i);
        btVector3 force(env.wrench[0], env.wrench[1], env.wrench[2]);
        mb->addBaseForce((force - cl * mb->getBaseVel()) / (1 + subDt * cl / mass));
        // torque in the palm's principal frame
        btQuaternion worldToBase = mb->getWorldToBaseRot();
        btVector3 tau = quatRotate(worldToBase, btVector3(env.wrench[3], env.wrench[4], env.wrench[5]));
        btVector3 omega = quatRotate(worldToBase, mb->getBaseOmega());
        const btVector3 &inertia = mb->getBaseInertia();
        btVector3 applied;
        for (int k = 0; k < 3; ++k) applied[k] = (tau[k] - ca * omega[k]) / (1 + subDt * ca / inertia[k]);
        mb->addBaseTorque(quatRotate(worldToBase.inverse(), applied));
    }
}

/// Finger drive, split in two: joint velocities first decay implicitly (v / (1 + h rate),
/// unconditionally stable however light the link), then an explicit stiffness torque
/// kp (target - q), clamped to the actuator limit. Actuated joints track their targets; a
/// coupled joint tracks ratio x its driver's current angle (the tendon) with the driver's
/// torque limit. Targets are already within the joint limits.
static void apply_finger_pd(bs_world *w, float subDt) {
    const HandModel &m = w->model;
    const float decay = 1.0f / (1.0f + subDt * m.desc.drive_damping);
    for (auto &env : w->envs) {
        btMultiBody *mb = env.hand;
        for (size_t j = 0; j < m.links.size(); ++j) {
            const bs_link_desc &l = m.links[j];
            float target, limit;
            if (l.couple_to >= 0) {
                target = l.couple_ratio * mb->getJointPos(l.couple_to);
                target = target < l.lower ? l.lower : (target > l.upper ? l.upper : target);
                limit = m.links[l.couple_to].max_force;
            } else if (l.actuator >= 0) {
                target = env.targets[j];
                limit = l.max_force;
            } else {
                continue;
            }
            mb->setJointVel((int)j, mb->getJointVel((int)j) * decay);
            float tau = m.kp[j] * (target - mb->getJointPos((int)j));
            tau = tau < -limit ? -limit : (tau > limit ? limit : tau);
            mb->addJointTorque((int)j, tau);
        }
    }
}

void bs_apply_drives(bs_world *w, float subDt) {
    apply_wrench(w, subDt);  // clears the previous substep's forces first
    apply_finger_pd(w, subDt);
}

/// Sums, per fingertip link, the contact impulses of the last substep divided by its length.
void bs_gather_tip_forces(bs_world *w, float subDt) {
    std::memset(w->tipForce.data(), 0, w->tipForce.size() * sizeof(float));
    std::memset(w->tipObjectForce.data(), 0, w->tipObjectForce.size() * sizeof(float));
    const float inv = 1.0f / subDt;
    const int tc = (int)w->model.tipLinks.size();
    btCollisionDispatcher *d = w->dispatcher.get();
    for (int i = 0; i < d->getNumManifolds(); ++i) {
        const btPersistentManifold *m = d->getManifoldByIndexInternal(i);
        int ia = m->getBody0()->getUserIndex(), ib = m->getBody1()->getUserIndex();
        if (ia < 0 && ib < 0) continue;
        btVector3 sum(0, 0, 0);
        float normal = 0;
        for (int p = 0; p < m->getNumContacts(); ++p) {
            const btManifoldPoint &pt = m->getContactPoint(p);
            sum += pt.m_normalWorldOnB * pt.m_appliedImpulse + pt.m_lateralFrictionDir1 * pt.m_appliedImpulseLateral1 +
                   pt.m_lateralFrictionDir2 * pt.m_appliedImpulseLateral2;
            normal += pt.m_appliedImpulse;
        }
        sum *= inv;  // the normal points from B to A: +sum acts on A, -sum on B
        normal *= inv;
        if (ia >= 0) {
            for (int k = 0; k < 3; ++k) w->tipForce[3 * ia + k] += sum[k];
            if (m->getBody1() == w->envs[ia / tc].object) w->tipObjectForce[ia] += normal;
        }
        if (ib >= 0) {
            for (int k = 0; k < 3; ++k) w->tipForce[3 * ib + k] -= sum[k];
            if (m->getBody0() == w->envs[ib / tc].object) w->tipObjectForce[ib] += normal;
        }
    }
}

/// Recomputes every link's world transform (m_cachedWorldTransform) and the colliders'.
void bs_update_link_cache(bs_world *w, EnvBodies &env) {
    env.hand->forwardKinematics(w->fkRot, w->fkPos);
    env.hand->updateCollisionObjectWorldTransforms(w->fkRot, w->fkPos);
}
