// Static scenery (ground plane, one table per env) and the object body of each env.
#include "ShimTypes.hpp"

static void add_ground(bs_world *w) {
    w->groundShape = std::make_unique<btStaticPlaneShape>(btVector3(0, 0, 1), 0);
    w->ground = std::make_unique<btCollisionObject>();
    w->ground->setCollisionShape(w->groundShape.get());
    w->ground->setFriction(w->tableFriction);
    w->dynamics->addCollisionObject(w->ground.get(), btBroadphaseProxy::StaticFilter,
                                    btBroadphaseProxy::AllFilter ^ btBroadphaseProxy::StaticFilter);
}

static void add_table(bs_world *w, uint32_t e) {
    if (!w->tableShape) {
        auto *box = new btBoxShape(w->tableHalf);
        box->setMargin(0.001f);
        w->tableShape.reset(box);
    }
    auto *table = new btCollisionObject();
    w->tables.emplace_back(table);
    table->setCollisionShape(w->tableShape.get());
    table->setWorldTransform(btTransform(btQuaternion::getIdentity(), w->envs[e].origin + w->tableCenter));
    table->setFriction(w->tableFriction);
    table->setUserIndex2((int)e);  // the env, for per-env contact counts
    w->dynamics->addCollisionObject(table, btBroadphaseProxy::StaticFilter,
                                    btBroadphaseProxy::AllFilter ^ btBroadphaseProxy::StaticFilter);
    w->envs[e].table = table;
}

/// Gives `body` the shape, mass and inertia of `asset`.
void bs_set_object_asset(bs_world *w, btRigidBody *body, uint32_t asset) {
    const bs_shape_set &s = *w->shapes;
    body->setCollisionShape(s.roots[asset]);
    body->setMassProps(s.mass[asset], s.inertia[asset]);
    body->updateInertiaTensor();
    body->setGravity(btVector3(0, 0, -w->gravity * 1));
}

static void add_object(bs_world *w, uint32_t e) {
    const bs_shape_set &s = *w->shapes;
    btRigidBody::btRigidBodyConstructionInfo info(s.mass[0], nullptr, s.roots[0], s.inertia[0]);
    info.m_friction = w->objectFriction;
    info.m_rollingFriction = w->objectRollingFriction;
    info.m_spinningFriction = w->objectRollingFriction;
    info.m_startWorldTransform.setOrigin(w->envs[e].origin + btVector3(0, 0, 1));
    auto *body = new btRigidBody(info);
    w->objects.emplace_back(body);
    body->setFlags(body->getFlags() | BT_DISABLE_WORLD_GRAVITY);
    body->setActivationState(DISABLE_DEACTIVATION);
    body->setUserIndex2((int)e);  // the env, for per-env contact counts
    w->dynamics->addRigidBody(body);
    bs_set_object_asset(w, body, 0);
    w->envs[e].object = body;
    w->envs[e].asset = 0;
}

void bs_build_scene(bs_world *w, uint32_t e) {
    if (!w->ground) add_ground(w);
    add_table(w, e);
    add_object(w, e);
}
