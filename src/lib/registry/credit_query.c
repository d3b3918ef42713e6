/* Reading the lists as of a date, red-list candidates, and the logged
 * sanctions check (docs/credit.md). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/clock.h"
#include "qcity/enterprise.h"
#include "qcity/json.h"
#include "qcity/model.h"
#include "qcity/strbuf.h"
#include "qcity/uscc.h"
#include "credit_int.h"
#include "nation_int.h"
#include "banned.h"

/* Public on day d: decided, not past its term, not removed, and a red
 * entry published. Parameters: d four times. */
#define ACTIVE_SQL                                                   \
	"(l.decided_on <= ? AND (l.public_until IS NULL OR"          \
	" l.public_until > ?) AND (l.removed_on IS NULL OR"          \
	" l.removed_on > ?) AND (l.list <> 'red' OR (l.published_on" \
	" IS NOT NULL AND l.published_on <= ?)))"

static void listing_free(struct qc_listing *e)
{
	free(e->uscc);
	free(e->name);
	free(e->region);
	free(e->list);
	free(e->category);
	free(e->ground);
	free(e->decision_no);
	free(e->authority);
	free(e->removal);
}

void qc_listings_release(struct qc_listings *l)
{
	for (size_t i = 0; i < l->n; i++)
		listing_free(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static void day_copy(char out[11], const char *s)
{
	snprintf(out, 11, "%s", s ? s : "");
}

enum qc_rc qc_credit_listings(struct qc_store *s, const char *list,
			      const char *region, const char *uscc,
			      const char *as_of, bool all,
			      struct qc_listings *out, struct qc_error *err)
{
	struct qc_stmt *st;
	char lo[QC_REGION_CODE_SIZE] = "", hi[QC_REGION_CODE_SIZE + 1] = "",
	     code[QC_REGION_CODE_SIZE];
	enum qc_rc rc, r;

	memset(out, 0, sizeof(*out));
	if ((rc = qc_credit_date(as_of, "as_of", out->as_of, err)))
		return rc;
	if (list && strcmp(list, "black") && strcmp(list, "penalty") &&
	    strcmp(list, "red"))
		return qc_error_set(err, QC_EINVAL,
				    "list: '%s' is not black, penalty or red",
				    list);
	if (region) {
		if ((rc = qc_region_resolve(s, region, code, err)))
			return rc;
		qc_region_span(code, lo, hi);
	}
	rc = qc_stmt_prepare(
		s,
		"SELECT l.id, e.uscc, e.name, e.region_code, l.list,"
		" l.category, l.ground, l.decision_no, l.authority,"
		" l.decided_on, l.public_until, l.repair_from,"
		" l.repair_applied_on, l.repair_approved_on, l.removed_on,"
		" l.removal, l.published_on, " ACTIVE_SQL ", l.province_code"
		" FROM credit_listings l JOIN enterprises e ON"
		" e.held_by = l.province_code AND"
		" e.id = l.enterprise_id WHERE"
		" (CAST(? AS TEXT) IS NULL OR l.list = ?) AND"
		" (CAST(? AS TEXT) IS NULL OR (e.region_code >= ? AND"
		" e.region_code < ?)) AND (CAST(? AS TEXT) IS NULL OR"
		" e.uscc = ?) AND (? = 1 OR " ACTIVE_SQL ")"
		" ORDER BY l.decided_on DESC, l.id DESC",
		&st, err);
	if (rc)
		return rc;
	for (int i = 1; i <= 4; i++)
		qc_stmt_bind_text(st, i, out->as_of);
	qc_stmt_bind_text(st, 5, list);
	qc_stmt_bind_text(st, 6, list);
	qc_stmt_bind_text(st, 7, region ? lo : NULL);
	qc_stmt_bind_text(st, 8, lo);
	qc_stmt_bind_text(st, 9, hi);
	qc_stmt_bind_text(st, 10, uscc);
	qc_stmt_bind_text(st, 11, uscc);
	qc_stmt_bind_int(st, 12, all);
	for (int i = 13; i <= 16; i++)
		qc_stmt_bind_text(st, i, out->as_of);
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		QC_GROW(out->v, out->n + 1, out->alloc);
		struct qc_listing *e = &out->v[out->n++];
		memset(e, 0, sizeof(*e));
		e->id = qc_stmt_int(st, 0);
		e->uscc = qc_xstrdup(qc_stmt_text(st, 1));
		e->name = qc_xstrdup(qc_stmt_text(st, 2));
		e->region = qc_xstrdup(qc_stmt_text(st, 3));
		e->list = qc_xstrdup(qc_stmt_text(st, 4));
		e->category = qc_xstrdup(qc_stmt_text(st, 5));
		e->ground = qc_xstrdup(qc_stmt_text(st, 6));
		e->decision_no = qc_xstrdup(qc_stmt_text(st, 7));
		e->authority = qc_xstrdup(qc_stmt_text(st, 8));
		day_copy(e->decided_on, qc_stmt_text(st, 9));
		day_copy(e->public_until, qc_stmt_text(st, 10));
		day_copy(e->repair_from, qc_stmt_text(st, 11));
		day_copy(e->repair_applied_on, qc_stmt_text(st, 12));
		day_copy(e->repair_approved_on, qc_stmt_text(st, 13));
		day_copy(e->removed_on, qc_stmt_text(st, 14));
		e->removal = qc_xstrdup(qc_stmt_text(st, 15));
		day_copy(e->published_on, qc_stmt_text(st, 16));
		e->active = qc_stmt_int(st, 17) != 0;
		snprintf(e->province, sizeof(e->province), "%s",
			 qc_stmt_is_null(st, 18) ? "" : qc_stmt_text(st, 18));
	}
	qc_stmt_free(st);
	if (qc_step_failed(r)) {
		qc_listings_release(out);
		return r;
	}
	return QC_OK;
}

enum qc_rc qc_credit_listings_public(struct qc_store *s, const char *list,
				     const char *as_of, struct qc_listings *out,
				     struct qc_error *err)
{
	size_t k = 0;
	enum qc_rc rc;

	if (!list)
		return qc_error_set(err, QC_EINVAL, "list: missing");
	if ((rc = qc_credit_listings(s, list, NULL, NULL, as_of, false, out,
				     err)))
		return rc;
	for (size_t i = 0; i < out->n; i++) {
		struct qc_listing *e = &out->v[i];
		if (e->published_on[0] &&
		    strcmp(e->published_on, out->as_of) <= 0) {
			struct qc_listing keep = *e;
			*e = out->v[k];
			out->v[k++] = keep;
		}
	}
	for (size_t i = k; i < out->n; i++)
		listing_free(&out->v[i]);
	out->n = k;
	return QC_OK;
}

enum qc_rc qc_credit_red_candidates(struct qc_store *s, const char *region,
				    const char *as_of, struct qc_listings *out,
				    struct qc_error *err)
{
	struct qc_credit_scheme sc;
	struct qc_stmt *st;
	char lo[QC_REGION_CODE_SIZE], hi[QC_REGION_CODE_SIZE + 1],
		code[QC_REGION_CODE_SIZE], from[11];
	enum qc_rc rc, r;
	int y, m, d;
	long days;

	memset(out, 0, sizeof(*out));
	if ((rc = qc_credit_date(as_of, "as_of", out->as_of, err)) ||
	    (rc = qc_region_resolve(s, region, code, err)) ||
	    (rc = qc_credit_scheme_current(s, &sc, err)))
		return rc;
	qc_region_span(code, lo, hi);
	qc_date_days(out->as_of, &days);
	qc_civil_from_days(days, &y, &m, &d);
	/* The last N whole calendar years before the date's. */
	snprintf(from, sizeof(from), "%04d-01-01", y - sc.red_years);
	char to[11];
	snprintf(to, sizeof(to), "%04d-01-01", y);
	/* At the nation an enterprise is (held_by, id): its results and
	 * listings are its holder's rows (ids repeat across provinces), and
	 * the awards, the nation's own register, name it by credit code. */
#define RESULT_HELD QC_NAT(" AND e.held_by = r.held_by")
#define LISTING_HELD QC_NAT(" AND l.province_code = e.held_by")
#define AWARD_OF QC_NAT_OR("a.uscc = e.uscc", "a.enterprise_id = e.id")
#define CANDIDATES_SQL                                                  \
	"SELECT e.uscc, e.name, e.region_code, e.held_by FROM"          \
	" sampling_results r JOIN enterprises e ON e.id ="              \
	" r.enterprise_id" RESULT_HELD " WHERE e.uscc IS NOT NULL AND"  \
	" e.region_code >= ? AND e.region_code < ? AND r.sampled_on >=" \
	" ? AND r.sampled_on < ? AND NOT EXISTS (SELECT 1 FROM"         \
	" credit_listings l WHERE l.enterprise_id = e.id" LISTING_HELD  \
	" AND l.list IN ('black', 'penalty') AND " ACTIVE_SQL ") AND"   \
	" (? = 0 OR EXISTS (SELECT 1 FROM awards a WHERE " AWARD_OF     \
	" AND a.year >= ?)) GROUP BY e.held_by, e.id, e.uscc, e.name,"  \
	" e.region_code HAVING SUM(1 - r.passed) = 0 AND"               \
	" COUNT(DISTINCT substr(r.sampled_on, 1, 4)) = ?"               \
	" ORDER BY e.name, e.held_by"
	rc = qc_nat_prepare(s, CANDIDATES_SQL, &st, err);
#undef CANDIDATES_SQL
#undef AWARD_OF
#undef LISTING_HELD
#undef RESULT_HELD
	if (rc)
		goto out;
	qc_stmt_bind_text(st, 1, lo);
	qc_stmt_bind_text(st, 2, hi);
	qc_stmt_bind_text(st, 3, from);
	qc_stmt_bind_text(st, 4, to);
	for (int i = 5; i <= 8; i++)
		qc_stmt_bind_text(st, i, out->as_of);
	qc_stmt_bind_int(st, 9, sc.red_award);
	qc_stmt_bind_int(st, 10, y - sc.red_years);
	qc_stmt_bind_int(st, 11, sc.red_years);
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		QC_GROW(out->v, out->n + 1, out->alloc);
		struct qc_listing *e = &out->v[out->n++];
		memset(e, 0, sizeof(*e));
		e->uscc = qc_xstrdup(qc_stmt_text(st, 0));
		e->name = qc_xstrdup(qc_stmt_text(st, 1));
		e->region = qc_xstrdup(qc_stmt_text(st, 2));
		snprintf(e->province, sizeof(e->province), "%s",
			 qc_stmt_is_null(st, 3) ? "" : qc_stmt_text(st, 3));
		e->list = qc_xstrdup("red");
		e->category = qc_xstrdup("general");
		e->ground = qc_xstrdup(sc.red_rule);
	}
	qc_stmt_free(st);
	if (qc_step_failed(r)) {
		rc = r;
		qc_listings_release(out);
	}
out:
	qc_credit_scheme_release(&sc);
	return rc;
}

void qc_credit_verdict_release(struct qc_credit_verdict *v)
{
	free(v->rule);
	free(v->listing);
	memset(v, 0, sizeof(*v));
}

static const char *purpose_label(int p)
{
	static const char *const l[] = { "政府采购", "财政补贴", "评优评先" };
	return l[p];
}

/* The first public listing of the lists in mask (bit 1 black, 2
 * penalty) for the enterprise on day, at the nation its holder's
 * (listings are their enterprise's holder's rows there); *id 0 when
 * none. */
static enum qc_rc restricting(struct qc_store *s, int64_t eid,
			      const char *holder, unsigned mask,
			      const char *day, int64_t *id, struct qc_buf *what,
			      struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc, r;

	*id = 0;
#define HOLDERS QC_NAT(" AND l.province_code = ?")
	rc = qc_nat_prepare(s,
			    "SELECT l.id, l.list, l.decided_on, l.ground,"
			    " l.public_until, l.decision_no FROM"
			    " credit_listings l WHERE l.enterprise_id = ? AND"
			    " ((? = 1 AND l.list = 'black') OR (? = 1 AND"
			    " l.list = 'penalty')) AND " ACTIVE_SQL HOLDERS
			    " ORDER BY l.list, l.decided_on LIMIT 1",
			    &st, err);
#undef HOLDERS
	if (rc)
		return rc;
	qc_stmt_bind_int(st, 1, eid);
	qc_stmt_bind_int(st, 2, (mask & 1) != 0);
	qc_stmt_bind_int(st, 3, (mask & 2) != 0);
	for (int i = 4; i <= 7; i++)
		qc_stmt_bind_text(st, i, day);
	if (qc_store_national(s))
		qc_stmt_bind_text(st, 8, holder);
	if ((r = qc_stmt_next(st, err)) == QC_ROW) {
		const char *no = qc_stmt_text(st, 5);
		*id = qc_stmt_int(st, 0);
		qc_buf_addf(what, "%s %s %s%s%s（公示至 %s）",
			    !strcmp(qc_stmt_text(st, 1), "black") ?
				    "严重违法失信名单" :
				    "行政处罚公示",
			    qc_stmt_text(st, 2), qc_stmt_text(st, 3),
			    no ? " " : "", no ? no : "", qc_stmt_text(st, 4));
	}
	qc_stmt_free(st);
	return qc_step_rc(r);
}

/* The enterprise a check is about: its id, normalised code and holder
 * (held_by: the province holding it, NULL for whichever; at the nation
 * a code held by several needs it, refused naming them). QC_ENOTFOUND
 * when no record is there. */
static enum qc_rc checked_enterprise(struct qc_store *s, const char *uscc,
				     const char *held_by, int64_t *eid,
				     char code[19], char holder[7],
				     struct qc_error *err)
{
	struct qc_enterprise e;
	enum qc_rc rc;

	holder[0] = '\0';
	if (!qc_store_national(s) && !(held_by && *held_by)) {
		/* The server's own: its row's holder, which is the
		 * server's province when it publishes (publish makes it
		 * every row's and the column's default, as qc_store_holder
		 * reads it) and else the enterprise's own province. */
		char *h = NULL;
		if (!(rc = qc_credit_enterprise(s, uscc, eid, code, err)) &&
		    !(rc = qc_store_get_text(s,
					     "SELECT held_by FROM enterprises"
					     " WHERE uscc = ?",
					     QC_TEXTS(code), &h, err)) &&
		    h)
			snprintf(holder, 7, "%s", h);
		free(h);
		return rc;
	}
	if (!uscc || !qc_uscc_normalize(uscc, code))
		return qc_error_set(err, QC_EINVAL,
				    "'%s' is not an 18-character credit code",
				    uscc ? uscc : "");
	rc = qc_enterprise_get_at(s, code, held_by, &e, err);
	if (rc == QC_ENOTFOUND && held_by && *held_by) {
		/* A province that does not hold the code is a wrong
		 * province, not an enterprise without a record: a typo must
		 * not make a black-listed enterprise "allowed". */
		struct qc_error any_err = { 0 };
		struct qc_enterprise any;
		enum qc_rc any_rc = qc_enterprise_get_at(s, code, NULL, &any,
							 &any_err);

		if (!any_rc)
			qc_enterprise_release(&any);
		if (any_rc != QC_ENOTFOUND)
			return qc_error_set(err, QC_EINVAL,
					    "province %s holds no enterprise "
					    "%s, but the code has a record "
					    "here: give the province that "
					    "holds it, or none",
					    held_by, code);
	}
	if (rc)
		return rc;
	*eid = e.id;
	snprintf(holder, 7, "%s", e.held_by);
	qc_enterprise_release(&e);
	return QC_OK;
}

enum qc_rc qc_credit_check(struct qc_store *s, const char *uscc,
			   const char *purpose, const char *as_of,
			   const char *actor, struct qc_credit_verdict *out,
			   struct qc_error *err)
{
	return qc_credit_check_at(s, uscc, NULL, purpose, as_of, actor, out,
				  err);
}

enum qc_rc qc_credit_check_at(struct qc_store *s, const char *uscc,
			      const char *held_by, const char *purpose,
			      const char *as_of, const char *actor,
			      struct qc_credit_verdict *out,
			      struct qc_error *err)
{
	static const char *const purposes[] = { "procurement", "subsidy",
						"award" };
	struct qc_credit_scheme sc;
	struct qc_stmt *st;
	struct qc_buf what, rule;
	char code[19], now[32], key[32], holder[7];
	int64_t eid = 0;
	int p = -1;
	enum qc_rc rc;

	memset(out, 0, sizeof(*out));
	for (int i = 0; i < 3; i++)
		if (purpose && !strcmp(purpose, purposes[i]))
			p = i;
	if (p < 0)
		return qc_error_set(err, QC_EINVAL,
				    "purpose: '%s' is not procurement, subsidy"
				    " or award",
				    purpose ? purpose : "");
	if ((rc = qc_credit_date(as_of, "as_of", out->as_of, err)))
		return rc;
	if ((rc = qc_credit_scheme_current(s, &sc, err)))
		return rc;
	qc_buf_init(&what, 1024);
	qc_buf_init(&rule, 1024);
	if ((rc = qc_store_begin(s, err)))
		goto done;
	rc = checked_enterprise(s, uscc, held_by, &eid, code, holder, err);
	if (rc == QC_ENOTFOUND) {
		rc = QC_OK;
		eid = 0;
		qc_buf_addf(&rule, "%s：%s 无信用记录，不受限制",
			    purpose_label(p), code);
	} else if (!rc) {
		rc = restricting(s, eid, holder, sc.sanctions[p], out->as_of,
				 &out->listing_id, &what, err);
		out->restricted = out->listing_id != 0;
		if (out->restricted)
			qc_buf_addf(&rule,
				    "%s：%s公示期内限制（评价方案 %s；"
				    "市场监管总局令2021年第44号）",
				    purpose_label(p),
				    sc.sanctions[p] & 2 ?
					    "严重违法失信名单、行政处罚" :
					    "严重违法失信名单",
				    sc.version);
		else
			qc_buf_addf(&rule,
				    "%s：无公示中的%s，不受限制（评价方案 %s）",
				    purpose_label(p),
				    sc.sanctions[p] & 2 ?
					    "严重违法失信名单或行政处罚" :
					    "严重违法失信名单",
				    sc.version);
	}
	if (rc)
		goto out;
	qc_buf_mark_cut(&rule, "…");
	qc_buf_mark_cut(&what, "…");
	qc_now_iso(now, sizeof(now));
	rc = qc_stmt_prepare(s,
			     "INSERT INTO credit_checks (uscc, enterprise_id,"
			     " purpose, as_of, result, rule, listing_id,"
			     " checked_at, actor, held_by) VALUES (?, ?, ?, ?,"
			     " ?, ?, ?, ?, ?, ?) RETURNING id",
			     &st, err);
	if (rc)
		goto out;
	qc_stmt_bind_text(st, 1, code);
	if (eid)
		qc_stmt_bind_int(st, 2, eid);
	qc_stmt_bind_text(st, 3, purposes[p]);
	qc_stmt_bind_text(st, 4, out->as_of);
	qc_stmt_bind_text(st, 5, out->restricted ? "restricted" : "allowed");
	qc_stmt_bind_text(st, 6, qc_buf_str(&rule));
	if (out->listing_id)
		qc_stmt_bind_int(st, 7, out->listing_id);
	qc_stmt_bind_text(st, 8, now);
	qc_stmt_bind_text(st, 9, actor);
	if (eid && *holder)
		qc_stmt_bind_text(st, 10, holder);
	rc = qc_stmt_run_id(st, &out->check_id, err);
	qc_stmt_free(st);
	snprintf(key, sizeof(key), "%lld", (long long)out->check_id);
	if (!rc)
		rc = qc_audit_add_json(
			s, actor, "check", "credit_check", key, NULL,
			qc_xjson_pack("{s:s, s:s*, s:s, s:s, s:s, s:s}", "uscc",
				      code, "province",
				      eid && *holder ? holder : NULL, "purpose",
				      purposes[p], "as_of", out->as_of,
				      "result",
				      out->restricted ? "restricted" :
							"allowed",
				      "rule", qc_buf_str(&rule)),
			err);
out:
	rc = qc_store_end(s, rc, err);
	if (!rc) {
		out->rule = qc_buf_detach(&rule, NULL);
		if (out->restricted)
			out->listing = qc_buf_detach(&what, NULL);
	} else {
		qc_credit_verdict_release(out);
	}
done:
	qc_buf_release(&rule);
	qc_buf_release(&what);
	qc_credit_scheme_release(&sc);
	return rc;
}
