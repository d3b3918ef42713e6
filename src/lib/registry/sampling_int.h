/* Internals shared by the sampling importer's files. The cell parsers are
 * public (qcity/sampling_parse.h). */
#ifndef QCITY_SAMPLING_INT_H
#define QCITY_SAMPLING_INT_H

#include "qcity/sampling_parse.h"

#endif
