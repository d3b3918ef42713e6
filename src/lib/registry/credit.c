/* Credit events per enterprise and the grade they make under the stored
 * scheme (docs/credit.md): sampling failures come from the sampling
 * register, the other events from credit_events; a black listing fixes
 * the grade. The grade is stored again when an event arrives and when a
 * regrade finds that time has moved it (decay). */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/clock.h"
#include "qcity/enterprise.h"
#include "qcity/json.h"
#include "qcity/model.h"
#include "qcity/strbuf.h"
#include "credit_int.h"
#include "nation_int.h"
#include "banned.h"

static const char *const stored_kinds[] = {
	"penalty",       "complaint_upheld", "award", "certification",
	"cqo_appointed", "recall",           NULL
};
static const char *const categories[] = { "general", "food", "drug",
					  "special_equipment", NULL };

static bool one_of(const char *const *v, const char *s)
{
	for (int i = 0; s && v[i]; i++)
		if (!strcmp(v[i], s))
			return true;
	return false;
}

void qc_credit_grade_release(struct qc_credit_grade *g)
{
	for (size_t i = 0; i < g->n; i++) {
		free(g->v[i].kind);
		free(g->v[i].date);
		free(g->v[i].title);
		free(g->v[i].rule);
	}
	free(g->v);
	free(g->scheme_version);
	free(g->override);
	memset(g, 0, sizeof(*g));
}

/* What is left of an event's points on as_of: whole until full_years,
 * then falling day by day to nothing at years. */
static double weight_of(const struct qc_credit_rule *r, const char *date,
			const char *as_of)
{
	char full[11], end[11];
	long d_full, d_end, d_now;
	if (!qc_credit_add_months(date, r->full_years * 12, full) ||
	    !qc_credit_add_months(date, r->years * 12, end) ||
	    !qc_date_days(full, &d_full) || !qc_date_days(end, &d_end) ||
	    !qc_date_days(as_of, &d_now))
		return 0;
	if (d_now >= d_end)
		return 0;
	if (d_now < d_full || d_end == d_full)
		return 1;
	return (double)(d_end - d_now) / (double)(d_end - d_full);
}

static void add_item(struct qc_credit_grade *g,
		     const struct qc_credit_scheme *sc, const char *kind,
		     const char *date, const char *title)
{
	const struct qc_credit_rule *r = NULL;
	for (size_t i = 0; i < sc->n_rules && !r; i++)
		if (!strcmp(sc->rules[i].kind, kind))
			r = &sc->rules[i];
	if (!r) /* a kind the scheme does not weigh */
		return;
	double w = weight_of(r, date, g->as_of);
	if (w <= 0)
		return;
	QC_GROW(g->v, g->n + 1, g->alloc);
	struct qc_credit_item *it = &g->v[g->n++];
	it->kind = qc_xstrdup(kind);
	it->date = qc_xstrdup(date);
	it->title = qc_xstrdup(title ? title : "");
	it->rule = qc_xstrdup(r->text);
	it->weight = round(w * 10000) / 10000;
	it->points = round(r->points * w * 100) / 100;
	g->score += r->points * w;
}

/* sql's parameters: the enterprise id, as_of and, at the nation, the
 * province whose rows they are (holder). */
static enum qc_rc collect(struct qc_store *s, const char *sql, int64_t eid,
			  const char *holder, const char *as_of,
			  const char *kind, const struct qc_credit_scheme *sc,
			  struct qc_credit_grade *g, struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc r, rc = qc_nat_prepare(s, sql, &st, err);
	if (rc)
		return rc;
	qc_stmt_bind_int(st, 1, eid);
	qc_stmt_bind_text(st, 2, as_of);
	if (qc_store_national(s))
		qc_stmt_bind_text(st, 3, holder);
	while ((r = qc_stmt_next(st, err)) == QC_ROW)
		add_item(g, sc, kind ? kind : qc_stmt_text(st, 2),
			 qc_stmt_text(st, 0), qc_stmt_text(st, 1));
	qc_stmt_free(st);
	return qc_step_rc(r);
}

/* At the nation an enterprise is (holder, id) and its results, events
 * and listings are its holder's rows (ids repeat across provinces): a
 * result's holder is its held_by (0027; its province_code is where it
 * was made), an event's or listing's its province_code (0026). Each
 * query's last parameter there. */
#define HELD_RESULTS QC_NAT(" AND held_by = ?")
#define HELD_ROWS QC_NAT(" AND province_code = ?")
#define FAILURES_SQL                                                    \
	"SELECT sampled_on, product || COALESCE('：' || failed_items," \
	" '') FROM sampling_results WHERE enterprise_id = ? AND"        \
	" passed = 0 AND sampled_on <= ?" HELD_RESULTS " ORDER BY sampled_on"
#define EVENTS_SQL                                                      \
	"SELECT occurred_on, title, kind FROM credit_events WHERE"      \
	" enterprise_id = ? AND occurred_on <= ?" HELD_ROWS " ORDER BY" \
	" occurred_on, id"
#define BLACK_SQL                                                       \
	"SELECT decided_on, ground FROM credit_listings WHERE"          \
	" enterprise_id = ? AND list = 'black' AND decided_on <= ? AND" \
	" (removed_on IS NULL OR removed_on > ?) AND (public_until IS"  \
	" NULL OR public_until > ?)" HELD_ROWS " ORDER BY decided_on LIMIT 1"

enum qc_rc qc_credit_grade_of(struct qc_store *s, int64_t eid,
			      const char *holder, const char *as_of,
			      const struct qc_credit_scheme *sc,
			      struct qc_credit_grade *g, struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc, r;

	memset(g, 0, sizeof(*g));
	memcpy(g->as_of, as_of, 11);
	g->scheme_version = qc_xstrdup(sc->version);
	rc = collect(s, FAILURES_SQL, eid, holder, as_of, "sampling_failure",
		     sc, g, err);
	if (!rc)
		rc = collect(s, EVENTS_SQL, eid, holder, as_of, NULL, sc, g,
			     err);
	if (rc)
		return rc;
	g->score = round((sc->base + g->score) * 100) / 100;
	for (int i = 0; i < 4; i++)
		if (g->score >= sc->grades[i].min) {
			g->grade[0] = sc->grades[i].grade;
			break;
		}
	if (!sc->black_grade)
		return QC_OK;
	if ((rc = qc_nat_prepare(s, BLACK_SQL, &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, eid);
	for (int i = 2; i <= 4; i++)
		qc_stmt_bind_text(st, i, as_of);
	if (qc_store_national(s))
		qc_stmt_bind_text(st, 5, holder);
	if ((r = qc_stmt_next(st, err)) == QC_ROW) {
		struct qc_buf b;
		qc_buf_init(&b, 1024);
		qc_buf_addf(&b, "严重违法失信名单（%s 列入：%s）→ %c",
			    qc_stmt_text(st, 0), qc_stmt_text(st, 1),
			    sc->black_grade);
		qc_buf_mark_cut(&b, "…");
		g->override = qc_buf_detach(&b, NULL);
		g->grade[0] = sc->black_grade;
	}
	qc_stmt_free(st);
	return qc_step_rc(r);
}

enum qc_rc qc_credit_grade(struct qc_store *s, const char *uscc,
			   const char *as_of, struct qc_credit_grade *out,
			   struct qc_error *err)
{
	return qc_credit_grade_at(s, uscc, NULL, as_of, out, err);
}

enum qc_rc qc_credit_grade_at(struct qc_store *s, const char *uscc,
			      const char *held_by, const char *as_of,
			      struct qc_credit_grade *out, struct qc_error *err)
{
	struct qc_credit_scheme sc;
	struct qc_enterprise e = { 0 };
	char code[19], day[11];
	int64_t eid = 0;
	bool nat = qc_store_national(s);
	enum qc_rc rc;

	memset(out, 0, sizeof(*out));
	if (held_by && !*held_by)
		held_by = NULL;
	if ((rc = qc_credit_date(as_of, "as_of", day, err)))
		return rc;
	/* At the nation a credit code may be held by several provinces,
	 * each its own record: the holder's rows only (held_by, id). */
	if (nat || held_by) {
		rc = qc_enterprise_get_at(s, uscc, held_by, &e, err);
		eid = e.id;
	} else {
		rc = qc_credit_enterprise(s, uscc, &eid, code, err);
	}
	if (!rc)
		rc = qc_credit_scheme_current(s, &sc, err);
	if (rc) {
		qc_enterprise_release(&e);
		return rc;
	}
	rc = qc_credit_grade_of(s, eid, e.held_by, day, &sc, out, err);
	qc_enterprise_release(&e);
	if (rc)
		qc_credit_grade_release(out);
	qc_credit_scheme_release(&sc);
	return rc;
}

json_t *qc_credit_grade_json(const struct qc_credit_grade *g,
			     const char *items_key)
{
	json_t *items = json_array();
	for (size_t i = 0; i < g->n; i++)
		json_array_append_new(items,
				      qc_xjson_pack("{s:s, s:s, s:s, s:s, s:f, s:f}",
						    "kind", g->v[i].kind,
						    "date", g->v[i].date,
						    "title", g->v[i].title,
						    "rule", g->v[i].rule,
						    "points", g->v[i].points,
						    "weight", g->v[i].weight));
	return qc_xjson_pack("{s:s, s:f, s:s, s:s, s:s?, s:o}", "grade",
			     g->grade, "score", g->score, "scheme",
			     g->scheme_version, "as_of", g->as_of, "override",
			     g->override, items_key, items);
}

static enum qc_rc store_grade(struct qc_store *s, int64_t eid,
			      const struct qc_credit_grade *g,
			      const char *actor, bool *changed,
			      struct qc_error *err)
{
	struct qc_stmt *st;
	char *before = NULL, key[32], now[32];
	enum qc_rc rc;

	snprintf(key, sizeof(key), "%lld", (long long)eid);
	rc = qc_store_get_text(s,
			       "SELECT grade FROM credit_grades WHERE"
			       " enterprise_id = CAST(? AS BIGINT)",
			       QC_TEXTS(key), &before, err);
	*changed = !rc && (!before || strcmp(before, g->grade));
	if (rc || !*changed) {
		free(before);
		return rc;
	}
	json_t *basis = qc_credit_grade_json(g, "items");
	char *text = json_dumps(basis, JSON_COMPACT);
	qc_now_iso(now, sizeof(now));
	rc = qc_stmt_prepare(s,
			     "INSERT INTO credit_grades (enterprise_id, grade,"
			     " score, scheme_version, as_of, basis,"
			     " computed_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
			     " ON CONFLICT (enterprise_id) DO UPDATE SET"
			     " grade = excluded.grade, score = excluded.score,"
			     " scheme_version = excluded.scheme_version,"
			     " as_of = excluded.as_of, basis = excluded.basis,"
			     " computed_at = excluded.computed_at",
			     &st, err);
	if (!rc) {
		qc_stmt_bind_int(st, 1, eid);
		qc_stmt_bind_text(st, 2, g->grade);
		qc_stmt_bind_double(st, 3, g->score);
		qc_stmt_bind_text(st, 4, g->scheme_version);
		qc_stmt_bind_text(st, 5, g->as_of);
		qc_stmt_bind_text(st, 6, text ? text : "{}");
		qc_stmt_bind_text(st, 7, now);
		rc = qc_stmt_run(st, err);
		qc_stmt_free(st);
	}
	if (!rc)
		rc = qc_audit_add_json(s, actor, "grade", "credit_grade", key,
				       before ? qc_xjson_pack("{s:s}", "grade",
							      before) :
						NULL,
				       json_incref(basis), err);
	json_decref(basis);
	free(text);
	free(before);
	return rc;
}

enum qc_rc qc_credit_regrade_one(struct qc_store *s, int64_t eid,
				 const char *as_of, const char *actor,
				 bool *changed, struct qc_error *err)
{
	struct qc_credit_scheme sc;
	struct qc_credit_grade g;
	char day[11];
	enum qc_rc rc;

	*changed = false;
	if ((rc = qc_credit_date(as_of, "as_of", day, err)))
		return rc;
	rc = qc_credit_scheme_current(s, &sc, NULL);
	if (rc == QC_ENOTFOUND)
		return QC_OK; /* nothing grades before a scheme is loaded */
	if (rc)
		return qc_error_set(err, rc,
				    "the credit scheme could not be"
				    " read");
	if (!(rc = qc_credit_grade_of(s, eid, NULL, day, &sc, &g, err)))
		rc = store_grade(s, eid, &g, actor, changed, err);
	qc_credit_grade_release(&g);
	qc_credit_scheme_release(&sc);
	return rc;
}

enum qc_rc qc_credit_regrade(struct qc_store *s, const char *as_of,
			     const char *actor, size_t *changed,
			     struct qc_error *err)
{
	struct qc_stmt *st = NULL;
	int64_t *ids = NULL;
	size_t n = 0, alloc = 0;
	enum qc_rc rc, r = QC_OK;
	char day[11];

	*changed = 0;
	/* At the nation the grades are the provinces' (recomputed by each
	 * province's scheme; credit_grades stays there) and ids repeat. */
	if ((rc = qc_store_refuse_national_write(s, err)) ||
	    (rc = qc_credit_date(as_of, "as_of", day, err)))
		return rc;
	if ((rc = qc_store_begin(s, err)))
		return rc;
	rc = qc_stmt_prepare(s,
			     "SELECT enterprise_id FROM credit_events UNION"
			     " SELECT enterprise_id FROM credit_listings UNION"
			     " SELECT enterprise_id FROM credit_grades UNION"
			     " SELECT enterprise_id FROM sampling_results"
			     " WHERE passed = 0 AND enterprise_id IS NOT NULL",
			     &st, err);
	while (!rc && (r = qc_stmt_next(st, err)) == QC_ROW) {
		QC_GROW(ids, n + 1, alloc);
		ids[n++] = qc_stmt_int(st, 0);
	}
	if (!rc && qc_step_failed(r))
		rc = r;
	qc_stmt_free(st);
	for (size_t i = 0; !rc && i < n; i++) {
		bool ch;
		rc = qc_credit_regrade_one(s, ids[i], day, actor, &ch, err);
		*changed += ch;
	}
	free(ids);
	return qc_store_end(s, rc, err);
}

enum qc_rc qc_credit_stored_grade(struct qc_store *s, const char *uscc,
				  char grade[2], char as_of[11],
				  struct qc_error *err)
{
	struct qc_stmt *st;
	char code[19];
	int64_t eid;
	enum qc_rc rc, r;

	grade[0] = as_of[0] = '\0';
	if ((rc = qc_credit_enterprise(s, uscc, &eid, code, err)) ||
	    (rc = qc_stmt_prepare(s,
				  "SELECT grade, as_of FROM credit_grades"
				  " WHERE enterprise_id = ?",
				  &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, eid);
	if ((r = qc_stmt_next(st, err)) == QC_ROW) {
		snprintf(grade, 2, "%s", qc_stmt_text(st, 0));
		snprintf(as_of, 11, "%s", qc_stmt_text(st, 1));
	}
	qc_stmt_free(st);
	return qc_step_rc(r);
}

enum qc_rc qc_credit_event_add(struct qc_store *s,
			       const struct qc_credit_event_in *in,
			       const char *actor, int64_t *id,
			       struct qc_error *err)
{
	struct qc_stmt *st;
	char code[19], day[11], now[32], key[32];
	const char *cat = in->category ? in->category : "general";
	int64_t eid;
	bool changed;
	enum qc_rc rc;

	*id = 0;
	if ((rc = qc_store_refuse_national_write(s, err)))
		return rc;
	if (!one_of(stored_kinds, in->kind))
		return qc_error_set(err, QC_EINVAL,
				    "kind: '%s' is not penalty,"
				    " complaint_upheld, award, certification,"
				    " cqo_appointed or recall",
				    in->kind ? in->kind : "");
	if (!one_of(categories, cat))
		return qc_error_set(err, QC_EINVAL,
				    "category: '%s' is not general, food,"
				    " drug or special_equipment",
				    cat);
	if (!in->occurred_on)
		return qc_error_set(err, QC_EINVAL, "date: missing");
	if (!in->title || !*in->title)
		return qc_error_set(err, QC_EINVAL, "title: empty");
	if ((rc = qc_credit_date(in->occurred_on, "date", day, err)))
		return rc;
	if ((rc = qc_store_begin(s, err)))
		return rc;
	if ((rc = qc_credit_enterprise(s, in->uscc, &eid, code, err)))
		goto out;
	qc_now_iso(now, sizeof(now));
	rc = qc_stmt_prepare(s,
			     "INSERT INTO credit_events (enterprise_id, kind,"
			     " occurred_on, title, source, authority, evidence,"
			     " category, created_at, province_code) VALUES (?,"
			     " ?, ?, ?, ?, ?, ?, ?, ?, (SELECT held_by"
			     " FROM enterprises WHERE id = ?)) RETURNING id",
			     &st, err);
	if (rc)
		goto out;
	qc_stmt_bind_int(st, 1, eid);
	qc_stmt_bind_text(st, 2, in->kind);
	qc_stmt_bind_text(st, 3, day);
	qc_stmt_bind_text(st, 4, in->title);
	qc_stmt_bind_text(st, 5, in->source);
	qc_stmt_bind_text(st, 6, in->authority);
	qc_stmt_bind_text(st, 7, in->evidence);
	qc_stmt_bind_text(st, 8, cat);
	qc_stmt_bind_text(st, 9, now);
	qc_stmt_bind_int(st, 10, eid);
	rc = qc_stmt_run_id(st, id, err);
	qc_stmt_free(st);
	if (rc == QC_ECONFLICT)
		rc = qc_error_set(err, QC_ECONFLICT,
				  "the decision '%s' is already recorded",
				  in->evidence ? in->evidence : "");
	if (rc)
		goto out;
	snprintf(key, sizeof(key), "%lld", (long long)*id);
	rc = qc_audit_add_json(
		s, actor, "add", "credit_event", key, NULL,
		qc_xjson_pack("{s:s, s:s, s:s, s:s, s:s?, s:s?, s:s?, s:s}",
			      "uscc", code, "kind", in->kind, "date", day,
			      "title", in->title, "source", in->source,
			      "authority", in->authority, "evidence",
			      in->evidence, "category", cat),
		err);
	if (!rc && !strcmp(in->kind, "penalty")) {
		struct qc_listing_in l = {
			.uscc = code,
			.list = "penalty",
			.category = cat,
			.ground = in->title,
			.decision_no = in->evidence,
			.authority = in->authority,
			.decided_on = day,
			.penalty_kind = in->penalty_kind,
		};
		int64_t lid;
		rc = qc_credit_list_add(s, &l, actor, &lid, err);
		if (!rc) {
			struct qc_stmt *u;
			rc = qc_stmt_prepare(s,
					     "UPDATE credit_listings SET"
					     " event_id = ? WHERE id = ?",
					     &u, err);
			if (!rc) {
				qc_stmt_bind_int(u, 1, *id);
				qc_stmt_bind_int(u, 2, lid);
				rc = qc_stmt_run(u, err);
				qc_stmt_free(u);
			}
		}
	}
	if (!rc)
		rc = qc_credit_regrade_one(s, eid, NULL, actor, &changed, err);
out:
	if (rc)
		*id = 0;
	return qc_store_end(s, rc, err);
}
