/*
 * grasp_world.h: the C ABI of libGraspWorld (Swift package product `GraspWorld`,
 * Sources/GraspWorld), the ACPPO grasping world stepped from C, Python (python/acppo_grasp)
 * or any language with a C foreign-function interface. docs/python.md describes it in full.
 *
 * Build:  swift build -c release      -> .build/release/libGraspWorld.so
 * Link:   cc app.c -Iinclude -L.build/release -lGraspWorld -Wl,-rpath,$PWD/.build/release
 *
 * Conventions
 *  - Every function but gw_abi_version and gw_last_error returns a status code (GW_OK = 0).
 *    On any other code, gw_last_error() returns a message naming the problem (the argument,
 *    the config field, the object, the handle). No call aborts the process on bad input.
 *  - A world is named by a handle, a number from 1 up that is never reused: a call with a
 *    destroyed handle returns GW_ERR_HANDLE ("handle 3 was destroyed").
 *  - Every column is float32, row-major [env_count, width]; flags are 0.0 or 1.0.
 *  - Pointers a handle gives out (gw_view, names, config JSON) stay valid until gw_destroy of
 *    that handle. Columns are buffers of the handle's own, rewritten by every gw_step and
 *    gw_reset (a reset rebuilds the world, so pointers into the world's own columns could not
 *    outlive it; the copies cost microseconds beside a step's physics).
 *  - Calls on one handle are serialised by a lock; different handles may be used from
 *    different threads at once. The world's own physics threads: config "threads".
 *
 * Step contract (autoreset within the step, gymnasium's "same-step" mode)
 *  gw_step(h, actions, n) applies the actions (clipped to [-1, 1] by the world; NaN is
 *  refused), advances every env one control step (1/60 s), then resets the envs whose episode
 *  ended at this step (truncated: the time limit; terminated: the env's physics went
 *  non-finite and was contained) before returning. Afterwards:
 *    GW_COLUMN_OBSERVATION        the observation to choose the next actions from; for an env
 *                                 that ended, the first observation of its new episode
 *    GW_COLUMN_FINAL_OBSERVATION  every env's observation at the end of this step, before any
 *                                 reset: for an env that ended, its episode's final observation
 *                                 (for the others it equals GW_COLUMN_OBSERVATION)
 *    GW_COLUMN_REWARD, _TERMINATED, _TRUNCATED   this step's (not touched by the resets)
 *    GW_COLUMN_SUCCESS            1 when this step's episode reached the goal at some step
 *                                 (for an env that ended: the ended episode's outcome)
 *    GW_COLUMN_NON_FINITE         1 when this step was contained as non-finite
 */
#ifndef GRASP_WORLD_H
#define GRASP_WORLD_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Version of this interface; gw_abi_version() returns the library's. */
#define GW_ABI_VERSION 1

/* Status codes. */
#define GW_OK 0
#define GW_ERR_ARGUMENT 1 /* a null pointer, a count or index out of range, a NaN action */
#define GW_ERR_CONFIG 2   /* the config JSON: not JSON, an unknown key, a wrong type, a value out of range */
#define GW_ERR_OBJECTS 3  /* the object set: a library or split that cannot be loaded, an unknown object */
#define GW_ERR_HANDLE 4   /* a handle that was never created or was already destroyed */
#define GW_ERR_WORLD 5    /* the world failed building or stepping; the handle needs gw_reset before stepping again */

/* Columns of gw_view, all float32, row-major [env_count, width]. */
#define GW_COLUMN_OBSERVATION 0       /* [env_count, observation_dim], after the step's resets */
#define GW_COLUMN_REWARD 1            /* [env_count] */
#define GW_COLUMN_TERMINATED 2        /* [env_count] 0/1 */
#define GW_COLUMN_TRUNCATED 3         /* [env_count] 0/1 */
#define GW_COLUMN_SUCCESS 4           /* [env_count] 0/1, before the step's resets */
#define GW_COLUMN_FINAL_OBSERVATION 5 /* [env_count, observation_dim], before the step's resets */
#define GW_COLUMN_NON_FINITE 6        /* [env_count] 0/1 */

/* The library's GW_ABI_VERSION. */
int32_t gw_abi_version(void);

/* Message of the last failed call on this thread ("" if none), UTF-8; valid until the next
 * failed call on this thread. */
const char *gw_last_error(void);

/* Builds a world from a config JSON object (UTF-8, NUL-terminated): any subset of the keys of
 * a `world-train --config` file (envCount, threads, seed, library, objectMaxRadius, trainSplit,
 * task.*; the learner's keys are checked and ignored), plus "split" (library split; default
 * trainSplit) and "objects" (array of object names resets draw from; default all). "{}" is the
 * default: 64 envs, seed 1, the built-in objects, the CPU task of world-train (first episodes
 * start at random steps: "task": {"staggerFirstEpisodes": false} turns that off). Writes the
 * new handle to *out_handle. Errors: GW_ERR_CONFIG, GW_ERR_OBJECTS, GW_ERR_WORLD. */
int32_t gw_create(const char *config_json, uint64_t *out_handle);

/* Destroys a world; its handle and every pointer it gave out are invalid afterwards. */
int32_t gw_destroy(uint64_t handle);

/* Writes the env count, observation width (235 for the full observation) and action width (24);
 * any pointer may be NULL. */
int32_t gw_dims(uint64_t handle, int64_t *env_count, int64_t *observation_dim, int64_t *action_dim);

/* Starts every env afresh. has_seed != 0: exactly as a world created with this seed (same
 * episodes, bit for bit). has_seed == 0: as a world created with the next seed of a stream
 * started by the last seed given (the config's, or the last gw_reset's); a no-op while the
 * world is untouched since it was built. gw_view pointers stay valid; their contents change. */
int32_t gw_reset(uint64_t handle, int32_t has_seed, uint64_t seed);

/* Steps every env once. actions: count = env_count * action_dim float32, env-major. See the
 * step contract above. Errors: GW_ERR_ARGUMENT (wrong count, NaN; nothing moved),
 * GW_ERR_WORLD (physics failure; gw_reset before stepping again). */
int32_t gw_step(uint64_t handle, const float *actions, int64_t count);

/* Writes a column's base address (read-only to the caller; valid until gw_destroy) and its
 * row width (may be NULL). */
int32_t gw_view(uint64_t handle, int32_t column, const float **out_data, int64_t *out_width);

/* Number of named groups of the observation vector. */
int32_t gw_observation_group_count(uint64_t handle, int64_t *out_count);

/* Group `index`: its name (e.g. "joint positions (to [-1, 1])") and feature range [start, end);
 * any output pointer may be NULL. */
int32_t gw_observation_group(uint64_t handle, int64_t index, const char **out_name, int64_t *out_start,
                             int64_t *out_end);

/* Name of action entry `index` ("wrist force x" ... "wrist torque z", "finger target FFJ3" ...). */
int32_t gw_action_name(uint64_t handle, int64_t index, const char **out_name);

/* The resolved config as a JSON object: every field with its value, plus "split" (and "objects"). */
int32_t gw_config_json(uint64_t handle, const char **out_json);

/* Seed of the world now stepped (the config's, the last seeded reset's, or a drawn one). */
int32_t gw_seed(uint64_t handle, uint64_t *out_seed);

#ifdef __cplusplus
}
#endif

#endif /* GRASP_WORLD_H */
