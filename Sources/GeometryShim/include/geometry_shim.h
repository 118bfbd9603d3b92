/* geometry_shim.h: a pure C interface over Bullet's btConvexHullComputer and HACD.
 *
 * Every function returns a gs_status and never aborts on bad input: counts, pointers and
 * coordinates are validated, and C++ exceptions (allocation failure) are caught.
 * Results live in opaque handles that the caller destroys; data is copied out into
 * caller-owned arrays, so no pointer into shim memory is ever handed out.
 * Arrays are flat: points are xyz triples (float, metres in this project), triangles are
 * int32 index triples, counter-clockwise seen from outside.
 */
#ifndef GEOMETRY_SHIM_H
#define GEOMETRY_SHIM_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Result of every call. */
typedef enum gs_status {
    GS_OK = 0,
    GS_ERR_INVALID_ARG = 1,  /**< null pointer, negative count, index out of range */
    GS_ERR_NON_FINITE = 2,   /**< a coordinate is NaN or infinite */
    GS_ERR_DEGENERATE = 3,   /**< points are coplanar / collinear: no 3-D hull */
    GS_ERR_CAPACITY = 4,     /**< input larger than the shim accepts */
    GS_ERR_FAILED = 5,       /**< the algorithm produced no result */
    GS_ERR_INTERNAL = 6      /**< a C++ exception was caught (e.g. out of memory) */
} gs_status;

/** ABI version of this header; bump when a struct or signature changes. */
uint32_t gs_abi_version(void);

/** Message for the last failing call on this thread (static storage, valid until the next call). */
const char *gs_last_error(void);

/** A triangle mesh owned by the shim (a convex hull or one piece of a decomposition). */
typedef struct gs_mesh gs_mesh;

/** Convex hull of `point_count` points (`points_xyz`, length 3 * point_count).
 *  On success writes a new mesh handle to `out_mesh` (triangulated hull faces, outward). */
gs_status gs_hull_compute(const float *points_xyz, int32_t point_count, gs_mesh **out_mesh);

/** Vertex and triangle counts of a mesh. */
gs_status gs_mesh_counts(const gs_mesh *mesh, int32_t *out_vertex_count, int32_t *out_triangle_count);

/** Copies a mesh into caller arrays of 3 * vertex_count floats and 3 * triangle_count ints.
 *  `capacity_*` are the array lengths in elements; GS_ERR_CAPACITY if too small. */
gs_status gs_mesh_copy(const gs_mesh *mesh, float *out_xyz, int32_t capacity_xyz,
                       int32_t *out_triangles, int32_t capacity_triangles);

/** Frees a mesh; null is accepted. */
void gs_mesh_destroy(gs_mesh *mesh);

/** Parameters of the HACD convex decomposition. Set `struct_size = sizeof(gs_decompose_desc)`. */
typedef struct gs_decompose_desc {
    uint32_t struct_size;
    int32_t min_clusters;          /**< HACD stops merging at this many pieces (>= 1) */
    int32_t max_vertices_per_hull; /**< vertex cap per piece (>= 4) */
    double concavity;              /**< max concavity, in mesh units (metres), e.g. 0.2 * size */
    double compacity_weight;       /**< HACD alpha, e.g. 0.1 */
    double volume_weight;          /**< HACD beta, e.g. 0.0 */
    double connect_distance;       /**< distance to connect disjoint components, mesh units */
    int32_t add_extra_dist_points; /**< 1 to add interior distance points (better on concave shapes) */
    int32_t add_face_points;       /**< 1 to add face centre points */
} gs_decompose_desc;

/** A set of convex pieces owned by the shim. */
typedef struct gs_decomposition gs_decomposition;

/** Convex decomposition of a closed triangle mesh with HACD.
 *  `vertices_xyz` has 3 * vertex_count floats, `triangles` 3 * triangle_count indices. */
gs_status gs_decompose(const float *vertices_xyz, int32_t vertex_count,
                       const int32_t *triangles, int32_t triangle_count,
                       const gs_decompose_desc *desc, gs_decomposition **out_decomposition);

/** Number of convex pieces. */
gs_status gs_decomposition_count(const gs_decomposition *d, int32_t *out_piece_count);

/** Counts of piece `index` (its convex hull mesh). */
gs_status gs_decomposition_piece_counts(const gs_decomposition *d, int32_t index,
                                        int32_t *out_vertex_count, int32_t *out_triangle_count);

/** Copies piece `index`; capacities as in gs_mesh_copy. */
gs_status gs_decomposition_copy_piece(const gs_decomposition *d, int32_t index,
                                      float *out_xyz, int32_t capacity_xyz,
                                      int32_t *out_triangles, int32_t capacity_triangles);

/** Frees a decomposition; null is accepted. */
void gs_decomposition_destroy(gs_decomposition *d);

#ifdef __cplusplus
}
#endif

#endif
