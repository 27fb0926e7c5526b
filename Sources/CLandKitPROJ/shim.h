#ifndef CLANDKIT_PROJ_SHIM_H
#define CLANDKIT_PROJ_SHIM_H
#include <proj.h>
#include <geodesic.h>
#endif
