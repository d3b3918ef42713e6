/* Reminders of special equipment (docs/reminders.md, docs/equipment.md
 * "Reminders"): 《特种设备安全法》第四十条 — the user requests the periodic
 * inspection 在检验合格有效期届满前一个月 (a calendar month), and a unit
 * past its due date, or failed and not re-inspected, may not be used.
 * Each unit once when its due date comes within a month (from its
 * request-by day), and once when it is overdue (within the last
 * QC_REMIND_OVERDUE_DAYS days: the older ones lead the register's page
 * and the alerts, not a flood of mail on the first scan); to the
 * county's region accounts, its market regulator's reporters and the
 * office. A new due date is a new event. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/clock.h"
#include "qcity/equipment_read.h"
#include "qcity/i18n.h"
#include "qcity/remind.h"
#include "remind_int.h"
#include "banned.h"

static enum qc_rc one(struct qc_remind_ctx *c, const struct qc_equipment *e,
		      struct qc_error *err)
{
	bool failed = !strcmp(e->last_result, "fail");
	char key[256], link[200], title[512], body[1024], by[11] = "";
	const char *cat = qc_equipment_category_name(e->category);

	snprintf(link, sizeof(link), "#/equipment/%s", e->code);
	if (!e->overdue) {
		qc_equipment_request_by(e->next_due, by);
		snprintf(key, sizeof(key), "equipment_due:%s:%s", e->code,
			 e->next_due);
		snprintf(title, sizeof(title),
			 _("Inspection due: %s %s (%s), due %s"), cat, e->code,
			 e->user_name, e->next_due);
		snprintf(body, sizeof(body),
			 _("The periodic inspection of %s %s (%s) is due on "
			   "%s. Under article 40 of the Special Equipment "
			   "Safety Law the user requests it from an "
			   "inspection body a month before, by %s."),
			 cat, e->code, e->user_name, e->next_due, by);
	} else {
		if (e->days_overdue > QC_REMIND_OVERDUE_DAYS)
			return QC_OK;
		snprintf(key, sizeof(key), "equipment_overdue:%s:%s", e->code,
			 failed ? "fail" : e->next_due);
		if (failed)
			snprintf(title, sizeof(title),
				 _("Failed, not re-inspected: %s %s (%s)"), cat,
				 e->code, e->user_name);
		else
			snprintf(title, sizeof(title),
				 _("Inspection overdue: %s %s (%s)"), cat,
				 e->code, e->user_name);
		if (failed)
			snprintf(body, sizeof(body),
				 _("%s %s (%s) failed its last inspection "
				   "%ld day(s) ago and has not passed a "
				   "re-inspection: under article 40 of the "
				   "Special Equipment Safety Law it may not be "
				   "used."),
				 cat, e->code, e->user_name, e->days_overdue);
		else
			snprintf(body, sizeof(body),
				 _("%s %s (%s) was due for its periodic "
				   "inspection on %s, %ld day(s) ago: under "
				   "article 40 of the Special Equipment Safety "
				   "Law it may not be used until inspected."),
				 cat, e->code, e->user_name, e->next_due,
				 e->days_overdue);
	}
	return qc_remind_emit_to(c, key,
				 e->overdue ? "equipment_overdue" :
					      "equipment_due",
				 0, e->region, title, body, link, err);
}

enum qc_rc qc_remind_scan_equipment(struct qc_remind_ctx *c,
				    struct qc_error *err)
{
	struct qc_equipment_query q = { .state = "attention" };
	struct qc_equipment_list l;
	enum qc_rc rc;

	if ((rc = qc_equipment_page(c->s, &q, c->today, &l, NULL, NULL, err)))
		return rc;
	for (size_t i = 0; i < l.n && !rc; i++)
		rc = one(c, &l.v[i], err);
	qc_equipment_list_release(&l);
	return rc;
}
