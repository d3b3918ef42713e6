/* PostgreSQL: checked sampling results staged with COPY into a temporary
 * table, then written set-based, a few statements per import instead of
 * several per row. Only the rows other writers could also write (new
 * categories and enterprises) and the foreign-key checks are written
 * under the write lock, at the end: the results, follow-ups, enterprise
 * years and counts (written by importers alone) go in before it, so
 * other writers carry on through a large import. It all stays one
 * transaction: a failure or a kill leaves nothing. */
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
	"issuer",
	"remarks",
	"first_row",
};
#define N_STAGE ((int)(sizeof(stage_cols) / sizeof(stage_cols[0])))

/* Each staged row takes its result's id from the results' own sequence
 * as COPY stores it (the column's default), so ids follow the file and
 * the results need no sort by file order when they are written (at 1 M
 * rows that sort spilled 226 MB to disk). first_row is 1 on the first
 * row of each enterprise the writer saw (the server keeps the earliest
 * of those per enterprise: qc_sw_stage_row). */
enum qc_rc qc_sw_stage_open(struct qc_sampling_writer *w, struct qc_error *err)
{
	qc_buf_init(&w->stage, STAGE_CAP);
	return qc_store_exec(
		w->s,
		"DO $$ BEGIN EXECUTE format("
		"'CREATE TEMPORARY TABLE IF NOT EXISTS sampling_stage ("
		" n BIGINT NOT NULL, province_code TEXT, region_code TEXT,"
		" level TEXT, sampling_plan TEXT, batch TEXT,"
		" sample_no TEXT, uscc TEXT, verified INTEGER,"
		" enterprise_name TEXT, address TEXT, product TEXT,"
		" category_id BIGINT, spec TEXT, lot TEXT,"
		" sampled_on TEXT, passed INTEGER, failed_items TEXT,"
		" testing_body TEXT, source TEXT, category_name TEXT,"
		" sampled_unit TEXT, sampled_address TEXT,"
		" date_precision TEXT, issuer TEXT, remarks TEXT,"
		" first_row INTEGER NOT NULL,"
		" id BIGINT NOT NULL DEFAULT nextval(%L))"
		" ON COMMIT DROP', pg_get_serial_sequence('sampling_results',"
		" 'id')); END $$",
		err);
}

enum qc_rc qc_sw_stage_row(struct qc_sampling_writer *w,
			   const struct qc_sampling_rec *x, int64_t cat,
			   struct qc_error *err)
{
	char n[24], catv[24];
	const char *v[N_STAGE];
	/* The enterprise's first row in the file, as far as this map knows
	 * (when it starts again, a later row is marked too: a superset,
	 * which the server narrows to the earliest). The same keys as the
	 * server's: the code, else the name in the region. */
	const char *key = x->uscc ? qc_sw_key(w, "c", x->uscc, NULL) :
				    qc_sw_key(w, "n", x->enterprise, x->region);
	bool first = !qc_idmap_find(&w->ents, key);

	if (first)
		qc_idmap_put(&w->ents, key, 0);

	snprintf(n, sizeof(n), "%lld", (long long)++w->staged);
	snprintf(catv, sizeof(catv), "%lld", (long long)cat);
	v[0] = n, v[1] = x->province, v[2] = x->region, v[3] = x->level;
	v[4] = x->plan, v[5] = x->batch, v[6] = x->sample_no, v[7] = x->uscc;
	v[8] = x->uscc && x->uscc_ok ? "1" : "0";
	v[9] = x->enterprise, v[10] = x->address, v[11] = x->product;
	v[12] = cat > 0 ? catv : NULL, v[13] = x->spec, v[14] = x->lot;
	v[15] = x->date, v[16] = x->passed ? "1" : "0";
	v[17] = x->failed_items, v[18] = x->body, v[19] = x->source;
	/* A category to create: the one the table names, or the product's
	 * when an earlier row named it (sampling_write.c). */
	v[20] = cat != QC_PENDING_CATEGORY ? NULL :
		x->category                ? x->category :
					     x->product;
	v[21] = x->sampled, v[22] = x->sampled_address;
	v[23] = x->precision ? x->precision : "day";
	v[24] = x->issuer, v[25] = x->remarks;
	v[26] = first ? "1" : "0";
	if (v[20])
		w->stage_cats = true;
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

/* The categories and enterprises the stage names, each with its id:
 * found, or taken now from the table's own sequence (fresh = 1; its
 * name looked up once, as an initplan) and
 * written under the write lock at the end (the first row naming an
 * enterprise gives its name and address, as a row-by-row import would). */
static const char ids_tables[] =
	"CREATE TEMPORARY TABLE IF NOT EXISTS sampling_stage_cats ("
	" name TEXT NOT NULL, id BIGINT NOT NULL, fresh INTEGER NOT NULL)"
	" ON COMMIT DROP";
static const char refs_table[] =
	"CREATE TEMPORARY TABLE IF NOT EXISTS sampling_stage_refs ("
	" region_code TEXT, category_id BIGINT) ON COMMIT DROP";
static const char counts_table[] =
	"CREATE TEMPORARY TABLE IF NOT EXISTS sampling_stage_counts ("
	" region_code TEXT, level TEXT, category_id BIGINT NOT NULL,"
	" year INTEGER, province_code TEXT, samples BIGINT NOT NULL,"
	" passed BIGINT NOT NULL) ON COMMIT DROP";
static const char ey_table[] =
	"CREATE TEMPORARY TABLE IF NOT EXISTS sampling_stage_ey ("
	" province_code TEXT NOT NULL, area TEXT NOT NULL,"
	" enterprise_id BIGINT NOT NULL, year INTEGER NOT NULL,"
	" samples BIGINT NOT NULL, failed BIGINT NOT NULL,"
	" held_by TEXT NOT NULL) ON COMMIT DROP";
static const char ids_table[] =
	"CREATE TEMPORARY TABLE IF NOT EXISTS sampling_stage_ids ("
	" uscc TEXT, name TEXT NOT NULL, region_code TEXT, id BIGINT NOT NULL,"
	" fresh INTEGER NOT NULL, verified INTEGER, province_code TEXT,"
	" address TEXT) ON COMMIT DROP";

/* The import's enterprise years (sampling_stage_ey, summed by the
 * statement that writes the results) added to the table. Keys not there
 * yet are inserted plainly, in key order, and the others updated, in one
 * statement (its INSERT and UPDATE see the same snapshot, so no row is
 * counted twice): an upsert (ON CONFLICT) costs a speculative insertion
 * per row, about 0.4 s of CPU more for 100 000 new rows. A key another
 * import committed meanwhile, unseen by the snapshot, fails the insert
 * as a duplicate: then, inside the same transaction (the block is a
 * subtransaction), the upsert, which sees it, runs instead. */
static const char ey_sql[] =
	"DO $$ BEGIN"
	" WITH i AS (INSERT INTO sampling_enterprise_years (held_by,"
	" province_code, area, enterprise_id, year, samples, failed)"
	" SELECT held_by, province_code, area, enterprise_id, year,"
	" samples, failed FROM sampling_stage_ey s WHERE NOT EXISTS"
	" (SELECT 1 FROM sampling_enterprise_years t WHERE t.held_by ="
	" s.held_by AND t.province_code = s.province_code AND t.area ="
	" s.area AND t.enterprise_id = s.enterprise_id AND t.year = s.year)"
	" ORDER BY 1, 2, 3, 4, 5)"
	" UPDATE sampling_enterprise_years t SET samples = t.samples +"
	" s.samples, failed = t.failed + s.failed FROM sampling_stage_ey s"
	" WHERE t.held_by = s.held_by AND t.province_code = s.province_code"
	" AND t.area = s.area AND t.enterprise_id = s.enterprise_id AND"
	" t.year = s.year;"
	" EXCEPTION WHEN unique_violation THEN"
	" INSERT INTO sampling_enterprise_years (held_by, province_code,"
	" area, enterprise_id, year, samples, failed)"
	" SELECT held_by, province_code, area, enterprise_id, year, samples,"
	" failed FROM sampling_stage_ey ORDER BY 1, 2, 3, 4, 5"
	" ON CONFLICT (held_by, province_code, area, enterprise_id, year)"
	" DO UPDATE"
	" SET samples = sampling_enterprise_years.samples +"
	" excluded.samples, failed = sampling_enterprise_years.failed +"
	" excluded.failed;"
	" END $$";

/* The categories the stage names to create, with their ids (taken from
 * the table's sequence now, written under the lock), set on the staged
 * rows; run only when a row names one (w->stage_cats): each is a scan
 * of the stage. */
static const char *const cats_sql[] = {
	"INSERT INTO sampling_stage_cats (name, id, fresh)"
	" SELECT x.name, COALESCE(c.id, nextval((SELECT CAST("
	"pg_get_serial_sequence('product_categories', 'id') AS regclass)))), CASE WHEN c.id IS NULL"
	" THEN 1 ELSE 0 END"
	" FROM (SELECT DISTINCT category_name AS name FROM sampling_stage"
	" WHERE category_name IS NOT NULL) x"
	" LEFT JOIN product_categories c ON c.name = x.name",
	"UPDATE sampling_stage s SET category_id = k.id FROM"
	" sampling_stage_cats k WHERE s.category_name IS NOT NULL AND"
	" k.name = s.category_name",
};
static const char *const cats_params[] = { "", "" };

/* Before the write lock: only rows no other writer writes (the results,
 * their follow-ups, the enterprise years and counts, which importers
 * alone write) and temporary tables. Each ? is the import's timestamp
 * ('n' in unlocked_params) or the server's holder ('h': NULL when it
 * publishes none, then each row's own province holds it; 0027). The
 * stage is scanned three times: for the counts, for the enterprises'
 * first rows and by the results' insert. */
static const char *const unlocked_sql[] = {
	/* The counts of the import, summed once; the regions and
	 * categories the results name (for the key checks under the lock)
	 * are those of the counts. */
	"INSERT INTO sampling_stage_counts (region_code, level, category_id,"
	" year, province_code, samples, passed)"
	" SELECT region_code, level, COALESCE(category_id, 0),"
	" CAST(substr(sampled_on, 1, 4) AS INTEGER), province_code,"
	" COUNT(*), SUM(passed) FROM sampling_stage"
	" GROUP BY region_code, level, COALESCE(category_id, 0),"
	" CAST(substr(sampled_on, 1, 4) AS INTEGER), province_code",
	"INSERT INTO sampling_stage_refs (region_code, category_id)"
	" SELECT DISTINCT region_code, CAST(NULL AS BIGINT) FROM"
	" sampling_stage_counts UNION ALL SELECT DISTINCT NULL, category_id"
	" FROM sampling_stage_counts WHERE category_id <> 0",
	/* Each enterprise's first row in the file (among the rows the
	 * writer marked, the earliest per code, or per name and region
	 * without a code), found or given a new id from the table's
	 * sequence in file order, as on SQLite. */
	"INSERT INTO sampling_stage_ids (uscc, name, region_code, id, fresh,"
	" verified, province_code, address)"
	" SELECT x.uscc, x.enterprise_name, x.region_code, COALESCE(x.found,"
	" nextval((SELECT CAST(pg_get_serial_sequence('enterprises', 'id')"
	" AS regclass)))), CASE WHEN x.found IS NULL THEN 1 ELSE 0 END,"
	" CASE WHEN x.uscc IS NULL THEN 0 ELSE x.verified END,"
	" x.province_code, x.address"
	" FROM (SELECT f.uscc, f.enterprise_name, f.region_code, f.verified,"
	" f.province_code, f.address, f.n, CASE WHEN f.uscc IS NOT NULL"
	" THEN (SELECT e.id FROM enterprises e WHERE e.uscc = f.uscc)"
	" ELSE (SELECT MIN(e.id) FROM enterprises e WHERE"
	" e.name = f.enterprise_name AND e.region_code = f.region_code AND"
	" COALESCE(e.uscc, '') = '') END AS found"
	" FROM (SELECT DISTINCT ON (s.uscc, CASE WHEN s.uscc IS NULL THEN"
	" s.enterprise_name END, CASE WHEN s.uscc IS NULL THEN s.region_code"
	" END) s.uscc, s.enterprise_name, s.region_code, s.verified,"
	" s.province_code, s.address, s.n FROM sampling_stage s"
	" WHERE s.first_row = 1 ORDER BY s.uscc, CASE WHEN s.uscc IS NULL"
	" THEN s.enterprise_name END, CASE WHEN s.uscc IS NULL THEN"
	" s.region_code END, s.n) f ORDER BY f.n) x",
	/* A few thousand rows to sample: with their size known the planner
	 * joins them to the stage by hashing rather than sorting it. */
	"ANALYZE sampling_stage_ids",
	/* The results (their ids given by the stage, in file order; rows
	 * in the stage's order, unsorted) with their follow-ups (due when
	 * the objection window closes, 15 days after the notice); the
	 * enterprise years they add, summed into sampling_stage_ey for
	 * ey_sql. */
	"WITH ins AS (INSERT INTO sampling_results (id, province_code,"
	" region_code, level, sampling_plan, batch, sample_no,"
	" enterprise_id, enterprise_name, product, category_id, spec, lot,"
	" sampled_on, passed, failed_items, testing_body, source,"
	" sampled_unit, sampled_address, date_precision, imported_at,"
	" held_by, issuer, remarks)"
	" SELECT s.id, s.province_code, s.region_code, s.level,"
	" s.sampling_plan,"
	" s.batch, s.sample_no, COALESCE(c.id, m.id), s.enterprise_name,"
	" s.product, s.category_id, s.spec, s.lot, s.sampled_on, s.passed,"
	" s.failed_items, s.testing_body, s.source, s.sampled_unit,"
	" s.sampled_address, s.date_precision, ?,"
	" COALESCE(CAST(? AS TEXT), s.province_code), s.issuer, s.remarks"
	" FROM sampling_stage s"
	" LEFT JOIN sampling_stage_ids c ON s.uscc IS NOT NULL AND"
	" c.uscc = s.uscc"
	" LEFT JOIN sampling_stage_ids m ON s.uscc IS NULL AND m.uscc IS NULL"
	" AND m.name = s.enterprise_name AND m.region_code = s.region_code"
	" RETURNING id, province_code, region_code,"
	" enterprise_id, sampled_on, passed, held_by),"
	" fu AS (INSERT INTO sampling_followups (result_id, province_code,"
	" notified_on, updated_at, region_code, due_on, alarm_on, held_by)"
	" SELECT id, province_code, sampled_on, ?, region_code, d, d,"
	" held_by FROM (SELECT id, province_code, sampled_on, region_code,"
	" held_by, to_char(CAST(sampled_on AS date) + 15, 'YYYY-MM-DD')"
	" AS d FROM ins WHERE passed = 0) x),"
	" g AS (SELECT region_code AS c, enterprise_id AS e,"
	" CAST(substr(sampled_on, 1, 4) AS INTEGER) AS y, COUNT(*) AS n,"
	" SUM(1 - passed) AS f FROM ins WHERE enterprise_id IS NOT NULL"
	" GROUP BY region_code, enterprise_id,"
	" CAST(substr(sampled_on, 1, 4) AS INTEGER))," AREAS
	" INSERT INTO sampling_stage_ey (province_code, area,"
	" enterprise_id, year, samples, failed, held_by)"
	" SELECT substr(area, 1, 2) || '0000', area, e, y, SUM(n), SUM(f),"
	" COALESCE(CAST(? AS TEXT), substr(area, 1, 2) || '0000')"
	" FROM a GROUP BY area, e, y",
	ey_sql,
	"INSERT INTO sampling_counts (region_code, level, category_id,"
	" year, samples, passed, province_code, held_by)"
	" SELECT region_code, level, category_id, year, samples, passed,"
	" province_code, COALESCE(CAST(? AS TEXT), province_code)"
	" FROM sampling_stage_counts"
	" ORDER BY 8, 7, 1, 2, 3, 4"
	" ON CONFLICT (held_by, province_code, region_code, level,"
	" category_id, year) DO UPDATE"
	" SET samples = sampling_counts.samples + excluded.samples,"
	" passed = sampling_counts.passed + excluded.passed",
};
static const char *const unlocked_params[] = { "", "", "", "", "nhnh", "", "h" };

/* Under the write lock: the new categories and enterprises, with the ids
 * the results already carry. 0 when every one was written; else another
 * writer created one meanwhile (the import is then refused whole). The
 * enterprises with a code go in plainly, those already there (a writer
 * holding the lock before us) left out by NOT EXISTS: ON CONFLICT DO
 * NOTHING would cost a speculative insertion per row, under the lock; a
 * writer that skipped the lock makes it fail as a duplicate, refused the
 * same way. Each gets its holder here, as every row this importer writes
 * does (the server's province when it publishes one, else the
 * enterprise's own, which is what 0026's trigger would give it): the
 * trigger, skipped with the keys' triggers on the fast path, has
 * nothing left to fill. */
static const char fresh_sql[] =
	"WITH k AS (INSERT INTO product_categories (id, name)"
	" SELECT id, name FROM sampling_stage_cats WHERE fresh = 1"
	" ORDER BY name ON CONFLICT (name) DO NOTHING RETURNING 1),"
	" c AS (INSERT INTO enterprises (id, uscc, verified, name,"
	" province_code, region_code, address, created_at, held_by)"
	" SELECT id, uscc, verified, name, province_code, region_code,"
	" address, ?, COALESCE(CAST(? AS TEXT), province_code)"
	" FROM sampling_stage_ids i WHERE fresh = 1 AND uscc IS"
	" NOT NULL AND NOT EXISTS (SELECT 1 FROM enterprises e WHERE"
	" e.uscc = i.uscc) ORDER BY uscc RETURNING 1),"
	" n AS (INSERT INTO enterprises (id, uscc, verified, name,"
	" province_code, region_code, address, created_at, held_by)"
	" SELECT i.id, NULL, 0, i.name, i.province_code, i.region_code,"
	" i.address, ?, COALESCE(CAST(? AS TEXT), i.province_code)"
	" FROM sampling_stage_ids i WHERE i.fresh = 1 AND"
	" i.uscc IS NULL AND NOT EXISTS (SELECT 1 FROM enterprises e WHERE"
	" e.name = i.name AND e.region_code = i.region_code AND"
	" COALESCE(e.uscc, '') = '') RETURNING 1)"
	" SELECT (SELECT COUNT(*) FROM sampling_stage_cats WHERE fresh = 1)"
	" + (SELECT COUNT(*) FROM sampling_stage_ids WHERE fresh = 1)"
	" - (SELECT COUNT(*) FROM k) - (SELECT COUNT(*) FROM c)"
	" - (SELECT COUNT(*) FROM n)";

/* With the per-row foreign-key triggers off (session_replication_role):
 * the same checks once for the set, under the write lock, with the same
 * row locks the triggers take (FOR KEY SHARE: no one deletes a region,
 * category or enterprise the results refer to before they commit). The
 * new categories and enterprises were just written (fresh_sql); the new
 * enterprises' regions are among the results'. 0 when all hold. */
static const char keys_sql[] =
	"SELECT (SELECT COUNT(*) FROM sampling_stage_refs WHERE region_code"
	" IS NOT NULL)"
	" - (SELECT COUNT(*) FROM (SELECT 1 FROM regions WHERE code IN"
	" (SELECT region_code FROM sampling_stage_refs) FOR KEY SHARE) r)"
	" + (SELECT COUNT(*) FROM sampling_stage_refs WHERE category_id IS"
	" NOT NULL AND category_id NOT IN (SELECT id FROM sampling_stage_cats"
	" WHERE fresh = 1))"
	" - (SELECT COUNT(*) FROM (SELECT 1 FROM product_categories WHERE id"
	" IN (SELECT category_id FROM sampling_stage_refs) AND id NOT IN"
	" (SELECT id FROM sampling_stage_cats WHERE fresh = 1)"
	" FOR KEY SHARE) k)"
	" + (SELECT COUNT(*) FROM sampling_stage_ids WHERE fresh = 0)"
	" - (SELECT COUNT(*) FROM (SELECT 1 FROM enterprises WHERE id IN"
	" (SELECT id FROM sampling_stage_ids WHERE fresh = 0)"
	" FOR KEY SHARE) e)";

/* Whether this import may turn the per-row foreign-key triggers off for
 * its own transaction (SET LOCAL session_replication_role = replica,
 * which a superuser or a role granted SET on it may do, PostgreSQL 15)
 * and check the keys once for the set instead: only when no other
 * trigger on the tables written would be skipped with them (the national
 * server's read-only guard, say). The triggers that fill a missing
 * held_by (0026, 0027: qcity_enterprise_held_by, qcity_held_by) are no
 * such trigger: every row written here carries its held_by, so they
 * would change nothing. */
static bool replica_allowed(struct qc_store *s)
{
	int64_t v = 0;
	bool found = false;

	if (qc_store_get_int(s,
			     "SELECT CAST(current_setting('server_version_num')"
			     " AS INTEGER)",
			     NULL, 0, &v, &found, NULL) ||
	    !found)
		return false;
	if (qc_store_get_int(
		    s,
		    v >= 150000 ?
			    "SELECT CASE WHEN has_parameter_privilege("
			    "'session_replication_role', 'SET') THEN 1 ELSE 0"
			    " END" :
			    "SELECT CASE WHEN rolsuper THEN 1 ELSE 0 END FROM"
			    " pg_roles WHERE rolname = current_user",
		    NULL, 0, &v, &found, NULL) ||
	    !found || v != 1)
		return false;
	if (qc_store_get_int(
		    s,
		    "SELECT COUNT(*) FROM pg_trigger t JOIN pg_class c ON"
		    " c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid"
		    " WHERE NOT t.tgisinternal AND NOT (p.proname IN"
		    " ('qcity_held_by', 'qcity_enterprise_held_by') AND"
		    " p.pronamespace = c.relnamespace) AND"
		    " c.relnamespace = CAST(current_schema() AS regnamespace)"
		    " AND c.relname IN ('sampling_results',"
		    " 'sampling_followups', 'sampling_enterprise_years',"
		    " 'sampling_counts', 'enterprises', 'product_categories')",
		    NULL, 0, &v, &found, NULL) ||
	    !found || v != 0)
		return false;
	return true;
}

static enum qc_rc run_all(struct qc_sampling_writer *w, const char *const *sql,
			  const char *const *params, size_t n,
			  struct qc_error *err)
{
	enum qc_rc rc = QC_OK;
	for (size_t i = 0; !rc && i < n; i++) {
		struct qc_stmt *st;
		if ((rc = qc_stmt_prepare(w->s, sql[i], &st, err)))
			break;
		for (int k = 0; params[i][k]; k++) {
			if (params[i][k] == 'n')
				qc_stmt_bind_text(st, k + 1, w->now);
			else if (w->holder[0])
				qc_stmt_bind_text(st, k + 1, w->holder);
			else
				qc_stmt_bind_null(st, k + 1);
		}
		rc = qc_stmt_run(st, err);
		qc_stmt_free(st);
	}
	return rc;
}

/* A large import changes the tables' statistics: without fresh ones the
 * planner walks the lists by scanning until autovacuum runs. Analyzed
 * here (before the lock) only when the import adds a tenth of the rows
 * or more, as autovacuum's own threshold; smaller ones it leaves to
 * autovacuum. Of the results, only the columns the lists, pages and
 * checks filter, join or group on: the free texts (names, items,
 * addresses, bodies) are most of what ANALYZE sorts and none of them is
 * a condition (a third of its CPU; autovacuum analyzes them later). */
#define ANALYZE_ROWS 10000
static enum qc_rc analyze_if_grown(struct qc_sampling_writer *w, int64_t before,
				   struct qc_error *err)
{
	if (w->staged < ANALYZE_ROWS || w->staged * 10 < before)
		return QC_OK;
	return qc_store_exec(w->s,
			     "ANALYZE sampling_results (id, province_code,"
			     " region_code, level, enterprise_id, category_id,"
			     " sampled_on, passed, sample_no, product),"
			     " sampling_enterprise_years, sampling_followups",
			     err);
}

/* The staged rows, written set-based: what only importers write first,
 * then under the write lock the new categories and enterprises and the
 * key checks. Returns with the lock held. */
enum qc_rc qc_sw_write_staged(struct qc_sampling_writer *w,
			      struct qc_error *err)
{
	enum qc_rc rc = QC_OK;
	int64_t rows = 0, left = 0;
	bool found = false, fast;

	if (qc_buf_len(&w->stage)) {
		rc = qc_store_copy_in(w->s, "sampling_stage", stage_cols,
				      N_STAGE, qc_buf_str(&w->stage),
				      qc_buf_len(&w->stage), err);
		qc_buf_reset(&w->stage);
	}
	fast = !rc && replica_allowed(w->s);
	/* Sorts and hashes of a large stage in memory rather than spilled
	 * to disk (the default 4 MB spills 100 000 rows), for this
	 * transaction only; no JIT (the stage has no statistics, so the
	 * planner's estimates run high, and compiling the big statement cost
	 * seconds under load to save nothing). Without the right to skip
	 * the triggers, their checks are deferred: the results refer to
	 * enterprises and categories written only under the lock. */
	if (rc ||
	    (rc = qc_store_exec(w->s, "SET LOCAL work_mem = '64MB'", err)) ||
	    (rc = qc_store_exec(w->s, "SET LOCAL jit = off", err)) ||
	    (rc = qc_store_exec(w->s, ids_tables, err)) ||
	    (rc = qc_store_exec(w->s, ids_table, err)) ||
	    (rc = qc_store_exec(w->s, refs_table, err)) ||
	    (rc = qc_store_exec(w->s, counts_table, err)) ||
	    (rc = qc_store_exec(w->s, ey_table, err)) ||
	    (rc = qc_store_exec(
		     w->s,
		     fast ? "SET LOCAL session_replication_role = replica" :
			    "SET CONSTRAINTS ALL DEFERRED",
		     err)) ||
	    (rc = qc_store_get_int(
		     w->s,
		     "SELECT CAST(GREATEST(reltuples, 0) AS BIGINT) FROM"
		     " pg_class WHERE oid = to_regclass('sampling_results')",
		     NULL, 0, &rows, &found, err)))
		return rc;
	if ((w->stage_cats &&
	     (rc = run_all(w, cats_sql, cats_params,
			   sizeof(cats_sql) / sizeof(cats_sql[0]), err))) ||
	    (rc = run_all(w, unlocked_sql, unlocked_params,
			  sizeof(unlocked_sql) / sizeof(unlocked_sql[0]),
			  err)) ||
	    (rc = analyze_if_grown(w, rows, err)) ||
	    (rc = qc_store_lock_writes(w->s, err)))
		return rc;
	const char *held = w->holder[0] ? w->holder : NULL;
	rc = qc_store_get_int(w->s, fresh_sql,
			      QC_TEXTS(w->now, held, w->now, held), &left,
			      &found, err);
	if (rc == QC_ECONFLICT)
		return qc_error_set(err, QC_ECONFLICT,
				    "another writer created categories or "
				    "enterprises this file names while it was "
				    "imported; nothing was written: import "
				    "the file again");
	if (rc)
		return rc;
	if (left)
		return qc_error_set(err, QC_ECONFLICT,
				    "another writer created %lld of the "
				    "categories or enterprises this file "
				    "names while it was imported; nothing "
				    "was written: import the file again",
				    (long long)left);
	/* The deferred checks run here, now that every row they refer to is
	 * written, and the caller's later statements are checked as before. */
	if (!fast)
		return qc_store_exec(w->s, "SET CONSTRAINTS ALL IMMEDIATE",
				     err);
	if ((rc = qc_store_get_int(w->s, keys_sql, NULL, 0, &left, &found,
				   err)))
		return rc;
	if (left)
		return qc_error_set(err, QC_ECONFLICT,
				    "a region, category or enterprise the "
				    "results refer to was deleted while the "
				    "file was imported; nothing was written: "
				    "import the file again");
	return qc_store_exec(w->s,
			     "SET LOCAL session_replication_role = origin",
			     err);
}
