/* Acknowledging alerts, and marking the acknowledged ones in a list. */
#include <jansson.h>
#include "qcity/json.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alerts.h"
#include "qcity/alloc.h"
#include "qcity/clock.h"
#include "qcity/i18n.h"
#include "qcity/model.h"
#include "qcity/plan.h"
#include "qcity/store.h"
#include "banned.h"

static const char *nz(const char *s)
{
	return s ? s : "";
}

enum qc_rc qc_alerts_mark_acked(struct qc_store *s, long long plan_id,
				struct qc_alert_list *l, struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	rc = qc_stmt_prepare(s,
			     "SELECT kind, subject, region_code, period,"
			     " acked_by, note FROM alert_acks WHERE plan_id = ?",
			     &st, err);
	if (rc)
		return rc;
	qc_stmt_bind_int(st, 1, plan_id);
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		for (size_t i = 0; i < l->n; i++) {
			struct qc_alert *a = &l->v[i];
			if (strcmp(qc_alert_kind_name(a->kind),
				   qc_stmt_text(st, 0)) ||
			    strcmp(a->subject, qc_stmt_text(st, 1)) ||
			    strcmp(a->region, qc_stmt_text(st, 2)) ||
			    strcmp(a->period, qc_stmt_text(st, 3)))
				continue;
			qc_set_str(&a->acked_by, qc_stmt_text(st, 4));
			qc_set_str(&a->ack_note, qc_stmt_text(st, 5));
		}
	}
	qc_stmt_free(st);
	return qc_step_rc(r);
}

enum qc_rc qc_alert_ack(struct qc_store *s, long long plan_id, const char *kind,
			const char *subject, const char *region,
			const char *period, const char *note, const char *actor,
			struct qc_error *err)
{
	struct qc_alert_list l;
	struct qc_stmt *st = NULL;
	bool current = false;
	char now[32], key[64];
	enum qc_rc rc;

	if (!kind || !subject)
		return qc_error_set(err, QC_EINVAL,
				    "an alert is named by its "
				    "kind and subject");
	if ((rc = qc_alerts(s, plan_id, &l, err)))
		return rc;
	for (size_t i = 0; i < l.n && !current; i++)
		current = !strcmp(qc_alert_kind_name(l.v[i].kind), kind) &&
			  !strcmp(l.v[i].subject, subject) &&
			  !strcmp(l.v[i].region, nz(region)) &&
			  !strcmp(l.v[i].period, nz(period));
	qc_alert_list_release(&l);
	if (!current)
		return qc_error_set(err, QC_ENOTFOUND,
				    "plan %lld has no current "
				    "%s alert about '%s'%s%s%s%s (see `qcity "
				    "alerts`)",
				    plan_id, kind, subject,
				    region && *region ? _(" in ") : "",
				    nz(region),
				    period && *period ? _(" for ") : "",
				    nz(period));
	if ((rc = qc_store_begin(s, err)))
		return rc;
	rc = qc_stmt_prepare(s,
			     "INSERT INTO alert_acks (plan_id, kind, subject,"
			     " region_code, period, note, acked_by, acked_at)"
			     " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT"
			     " (plan_id, kind, subject, region_code, period)"
			     " DO UPDATE SET note = excluded.note,"
			     " acked_by = excluded.acked_by,"
			     " acked_at = excluded.acked_at",
			     &st, err);
	if (!rc) {
		qc_now_iso(now, sizeof(now));
		qc_stmt_bind_int(st, 1, plan_id);
		qc_stmt_bind_text(st, 2, kind);
		qc_stmt_bind_text(st, 3, subject);
		qc_stmt_bind_text(st, 4, nz(region));
		qc_stmt_bind_text(st, 5, nz(period));
		qc_stmt_bind_text(st, 6, note);
		qc_stmt_bind_text(st, 7, actor);
		qc_stmt_bind_text(st, 8, now);
		rc = qc_stmt_run(st, err);
	}
	qc_stmt_free(st);
	if (!rc) {
		snprintf(key, sizeof(key), "%lld/%s", plan_id, kind);
		rc = qc_audit_add_json(s, actor, "acknowledge", "alert", key,
				       NULL,
				       qc_xjson_pack("{s:s, s:s, s:s, s:s?}",
						     "subject", subject,
						     "region", nz(region),
						     "period", nz(period),
						     "note", note),
				       err);
	}
	return qc_store_end(s, rc, err);
}
