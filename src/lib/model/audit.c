/* The audit log: who changed what, when, with the row before and after. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/clock.h"
#include "qcity/i18n.h"
#include "qcity/json.h"
#include "qcity/model.h"
#include "qcity/store.h"
#include "banned.h"

enum qc_rc qc_audit_add(struct qc_store *s, const char *actor,
			const char *action, const char *entity, const char *key,
			const char *before, const char *after,
			struct qc_error *err)
{
	struct qc_stmt *st;
	char now[32];
	enum qc_rc rc;

	rc = qc_stmt_prepare(s,
			     "INSERT INTO audit_log (at, actor, action,"
			     " entity, entity_key, before_json, after_json)"
			     " VALUES (?, ?, ?, ?, ?, ?, ?)",
			     &st, err);
	if (rc)
		return rc;
	qc_now_iso(now, sizeof(now));
	qc_stmt_bind_text(st, 1, now);
	qc_stmt_bind_text(st, 2, actor && *actor ? actor : "unknown");
	qc_stmt_bind_text(st, 3, action);
	qc_stmt_bind_text(st, 4, entity);
	qc_stmt_bind_text(st, 5, key);
	qc_stmt_bind_text(st, 6, before);
	qc_stmt_bind_text(st, 7, after);
	rc = qc_stmt_run(st, err);
	qc_stmt_free(st);
	return rc;
}

enum qc_rc qc_audit_add_json(struct qc_store *s, const char *actor,
			     const char *action, const char *entity,
			     const char *key, json_t *before, json_t *after,
			     struct qc_error *err)
{
	size_t f = JSON_COMPACT | QC_JSON_DIGITS;
	char *b = before ? json_dumps(before, f) : NULL;
	char *a = after ? json_dumps(after, f) : NULL;
	enum qc_rc rc = qc_audit_add(s, actor, action, entity, key, b, a, err);
	free(b);
	free(a);
	json_decref(before);
	json_decref(after);
	return rc;
}

enum qc_rc qc_audit_list(struct qc_store *s, const char *entity, int limit,
			 struct qc_audit_list *out, struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	memset(out, 0, sizeof(*out));
	rc = qc_stmt_prepare(
		s,
		"SELECT id, at, actor, action, entity,"
		" entity_key, before_json, after_json"
		" FROM audit_log WHERE (CAST(? AS TEXT) IS NULL OR entity = ?)"
		" ORDER BY id DESC LIMIT ?",
		&st, err);
	if (rc)
		return rc;
	qc_stmt_bind_text(st, 1, entity);
	qc_stmt_bind_text(st, 2, entity);
	qc_stmt_bind_int(st, 3, limit > 0 ? limit : 50);
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		QC_GROW(out->v, out->n + 1, out->alloc);
		struct qc_audit_entry *e = &out->v[out->n++];
		e->id = qc_stmt_int(st, 0);
		e->at = qc_xstrdup(qc_stmt_text(st, 1));
		e->actor = qc_xstrdup(qc_stmt_text(st, 2));
		e->action = qc_xstrdup(qc_stmt_text(st, 3));
		e->entity = qc_xstrdup(qc_stmt_text(st, 4));
		e->key = qc_xstrdup(qc_stmt_text(st, 5));
		e->before = qc_xstrdup(qc_stmt_text(st, 6));
		e->after = qc_xstrdup(qc_stmt_text(st, 7));
	}
	qc_stmt_free(st);
	return qc_step_rc(r);
}

void qc_audit_list_release(struct qc_audit_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct qc_audit_entry *e = &l->v[i];
		free(e->at);
		free(e->actor);
		free(e->action);
		free(e->entity);
		free(e->key);
		free(e->before);
		free(e->after);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* The codes writers pass as action and entity, as people read them. Kept
 * apart from qc_label: "report" is a quality report there and a progress
 * report here. */
struct label {
	const char *code, *label;
};

static const struct label actions[] = {
	{ "create", N_("created") },
	{ "update", N_("updated") },
	{ "delete", N_("deleted") },
	{ "add", N_("added") },
	{ "insert", N_("entered") },
	{ "remove", N_("removed") },
	{ "replace", N_("replaced") },
	{ "import", N_("imported") },
	{ "report", N_("reported") },
	{ "score", N_("scored") },
	{ "grade", N_("graded") },
	{ "bind", N_("bound") },
	{ "link", N_("linked") },
	{ "sync", N_("synchronised") },
	{ "load", N_("loaded") },
	{ "list", N_("put on the list") },
	{ "expire", N_("taken off the list at expiry") },
	{ "followup", N_("followed up") },
	{ "publish", N_("published") },
	{ "unpublish", N_("taken down") },
	{ "issue", N_("issued") },
	{ "version", N_("new version") },
	{ "submit", N_("submitted") },
	{ "accept", N_("accepted") },
	{ "return", N_("returned") },
	{ "reopen", N_("reopened") },
	{ "approve", N_("approved") },
	{ "transfer", N_("transferred") },
	{ "open", N_("opened") },
	{ "answer", N_("answered") },
	{ "close", N_("closed") },
	{ "acknowledge", N_("acknowledged") },
	{ "read", N_("marked read") },
	{ "upload", N_("uploaded") },
	{ "inspect", N_("inspection recorded") },
	{ "check", N_("checked") },
	{ "outcome", N_("outcome recorded") },
	{ "view_personal_data", N_("personal data viewed") },
	{ "set", N_("set") },
	{ "set_email", N_("e-mail address set") },
	{ "passwd", N_("password changed") },
	{ "revoke", N_("revoked") },
	{ "login", N_("logged in") },
	{ "login_failed", N_("login failed") },
	{ "logout", N_("logged out") },
	{ "refused", N_("refused") },
	{ "national_init", N_("national database set up") },
	{ "add_province", N_("province added") },
	{ "remove_province", N_("province removed") },
	{ "mail_sent", N_("mail sent") },
	{ "mail_failed", N_("mail not sent") },
};

static const struct label entities[] = {
	{ "account", N_("account") },
	{ "accountability", N_("accountability") },
	{ "alert", N_("alert") },
	{ "api_token", N_("API token") },
	{ "assessment_scheme", N_("assessment scheme") },
	{ "assessment_score", N_("assessment score") },
	{ "attachment", N_("attachment") },
	{ "award", N_("award") },
	{ "calendar", N_("holiday calendar") },
	{ "complaint", N_("complaint") },
	{ "credit_check", N_("credit check") },
	{ "credit_event", N_("credit event") },
	{ "credit_grade", N_("credit grade") },
	{ "credit_listing", N_("credit listing") },
	{ "credit_scheme", N_("credit scheme") },
	{ "database", N_("database") },
	{ "document", N_("document") },
	{ "enterprises", N_("enterprises") },
	{ "entry_rules", N_("entry rules") },
	{ "equipment", N_("special equipment") },
	{ "equipment_accident", N_("equipment accident") },
	{ "federation", N_("federation") },
	{ "inbox", N_("inbox") },
	{ "indicator", N_("indicator") },
	{ "indicators", N_("indicators") },
	{ "plan", N_("plan") },
	{ "plan_thresholds", N_("plan thresholds") },
	{ "progress", N_("progress report") },
	{ "publication", N_("publication") },
	{ "regions", N_("regions") },
	{ "remind_event", N_("reminder") },
	{ "remind_mail", N_("reminder mail") },
	{ "remind_settings", N_("reminder settings") },
	{ "review_item", N_("review item") },
	{ "reward", N_("reward") },
	{ "sampling", N_("sampling") },
	{ "session", N_("session") },
	{ "submission", N_("submission") },
	{ "supervision", N_("supervision item") },
	{ "supervision_item", N_("supervision item") },
	{ "unit", N_("unit") },
	{ "unit_alias", N_("unit alias") },
	{ "user", N_("user") },
	{ "value", N_("value") },
};

static const char *lookup(const struct label *t, size_t n, const char *code)
{
	for (size_t i = 0; code && i < n; i++)
		if (!strcmp(code, t[i].code))
			return _(t[i].label);
	return code ? code : "";
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const char *qc_audit_action_label(const char *code)
{
	return lookup(actions, COUNT(actions), code);
}

/* A plan edit's entity is plan_ and the part (plan_target). */
const char *qc_audit_entity_label(const char *code)
{
	if (code && !strncmp(code, "plan_", 5) &&
	    strcmp(code, "plan_thresholds"))
		return qc_label(code + 5);
	return lookup(entities, COUNT(entities), code);
}
