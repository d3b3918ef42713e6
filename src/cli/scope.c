/* The command line's side of qcity/scope.h and qcity/num.h: a reporter
 * named on the command line acts as that unit's reporter would, and
 * every number given is read strictly. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/auth.h"
#include "qcity/model.h"
#include "qcity/num.h"
#include "qcity/plan_store.h"
#include "cli.h"
#include "banned.h"

bool cli_int(const char *what, const char *s, int64_t min, int64_t max,
	     int64_t *out)
{
	if (qc_parse_int64(s, min, max, out))
		return true;
	fprintf(stderr,
		_("qcity: %s: '%s' is not a whole number from %lld to "
		  "%lld\n"),
		what, s ? s : "", (long long)min, (long long)max);
	return false;
}

enum qc_rc cli_reporter(struct qc_store *s, const char *name,
			const char *region, struct qc_user *out,
			struct qc_error *err)
{
	const char *slash = strchr(name, '/');
	char code[QC_REGION_CODE_SIZE] = "", where[64];
	struct qc_unit_list l;
	size_t found = 0, at = 0;
	int64_t alias_id = 0;
	enum qc_rc rc;

	memset(out, 0, sizeof(*out));
	if (slash) { /* "REGION/NAME" */
		snprintf(where, sizeof(where), "%.*s", (int)(slash - name),
			 name);
		name = slash + 1;
		region = where;
	}
	if (region && (rc = qc_region_resolve(s, region, code, err)))
		return qc_error_prefix(err, "reporter's region"), rc;
	/* In a known region an alias names the unit too (docs/units.md):
	 * 市外侨办 reports as 市外侨旅游局. */
	if (*code && qc_unit_find(s, code, name, &alias_id, NULL) != QC_OK)
		alias_id = 0;
	if ((rc = qc_unit_list(s, *code ? code : NULL, &l, err)))
		return rc;
	for (size_t i = 0; i < l.n; i++)
		if ((alias_id ? l.v[i].id == alias_id :
				!strcmp(l.v[i].name, name)) &&
		    (!*code || !strcmp(l.v[i].region_code, code)))
			found++, at = i;
	if (found == 1) {
		out->role = QC_USER_UNIT;
		out->name = qc_xstrdup(l.v[at].name);
		out->unit_name = qc_xstrdup(l.v[at].name);
		out->unit_id = l.v[at].id;
		snprintf(out->region, sizeof(out->region), "%s",
			 l.v[at].region_code);
	}
	qc_unit_list_release(&l);
	if (!found && *code)
		return qc_error_set(err, QC_ENOTFOUND,
				    "reporter: no unit '%s' in region %s "
				    "(qcity unit list)",
				    name, code);
	if (!found)
		return qc_error_set(err, QC_ENOTFOUND,
				    "reporter: no unit '%s' (qcity unit list)",
				    name);
	if (found > 1)
		return qc_error_set(err, QC_EINVAL,
				    "reporter: %zu units are "
				    "named '%s': write REGION/NAME",
				    found, name);
	return QC_OK;
}

enum qc_rc cli_plan_region(struct qc_store *s, int64_t plan_id,
			   char region[QC_REGION_CODE_SIZE],
			   struct qc_error *err)
{
	struct qc_plan_summary_list l;
	enum qc_rc rc;
	bool found = false;

	region[0] = '\0';
	if ((rc = qc_plan_list(s, &l, err)))
		return rc;
	for (size_t i = 0; i < l.n; i++)
		if (l.v[i].id == plan_id) {
			found = true;
			snprintf(region, QC_REGION_CODE_SIZE, "%s",
				 l.v[i].region_code ? l.v[i].region_code : "");
		}
	qc_plan_summary_list_release(&l);
	if (!found)
		return qc_error_set(err, QC_ENOTFOUND,
				    "no plan %lld (qcity plan"
				    " list)",
				    (long long)plan_id);
	return QC_OK;
}

int cli_unit_id(struct qc_store *s, const char *name, int64_t *id)
{
	struct qc_error err = { 0 };
	struct qc_user u = { 0 };
	if (cli_reporter(s, name, NULL, &u, &err))
		return cli_fail(&err);
	*id = u.unit_id;
	qc_user_release(&u);
	return EXIT_OK;
}
