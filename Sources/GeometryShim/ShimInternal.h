// Internal helpers shared by the GeometryShim .cpp files (not part of the C API).
#pragma once

#include "geometry_shim.h"

#include <cstdint>
#include <string>
#include <vector>

/// A triangle mesh owned by the shim: flat xyz floats and int32 index triples.
struct gs_mesh {
    std::vector<float> xyz;
    std::vector<int32_t> triangles;
};

/// Convex pieces of a decomposition.
struct gs_decomposition {
    std::vector<gs_mesh> pieces;
};

namespace gs {

/// Hard input limits: larger inputs return GS_ERR_CAPACITY instead of exhausting memory.
constexpr int32_t kMaxPoints = 4'000'000;
constexpr int32_t kMaxTriangles = 4'000'000;

/// Records `message` as the thread's last error and returns `status`.
gs_status fail(gs_status status, const std::string &message);

/// Clears the thread's last error and returns GS_OK.
gs_status ok();

/// Checks a flat xyz array: non-null, count in [min_count, kMaxPoints], all finite.
gs_status check_points(const float *xyz, int32_t count, int32_t min_count);

/// Convex hull of `count` points in double precision; fills `out` (outward triangles).
gs_status hull_of_points(const double *xyz, int32_t count, gs_mesh &out);

/// Copies a mesh into caller arrays after checking capacities.
gs_status copy_mesh(const gs_mesh &mesh, float *out_xyz, int32_t capacity_xyz,
                    int32_t *out_triangles, int32_t capacity_triangles);

}  // namespace gs
