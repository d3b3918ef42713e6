/* Reminders of instruments under compulsory verification (docs/
 * reminders.md, docs/metrology.md "Alerts and reminders"): 《计量法》第九
 * 条 — 未按照规定申请检定或者检定不合格的，不得使用. Each instrument in
 * use once when it is past the date its certificate is valid until, or
 * failed (within the last QC_REMIND_OVERDUE_DAYS days, as for special
 * equipment: the older ones lead the register's page and the alerts);
 * to the county's region accounts, its market regulator's reporters and
 * the office. Nothing before the date: the law sets no time to apply
 * ahead of it. A new date after a verification is a new event. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/i18n.h"
#include "qcity/metrology_read.h"
#include "qcity/remind.h"
#include "remind_int.h"
#include "banned.h"

static enum qc_rc one(struct qc_remind_ctx *c, const struct qc_metrology *m,
		      struct qc_error *err)
{
	char key[256], link[200], title[512], body[1024];

	if (m->days_overdue > QC_REMIND_OVERDUE_DAYS)
		return QC_OK;
	snprintf(link, sizeof(link), "#/metrology/%s", m->code);
	snprintf(key, sizeof(key), "metrology_overdue:%s:%s", m->code,
		 m->failed ? "fail" : m->next_due);
	if (m->failed) {
		snprintf(title, sizeof(title),
			 _("Failed verification: %s %s (%s)"), m->kind, m->code,
			 m->owner_name);
		snprintf(body, sizeof(body),
			 _("%s %s (%s) failed its last verification %ld "
			   "day(s) ago: under article 9 of the Metrology Law "
			   "it may not be used until a verification passes."),
			 m->kind, m->code, m->owner_name, m->days_overdue);
	} else {
		snprintf(title, sizeof(title),
			 _("Verification overdue: %s %s (%s)"), m->kind,
			 m->code, m->owner_name);
		snprintf(body, sizeof(body),
			 _("The verification of %s %s (%s) was valid until "
			   "%s, %ld day(s) ago: under article 9 of the "
			   "Metrology Law it may not be used until verified "
			   "again."),
			 m->kind, m->code, m->owner_name, m->next_due,
			 m->days_overdue);
	}
	return qc_remind_emit_to(c, key, "metrology_overdue", 0, m->region,
				 title, body, link, err);
}

enum qc_rc qc_remind_scan_metrology(struct qc_remind_ctx *c,
				    struct qc_error *err)
{
	struct qc_metrology_query q = { .state = "overdue" };
	struct qc_metrology_list l;
	enum qc_rc rc;

	if ((rc = qc_metrology_page(c->s, &q, c->today, &l, NULL, NULL, err)))
		return rc;
	for (size_t i = 0; i < l.n && !rc; i++)
		rc = one(c, &l.v[i], err);
	qc_metrology_list_release(&l);
	return rc;
}
