/* POST /api/equipment/import, /api/metrology/import and
 * /api/traceability/import: a register's file (CSV or .xlsx) as the raw
 * body, streamed to a temporary file before the handler runs (server.c),
 * then imported all or nothing as the command line's `import` of each
 * register does. ?name= is the file's name (the audit log's), ?region=
 * the county of rows without a region column. An account limited to a
 * region imports only rows inside it: a row outside fails the whole
 * import with its line. The file is not kept (the registers hold what it
 * said, the audit log its name and counts). */
#include <microhttpd.h>
#include <stdio.h>
#include <string.h>

#include "qcity/attach.h"
#include "qcity/equipment.h"
#include "qcity/json.h"
#include "qcity/metrology.h"
#include "qcity/scope.h"
#include "qcity/traceability.h"
#include "src/server/http.h"
#include "banned.h"

typedef enum qc_rc (*import_fn)(struct qc_store *s,
				const struct qc_import_from *src,
				const char *actor, struct qc_import_counts *out,
				struct qc_error *err);

static void import(struct qc_req *r, import_fn fn)
{
	const char *name = qc_query(r, "name"), *region = qc_query(r, "region");
	struct qc_import_from src = { 0 };
	struct qc_error err = { 0 };
	struct qc_import_counts c = { 0 };

	if (!qc_req_upload_done(r))
		return;
	if (!qc_attach_size(r->upload)) {
		qc_reply_error(r, MHD_HTTP_BAD_REQUEST,
			       "send the register's file (CSV or .xlsx) as "
			       "the body");
		return;
	}
	if (region && *region) {
		if (!qc_req_write_region(r, region))
			return;
	} else if (r->user.role == QC_USER_REGION && !*r->user.region) {
		/* Says that the account has no region (no limit to hold its
		 * rows to). */
		qc_scope_check(r,
			       qc_scope_can_write_region(&r->user, NULL, &err),
			       &err);
		return;
	}
	src.path = qc_attach_tmp_path(r->upload);
	src.name = name && *name ? name : "upload";
	src.county = region && *region ? region : NULL;
	src.within = r->user.role == QC_USER_ADMIN ? NULL : r->user.region;
	if (fn(r->store, &src, r->actor, &c, &err)) {
		qc_reply_fail(r, &err);
		return;
	}
	qc_reply(r, MHD_HTTP_OK,
		 qc_xjson_pack("{s:I, s:I, s:I}", "added", (json_int_t)c.added,
			       "updated", (json_int_t)c.updated, "unchanged",
			       (json_int_t)c.unchanged));
}

void qc_api_equipment_import(struct qc_req *r)
{
	import(r, qc_equipment_import_from);
}

void qc_api_metrology_import(struct qc_req *r)
{
	import(r, qc_metrology_import_from);
}

void qc_api_traceability_import(struct qc_req *r)
{
	import(r, qc_trace_import_from);
}
