/* PostgreSQL: checked sampling results staged with COPY into a temporary
 * table, without the write lock (other writers carry on), then written
 * set-based under it: new categories and enterprises, the results with
 * their follow-ups and enterprise years, the counts: a few statements
 * per import instead of several per row. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/store.h"
#include "qcity/strbuf.h"
#include "sampling_tally.h"
#include "banned.h"

/* Rows staged per COPY: bounded, so memory is too. */
#define STAGE_BYTES (8u << 20)
#define STAGE_CAP (64u << 20)

static const char *const stage_cols[] = {
	"n",
	"province_code",
	"region_code",
	"level",
	"sampling_plan",
	"batch",
	"sample_no",
	"uscc",
	"verified",
	"enterprise_name",
	"address",
	"product",
	"category_id",
	"spec",
	"lot",
	"sampled_on",
	"passed",
	"failed_items",
	"testing_body",
	"source",
	"category_name",
	"sampled_unit",
	"sampled_address",
	"date_precision",
};
#define N_STAGE ((int)(sizeof(stage_cols) / sizeof(stage_cols[0])))

enum qc_rc qc_sw_stage_open(struct qc_sampling_writer *w, struct qc_error *err)
{
	qc_buf_init(&w->stage, STAGE_CAP);
	return qc_store_exec(
		w->s,
		"CREATE TEMPORARY TABLE IF NOT EXISTS sampling_stage ("
		" n BIGINT NOT NULL, province_code TEXT, region_code TEXT,"
		" level TEXT, sampling_plan TEXT, batch TEXT,"
		" sample_no TEXT, uscc TEXT, verified INTEGER,"
		" enterprise_name TEXT, address TEXT, product TEXT,"
		" category_id BIGINT, spec TEXT, lot TEXT,"
		" sampled_on TEXT, passed INTEGER, failed_items TEXT,"
		" testing_body TEXT, source TEXT, category_name TEXT,"
		" sampled_unit TEXT, sampled_address TEXT,"
		" date_precision TEXT)"
		" ON COMMIT DROP",
		err);
}

enum qc_rc qc_sw_stage_row(struct qc_sampling_writer *w,
			   const struct qc_sampling_rec *x, int64_t cat,
			   struct qc_error *err)
{
	char n[24], catv[24];
	const char *v[N_STAGE];

	snprintf(n, sizeof(n), "%lld", (long long)++w->staged);
	snprintf(catv, sizeof(catv), "%lld", (long long)cat);
	v[0] = n, v[1] = x->province, v[2] = x->region, v[3] = x->level;
	v[4] = x->plan, v[5] = x->batch, v[6] = x->sample_no, v[7] = x->uscc;
	v[8] = x->uscc && x->uscc_ok ? "1" : "0";
	v[9] = x->enterprise, v[10] = x->address, v[11] = x->product;
	v[12] = cat > 0 ? catv : NULL, v[13] = x->spec, v[14] = x->lot;
	v[15] = x->date, v[16] = x->passed ? "1" : "0";
	v[17] = x->failed_items, v[18] = x->body, v[19] = x->source;
	v[20] = cat == QC_PENDING_CATEGORY ? x->category : NULL;
	v[21] = x->sampled, v[22] = x->sampled_address;
	v[23] = x->precision ? x->precision : "day";
	for (int i = 0; i < N_STAGE; i++)
		qc_copy_field(&w->stage, v[i], i == 0, i == N_STAGE - 1);
	if (qc_buf_failed(&w->stage))
		return qc_error_set(err, QC_EINVAL,
				    "a row is too large to stage (over %u MiB)",
				    STAGE_CAP >> 20);
	if (qc_buf_len(&w->stage) < STAGE_BYTES)
		return QC_OK;
	enum qc_rc rc = qc_store_copy_in(w->s, "sampling_stage", stage_cols,
					 N_STAGE, qc_buf_str(&w->stage),
					 qc_buf_len(&w->stage), err);
	qc_buf_reset(&w->stage);
	return rc;
}

/* The areas of a region code c (qc_sampling_areas), as rows of a, from
 * the rows of g (c, e, y, n, f). */
#define AREAS                                                           \
	" a AS (SELECT substr(c, 1, 2) AS area, c, e, y, n, f FROM g"   \
	" UNION ALL SELECT substr(c, 1, 4), c, e, y, n, f FROM g WHERE" \
	" length(c) = 9 OR substr(c, 3, 4) <> '0000'"                   \
	" UNION ALL SELECT substr(c, 1, 6), c, e, y, n, f FROM g WHERE" \
	" length(c) = 9 OR substr(c, 5, 2) <> '00'"                     \
	" UNION ALL SELECT c, c, e, y, n, f FROM g WHERE length(c) = 9)"

/* The staged rows, written set-based. New enterprises first (the first
 * row naming one gives its name and address, as a row-by-row import
 * would), then the results with their follow-ups (due when the objection
 * window closes, 15 days after the notice) and enterprise years. */
enum qc_rc qc_sw_write_staged(struct qc_sampling_writer *w,
			      struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc = QC_OK;

	if (qc_buf_len(&w->stage)) {
		rc = qc_store_copy_in(w->s, "sampling_stage", stage_cols,
				      N_STAGE, qc_buf_str(&w->stage),
				      qc_buf_len(&w->stage), err);
		qc_buf_reset(&w->stage);
	}
	/* Sorts and hashes of a large stage in memory rather than spilled
	 * to disk (the default 4 MB spills 100 000 rows), for this
	 * transaction only. */
	if (rc || (rc = qc_store_exec(w->s, "ANALYZE sampling_stage", err)) ||
	    (rc = qc_store_exec(w->s, "SET LOCAL work_mem = '64MB'", err)))
		return rc;
	static const char *const sql[] = {
		"INSERT INTO product_categories (name) SELECT DISTINCT"
		" s.category_name FROM sampling_stage s WHERE s.category_name IS"
		" NOT NULL AND NOT EXISTS (SELECT 1 FROM product_categories c"
		" WHERE c.name = s.category_name)",
		"UPDATE sampling_stage s SET category_id = c.id FROM"
		" product_categories c WHERE s.category_name IS NOT NULL AND"
		" c.name = s.category_name",
		"INSERT INTO enterprises (uscc, verified, name, province_code,"
		" region_code, address, created_at)"
		" SELECT DISTINCT ON (s.uscc) s.uscc, s.verified,"
		" s.enterprise_name, s.province_code, s.region_code, s.address, ?"
		" FROM sampling_stage s WHERE s.uscc IS NOT NULL AND NOT EXISTS"
		" (SELECT 1 FROM enterprises e WHERE e.uscc = s.uscc)"
		" ORDER BY s.uscc, s.n",
		"INSERT INTO enterprises (uscc, verified, name, province_code,"
		" region_code, address, created_at)"
		" SELECT DISTINCT ON (s.enterprise_name, s.region_code) NULL, 0,"
		" s.enterprise_name, s.province_code, s.region_code, s.address, ?"
		" FROM sampling_stage s WHERE s.uscc IS NULL AND NOT EXISTS"
		" (SELECT 1 FROM enterprises e WHERE e.name = s.enterprise_name"
		" AND e.region_code = s.region_code AND COALESCE(e.uscc, '') = '')"
		" ORDER BY s.enterprise_name, s.region_code, s.n",
		"WITH named AS (SELECT e.name, e.region_code, MIN(e.id) AS id"
		" FROM enterprises e WHERE COALESCE(e.uscc, '') = '' AND"
		" (e.name, e.region_code) IN (SELECT enterprise_name, region_code"
		" FROM sampling_stage WHERE uscc IS NULL)"
		" GROUP BY e.name, e.region_code),"
		" ins AS (INSERT INTO sampling_results (province_code,"
		" region_code, level, sampling_plan, batch, sample_no,"
		" enterprise_id, enterprise_name, product, category_id, spec, lot,"
		" sampled_on, passed, failed_items, testing_body, source,"
		" sampled_unit, sampled_address, date_precision, imported_at)"
		" SELECT s.province_code, s.region_code, s.level, s.sampling_plan,"
		" s.batch, s.sample_no, COALESCE(c.id, m.id), s.enterprise_name,"
		" s.product, s.category_id, s.spec, s.lot, s.sampled_on, s.passed,"
		" s.failed_items, s.testing_body, s.source, s.sampled_unit,"
		" s.sampled_address, s.date_precision, ?"
		" FROM sampling_stage s"
		" LEFT JOIN enterprises c ON s.uscc IS NOT NULL AND c.uscc = s.uscc"
		" LEFT JOIN named m ON s.uscc IS NULL AND"
		" m.name = s.enterprise_name AND m.region_code = s.region_code"
		" ORDER BY s.n RETURNING id, province_code, region_code,"
		" enterprise_id, sampled_on, passed),"
		" fu AS (INSERT INTO sampling_followups (result_id, province_code,"
		" notified_on, updated_at, region_code, due_on, alarm_on)"
		" SELECT id, province_code, sampled_on, ?, region_code, d, d FROM"
		" (SELECT id, province_code, sampled_on, region_code,"
		" to_char(CAST(sampled_on AS date) + 15, 'YYYY-MM-DD') AS d"
		" FROM ins WHERE passed = 0) x),"
		" g AS (SELECT region_code AS c, enterprise_id AS e,"
		" CAST(substr(sampled_on, 1, 4) AS INTEGER) AS y, COUNT(*) AS n,"
		" SUM(1 - passed) AS f FROM ins WHERE enterprise_id IS NOT NULL"
		" GROUP BY region_code, enterprise_id,"
		" CAST(substr(sampled_on, 1, 4) AS INTEGER))," AREAS
		" INSERT INTO sampling_enterprise_years (province_code, area,"
		" enterprise_id, year, samples, failed)"
		" SELECT substr(area, 1, 2) || '0000', area, e, y, SUM(n), SUM(f)"
		" FROM a GROUP BY area, e, y"
		" ON CONFLICT (province_code, area, enterprise_id, year) DO UPDATE"
		" SET samples = sampling_enterprise_years.samples +"
		" excluded.samples, failed = sampling_enterprise_years.failed +"
		" excluded.failed",
		"INSERT INTO sampling_counts (region_code, level, category_id,"
		" year, samples, passed, province_code)"
		" SELECT region_code, level, COALESCE(category_id, 0),"
		" CAST(substr(sampled_on, 1, 4) AS INTEGER), COUNT(*),"
		" SUM(passed), province_code FROM sampling_stage"
		" GROUP BY region_code, level, COALESCE(category_id, 0),"
		" CAST(substr(sampled_on, 1, 4) AS INTEGER), province_code"
		" ON CONFLICT (province_code, region_code, level, category_id,"
		" year) DO UPDATE"
		" SET samples = sampling_counts.samples + excluded.samples,"
		" passed = sampling_counts.passed + excluded.passed",
	};
	/* Each ? is the import's timestamp. */
	static const int n_now[] = { 0, 0, 1, 1, 2, 0 };
	for (size_t i = 0; !rc && i < sizeof(sql) / sizeof(sql[0]); i++) {
		if ((rc = qc_stmt_prepare(w->s, sql[i], &st, err)))
			break;
		for (int k = 1; k <= n_now[i]; k++)
			qc_stmt_bind_text(st, k, w->now);
		rc = qc_stmt_run(st, err);
		qc_stmt_free(st);
	}
	return rc;
}
