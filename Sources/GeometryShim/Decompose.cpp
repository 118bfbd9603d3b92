// Convex decomposition of a triangle mesh through Bullet's HACD (libbullet-extras-dev).
#include "ShimInternal.h"

#include <HACD/hacdHACD.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <new>

namespace {

/// HACD works in normalised units where the bounding-box diagonal is 2 * scale.
constexpr double kHacdScale = 1000.0;

/// Validates indices and drops triangles that repeat a vertex; returns HACD triangles.
gs_status collect_triangles(const int32_t *triangles, int32_t triangle_count, int32_t vertex_count,
                            std::vector<HACD::Vec3<long>> &out) {
    out.reserve(size_t(triangle_count));
    for (int32_t t = 0; t < triangle_count; ++t) {
        const int32_t a = triangles[3 * t], b = triangles[3 * t + 1], c = triangles[3 * t + 2];
        if (a < 0 || b < 0 || c < 0 || a >= vertex_count || b >= vertex_count || c >= vertex_count)
            return gs::fail(GS_ERR_INVALID_ARG, "triangle " + std::to_string(t) + " has an index out of range");
        if (a == b || b == c || a == c) continue;
        out.emplace_back(a, b, c);
    }
    if (out.size() < 4) return gs::fail(GS_ERR_DEGENERATE, "fewer than 4 non-degenerate triangles");
    return GS_OK;
}

/// Checks the descriptor's ranges.
gs_status check_desc(const gs_decompose_desc *desc) {
    if (desc == nullptr) return gs::fail(GS_ERR_INVALID_ARG, "desc is null");
    if (desc->struct_size < sizeof(gs_decompose_desc))
        return gs::fail(GS_ERR_INVALID_ARG, "desc.struct_size too small");
    if (desc->min_clusters < 1 || desc->min_clusters > 256)
        return gs::fail(GS_ERR_INVALID_ARG, "min_clusters must be in [1, 256]");
    if (desc->max_vertices_per_hull < 4) return gs::fail(GS_ERR_INVALID_ARG, "max_vertices_per_hull < 4");
    if (!(desc->concavity > 0) || !(desc->compacity_weight >= 0) || !(desc->volume_weight >= 0) ||
        !(desc->connect_distance >= 0))
        return gs::fail(GS_ERR_INVALID_ARG, "concavity must be > 0 and weights >= 0");
    return GS_OK;
}

/// Runs HACD and converts every cluster to an outward-oriented hull mesh.
gs_status run_hacd(std::vector<HACD::Vec3<HACD::Real>> &points, std::vector<HACD::Vec3<long>> &tris,
                   const gs_decompose_desc &desc, double diagonal, gs_decomposition &out) {
    HACD::HACD hacd;
    hacd.SetPoints(points.data());
    hacd.SetNPoints(points.size());
    hacd.SetTriangles(tris.data());
    hacd.SetNTriangles(tris.size());
    hacd.SetScaleFactor(kHacdScale);
    hacd.SetCompacityWeight(desc.compacity_weight);
    hacd.SetVolumeWeight(desc.volume_weight);
    hacd.SetNClusters(size_t(desc.min_clusters));
    hacd.SetNVerticesPerCH(size_t(desc.max_vertices_per_hull));
    // concavity and connect distance arrive in mesh units; HACD wants its normalised units
    const double to_hacd = 2.0 * kHacdScale / diagonal;
    hacd.SetConcavity(desc.concavity * to_hacd);
    hacd.SetConnectDist(desc.connect_distance * to_hacd);
    hacd.SetAddExtraDistPoints(desc.add_extra_dist_points != 0);
    hacd.SetAddNeighboursDistPoints(false);
    hacd.SetAddFacesPoints(desc.add_face_points != 0);
    if (!hacd.Compute()) return gs::fail(GS_ERR_FAILED, "HACD found no decomposition");
    const size_t clusters = hacd.GetNClusters();
    for (size_t c = 0; c < clusters; ++c) {
        const size_t np = hacd.GetNPointsCH(c), nt = hacd.GetNTrianglesCH(c);
        if (np < 4 || nt < 4) continue;
        std::vector<HACD::Vec3<HACD::Real>> ch_points(np);
        std::vector<HACD::Vec3<long>> ch_tris(nt);
        if (!hacd.GetCH(c, ch_points.data(), ch_tris.data())) continue;
        std::vector<double> coords(np * 3);
        for (size_t i = 0; i < np; ++i) {
            coords[3 * i] = ch_points[i].X();
            coords[3 * i + 1] = ch_points[i].Y();
            coords[3 * i + 2] = ch_points[i].Z();
        }
        gs_mesh piece;
        if (gs::hull_of_points(coords.data(), int32_t(np), piece) == GS_OK) out.pieces.push_back(std::move(piece));
    }
    if (out.pieces.empty()) return gs::fail(GS_ERR_FAILED, "HACD produced only degenerate pieces");
    return GS_OK;
}

}  // namespace

extern "C" gs_status gs_decompose(const float *vertices_xyz, int32_t vertex_count, const int32_t *triangles,
                                  int32_t triangle_count, const gs_decompose_desc *desc,
                                  gs_decomposition **out_decomposition) {
    if (out_decomposition == nullptr) return gs::fail(GS_ERR_INVALID_ARG, "out_decomposition is null");
    *out_decomposition = nullptr;
    gs_status status = gs::check_points(vertices_xyz, vertex_count, 4);
    if (status != GS_OK) return status;
    if ((status = check_desc(desc)) != GS_OK) return status;
    if (triangles == nullptr || triangle_count < 4) return gs::fail(GS_ERR_INVALID_ARG, "need at least 4 triangles");
    if (triangle_count > gs::kMaxTriangles) return gs::fail(GS_ERR_CAPACITY, "too many triangles");
    try {
        std::vector<HACD::Vec3<long>> tris;
        if ((status = collect_triangles(triangles, triangle_count, vertex_count, tris)) != GS_OK) return status;
        std::vector<HACD::Vec3<HACD::Real>> points(static_cast<size_t>(vertex_count));
        double lo[3], hi[3];
        for (int k = 0; k < 3; ++k) lo[k] = hi[k] = vertices_xyz[k];
        for (int32_t i = 0; i < vertex_count; ++i) {
            const float *p = vertices_xyz + 3 * size_t(i);
            points[size_t(i)] = HACD::Vec3<HACD::Real>(p[0], p[1], p[2]);
            for (int k = 0; k < 3; ++k) {
                lo[k] = std::min(lo[k], double(p[k]));
                hi[k] = std::max(hi[k], double(p[k]));
            }
        }
        const double diagonal = std::sqrt((hi[0] - lo[0]) * (hi[0] - lo[0]) + (hi[1] - lo[1]) * (hi[1] - lo[1]) +
                                          (hi[2] - lo[2]) * (hi[2] - lo[2]));
        if (!(diagonal > 0)) return gs::fail(GS_ERR_DEGENERATE, "all vertices coincide");
        auto result = std::make_unique<gs_decomposition>();
        if ((status = run_hacd(points, tris, *desc, diagonal, *result)) != GS_OK) return status;
        *out_decomposition = result.release();
        return gs::ok();
    } catch (const std::bad_alloc &) {
        return gs::fail(GS_ERR_INTERNAL, "out of memory in HACD");
    } catch (...) {
        return gs::fail(GS_ERR_INTERNAL, "exception in HACD");
    }
}

extern "C" gs_status gs_decomposition_count(const gs_decomposition *d, int32_t *out_piece_count) {
    if (d == nullptr || out_piece_count == nullptr) return gs::fail(GS_ERR_INVALID_ARG, "null argument");
    *out_piece_count = int32_t(d->pieces.size());
    return gs::ok();
}

extern "C" gs_status gs_decomposition_piece_counts(const gs_decomposition *d, int32_t index,
                                                   int32_t *out_vertex_count, int32_t *out_triangle_count) {
    if (d == nullptr || index < 0 || size_t(index) >= d->pieces.size())
        return gs::fail(GS_ERR_INVALID_ARG, "piece index out of range");
    return gs_mesh_counts(&d->pieces[size_t(index)], out_vertex_count, out_triangle_count);
}

extern "C" gs_status gs_decomposition_copy_piece(const gs_decomposition *d, int32_t index, float *out_xyz,
                                                 int32_t capacity_xyz, int32_t *out_triangles,
                                                 int32_t capacity_triangles) {
    if (d == nullptr || index < 0 || size_t(index) >= d->pieces.size())
        return gs::fail(GS_ERR_INVALID_ARG, "piece index out of range");
    return gs::copy_mesh(d->pieces[size_t(index)], out_xyz, capacity_xyz, out_triangles, capacity_triangles);
}

extern "C" void gs_decomposition_destroy(gs_decomposition *d) { delete d; }
