// Thread-local error messages and the small helpers every shim call uses.
#include "ShimInternal.h"

#include <cmath>
#include <cstring>

namespace {
thread_local char last_error_buffer[512] = "";
}

extern "C" uint32_t gs_abi_version(void) { return 1; }

extern "C" const char *gs_last_error(void) { return last_error_buffer; }

namespace gs {

gs_status fail(gs_status status, const std::string &message) {
    std::strncpy(last_error_buffer, message.c_str(), sizeof(last_error_buffer) - 1);
    last_error_buffer[sizeof(last_error_buffer) - 1] = '\0';
    return status;
}

gs_status ok() {
    last_error_buffer[0] = '\0';
    return GS_OK;
}

gs_status check_points(const float *xyz, int32_t count, int32_t min_count) {
    if (xyz == nullptr) return fail(GS_ERR_INVALID_ARG, "points pointer is null");
    if (count < min_count)
        return fail(GS_ERR_INVALID_ARG, "need at least " + std::to_string(min_count) + " points, got " +
                                            std::to_string(count));
    if (count > kMaxPoints)
        return fail(GS_ERR_CAPACITY, "too many points: " + std::to_string(count));
    for (int64_t i = 0; i < int64_t(count) * 3; ++i) {
        if (!std::isfinite(xyz[i]))
            return fail(GS_ERR_NON_FINITE, "point " + std::to_string(i / 3) + " is not finite");
    }
    return GS_OK;
}

gs_status copy_mesh(const gs_mesh &mesh, float *out_xyz, int32_t capacity_xyz,
                    int32_t *out_triangles, int32_t capacity_triangles) {
    if (out_xyz == nullptr || out_triangles == nullptr)
        return fail(GS_ERR_INVALID_ARG, "output pointer is null");
    if (int64_t(capacity_xyz) < int64_t(mesh.xyz.size()) ||
        int64_t(capacity_triangles) < int64_t(mesh.triangles.size()))
        return fail(GS_ERR_CAPACITY, "output arrays too small");
    std::memcpy(out_xyz, mesh.xyz.data(), mesh.xyz.size() * sizeof(float));
    std::memcpy(out_triangles, mesh.triangles.data(), mesh.triangles.size() * sizeof(int32_t));
    return ok();
}

}  // namespace gs

extern "C" gs_status gs_mesh_counts(const gs_mesh *mesh, int32_t *out_vertex_count,
                                    int32_t *out_triangle_count) {
    if (mesh == nullptr || out_vertex_count == nullptr || out_triangle_count == nullptr)
        return gs::fail(GS_ERR_INVALID_ARG, "null argument");
    *out_vertex_count = int32_t(mesh->xyz.size() / 3);
    *out_triangle_count = int32_t(mesh->triangles.size() / 3);
    return gs::ok();
}

extern "C" gs_status gs_mesh_copy(const gs_mesh *mesh, float *out_xyz, int32_t capacity_xyz,
                                  int32_t *out_triangles, int32_t capacity_triangles) {
    if (mesh == nullptr) return gs::fail(GS_ERR_INVALID_ARG, "mesh is null");
    return gs::copy_mesh(*mesh, out_xyz, capacity_xyz, out_triangles, capacity_triangles);
}

extern "C" void gs_mesh_destroy(gs_mesh *mesh) { delete mesh; }
