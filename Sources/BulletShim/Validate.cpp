// Argument checks and error messages shared by every call.
#include "ShimTypes.hpp"

#include <cmath>
#include <cstdarg>
#include <cstdio>

bs_status bs_fail(const bs_world *w, bs_status s, const char *fmt, ...) {
    if (!w) return s;
    va_list args;
    va_start(args, fmt);
    vsnprintf(w->error, sizeof(w->error), fmt, args);
    va_end(args);
    return s;
}

bool bs_finite(const float *v, size_t n) {
    for (size_t i = 0; i < n; ++i)
        if (!std::isfinite(v[i])) return false;
    return true;
}

bs_status bs_check_envs(const bs_world *w, const uint32_t *envs, uint32_t n, const char *fn) {
    if (!envs) {
        if (n != w->envCount)
            return bs_fail(w, BS_ERR_INVALID_ARG, "%s: envs is NULL (all envs) but n = %u, world has %u envs",
                           fn, n, w->envCount);
        return BS_OK;
    }
    for (uint32_t i = 0; i < n; ++i)
        if (envs[i] >= w->envCount)
            return bs_fail(w, BS_ERR_INVALID_ARG, "%s: envs[%u] = %u is out of range (world has %u envs)",
                           fn, i, envs[i], w->envCount);
    return BS_OK;
}

bs_status bs_check_array(const bs_world *w, const float *v, size_t n, const char *fn, const char *field) {
    if (!v) return bs_fail(w, BS_ERR_INVALID_ARG, "%s: %s is NULL", fn, field);
    for (size_t i = 0; i < n; ++i)
        if (!std::isfinite(v[i]))
            return bs_fail(w, BS_ERR_INVALID_ARG, "%s: %s[%zu] is not finite (%g)", fn, field, i, (double)v[i]);
    return BS_OK;
}

bool bs_read_pose(const float *p, btTransform &out) {
    btQuaternion q(p[3], p[4], p[5], p[6]);
    btScalar len = q.length();
    if (!(len > 1e-6f)) return false;
    out.setOrigin(btVector3(p[0], p[1], p[2]));
    // normalise only when needed, so a quaternion read from the shim restores bit for bit
    out.setRotation(std::fabs(len - 1) > 1e-6f ? q / len : q);
    return true;
}

void bs_write_pose(const btTransform &t, const btVector3 &origin, float *out) {
    btVector3 p = t.getOrigin() - origin;
    btQuaternion q = t.getRotation();
    if (q.w() < 0) q = -q;  // one sign for every quaternion: w >= 0
    out[0] = p.x(); out[1] = p.y(); out[2] = p.z();
    out[3] = q.x(); out[4] = q.y(); out[5] = q.z(); out[6] = q.w();
}

extern "C" uint32_t bs_abi_version(void) { return BS_ABI_VERSION; }

extern "C" const char *bs_world_last_error(const bs_world *world) {
    return world ? world->error : "bs_world_last_error: world is NULL";
}
