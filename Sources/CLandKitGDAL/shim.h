#ifndef CLANDKIT_GDAL_SHIM_H
#define CLANDKIT_GDAL_SHIM_H
// GDAL's C API (vector part): datasets, OGR layers/features/geometries, spatial references.
// GDAL handles are not thread-safe per dataset: LandKit opens a dataset per use and never shares it.
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#endif
