/* The black list, penalty disclosures and the red list with their legal
 * clocks, credit repair, publication, expiry, and the sanctions check
 * (docs/credit.md cites each rule). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/clock.h"
#include "qcity/json.h"
#include "qcity/model.h"
#include "qcity/strbuf.h"
#include "credit_int.h"
#include "nation_int.h"
#include "banned.h"

#define CITE_BLACK                                                                                                  \
	"《市场监督管理严重违法失信名单管理办法》（市场监管总局令2021年第44号）：" \
	"公示期三年，期满移出；列入满一年可申请信用修复提前移出"
#define CITE_PENALTY                                                                                               \
	"《市场监督管理行政处罚信息公示规定》（市场监管总局令第45号）第十三条：" \
	"其他行政处罚信息自公示之日起届满三年的，停止公示；《市场监督管理信用"   \
	"修复管理办法》（国市监信规〔2021〕3号）第六条：公示期满六个月可申请"       \
	"信用修复"
#define CITE_PENALTY_STRICT                                                                                        \
	"《市场监督管理行政处罚信息公示规定》（市场监管总局令第45号）第十三条：" \
	"届满三年停止公示；《市场监督管理信用修复管理办法》（国市监信规"            \
	"〔2021〕3号）第六条：食品、药品、特种设备领域行政处罚信息公示期满一年"    \
	"方可申请信用修复"
#define CITE_PENALTY_SHORT                                                                                          \
	"《市场监督管理行政处罚信息公示规定》（市场监管总局令第45号）第十三条："  \
	"仅受到通报批评或者较低数额罚款的行政处罚信息自公示之日起届满三个月的，" \
	"停止公示；《市场监督管理信用修复管理办法》第六条不适用信用修复"
#define CITE_PENALTY_WARNING                                                                                 \
	"《市场监督管理行政处罚信息公示规定》（市场监管总局令第45号）第二条" \
	"第二款：仅受到警告行政处罚的不予公示"

#define CITE_NO_REPAIR                                                                                             \
	"《市场监督管理信用修复管理办法》（国市监信规〔2021〕3号）第六条：仅受到" \
	"警告、通报批评和较低数额罚款的，不在信用修复之列"

static const char *const penalty_kinds[] = { "warning", "notice", "low_fine",
					     "other" };

enum qc_rc qc_credit_clock(const char *list, const char *category,
			   const char *penalty_kind, const char *decided_on,
			   char public_until[11], char repair_from[11],
			   const char **citation, struct qc_error *err)
{
	int term = 0, repair = 0;
	const char *cite = "";
	bool strict = category && strcmp(category, "general");
	const char *pk = penalty_kind ? penalty_kind : "other";
	size_t k;

	public_until[0] = repair_from[0] = '\0';
	if (!list || !strcmp(list, "red")) {
		cite = "质量诚信红榜：办公室审核发布，无法定期限";
	} else if (!strcmp(list, "black")) {
		term = 36;
		repair = 12;
		cite = CITE_BLACK;
	} else if (!strcmp(list, "penalty")) {
		for (k = 0; k < 4 && strcmp(pk, penalty_kinds[k]); k++)
			;
		if (k == 4)
			return qc_error_set(err, QC_EINVAL,
					    "penalty kind: '%s' is not warning,"
					    " notice, low_fine or other",
					    pk);
		if (k == 0) { /* not disclosed: leaves view the same day */
			term = -1;
			cite = CITE_PENALTY_WARNING;
		} else if (k < 3) {
			term = 3;
			repair = -1;
			cite = CITE_PENALTY_SHORT;
		} else {
			term = 36;
			repair = strict ? 12 : 6;
			cite = strict ? CITE_PENALTY_STRICT : CITE_PENALTY;
		}
	} else {
		return qc_error_set(err, QC_EINVAL,
				    "list: '%s' is not black, penalty or red",
				    list);
	}
	if (citation)
		*citation = cite;
	if (term && (!qc_credit_add_months(decided_on, term < 0 ? 0 : term,
					   public_until) ||
		     (repair > 0 &&
		      !qc_credit_add_months(decided_on, repair, repair_from))))
		return qc_error_set(err, QC_EINVAL,
				    "date: '%s' is not a date (YYYY-MM-DD)",
				    decided_on ? decided_on : "");
	return QC_OK;
}

static enum qc_rc audit_listing(struct qc_store *s, const char *actor,
				const char *action, int64_t id, json_t *after,
				struct qc_error *err)
{
	char key[32];
	snprintf(key, sizeof(key), "%lld", (long long)id);
	return qc_audit_add_json(s, actor, action, "credit_listing", key, NULL,
				 after, err);
}

enum qc_rc qc_credit_list_add(struct qc_store *s,
			      const struct qc_listing_in *in, const char *actor,
			      int64_t *id, struct qc_error *err)
{
	struct qc_stmt *st;
	char code[19], day[11], until[11], repair[11], now[32];
	const char *cat = in->category ? in->category : "general", *cite;
	int64_t eid;
	bool changed;
	enum qc_rc rc;

	*id = 0;
	if ((rc = qc_store_refuse_national_write(s, err)))
		return rc;
	if (strcmp(cat, "general") && strcmp(cat, "food") &&
	    strcmp(cat, "drug") && strcmp(cat, "special_equipment"))
		return qc_error_set(err, QC_EINVAL,
				    "category: '%s' is not general, food,"
				    " drug or special_equipment",
				    cat);
	if (!in->ground || !*in->ground)
		return qc_error_set(err, QC_EINVAL,
				    "ground: empty (the legal ground or"
				    " criterion of the decision)");
	if (!in->decided_on)
		return qc_error_set(err, QC_EINVAL, "date: missing");
	if ((rc = qc_credit_date(in->decided_on, "date", day, err)) ||
	    (rc = qc_credit_clock(in->list, cat, in->penalty_kind, day, until,
				  repair, &cite, err)))
		return rc;
	if ((rc = qc_store_begin(s, err)))
		return rc;
	if ((rc = qc_credit_enterprise(s, in->uscc, &eid, code, err)))
		goto out;
	qc_now_iso(now, sizeof(now));
	rc = qc_stmt_prepare(s,
			     "INSERT INTO credit_listings (enterprise_id, list,"
			     " category, ground, decision_no, authority,"
			     " decided_on, public_until, repair_from,"
			     " created_at, province_code) VALUES (?, ?, ?, ?,"
			     " ?, ?, ?, ?, ?, ?, (SELECT held_by FROM"
			     " enterprises WHERE id = ?)) RETURNING id",
			     &st, err);
	if (rc)
		goto out;
	qc_stmt_bind_int(st, 1, eid);
	qc_stmt_bind_text(st, 2, in->list);
	qc_stmt_bind_text(st, 3, cat);
	qc_stmt_bind_text(st, 4, in->ground);
	qc_stmt_bind_text(st, 5, in->decision_no);
	qc_stmt_bind_text(st, 6, in->authority);
	qc_stmt_bind_text(st, 7, day);
	qc_stmt_bind_text(st, 8, until[0] ? until : NULL);
	qc_stmt_bind_text(st, 9, repair[0] ? repair : NULL);
	qc_stmt_bind_text(st, 10, now);
	qc_stmt_bind_int(st, 11, eid);
	rc = qc_stmt_run_id(st, id, err);
	qc_stmt_free(st);
	if (!rc)
		rc = audit_listing(s, actor, "list", *id,
				   qc_xjson_pack("{s:s, s:s, s:s, s:s, s:s?, s:s, s:s,"
						 " s:s, s:s, s:s?}",
						 "uscc", code, "list", in->list,
						 "category", cat, "ground",
						 in->ground, "decision_no",
						 in->decision_no, "decided_on",
						 day, "public_until", until,
						 "repair_from", repair, "rule",
						 cite, "penalty_kind",
						 in->penalty_kind),
				   err);
	if (!rc)
		rc = qc_credit_regrade_one(s, eid, NULL, actor, &changed, err);
out:
	if (rc)
		*id = 0;
	return qc_store_end(s, rc, err);
}

struct row {
	int64_t eid;
	char list[16], category[24], repair_from[11], public_until[11],
		applied[11], removed[11], published[11];
};

static enum qc_rc load_row(struct qc_store *s, int64_t id, struct row *r,
			   struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc x = qc_stmt_row_ids(s,
				       "SELECT enterprise_id, list, category,"
				       " repair_from, public_until,"
				       " repair_applied_on, removed_on,"
				       " published_on FROM credit_listings"
				       " WHERE id = ?",
				       QC_IDS(id), &st, err);
	const char *t;

	memset(r, 0, sizeof(*r));
	if (x == QC_DONE)
		return qc_error_set(err, QC_ENOTFOUND, "no listing %lld",
				    (long long)id);
	if (x != QC_ROW || !st) /* !st: as in qc_store_get_int */
		return x;
	r->eid = qc_stmt_int(st, 0);
	snprintf(r->list, sizeof(r->list), "%s", qc_stmt_text(st, 1));
	snprintf(r->category, sizeof(r->category), "%s", qc_stmt_text(st, 2));
#define COPY(field, col)                     \
	snprintf(field, sizeof(field), "%s", \
		 (t = qc_stmt_text(st, col)) ? t : "")
	COPY(r->repair_from, 3);
	COPY(r->public_until, 4);
	COPY(r->applied, 5);
	COPY(r->removed, 6);
	COPY(r->published, 7);
#undef COPY
	qc_stmt_free(st);
	return QC_OK;
}

/* Run one UPDATE of a listing with text parameters then the id. */
static enum qc_rc update(struct qc_store *s, const char *sql, const char *a,
			 const char *b, int64_t id, struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc = qc_stmt_prepare(s, sql, &st, err);
	if (rc)
		return rc;
	qc_stmt_bind_text(st, 1, a);
	qc_stmt_bind_text(st, 2, b);
	qc_stmt_bind_int(st, 3, id);
	rc = qc_stmt_run(st, err);
	qc_stmt_free(st);
	return rc;
}

/* What a listing step changes once its own checks pass: one UPDATE with
 * two text parameters then the id, the audit row's after (taken over),
 * and whether the enterprise's grade follows. */
struct change {
	const char *sql, *a, *b;
	json_t *after;
	bool regrade;
};

/* A step's own part: refuse the row r on date day, or say what changes. */
typedef enum qc_rc (*step_part)(int64_t id, const struct row *r,
				const char *day, struct change *c,
				struct qc_error *err);

/* The frame every step of a listing shares (repair apply, repair approve,
 * publish): parse the date, in one transaction load the row and refuse
 * a removed one, then the step's part decides, and its change is made,
 * audited as action and, when it says so, regraded. */
static enum qc_rc listing_step(struct qc_store *s, int64_t id, const char *date,
			       const char *actor, const char *action,
			       step_part part, struct qc_error *err)
{
	struct change c = { 0 };
	struct row r;
	char day[11];
	bool changed;
	enum qc_rc rc;

	if ((rc = qc_store_refuse_national_write(s, err)) ||
	    (rc = qc_credit_date(date, "date", day, err)) ||
	    (rc = qc_store_begin(s, err)))
		return rc;
	if ((rc = load_row(s, id, &r, err)))
		goto out;
	if (r.removed[0]) {
		rc = qc_error_set(err, QC_ECONFLICT,
				  "listing %lld was removed on %s",
				  (long long)id, r.removed);
		goto out;
	}
	if ((rc = part(id, &r, day, &c, err)) ||
	    (rc = update(s, c.sql, c.a, c.b, id, err)))
		goto out;
	rc = audit_listing(s, actor, action, id, c.after, err);
	c.after = NULL;
	if (!rc && c.regrade)
		rc = qc_credit_regrade_one(s, r.eid, NULL, actor, &changed,
					   err);
out:
	json_decref(c.after);
	return qc_store_end(s, rc, err);
}

static enum qc_rc repair_apply(int64_t id, const struct row *r, const char *day,
			       struct change *c, struct qc_error *err)
{
	const char *cite;
	char u[11], f[11];

	if (!strcmp(r->list, "red"))
		return qc_error_set(err, QC_ECONFLICT,
				    "listing %lld is on the red list: there is"
				    " nothing to repair",
				    (long long)id);
	qc_credit_clock(r->list, r->category, NULL, "2000-01-01", u, f, &cite,
			NULL);
	if (!r->repair_from[0])
		return qc_error_set(err, QC_ECONFLICT,
				    "listing %lld is not open to credit repair:"
				    " it leaves public view on %s (%s)",
				    (long long)id, r->public_until,
				    CITE_NO_REPAIR);
	if (strcmp(day, r->repair_from) < 0)
		return qc_error_set(err, QC_ECONFLICT,
				    "credit repair of listing %lld may be"
				    " applied for from %s, not on %s (%s)",
				    (long long)id, r->repair_from, day, cite);
	if (r->public_until[0] && strcmp(day, r->public_until) >= 0)
		return qc_error_set(err, QC_ECONFLICT,
				    "listing %lld left public view on %s:"
				    " repair is moot",
				    (long long)id, r->public_until);
	c->sql = "UPDATE credit_listings SET repair_applied_on = ?,"
		 " repair_approved_on = CAST(? AS TEXT) WHERE id = ?";
	c->a = day;
	c->after = qc_xjson_pack("{s:s, s:s}", "applied_on", day, "rule", cite);
	return QC_OK;
}

enum qc_rc qc_credit_repair_apply(struct qc_store *s, int64_t id,
				  const char *date, const char *actor,
				  struct qc_error *err)
{
	return listing_step(s, id, date, actor, "repair_apply", repair_apply,
			    err);
}

static enum qc_rc repair_approve(int64_t id, const struct row *r,
				 const char *day, struct change *c,
				 struct qc_error *err)
{
	if (!r->applied[0])
		return qc_error_set(err, QC_ECONFLICT,
				    "listing %lld has no repair application:"
				    " apply first",
				    (long long)id);
	if (strcmp(day, r->applied) < 0)
		return qc_error_set(err, QC_EINVAL,
				    "date: %s is before the application of %s",
				    day, r->applied);
	c->sql = "UPDATE credit_listings SET repair_approved_on = ?,"
		 " removed_on = ?, removal = 'repair' WHERE id = ?";
	c->a = c->b = day;
	c->after = qc_xjson_pack("{s:s, s:s}", "removed_on", day, "removal",
				 "repair");
	c->regrade = true;
	return QC_OK;
}

enum qc_rc qc_credit_repair_approve(struct qc_store *s, int64_t id,
				    const char *date, const char *actor,
				    struct qc_error *err)
{
	return listing_step(s, id, date, actor, "repair_approve",
			    repair_approve, err);
}

static enum qc_rc publish(int64_t id, const struct row *r, const char *day,
			  struct change *c, struct qc_error *err)
{
	if (r->published[0])
		return qc_error_set(err, QC_ECONFLICT,
				    "listing %lld was published on %s",
				    (long long)id, r->published);
	c->sql = "UPDATE credit_listings SET published_on = ?,"
		 " removal = CAST(? AS TEXT) WHERE id = ?";
	c->a = day;
	c->after = qc_xjson_pack("{s:s}", "published_on", day);
	return QC_OK;
}

enum qc_rc qc_credit_publish(struct qc_store *s, int64_t id, const char *date,
			     const char *actor, struct qc_error *err)
{
	return listing_step(s, id, date, actor, "publish", publish, err);
}

enum qc_rc qc_credit_expire(struct qc_store *s, const char *as_of,
			    const char *actor, size_t *n, struct qc_error *err)
{
	struct qc_stmt *st = NULL;
	struct {
		int64_t id, eid;
		char until[11];
	} *v = NULL;
	size_t k = 0, alloc = 0;
	char day[11];
	enum qc_rc rc, r = QC_OK;

	*n = 0;
	if ((rc = qc_store_refuse_national_write(s, err)) ||
	    (rc = qc_credit_date(as_of, "as_of", day, err)) ||
	    (rc = qc_store_begin(s, err)))
		return rc;
	rc = qc_stmt_prepare(s,
			     "SELECT id, enterprise_id, public_until FROM"
			     " credit_listings WHERE removed_on IS NULL AND"
			     " public_until IS NOT NULL AND public_until <= ?"
			     " ORDER BY id",
			     &st, err);
	if (!rc)
		qc_stmt_bind_text(st, 1, day);
	while (!rc && (r = qc_stmt_next(st, err)) == QC_ROW) {
		QC_GROW(v, k + 1, alloc);
		v[k].id = qc_stmt_int(st, 0);
		v[k].eid = qc_stmt_int(st, 1);
		snprintf(v[k++].until, 11, "%s", qc_stmt_text(st, 2));
	}
	if (!rc && qc_step_failed(r))
		rc = r;
	qc_stmt_free(st);
	for (size_t i = 0; !rc && i < k; i++) {
		bool changed;
		rc = update(s,
			    "UPDATE credit_listings SET removed_on = ?,"
			    " removal = ? WHERE id = ?",
			    v[i].until, "expired", v[i].id, err);
		if (!rc)
			rc = audit_listing(s, actor, "expire", v[i].id,
					   qc_xjson_pack("{s:s, s:s}",
							 "removed_on",
							 v[i].until, "removal",
							 "expired"),
					   err);
		if (!rc)
			rc = qc_credit_regrade_one(s, v[i].eid, day, actor,
						   &changed, err);
	}
	if (!rc)
		*n = k;
	free(v);
	return qc_store_end(s, rc, err);
}
