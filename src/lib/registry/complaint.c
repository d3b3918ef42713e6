/* The complaint and report register: intake and the steps of each item
 * (docs/complaints.md). Reads and deadlines are in complaint_read.c. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/clock.h"
#include "qcity/complaint.h"
#include "qcity/i18n.h"
#include "qcity/json.h"
#include "qcity/model.h"
#include "qcity/store.h"
#include "qcity/uscc.h"
#include "complaint_int.h"
#include "nation_int.h"
#include "banned.h"

static const char *const channels[] = { "12315", "web",   "app", "letter",
					"visit", "12345", NULL };

/* The steps the law allows, per kind: from → to, and whether the step
 * must give a reason. */
static const struct step {
	enum qc_complaint_kind kind;
	const char *from, *to;
	bool reason;
} steps[] = {
	{ QC_COMPLAINT, "received", "accepted", false },
	{ QC_COMPLAINT, "received", "not_accepted", true },
	{ QC_COMPLAINT, "accepted", "mediating", false },
	{ QC_COMPLAINT, "mediating", "agreed", false },
	{ QC_COMPLAINT, "mediating", "mediation_ended", true },
	{ QC_COMPLAINT, "accepted", "mediation_ended", true },
	{ QC_COMPLAINT, "not_accepted", "closed", false },
	{ QC_COMPLAINT, "agreed", "closed", false },
	{ QC_COMPLAINT, "mediation_ended", "closed", false },
	{ QC_REPORT, "received", "checked", false },
	{ QC_REPORT, "checked", "case_opened", false },
	{ QC_REPORT, "checked", "not_opened", true },
	{ QC_REPORT, "case_opened", "closed", false },
	{ QC_REPORT, "not_opened", "closed", false },
};

static const char *const state_names[][2] = {
	{ "received", N_("newly registered") },
	{ "accepted", N_("accepted for handling") },
	{ "not_accepted", N_("not accepted") },
	{ "mediating", N_("in mediation") },
	{ "agreed", N_("mediation agreed") },
	{ "mediation_ended", N_("mediation ended") },
	{ "checked", N_("checked") },
	{ "case_opened", N_("case opened") },
	{ "not_opened", N_("no case opened") },
	{ "closed", N_("closed") },
};

const char *qc_complaint_state_label(const char *state)
{
	for (size_t i = 0;
	     state && i < sizeof(state_names) / sizeof(*state_names); i++)
		if (!strcmp(state, state_names[i][0]))
			return _(state_names[i][1]);
	return state ? state : "";
}

static bool in_list(const char *const *list, const char *s)
{
	for (; s && *list; list++)
		if (!strcmp(*list, s))
			return true;
	return false;
}

/* A step date: a real date, not before `after` (may be "") and not after
 * today. */
static enum qc_rc step_date(const char *on, const char *after, const char *what,
			    struct qc_error *err)
{
	long d, a;
	if (!on || strlen(on) != 10 || !qc_date_days(on, &d))
		return qc_error_set(err, QC_EINVAL,
				    "%s: date \"%s\" is not valid: write "
				    "YYYY-MM-DD",
				    what, on ? on : "");
	if (d > qc_today_days())
		return qc_error_set(err, QC_EINVAL,
				    "%s: date %s is after today", what, on);
	if (after && *after && qc_date_days(after, &a) && d < a)
		return qc_error_set(err, QC_EINVAL,
				    "%s: date %s is before the previous "
				    "step's %s",
				    what, on, after);
	return QC_OK;
}

void qc_cpl_writer_init(struct qc_cpl_writer *w, struct qc_store *s)
{
	memset(w, 0, sizeof(*w));
	w->s = s;
	qc_now_iso(w->now, sizeof(w->now));
}

void qc_cpl_writer_release(struct qc_cpl_writer *w)
{
	qc_stmt_free(w->item);
	qc_stmt_free(w->event);
	memset(w, 0, sizeof(*w));
}

/* Prepare sql into *st the first time, rewind it the next ones. */
static enum qc_rc ready(struct qc_store *s, struct qc_stmt **st,
			const char *sql, struct qc_error *err)
{
	if (*st) {
		qc_stmt_reset(*st);
		return QC_OK;
	}
	return qc_stmt_prepare(s, sql, st, err);
}

static enum qc_rc add_event(struct qc_cpl_writer *w, int64_t id, const char *on,
			    const char *from, const char *to,
			    const char *region, const char *reason,
			    const char *actor, struct qc_error *err)
{
	enum qc_rc rc;

	if ((rc = ready(w->s, &w->event,
			"INSERT INTO complaint_events (complaint_id,"
			" happened_on, from_state, to_state, region_code,"
			" reason, actor, recorded_at, province_code) VALUES"
			" (?, ?, ?, ?, ?, ?, ?, ?, (SELECT province_code FROM"
			" complaints WHERE id = ?))",
			err)))
		return rc;
	qc_stmt_bind_int(w->event, 1, id);
	qc_stmt_bind_text(w->event, 2, on);
	qc_stmt_bind_text(w->event, 3, from);
	qc_stmt_bind_text(w->event, 4, to);
	qc_stmt_bind_text(w->event, 5, region);
	qc_stmt_bind_text(w->event, 6, reason);
	qc_stmt_bind_text(w->event, 7, actor);
	qc_stmt_bind_text(w->event, 8, w->now);
	qc_stmt_bind_int(w->event, 9, id);
	return qc_stmt_run(w->event, err);
}

enum qc_rc qc_cpl_county(struct qc_store *s, const char *name,
			 char code[QC_REGION_CODE_SIZE], struct qc_error *err)
{
	char *other;
	enum qc_rc rc;

	if (!name || !*name)
		return qc_error_set(err, QC_EINVAL,
				    "region: give the handling region (the "
				    "county where the respondent trades or "
				    "lives)");
	if ((rc = qc_region_county(s, name, code, &other, err)) || !other)
		return rc;
	rc = qc_error_set(err, QC_EINVAL,
			  "region: %s is not a county; complaints "
			  "are handled by county market regulators",
			  other);
	free(other);
	return rc;
}

enum qc_rc qc_cpl_category(struct qc_store *s, const char *name, int64_t *id,
			   struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r = QC_OK;

	*id = 0;
	if (!name || !*name)
		return QC_OK;
	if ((rc = qc_stmt_prepare(s,
				  "SELECT id FROM product_categories WHERE"
				  " name = ?",
				  &st, err)))
		return rc;
	qc_stmt_bind_text(st, 1, name);
	if ((r = qc_stmt_next(st, err)) == QC_ROW)
		*id = qc_stmt_int(st, 0);
	qc_stmt_free(st);
	if (qc_step_failed(r))
		return r;
	return *id ? QC_OK :
		     qc_error_set(err, QC_EINVAL,
				  "category: \"%s\" is not in the product "
				  "catalogue (qcity sampling rates lists "
				  "the categories)",
				  name);
}

enum qc_rc qc_cpl_check(const struct qc_complaint_new *in, struct qc_error *err)
{
	if (!in_list(channels, in->channel))
		return qc_error_set(err, QC_EINVAL,
				    "channel: \"%s\" is not valid: write "
				    "12315, web, app, letter, visit or 12345",
				    in->channel ? in->channel : "");
	if (!in->respondent || !*in->respondent)
		return qc_error_set(err, QC_EINVAL,
				    "respondent: give the person or business "
				    "complained about (or reported)");
	if (!in->text || !*in->text)
		return qc_error_set(err, QC_EINVAL,
				    "text: give the complaint's text");
	if (in->respondent_uscc && *in->respondent_uscc &&
	    qc_uscc_check(in->respondent_uscc, err))
		return qc_error_prefix(err, "respondent_uscc"), QC_EINVAL;
	if (in->amount != in->amount || in->amount > 1e12)
		return qc_error_set(err, QC_EINVAL,
				    "amount: not a valid amount");
	return step_date(in->received_on, NULL, "received_on", err);
}

static json_t *masked_row(const struct qc_complaint_new *in, const char *code)
{
	char name[64], phone[32], id[32];
	qc_mask_name(in->person_name, name, sizeof(name));
	qc_mask_phone(in->person_phone, phone, sizeof(phone));
	qc_mask_id(in->person_id, id, sizeof(id));
	return qc_xjson_pack("{s:s, s:s, s:s, s:s?, s:s, s:s, s:s, s:s, s:s}",
			     "kind",
			     in->kind == QC_REPORT ? "report" : "complaint",
			     "channel", in->channel, "region", code,
			     "platform_no", in->platform_no, "received_on",
			     in->received_on, "respondent", in->respondent,
			     "person_name", name, "person_phone", phone,
			     "person_id", id);
}

enum qc_rc qc_cpl_insert(struct qc_cpl_writer *w,
			 const struct qc_complaint_new *in, const char *code,
			 int64_t cat, const char *actor, int64_t *id,
			 struct qc_error *err)
{
	struct qc_stmt *st;
	char prov[7];
	enum qc_rc rc;

	if ((rc = ready(w->s, &w->item,
			"INSERT INTO complaints (province_code,"
			" region_code, kind, channel, platform_no,"
			" received_on, state, respondent, respondent_uscc,"
			" respondent_address, category_id, amount, text,"
			" wants_reply, person_name, person_phone, person_id,"
			" last_step_on, created_at) VALUES (?, ?, ?, ?, ?,"
			" ?, 'received', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
			" RETURNING id",
			err)))
		return rc;
	st = w->item;
	snprintf(prov, sizeof(prov), "%.2s0000", code);
	qc_stmt_bind_text(st, 1, prov);
	qc_stmt_bind_text(st, 2, code);
	qc_stmt_bind_text(st, 3,
			  in->kind == QC_REPORT ? "report" : "complaint");
	qc_stmt_bind_text(st, 4, in->channel);
	qc_stmt_bind_text(st, 5,
			  in->platform_no && *in->platform_no ?
				  in->platform_no :
				  NULL);
	qc_stmt_bind_text(st, 6, in->received_on);
	qc_stmt_bind_text(st, 7, in->respondent);
	qc_stmt_bind_text(st, 8,
			  in->respondent_uscc && *in->respondent_uscc ?
				  in->respondent_uscc :
				  NULL);
	qc_stmt_bind_text(st, 9, in->respondent_address);
	if (cat)
		qc_stmt_bind_int(st, 10, cat);
	else
		qc_stmt_bind_null(st, 10);
	if (in->amount >= 0)
		qc_stmt_bind_double(st, 11, in->amount);
	else
		qc_stmt_bind_null(st, 11);
	qc_stmt_bind_text(st, 12, in->text);
	qc_stmt_bind_int(st, 13, in->wants_reply);
	qc_stmt_bind_text(st, 14, in->person_name);
	qc_stmt_bind_text(st, 15, in->person_phone);
	qc_stmt_bind_text(st, 16, in->person_id);
	qc_stmt_bind_text(st, 17, in->received_on);
	qc_stmt_bind_text(st, 18, w->now);
	rc = qc_stmt_run_id(st, id, err);
	if (rc == QC_ECONFLICT)
		rc = qc_error_set(err, QC_ECONFLICT,
				  "platform_no: number %s is already "
				  "registered",
				  in->platform_no);
	if (!rc)
		rc = add_event(w, *id, in->received_on, NULL, "received", code,
			       NULL, actor, err);
	return rc;
}

enum qc_rc qc_complaint_add(struct qc_store *s,
			    const struct qc_complaint_new *in,
			    const char *actor, int64_t *id,
			    struct qc_error *err)
{
	struct qc_cpl_writer w;
	struct qc_calendar *cal = NULL;
	char code[QC_REGION_CODE_SIZE], key[32];
	int64_t cat = 0;
	enum qc_rc rc;

	*id = 0;
	if ((rc = qc_store_refuse_national_write(s, err)) ||
	    (rc = qc_cpl_check(in, err)))
		return rc;
	if ((rc = qc_store_begin(s, err)))
		return rc;
	qc_cpl_writer_init(&w, s);
	if ((rc = qc_cpl_county(s, in->region, code, err)) ||
	    (rc = qc_cpl_category(s, in->category, &cat, err)) ||
	    (rc = qc_cpl_counts_ready(s, &cal, false, err)) ||
	    (rc = qc_cpl_insert(&w, in, code, cat, actor, id, err)) ||
	    (rc = qc_cpl_count(s, cal, *id, 1, err)) ||
	    (rc = qc_cpl_month(s, *id, 1, err)))
		goto out;
	snprintf(key, sizeof(key), "%lld", (long long)*id);
	if (!(rc = qc_audit_add_json(s, actor, "insert", "complaint", key, NULL,
				     masked_row(in, code), err)))
		rc = qc_complaint_refresh(s, code, in->received_on, actor, err);
out:
	qc_cpl_writer_release(&w);
	qc_calendar_free(cal);
	return qc_store_end(s, rc, err);
}

/* Item id as it stands. */
struct item_now {
	char state[24], region[QC_REGION_CODE_SIZE], last[11], received[11];
	enum qc_complaint_kind kind;
	bool extended;
};

static enum qc_rc current(struct qc_store *s, int64_t id, struct item_now *c,
			  struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc r = qc_stmt_row_ids(s,
				       "SELECT state, kind, region_code,"
				       " last_step_on, extended_by, received_on"
				       " FROM complaints WHERE id = ?",
				       QC_IDS(id), &st, err);

	if (r == QC_DONE)
		return qc_error_set(err, QC_ENOTFOUND,
				    "no complaint or report %lld",
				    (long long)id);
	if (r != QC_ROW || !st) /* !st: as in qc_store_get_int */
		return r;
	snprintf(c->state, sizeof(c->state), "%s", qc_stmt_text(st, 0));
	c->kind = !strcmp(qc_stmt_text(st, 1), "report") ? QC_REPORT :
							   QC_COMPLAINT;
	snprintf(c->region, sizeof(c->region), "%s", qc_stmt_text(st, 2));
	snprintf(c->last, sizeof(c->last), "%s", qc_stmt_text(st, 3));
	c->extended = !qc_stmt_is_null(st, 4);
	snprintf(c->received, sizeof(c->received), "%s", qc_stmt_text(st, 5));
	qc_stmt_free(st);
	return QC_OK;
}

/* Begin a step of item id: the transaction, the item as it stands, and
 * its share taken out of the counts (finish_step puts it back as it is
 * after the step). The caller ends the transaction (qc_store_end) and
 * frees *cal whatever this returns. */
static enum qc_rc begin_step(struct qc_store *s, int64_t id, struct item_now *c,
			     struct qc_calendar **cal, struct qc_error *err)
{
	enum qc_rc rc;

	*cal = NULL;
	/* At the nation ids repeat across provinces and the items are the
	 * provinces': refused before anything is read. */
	if ((rc = qc_store_refuse_national_write(s, err)) ||
	    (rc = qc_store_begin(s, err)))
		return rc;
	if ((rc = current(s, id, c, err)) ||
	    (rc = qc_cpl_counts_ready(s, cal, false, err)))
		return rc;
	return qc_cpl_count(s, *cal, id, -1, err);
}

/* UPDATE complaints with sql: the n texts v bound first, the item's id
 * last. */
static enum qc_rc update_item(struct qc_store *s, const char *sql,
			      const char *const *v, int n, int64_t id,
			      struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;

	if ((rc = qc_stmt_prepare(s, sql, &st, err)))
		return rc;
	for (int k = 0; k < n; k++)
		qc_stmt_bind_text(st, k + 1, v[k]);
	qc_stmt_bind_int(st, n + 1, id);
	rc = qc_stmt_run(st, err);
	qc_stmt_free(st);
	return rc;
}

/* What every step leaves behind: its event (from c's state to `to`, in
 * region), the bound figures of the county it left and of the one it is
 * in now, and its audit row (before and after are taken). */
static enum qc_rc finish_step(struct qc_store *s, const struct qc_calendar *cal,
			      int64_t id, const struct item_now *c,
			      const char *on, const char *to,
			      const char *region, const char *reason,
			      const char *action, json_t *before, json_t *after,
			      const char *actor, struct qc_error *err)
{
	struct qc_cpl_writer w;
	char key[32];
	enum qc_rc rc;

	qc_cpl_writer_init(&w, s);
	rc = add_event(&w, id, on, c->state, to, region, reason, actor, err);
	qc_cpl_writer_release(&w);
	if (!rc)
		rc = qc_cpl_count(s, cal, id, 1, err);
	if (!rc)
		rc = qc_complaint_refresh(s, c->region, c->received, actor,
					  err);
	/* A transfer: the item left one county for another. */
	if (!rc && strcmp(region, c->region))
		rc = qc_complaint_refresh(s, region, on, actor, err);
	if (rc) {
		json_decref(before);
		json_decref(after);
		return rc;
	}
	snprintf(key, sizeof(key), "%lld", (long long)id);
	return qc_audit_add_json(s, actor, action, "complaint", key, before,
				 after, err);
}

static enum qc_rc refuse_step(enum qc_complaint_kind kind, const char *from,
			      const char *to, struct qc_error *err)
{
	char allowed[512] = "";
	size_t n = 0;
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if (steps[i].kind == kind && !strcmp(steps[i].from, from) &&
		    n < sizeof(allowed)) {
			if (n)
				n += (size_t)snprintf(allowed + n,
						      sizeof(allowed) - n, "%s",
						      _(", "));
			if (n < sizeof(allowed))
				/* TRANSLATORS: a state's code, then
				 * its name. */
				n += (size_t)snprintf(allowed + n,
						      sizeof(allowed) - n,
						      _("%s (%s)"), steps[i].to,
						      qc_complaint_state_label(
							      steps[i].to));
		}
	/* The state people read, the next ones as they type them. */
	return qc_error_set(err, QC_ECONFLICT,
			    "cannot move from %s to %s; it can move to: %s",
			    qc_complaint_state_label(from), to,
			    n ? allowed : _("(none: closed)"));
}

static const struct step *find_step(enum qc_complaint_kind kind,
				    const char *from, const char *to)
{
	for (size_t i = 0; to && i < sizeof(steps) / sizeof(steps[0]); i++)
		if (steps[i].kind == kind && !strcmp(steps[i].from, from) &&
		    !strcmp(steps[i].to, to))
			return &steps[i];
	return NULL;
}

enum qc_rc qc_complaint_move(struct qc_store *s, int64_t id, const char *to,
			     const char *on, const char *reason,
			     const char *actor, struct qc_error *err)
{
	const struct step *step;
	struct item_now c;
	struct qc_calendar *cal = NULL;
	enum qc_rc rc;

	if ((rc = begin_step(s, id, &c, &cal, err)))
		goto out;
	if (!(step = find_step(c.kind, c.state, to))) {
		rc = refuse_step(c.kind, c.state, to ? to : "", err);
		goto out;
	}
	if (step->reason && (!reason || !*reason)) {
		rc = qc_error_set(err, QC_EINVAL,
				  "reason: moving to %s needs a reason", to);
		goto out;
	}
	if ((rc = step_date(on, c.last, "date", err)))
		goto out;
	/* The state and its date, then (state, date) for each dated step. */
	const char *v[12];
	for (int k = 0; k < 12; k += 2)
		v[k] = to, v[k + 1] = on;
	if ((rc = update_item(s,
			      "UPDATE complaints SET state = ?,"
			      " last_step_on = ?,"
			      " accepted_on = CASE WHEN ? = 'accepted' THEN ?"
			      " ELSE accepted_on END,"
			      " ended_on = CASE WHEN ? = 'mediation_ended' THEN"
			      " ? ELSE ended_on END,"
			      " decided_on = CASE WHEN ? IN ('accepted',"
			      " 'not_accepted', 'case_opened', 'not_opened') THEN"
			      " ? ELSE decided_on END,"
			      " concluded_on = CASE WHEN ? IN ('agreed',"
			      " 'mediation_ended') THEN ? ELSE concluded_on END,"
			      " closed_on = CASE WHEN ? = 'closed' THEN ? ELSE"
			      " closed_on END WHERE id = ?",
			      v, 12, id, err)))
		goto out;
	rc = finish_step(s, cal, id, &c, on, to, c.region, reason, "update",
			 qc_xjson_pack("{s:s}", "state", c.state),
			 qc_xjson_pack("{s:s, s:s, s:s?}", "state", to, "on",
				       on, "reason", reason),
			 actor, err);
out:
	qc_calendar_free(cal);
	return qc_store_end(s, rc, err);
}

enum qc_rc qc_complaint_extend(struct qc_store *s, int64_t id,
			       const char *approver, const char *on,
			       const char *actor, struct qc_error *err)
{
	struct qc_calendar *cal = NULL;
	struct item_now c;
	enum qc_rc rc;

	if (!approver || !*approver)
		return qc_error_set(err, QC_EINVAL,
				    "approver: extending the check needs the "
				    "approval of a head: name who approved");
	if ((rc = begin_step(s, id, &c, &cal, err)))
		goto out;
	if (c.kind != QC_REPORT ||
	    (strcmp(c.state, "received") && strcmp(c.state, "checked")) ||
	    c.extended) {
		rc = qc_error_set(err, QC_ECONFLICT,
				  "only a report not yet decided on can be "
				  "extended, once (now: %s%s)",
				  qc_complaint_state_label(c.state),
				  c.extended ? _(", extended") : "");
		goto out;
	}
	if ((rc = step_date(on, c.last, "date", err)) ||
	    (rc = update_item(s,
			      "UPDATE complaints SET extended_by = ?"
			      " WHERE id = ?",
			      QC_TEXTS(approver), id, err)))
		goto out;
	/* The deadline moved, so the on-time figures may have. */
	rc = finish_step(s, cal, id, &c, on, c.state, c.region, approver,
			 "extend", NULL,
			 qc_xjson_pack("{s:s, s:s}", "approver", approver, "on",
				       on),
			 actor, err);
out:
	qc_calendar_free(cal);
	return qc_store_end(s, rc, err);
}

enum qc_rc qc_complaint_transfer(struct qc_store *s, int64_t id,
				 const char *region, const char *on,
				 const char *actor, struct qc_error *err)
{
	struct item_now c;
	struct qc_calendar *cal = NULL;
	char to[QC_REGION_CODE_SIZE], prov[7];
	enum qc_rc rc;

	if ((rc = begin_step(s, id, &c, &cal, err)) ||
	    (rc = qc_cpl_county(s, region, to, err)))
		goto out;
	if (strcmp(c.state, "received")) {
		rc = qc_error_set(err, QC_ECONFLICT,
				  "only an item not yet accepted can be "
				  "transferred (now: %s)",
				  qc_complaint_state_label(c.state));
		goto out;
	}
	if (!strcmp(c.region, to)) {
		rc = qc_error_set(err, QC_EINVAL,
				  "region: already handled there");
		goto out;
	}
	if ((rc = step_date(on, c.last, "date", err)))
		goto out;
	snprintf(prov, sizeof(prov), "%.2s0000", to);
	if ((rc = qc_cpl_month(s, id, -1, err)) ||
	    (rc = update_item(s,
			      "UPDATE complaints SET region_code = ?,"
			      " province_code = ?, received_on = ?,"
			      " last_step_on = ? WHERE id = ?",
			      QC_TEXTS(to, prov, on, on), id, err)) ||
	    /* Its events go with it (PostgreSQL's foreign key cascades
	     * the same). */
	    (rc = update_item(s,
			      "UPDATE complaint_events SET province_code = ?"
			      " WHERE complaint_id = ?",
			      QC_TEXTS(prov), id, err)) ||
	    (rc = qc_cpl_month(s, id, 1, err)))
		goto out;
	rc = finish_step(s, cal, id, &c, on, "received", to, "移送", "transfer",
			 qc_xjson_pack("{s:s}", "region", c.region),
			 qc_xjson_pack("{s:s, s:s}", "region", to,
				       "received_on", on),
			 actor, err);
out:
	qc_calendar_free(cal);
	return qc_store_end(s, rc, err);
}

enum qc_rc qc_complaint_audit_view(struct qc_store *s, int64_t id,
				   const char *actor, struct qc_error *err)
{
	return qc_complaint_audit_view_at(s, NULL, id, actor, err);
}

enum qc_rc qc_complaint_audit_view_at(struct qc_store *s, const char *province,
				      int64_t id, const char *actor,
				      struct qc_error *err)
{
	char key[48];
	enum qc_rc rc;

	if (province && *province)
		snprintf(key, sizeof(key), "%.6s:%lld", province,
			 (long long)id);
	else
		snprintf(key, sizeof(key), "%lld", (long long)id);
	if ((rc = qc_store_begin(s, err)))
		return rc;
	rc = qc_audit_add(s, actor, "view_personal_data", "complaint", key,
			  NULL, NULL, err);
	return qc_store_end(s, rc, err);
}

enum qc_rc qc_complaint_outcome(struct qc_store *s, int64_t id,
				int satisfaction, double recovered,
				const char *actor, struct qc_error *err)
{
	struct item_now c;
	struct qc_calendar *cal = NULL;
	struct qc_stmt *st;
	char key[32];
	enum qc_rc rc;

	if (satisfaction < 0 || satisfaction > 5)
		return qc_error_set(err, QC_EINVAL,
				    "satisfaction: write 1 (very "
				    "dissatisfied) to 5 (very satisfied)");
	if (recovered != recovered || recovered > 1e12)
		return qc_error_set(err, QC_EINVAL,
				    "recovered: not a valid amount");
	if ((rc = begin_step(s, id, &c, &cal, err)))
		goto out;
	if (!strcmp(c.state, "received") || !strcmp(c.state, "accepted") ||
	    !strcmp(c.state, "mediating") || !strcmp(c.state, "checked")) {
		rc = qc_error_set(err, QC_ECONFLICT,
				  "item %lld is not closed (now: %s): "
				  "record the follow-up once it is closed",
				  (long long)id,
				  qc_complaint_state_label(c.state));
		goto out;
	}
	if ((rc = qc_stmt_prepare(s,
				  "UPDATE complaints SET satisfaction ="
				  " COALESCE(?, satisfaction), recovered ="
				  " COALESCE(?, recovered) WHERE id = ?",
				  &st, err)))
		goto out;
	if (satisfaction)
		qc_stmt_bind_int(st, 1, satisfaction);
	else
		qc_stmt_bind_null(st, 1);
	if (recovered >= 0)
		qc_stmt_bind_double(st, 2, recovered);
	else
		qc_stmt_bind_null(st, 2);
	qc_stmt_bind_int(st, 3, id);
	rc = qc_stmt_run(st, err);
	qc_stmt_free(st);
	if (!rc)
		rc = qc_cpl_count(s, cal, id, 1, err);
	if (!rc)
		rc = qc_complaint_refresh(s, c.region, c.received, actor, err);
	if (!rc) {
		snprintf(key, sizeof(key), "%lld", (long long)id);
		rc = qc_audit_add_json(s, actor, "outcome", "complaint", key,
				       NULL,
				       qc_xjson_pack("{s:i, s:f}",
						     "satisfaction",
						     satisfaction, "recovered",
						     recovered),
				       err);
	}
out:
	qc_calendar_free(cal);
	return qc_store_end(s, rc, err);
}
