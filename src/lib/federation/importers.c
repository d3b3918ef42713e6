/* One importer per announcement, for the rows a province server held
 * before it published (qcity/federation.h, docs/scaling.md "One importer
 * per announcement"): the importer refuses such rows from then on, and
 * these are the ones it never checked. */
#include <stdio.h>

#include "qcity/federation.h"
#include "qcity/region_code.h"
#include "qcity/store.h"
#include "federation_int.h"
#include "banned.h"

/* ? is the province, twice. issuer is NULL before 0029 or without
 * --region: not counted (unknown). */
#define NATIONAL_ELSEWHERE \
	"level = 'national' AND substr(region_code, 1, 2) <> substr(?, 1, 2)"
#define OTHER_ISSUER                                      \
	"issuer IS NOT NULL AND issuer <> 'national' AND" \
	" substr(issuer, 1, 2) <> substr(?, 1, 2)"

enum qc_rc qc_fed_importer_rows(struct qc_store *s, const char *province,
				struct qc_fed_importer_rows *out,
				struct qc_error *err)
{
	bool found = false;
	enum qc_rc rc;

	out->national_elsewhere = out->other_issuer = 0;
	out->query[0] = '\0';
	/* (Six digits: the query's text carries it.) */
	if (!qc_province_code_ok(province))
		return qc_error_set(err, QC_EINVAL,
				    "province '%s': give a province code, six "
				    "digits ending in 0000 (230000)",
				    province ? province : "");
	snprintf(out->query, sizeof(out->query),
		 "SELECT id, level, region_code, issuer, sampled_on, product"
		 " FROM sampling_results WHERE (level = 'national' AND"
		 " substr(region_code, 1, 2) <> '%.2s') OR (issuer <>"
		 " 'national' AND substr(issuer, 1, 2) <> '%.2s') ORDER BY id",
		 province, province);
	if ((rc = qc_store_get_int(s,
				   "SELECT COUNT(*) FROM sampling_results"
				   " WHERE " NATIONAL_ELSEWHERE,
				   QC_TEXTS(province), &out->national_elsewhere,
				   &found, err)))
		return rc;
	return qc_store_get_int(s,
				"SELECT COUNT(*) FROM sampling_results"
				" WHERE " OTHER_ISSUER,
				QC_TEXTS(province), &out->other_issuer, &found,
				err);
}
