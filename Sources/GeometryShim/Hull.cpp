// Convex hulls through Bullet's btConvexHullComputer.
#include "ShimInternal.h"

#include <LinearMath/btConvexHullComputer.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <new>

namespace gs {

namespace {

/// Signed volume of a closed triangle mesh (divergence theorem), mesh units^3.
double signed_volume(const gs_mesh &m) {
    double v = 0;
    for (size_t t = 0; t + 2 < m.triangles.size(); t += 3) {
        const float *a = &m.xyz[3 * size_t(m.triangles[t])];
        const float *b = &m.xyz[3 * size_t(m.triangles[t + 1])];
        const float *c = &m.xyz[3 * size_t(m.triangles[t + 2])];
        v += double(a[0]) * (double(b[1]) * c[2] - double(b[2]) * c[1]) -
             double(a[1]) * (double(b[0]) * c[2] - double(b[2]) * c[0]) +
             double(a[2]) * (double(b[0]) * c[1] - double(b[1]) * c[0]);
    }
    return v / 6.0;
}

/// Length of the bounding-box diagonal of `count` xyz points.
double bbox_diagonal(const double *xyz, int32_t count) {
    double lo[3] = {xyz[0], xyz[1], xyz[2]}, hi[3] = {xyz[0], xyz[1], xyz[2]};
    for (int32_t i = 1; i < count; ++i)
        for (int k = 0; k < 3; ++k) {
            lo[k] = std::min(lo[k], xyz[3 * i + k]);
            hi[k] = std::max(hi[k], xyz[3 * i + k]);
        }
    return std::sqrt((hi[0] - lo[0]) * (hi[0] - lo[0]) + (hi[1] - lo[1]) * (hi[1] - lo[1]) +
                     (hi[2] - lo[2]) * (hi[2] - lo[2]));
}

}  // namespace

gs_status hull_of_points(const double *xyz, int32_t count, gs_mesh &out) {
    const double diag = bbox_diagonal(xyz, count);
    if (!(diag > 0)) return fail(GS_ERR_DEGENERATE, "all points coincide");
    btConvexHullComputer computer;
    computer.compute(xyz, int(3 * sizeof(double)), count, 0, 0);
    const int vertex_count = computer.vertices.size();
    const int face_count = computer.faces.size();
    if (vertex_count < 4 || face_count < 4)
        return fail(GS_ERR_DEGENERATE, "points are coplanar or collinear: no 3-D hull");
    out.xyz.resize(size_t(vertex_count) * 3);
    for (int i = 0; i < vertex_count; ++i)
        for (int k = 0; k < 3; ++k) out.xyz[3 * size_t(i) + k] = float(computer.vertices[i][k]);
    out.triangles.clear();
    // each face is a planar polygon given by a ring of edges: fan-triangulate it
    for (int f = 0; f < face_count; ++f) {
        const btConvexHullComputer::Edge *first = &computer.edges[computer.faces[f]];
        const int v0 = first->getSourceVertex();
        const btConvexHullComputer::Edge *edge = first->getNextEdgeOfFace();
        int guard = 0;
        while (edge != first && edge->getTargetVertex() != v0 && guard++ < vertex_count) {
            out.triangles.push_back(v0);
            out.triangles.push_back(edge->getSourceVertex());
            out.triangles.push_back(edge->getTargetVertex());
            edge = edge->getNextEdgeOfFace();
        }
    }
    const double volume = signed_volume(out);
    if (std::fabs(volume) <= 1e-9 * diag * diag * diag)
        return fail(GS_ERR_DEGENERATE, "hull has zero volume");
    if (volume < 0)  // make faces counter-clockwise seen from outside
        for (size_t t = 0; t + 2 < out.triangles.size(); t += 3) std::swap(out.triangles[t + 1], out.triangles[t + 2]);
    return ok();
}

}  // namespace gs

extern "C" gs_status gs_hull_compute(const float *points_xyz, int32_t point_count, gs_mesh **out_mesh) {
    if (out_mesh == nullptr) return gs::fail(GS_ERR_INVALID_ARG, "out_mesh is null");
    *out_mesh = nullptr;
    gs_status status = gs::check_points(points_xyz, point_count, 4);
    if (status != GS_OK) return status;
    try {
        std::vector<double> coords(points_xyz, points_xyz + size_t(point_count) * 3);
        auto mesh = std::make_unique<gs_mesh>();
        status = gs::hull_of_points(coords.data(), point_count, *mesh);
        if (status != GS_OK) return status;
        *out_mesh = mesh.release();
        return gs::ok();
    } catch (const std::bad_alloc &) {
        return gs::fail(GS_ERR_INTERNAL, "out of memory in convex hull");
    } catch (...) {
        return gs::fail(GS_ERR_INTERNAL, "exception in convex hull");
    }
}
