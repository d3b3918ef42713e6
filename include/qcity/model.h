/* The registries plans stand on, one header each: regions, units,
 * indicators, reported values and the audit log every write goes
 * through. This header includes them all, for callers that use several.
 *
 * Every write runs in one transaction and records who did it (actor) in
 * the audit log with the row before and after. Lists are returned in
 * structs the caller releases with the matching _release. */
#ifndef QCITY_MODEL_H
#define QCITY_MODEL_H

#include "qcity/audit.h"
#include "qcity/indicator.h"
#include "qcity/region.h"
#include "qcity/unit.h"
#include "qcity/value.h"

#endif
