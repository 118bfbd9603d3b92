/* bullet_shim.h: a small C ABI over Bullet for many parallel grasping scenes.
 *
 * One bs_world holds env_count independent scenes (a floating multibody hand, one object, a
 * table and the ground), laid out on a grid far enough apart never to touch. Every coordinate
 * crossing this header is env-local: metres, z up, table-centred; quaternions are x, y, z, w.
 * Every call returns a bs_status; on failure bs_world_last_error() says what and where.
 * Calls are bulk: they take n env indices and flat structure-of-arrays buffers owned by the
 * caller; the shim never keeps a pointer to caller memory. bs_world_step allocates nothing
 * once the world has warmed up (pools are sized at creation). A world is not thread-safe;
 * different worlds may be stepped from different threads at once. */
#ifndef BULLET_SHIM_H
#define BULLET_SHIM_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define BS_ABI_VERSION 1u

/** Result of every call. */
typedef enum bs_status {
    BS_OK = 0,
    BS_ERR_INVALID_ARG = 1, /**< NaN, out-of-range id, wrong count, bad size: nothing changed */
    BS_ERR_CAPACITY = 2,    /**< a fixed capacity set at creation would be exceeded */
    BS_ERR_STATE = 3,       /**< the simulation produced non-finite state (see message) */
    BS_ERR_INTERNAL = 4     /**< Bullet refused something it should not have */
} bs_status;

/** Opaque world: env_count scenes in one Bullet dynamics world. */
typedef struct bs_world bs_world;
/** Opaque set of object collision shapes, built once, shared read-only by many worlds. */
typedef struct bs_shape_set bs_shape_set;

/** ABI version of the linked shim (compare with BS_ABI_VERSION). */
uint32_t bs_abi_version(void);

/* ----------------------------------------------------------------------------- shapes */

/** One object asset: convex pieces in the body frame (origin at the centre of mass, axes
 *  along the principal axes of inertia). */
typedef struct bs_object_asset_desc {
    uint32_t hull_count;                /**< number of convex pieces, >= 1 */
    const uint32_t *hull_vertex_counts; /**< [hull_count], each >= 4 */
    const float *vertices;              /**< [sum(hull_vertex_counts), 3], metres, body frame */
    float mass;                         /**< kg, > 0 */
    float inertia[3];                   /**< principal moments, kg m^2, > 0 */
} bs_object_asset_desc;

/** Builds the collision shapes of asset_count assets. err (err_size bytes) receives a message. */
bs_status bs_shape_set_create(const bs_object_asset_desc *assets, uint32_t asset_count,
                              bs_shape_set **out, char *err, uint32_t err_size);
/** Frees a shape set; every world using it must be destroyed first. */
void bs_shape_set_destroy(bs_shape_set *set);
/** Number of assets in the set. */
uint32_t bs_shape_set_count(const bs_shape_set *set);

/* ------------------------------------------------------------------------------- hand */

/** Primitive collision shape kinds of the hand. */
typedef enum bs_geom_kind {
    BS_GEOM_BOX = 0,     /**< size = half extents x, y, z */
    BS_GEOM_CAPSULE = 1, /**< size = radius, half-length of the segment along local z, unused */
    BS_GEOM_SPHERE = 2   /**< size = radius, unused, unused */
} bs_geom_kind;

/** One collision primitive attached to the palm (link -1) or a finger link. */
typedef struct bs_geom_desc {
    int32_t link;    /**< -1 = palm, else link index */
    uint32_t kind;   /**< bs_geom_kind */
    float pos[3];    /**< metres, in the link's joint frame */
    float quat[4];   /**< orientation in the link's joint frame, xyzw */
    float size[3];   /**< see bs_geom_kind */
} bs_geom_desc;

/** One revolute finger link. Links are listed parents first. */
typedef struct bs_link_desc {
    int32_t parent;       /**< -1 = palm, else an earlier link index */
    float pos[3];         /**< joint origin in the parent's joint frame, metres */
    float quat[4];        /**< joint frame orientation relative to the parent's, xyzw */
    float axis[3];        /**< joint axis in this link's joint frame (unit) */
    float lower, upper;   /**< joint limits, rad */
    float mass;           /**< kg, > 0 */
    float com[3];         /**< centre of mass in this link's joint frame, metres */
    float inertia[3];     /**< principal moments about the com, kg m^2, > 0 */
    float max_force;      /**< actuator torque limit, N m (used when actuator >= 0) */
    int32_t actuator;     /**< index into the target array, or -1 when not actuated */
    int32_t couple_to;    /**< -1, or a link whose joint this one follows: q = couple_ratio * q[couple_to] */
    float couple_ratio;   /**< tendon coupling ratio (about 1.14 for the Shadow hand's J0) */
} bs_link_desc;

/** The floating hand: palm (the multibody base, its frame at its centre of mass) and links. */
typedef struct bs_hand_desc {
    uint32_t link_count;        /**< number of finger links (= joints) */
    const bs_link_desc *links;  /**< [link_count] */
    uint32_t geom_count;        /**< number of collision primitives */
    const bs_geom_desc *geoms;  /**< [geom_count] */
    uint32_t actuator_count;    /**< number of position-controlled joints */
    uint32_t tip_count;         /**< number of fingertips */
    const int32_t *tip_links;   /**< [tip_count] link of each fingertip */
    const float *tip_offsets;   /**< [tip_count, 3] tip point in that link's joint frame, metres */
    float palm_mass;            /**< kg */
    float palm_inertia[3];      /**< principal moments, kg m^2 */
    float drive_bandwidth;      /**< finger stiffness as a natural frequency w, rad/s: each joint gets
                                     kp = I w^2, I its free inertia in the open hand */
    float drive_damping;        /**< finger joint velocity damping rate, 1/s, integrated implicitly:
                                     every substep scales joint velocities by 1 / (1 + h rate) */
    float armature;             /**< rotor-like inertia added to every finger link, kg m^2 (keeps the
                                     explicit PD stable on 10-gram links) */
    float linear_damping;       /**< wrist translational damping, N s / m (applied implicitly) */
    float angular_damping;      /**< wrist rotational damping, N m s / rad (applied implicitly) */
    float friction;             /**< hand surface friction coefficient */
    uint32_t joint_limits;      /**< 1: hard joint-limit constraints (2 solver rows per joint); 0: targets
                                     are clamped to the limits and the PD drive holds them */
} bs_hand_desc;

/* ------------------------------------------------------------------------------ world */

/** Everything a world needs; fields default to nothing: set them all. */
typedef struct bs_world_desc {
    uint32_t struct_size;          /**< sizeof(bs_world_desc) */
    uint32_t env_count;            /**< scenes in this world, >= 1 */
    float env_spacing;             /**< grid pitch between scene origins, metres (>= 2) */
    float gravity;                 /**< m/s^2 downwards, acting on objects only (the hand floats) */
    uint32_t solver_iterations;    /**< constraint solver iterations per substep */
    const bs_hand_desc *hand;      /**< the hand */
    const bs_shape_set *shapes;    /**< object shapes (must outlive the world) */
    float table_half_extents[3];   /**< metres */
    float table_center[3];         /**< metres, env-local */
    float table_friction;          /**< coefficient */
    float object_friction;         /**< coefficient */
    float object_rolling_friction; /**< rolling and spinning resistance of objects, metres (torque =
                                        this x normal force); lets balls and cylinders come to rest.
                                        Contacts with the hand get the spinning part only */
} bs_world_desc;

/** Creates a world; every env starts with asset 0 at the origin and the hand at the origin. */
bs_status bs_world_create(const bs_world_desc *desc, bs_world **out, char *err, uint32_t err_size);
/** Frees a world. */
void bs_world_destroy(bs_world *world);
/** Message of the last failed call on this world (valid until the next call). */
const char *bs_world_last_error(const bs_world *world);
/** Advances every env by dt seconds in `substeps` equal substeps, then computes tip forces.
    An env whose state becomes non-finite (a solver blow-up) does not fail the step: it is
    flagged (bs_envs_read_nonfinite) for the caller to reset; the other envs are unaffected. */
bs_status bs_world_step(bs_world *world, float dt, uint32_t substeps);
/** Per env, 1 when the last bs_world_step left its state non-finite, else 0. [env_count] */
bs_status bs_envs_read_nonfinite(const bs_world *world, uint8_t *flags);

/* ----------------------------------------------------------------------- bulk writes */
/* `envs` lists n env indices of this world; NULL means all envs in order (n = env_count). */

/** Sets the wrist wrench (force N, torque N m, world axes) held until the next call. [n, 6] */
bs_status bs_hands_write_wrench(bs_world *world, const uint32_t *envs, uint32_t n, const float *wrench);
/** Sets actuated joint position targets, rad, clamped to limits. [n, actuator_count] */
bs_status bs_hands_write_targets(bs_world *world, const uint32_t *envs, uint32_t n, const float *targets);

/** Resets n envs: hand root pose [n,7] and joints [n,link_count] (velocities zero, targets =
 *  joints), object asset [n] and pose [n,7] (velocity zero). Contacts of those envs are
 *  dropped. hand_joints may be NULL (all zero). */
bs_status bs_envs_reset(bs_world *world, const uint32_t *envs, uint32_t n,
                        const float *hand_root_pose, const float *hand_joints,
                        const uint32_t *object_assets, const float *object_pose);

/** Restores n envs to an exact state (checkpoints): like bs_envs_reset, plus the hand root
 *  velocity [n,6], joint velocities [n,link_count] and object velocity [n,6] (linear,
 *  angular; any may be NULL for zero). */
bs_status bs_envs_restore(bs_world *world, const uint32_t *envs, uint32_t n,
                          const float *hand_root_pose, const float *hand_root_velocity,
                          const float *hand_joints, const float *hand_joint_velocities,
                          const uint32_t *object_assets, const float *object_pose, const float *object_velocity);

/** Overwrites object velocities: linear m/s and angular rad/s, world axes. [n, 6] */
bs_status bs_objects_write_velocity(bs_world *world, const uint32_t *envs, uint32_t n, const float *velocity);

/* ------------------------------------------------------------------------ bulk reads */
/* Any output pointer may be NULL to skip that field. */

/** Hand state: root pose [n,7], root velocity [n,6] (linear, angular), joint positions and
 *  velocities [n,link_count], fingertip poses [n,tips,7], tip velocities [n,tips,6], net
 *  contact force on each fingertip link during the last substep, N, world axes [n,tips,3]. */
bs_status bs_hands_read(const bs_world *world, const uint32_t *envs, uint32_t n,
                        float *root_pose, float *root_velocity, float *joint_pos, float *joint_vel,
                        float *tip_pose, float *tip_velocity, float *tip_force);

/** Normal contact force between each fingertip link and its env's object over the last
 *  substep, N: [n, tip_count] (0 where the tip does not touch the object). */
bs_status bs_hands_read_tip_object_force(const bs_world *world, const uint32_t *envs, uint32_t n, float *force);

/** Object state: pose [n,7], velocity [n,6] (linear, angular), asset index [n]. */
bs_status bs_objects_read(const bs_world *world, const uint32_t *envs, uint32_t n,
                          float *pose, float *velocity, uint32_t *asset);

/** Contact points of each env after the last step: the number of points in the persistent
 *  manifolds (hand-object, hand-table, object-table, anything-ground) whose bodies belong to
 *  that env, as the narrowphase left them after the last substep. Points within the contact
 *  threshold but not touching are included (the solver gets a row for each). [n] */
bs_status bs_envs_read_contact_count(const bs_world *world, const uint32_t *envs, uint32_t n, uint32_t *count);

/** Link poses of the hand for drawing: palm then links, [n, 1 + link_count, 7]. */
bs_status bs_hands_read_link_poses(const bs_world *world, const uint32_t *envs, uint32_t n, float *poses);

#ifdef __cplusplus
}
#endif

#endif /* BULLET_SHIM_H */
