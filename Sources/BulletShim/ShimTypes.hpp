// Internal C++ types behind the opaque handles of bullet_shim.h.
#pragma once

#include "bullet_shim.h"

#include <btBulletDynamicsCommon.h>
#include <BulletDynamics/Featherstone/btMultiBody.h>
#include <BulletDynamics/Featherstone/btMultiBodyConstraintSolver.h>
#include <BulletDynamics/Featherstone/btMultiBodyDynamicsWorld.h>
#include <BulletDynamics/Featherstone/btMultiBodyLinkCollider.h>

#include <memory>
#include <vector>

/// Collision shapes of the object assets; read-only once built, shared by worlds.
struct bs_shape_set {
    std::vector<std::unique_ptr<btCollisionShape>> owned; ///< every shape, children included
    std::vector<btCollisionShape *> roots;                ///< [asset] shape given to bodies
    std::vector<float> mass;                              ///< [asset] kg
    std::vector<btVector3> inertia;                       ///< [asset] principal moments, kg m^2
};

/// Immutable copy of the hand description (the caller's arrays are not kept).
struct HandModel {
    std::vector<bs_link_desc> links;  ///< [link]
    std::vector<bs_geom_desc> geoms;  ///< [geom]
    std::vector<int32_t> tipLinks;    ///< [tip]
    std::vector<btVector3> tipOffset; ///< [tip] metres, link joint frame
    std::vector<btVector3> comOffset; ///< [link] com in the joint frame (collider frame = com frame)
    bs_hand_desc desc;                ///< scalars (pointers inside are dangling; do not use)
    uint32_t actuatorCount = 0;       ///< actuated joints
    std::vector<float> kp;            ///< [link] PD stiffness from the free joint inertia, N m/rad
};

/// The bodies of one scene.
struct EnvBodies {
    btMultiBody *hand = nullptr;                        ///< floating hand
    std::vector<btMultiBodyLinkCollider *> colliders;   ///< [1 + link], palm first
    btRigidBody *object = nullptr;                      ///< the object
    btCollisionObject *table = nullptr;                 ///< static table
    uint32_t asset = 0;                                 ///< current object asset
    btVector3 origin;                                   ///< env origin in the Bullet world, metres
    float wrench[6] = {0, 0, 0, 0, 0, 0};               ///< N, N m, world axes
    std::vector<float> targets;                         ///< [link] rad, PD target of actuated joints
};

/// A Bullet dynamics world holding env_count scenes.
struct bs_world {
    HandModel model;                                      ///< hand description
    const bs_shape_set *shapes = nullptr;                 ///< object shapes (not owned)
    uint32_t envCount = 0;                                ///< scenes
    float gravity = 9.81f;                                ///< m/s^2, objects only
    btVector3 tableHalf, tableCenter;                     ///< metres
    float tableFriction = 1, objectFriction = 1;          ///< coefficients
    float objectRollingFriction = 0;                      ///< metres

    std::unique_ptr<btDefaultCollisionConfiguration> config;
    std::unique_ptr<btCollisionDispatcher> dispatcher;
    std::unique_ptr<btBroadphaseInterface> broadphase;
    std::unique_ptr<btMultiBodyConstraintSolver> solver;
    std::unique_ptr<btMultiBodyDynamicsWorld> dynamics;

    std::vector<std::unique_ptr<btCollisionShape>> handShapes; ///< hand and table shapes
    std::vector<btCollisionShape *> linkShapes;                ///< [1 + link] palm first
    std::unique_ptr<btCollisionShape> groundShape;
    std::unique_ptr<btCollisionShape> tableShape;
    std::unique_ptr<btCollisionObject> ground;
    std::vector<std::unique_ptr<btCollisionObject>> tables;    ///< [env]
    std::vector<std::unique_ptr<btMultiBodyLinkCollider>> colliders;
    std::vector<std::unique_ptr<btMultiBodyConstraint>> constraints;
    std::vector<std::unique_ptr<btMultiBody>> hands;           ///< [env]
    std::vector<std::unique_ptr<btRigidBody>> objects;         ///< [env]
    std::vector<EnvBodies> envs;                               ///< [env]

    std::vector<float> tipForce;                               ///< [env, tip, 3] N, last substep
    std::vector<float> tipObjectForce;                         ///< [env, tip] N, normal force between tip and its env's object, last substep
    std::vector<uint8_t> nonFinite;                            ///< [env] 1 = the last step left the env's state non-finite
    mutable std::vector<btVector3> scratchOmega, scratchVel;   ///< [1 + link] link velocity scratch
    mutable std::vector<uint32_t> scratchContacts;             ///< [env] contact count scratch
    btAlignedObjectArray<btQuaternion> fkRot;                 ///< forward-kinematics scratch
    btAlignedObjectArray<btVector3> fkPos;                    ///< forward-kinematics scratch
    mutable char error[512] = {0};                             ///< last error message
};

// Shared helpers (Validate.cpp).
bs_status bs_fail(const bs_world *w, bs_status s, const char *fmt, ...);
bool bs_finite(const float *v, size_t n);
bs_status bs_check_envs(const bs_world *w, const uint32_t *envs, uint32_t n, const char *fn);
bs_status bs_check_array(const bs_world *w, const float *v, size_t n, const char *fn, const char *field);
inline uint32_t bs_env_at(const uint32_t *envs, uint32_t i) { return envs ? envs[i] : i; }
bool bs_read_pose(const float *p, btTransform &out);
void bs_write_pose(const btTransform &t, const btVector3 &origin, float *out);

// World building (Hand.cpp, Scene.cpp).
bs_status bs_build_hand(bs_world *w, uint32_t env);
void bs_build_scene(bs_world *w, uint32_t env);
void bs_set_object_asset(bs_world *w, btRigidBody *body, uint32_t asset);
void bs_apply_drives(bs_world *w, float subDt);
void bs_gather_tip_forces(bs_world *w, float subDt);
void bs_update_link_cache(bs_world *w, EnvBodies &env);
