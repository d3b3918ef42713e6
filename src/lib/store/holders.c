/* Who holds the rows (held_by, migrations 0026 and 0027; docs/scaling.md
 * "Held by, made in"): made one holder per key again after rows came from
 * another server (a copy, a restore) or when a server starts publishing.
 * The holder is a checked province code, so it goes into the SQL text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/region_code.h"
#include "qcity/store.h"
#include "qcity/strbuf.h"
#include "store_int.h"
#include "banned.h"

/* The first schema with held_by on every table settled here. */
#define HELD_SINCE 27

enum qc_rc qc_store_holder(struct qc_store *s, char holder[7],
			   struct qc_error *err)
{
	char *pub = NULL;
	enum qc_rc rc;

	holder[0] = '\0';
	if (strcmp(qc_store_driver(s), "postgres"))
		return QC_OK; /* SQLite never publishes */
	/* As the migrations find it: one publication qcity_<province>. */
	rc = qc_store_get_text(s,
			       "SELECT substr(pubname, 7) FROM pg_publication"
			       " WHERE pubname LIKE 'qcity\\_%' ORDER BY"
			       " pubname LIMIT 1",
			       NULL, 0, &pub, err);
	if (!rc && pub && qc_province_code_ok(pub))
		snprintf(holder, 7, "%s", pub);
	free(pub);
	return rc;
}

/* Rows held by another than h (an SQL expression: a quoted province or
 * the column province_code). */
static enum qc_rc count_others(struct qc_store *s, const char *h, int64_t *n,
			       struct qc_error *err)
{
	static const char *const tables[] = {
		"enterprises",
		"sampling_results",
		"sampling_followups",
		"sampling_counts",
		"sampling_enterprise_years",
	};
	struct qc_buf q = QC_BUF_INIT;
	bool found;
	enum qc_rc rc;

	qc_buf_init(&q, 0);
	qc_buf_adds(&q, "SELECT 0");
	for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++)
		qc_buf_addf(&q,
			    " + (SELECT COUNT(*) FROM %s WHERE held_by <> %s)",
			    tables[i], h);
	rc = qc_store_get_int(s, qc_buf_str(&q), NULL, 0, n, &found, err);
	qc_buf_release(&q);
	return rc;
}

enum qc_rc qc_store_settle_holders(struct qc_store *s, const char *holder,
				   int64_t *changed, struct qc_error *err)
{
	struct qc_buf sql = QC_BUF_INIT;
	char own[7], h[16];
	int64_t n = 0;
	enum qc_rc rc;

	if (changed)
		*changed = 0;
	if (qc_store_schema_version(s) < HELD_SINCE)
		return qc_error_set(err, QC_EINVAL,
				    "the database is at schema %d, before "
				    "held_by (%d): open it with this qcity "
				    "first",
				    qc_store_schema_version(s), HELD_SINCE);
	if (!holder) {
		if ((rc = qc_store_holder(s, own, err)))
			return rc;
		holder = own[0] ? own : NULL;
	} else if (!qc_province_code_ok(holder)) {
		return qc_error_set(err, QC_EINVAL,
				    "'%s' is not a province code (six "
				    "digits ending in 0000)",
				    holder);
	}
	snprintf(h, sizeof(h), holder ? "'%s'" : "province_code",
		 holder ? holder : "");
	if ((rc = count_others(s, h, &n, err)) || !n)
		return rc;
	/* An enterprise's credit events and listings are its holder's: on
	 * PostgreSQL their foreign keys (province_code, enterprise_id)
	 * cascade the update, on SQLite (foreign keys on the ids) they are
	 * moved here, as 0026 did. */
	qc_buf_init(&sql, 0);
	qc_buf_addf(&sql,
		    "UPDATE enterprises SET held_by = %s WHERE held_by <> %s;\n",
		    h, h);
	if (strcmp(qc_store_driver(s), "postgres"))
		for (int i = 0; i < 2; i++)
			qc_buf_addf(&sql,
				    "UPDATE %s SET province_code = (SELECT"
				    " e.held_by FROM enterprises e WHERE e.id"
				    " = %s.enterprise_id) WHERE EXISTS"
				    " (SELECT 1 FROM enterprises e WHERE e.id"
				    " = %s.enterprise_id AND e.held_by <>"
				    " %s.province_code);\n",
				    i ? "credit_listings" : "credit_events",
				    i ? "credit_listings" : "credit_events",
				    i ? "credit_listings" : "credit_events",
				    i ? "credit_listings" : "credit_events");
	/* A result and its follow-up: its key is its id, kept. Counts and
	 * enterprise years of one key under two holders are summed into
	 * the holder's row (each group is one new key, so no row is
	 * updated twice). */
	qc_buf_addf(&sql,
		    "UPDATE sampling_results SET held_by = %s WHERE held_by"
		    " <> %s;\n"
		    "UPDATE sampling_followups SET held_by = %s WHERE"
		    " held_by <> %s;\n"
		    "INSERT INTO sampling_counts (held_by, province_code,"
		    " region_code, level, category_id, year, samples, passed)"
		    " SELECT %s, province_code, region_code, level,"
		    " category_id, year, SUM(samples), SUM(passed) FROM"
		    " sampling_counts WHERE held_by <> %s GROUP BY"
		    " province_code, region_code, level, category_id, year"
		    " ON CONFLICT (held_by, province_code, region_code, level,"
		    " category_id, year) DO UPDATE SET samples ="
		    " sampling_counts.samples + excluded.samples, passed ="
		    " sampling_counts.passed + excluded.passed;\n"
		    "DELETE FROM sampling_counts WHERE held_by <> %s;\n"
		    "INSERT INTO sampling_enterprise_years (held_by,"
		    " province_code, area, enterprise_id, year, samples,"
		    " failed) SELECT %s, province_code, area, enterprise_id,"
		    " year, SUM(samples), SUM(failed) FROM"
		    " sampling_enterprise_years WHERE held_by <> %s GROUP BY"
		    " province_code, area, enterprise_id, year ON CONFLICT"
		    " (held_by, province_code, area, enterprise_id, year) DO"
		    " UPDATE SET samples = sampling_enterprise_years.samples +"
		    " excluded.samples, failed ="
		    " sampling_enterprise_years.failed + excluded.failed;\n"
		    "DELETE FROM sampling_enterprise_years WHERE held_by <>"
		    " %s;\n",
		    h, h, h, h, h, h, h, h, h, h);
	if (qc_buf_failed(&sql))
		rc = qc_error_set(err, QC_EINVAL, "holders: SQL too long");
	else
		rc = qc_store_exec(s, qc_buf_str(&sql), err);
	qc_buf_release(&sql);
	if (!rc && changed)
		*changed = n;
	return rc;
}
