// Umbrella for Bullet's C++ headers; only C++ targets (BulletShim, GeometryShim) include it.
#ifdef __cplusplus
#include <btBulletDynamicsCommon.h>
#endif
