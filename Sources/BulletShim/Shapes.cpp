// Object collision shapes: one convex hull or a compound of hulls per asset, built once.
#include "ShimTypes.hpp"

#include <BulletCollision/CollisionShapes/btConvexHullShape.h>
#include <BulletCollision/CollisionShapes/btCompoundShape.h>

#include <cmath>
#include <cstdio>

/// Collision margin of object hulls, metres (Bullet's default 0.04 would swell small objects).
static const btScalar kHullMargin = 0.001f;

static bs_status fail(char *err, uint32_t size, const char *msg, uint32_t asset) {
    if (err && size) snprintf(err, size, "bs_shape_set_create: asset %u: %s", asset, msg);
    return BS_ERR_INVALID_ARG;
}

static bs_status check_asset(const bs_object_asset_desc &a, uint32_t i, char *err, uint32_t size) {
    if (a.hull_count == 0 || !a.hull_vertex_counts || !a.vertices) return fail(err, size, "no hulls", i);
    if (!(a.mass > 0) || !std::isfinite(a.mass)) return fail(err, size, "mass must be finite and > 0", i);
    for (int k = 0; k < 3; ++k)
        if (!(a.inertia[k] > 0) || !std::isfinite(a.inertia[k]))
            return fail(err, size, "inertia must be finite and > 0", i);
    size_t total = 0;
    for (uint32_t h = 0; h < a.hull_count; ++h) {
        if (a.hull_vertex_counts[h] < 4) return fail(err, size, "a hull has fewer than 4 vertices", i);
        total += a.hull_vertex_counts[h];
    }
    if (!bs_finite(a.vertices, total * 3)) return fail(err, size, "a vertex is not finite", i);
    return BS_OK;
}

static btConvexHullShape *make_hull(const float *v, uint32_t count) {
    auto *hull = new btConvexHullShape();
    for (uint32_t k = 0; k < count; ++k)
        hull->addPoint(btVector3(v[3 * k], v[3 * k + 1], v[3 * k + 2]), false);
    hull->recalcLocalAabb();
    hull->setMargin(kHullMargin);
    hull->optimizeConvexHull();
    hull->initializePolyhedralFeatures();
    return hull;
}

extern "C" bs_status bs_shape_set_create(const bs_object_asset_desc *assets, uint32_t asset_count,
                                         bs_shape_set **out, char *err, uint32_t err_size) {
    if (!out) return BS_ERR_INVALID_ARG;
    *out = nullptr;
    if (!assets || asset_count == 0) {
        if (err && err_size) snprintf(err, err_size, "bs_shape_set_create: no assets");
        return BS_ERR_INVALID_ARG;
    }
    for (uint32_t i = 0; i < asset_count; ++i) {
        bs_status s = check_asset(assets[i], i, err, err_size);
        if (s != BS_OK) return s;
    }
    auto set = std::make_unique<bs_shape_set>();
    for (uint32_t i = 0; i < asset_count; ++i) {
        const bs_object_asset_desc &a = assets[i];
        const float *v = a.vertices;
        btCollisionShape *root = nullptr;
        if (a.hull_count == 1) {
            root = make_hull(v, a.hull_vertex_counts[0]);
            set->owned.emplace_back(root);
        } else {
            auto *compound = new btCompoundShape(false, (int)a.hull_count);
            set->owned.emplace_back(compound);
            for (uint32_t h = 0; h < a.hull_count; ++h) {
                btConvexHullShape *hull = make_hull(v, a.hull_vertex_counts[h]);
                set->owned.emplace_back(hull);
                compound->addChildShape(btTransform::getIdentity(), hull);
                v += 3 * a.hull_vertex_counts[h];
            }
            compound->setMargin(kHullMargin);
            root = compound;
        }
        set->roots.push_back(root);
        set->mass.push_back(a.mass);
        set->inertia.push_back(btVector3(a.inertia[0], a.inertia[1], a.inertia[2]));
    }
    *out = set.release();
    return BS_OK;
}

extern "C" void bs_shape_set_destroy(bs_shape_set *set) { delete set; }

extern "C" uint32_t bs_shape_set_count(const bs_shape_set *set) { return set ? (uint32_t)set->roots.size() : 0; }
