/* A member unit as JSON (unit_json.h). */
#include <jansson.h>

#include "qcity/json.h"
#include "qcity/unit.h"
#include "src/common/unit_json.h"
#include "banned.h"

json_t *qc_json_unit(const struct qc_unit *u)
{
	return qc_xjson_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)u->id,
			     "region", u->region_code, "name", u->name, "kind",
			     u->kind);
}
