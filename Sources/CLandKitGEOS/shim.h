#ifndef CLANDKIT_GEOS_SHIM_H
#define CLANDKIT_GEOS_SHIM_H
// Only the reentrant (_r) API: every call names the context it runs in, so worker threads never share state.
#define GEOS_USE_ONLY_R_API
#include <geos_c.h>
#endif
