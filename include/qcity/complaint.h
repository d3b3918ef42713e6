/* The complaint and report register (投诉 / 举报, 12315 and 12365), with
 * the legal deadlines of each open item counted in working days
 * (qcity/workday.h, docs/complaints.md).
 *
 * A complaint: received → accepted | not_accepted; accepted → mediating;
 * mediating → agreed | mediation_ended; then closed. A report: received →
 * checked → case_opened | not_opened; then closed. Either may be
 * transferred to the regulator of another county while received: the
 * clock restarts on receipt there. Every step is dated (the day it
 * happened, which may be before the day it is recorded), kept in
 * complaint_events and audited. */
#ifndef QCITY_COMPLAINT_H
#define QCITY_COMPLAINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "qcity/error.h"
#include "qcity/region_code.h"
#include "qcity/workday.h"

struct qc_store;

enum qc_complaint_kind { QC_COMPLAINT, QC_REPORT };

/* What a new item carries; strings are borrowed for the call. */
struct qc_complaint_new {
	enum qc_complaint_kind kind;
	const char *channel;     /* 12315, web, app, letter, visit, 12345 */
	const char *platform_no; /* the national platform's number, or NULL */
	const char *received_on; /* YYYY-MM-DD */
	const char *region; /* handling county-level region: code or name */
	const char *respondent, *respondent_uscc, *respondent_address;
	const char *category; /* a product category name, or NULL */
	const char *text;
	const char *person_name, *person_phone, *person_id; /* personal data */
	double amount;    /* in dispute, yuan; < 0: not given */
	bool wants_reply; /* a reporter asked to be told the result */
};

struct qc_complaint {
	int64_t id;
	enum qc_complaint_kind kind;
	char region[QC_REGION_CODE_SIZE];
	char *channel, *platform_no, *state, *respondent, *respondent_uscc,
		*category, *text, *person_name, *person_phone, *person_id;
	char received_on[11], accepted_on[11], ended_on[11];
	bool extended; /* a report's check extended by approval */
	double amount; /* < 0: not given */
	/* The next legal step and its deadline ("" when none is running). */
	const char *awaiting; /* "accept", "mediate", "notify", "decide" */
	char due[11];
	int workdays_left;      /* negative when overdue */
	bool overdue, due_soon; /* due_soon: within 2 working days */
	const char *rule;       /* the citation of the running deadline */
	/* Its province ("" if none): at the nation ids repeat across
	 * provinces, and an item is (province, id). */
	char province[7];
};

struct qc_complaint_list {
	struct qc_complaint *v;
	size_t n, alloc;
};

/* On a national server every writer here (intake, import, steps,
 * transfer, extension, outcome) is QC_ECONFLICT before it reads
 * anything: the items are the provinces', written on their own servers
 * and replicated (docs/scaling.md). */
/* Register one item, audited as actor; *id receives its id. An item with
 * a platform number already registered is QC_ECONFLICT (imports skip it). */
enum qc_rc qc_complaint_add(struct qc_store *s,
			    const struct qc_complaint_new *in,
			    const char *actor, int64_t *id,
			    struct qc_error *err);

/* Move item id to state `to` on date `on` (YYYY-MM-DD, not before the
 * last step and not in the future), with a reason where the law asks for
 * one (not_accepted, mediation_ended, not_opened). "extend" is not a
 * state: qc_complaint_extend records it. An illegal step is QC_ECONFLICT
 * with the steps allowed from the current state. */
enum qc_rc qc_complaint_move(struct qc_store *s, int64_t id, const char *to,
			     const char *on, const char *reason,
			     const char *actor, struct qc_error *err);

/* A state's name for people (accepted → 已受理), translated; the code
 * itself for a state it does not know. Static storage. */
const char *qc_complaint_state_label(const char *state);

/* A report's check extended by 15 working days with approver's approval. */
enum qc_rc qc_complaint_extend(struct qc_store *s, int64_t id,
			       const char *approver, const char *on,
			       const char *actor, struct qc_error *err);

/* Transfer a received item to the regulator of region (移送): the item
 * is received there on `on` and its clock restarts. */
enum qc_rc qc_complaint_transfer(struct qc_store *s, int64_t id,
				 const char *region, const char *on,
				 const char *actor, struct qc_error *err);

/* One item with its deadline as of today (days since 1970-01-01). */
enum qc_rc qc_complaint_get(struct qc_store *s, const struct qc_calendar *cal,
			    int64_t id, long today, struct qc_complaint *out,
			    struct qc_error *err);
/* The same, item id of province (NULL or "": any, as on a province
 * server, where the id alone finds it). On the national server, where
 * each province's server numbers its own items, the province is needed:
 * without it QC_EINVAL names the provinces that have an item id. The
 * category is the item's province's name for its id. */
enum qc_rc qc_complaint_get_at(struct qc_store *s,
			       const struct qc_calendar *cal,
			       const char *province, int64_t id, long today,
			       struct qc_complaint *out, struct qc_error *err);
/* The same as a reader of region within sees it (NULL: every region;
 * the faces pass qc_scope_read_root): an item outside within is as if it
 * did not exist, so at the nation a refusal names only the provinces
 * whose item of that id lies within, and with within QC_ENOTFOUND says
 * "no complaint or report ID" whether the item is elsewhere or nowhere. */
enum qc_rc qc_complaint_get_within(struct qc_store *s,
				   const struct qc_calendar *cal,
				   const char *within, const char *province,
				   int64_t id, long today,
				   struct qc_complaint *out,
				   struct qc_error *err);

/* Open items (region NULL: all; else its subtree), most urgent first;
 * only_alerts: those overdue or due within 2 working days. */
enum qc_rc qc_complaint_open(struct qc_store *s, const struct qc_calendar *cal,
			     const char *region, long today, bool only_alerts,
			     struct qc_complaint_list *out,
			     struct qc_error *err);

/* The cursor of a page of the overdue board: "YYYY-MM-DD.ID", the
 * deadline and id of the page's last item; at the nation
 * "YYYY-MM-DD.ID.PROVINCE" (the board orders one day's and id's items
 * of several provinces by province; without it a cursor goes past every
 * province's item of that id). */
#define QC_COMPLAINT_CURSOR_SIZE 40

/* One page of the overdue items (deadline passed as of today) of region
 * (NULL: all; else its subtree), ordered by deadline, then id: the first
 * `limit` (1-1000) after cursor `after` (NULL or "": from the start).
 * next receives the cursor of the page after (next[0] == '\0': this is
 * the last), *total the overdue items in all pages. The open items are
 * ranked from an index alone; only the page's rows are read whole. A
 * malformed cursor is QC_EINVAL. The caller releases out. */
enum qc_rc
qc_complaint_overdue(struct qc_store *s, const struct qc_calendar *cal,
		     const char *region, long today, const char *after,
		     size_t limit, struct qc_complaint_list *out, size_t *total,
		     char next[QC_COMPLAINT_CURSOR_SIZE], struct qc_error *err);

/* Work out the running deadline of c as of today. Pure but for the
 * calendar; a deadline beyond the loaded years is an error. */
enum qc_rc qc_complaint_evaluate(const struct qc_calendar *cal,
				 struct qc_complaint *c, long today,
				 struct qc_error *err);

/* Record that actor saw item id's personal data unmasked (every such view
 * is audited: 个人信息保护法). */
enum qc_rc qc_complaint_audit_view(struct qc_store *s, int64_t id,
				   const char *actor, struct qc_error *err);
/* The same for item id of province (NULL: as qc_complaint_audit_view;
 * else the audit entry names it, "PROVINCE:ID"). */
enum qc_rc qc_complaint_audit_view_at(struct qc_store *s, const char *province,
				      int64_t id, const char *actor,
				      struct qc_error *err);

void qc_complaint_release(struct qc_complaint *c);
void qc_complaint_list_release(struct qc_complaint_list *l);

/* Import a list exported by the national platform or a hotline (CSV or
 * .xlsx; headings by synonym: docs/complaints.md), all rows or none; rows
 * whose platform number is registered already are skipped. region: the
 * handling county for files without a region column (may be NULL). */
struct qc_complaint_import {
	size_t added, skipped;
};
enum qc_rc qc_complaint_import(struct qc_store *s, const char *path,
			       const char *region, const char *actor,
			       struct qc_complaint_import *out,
			       struct qc_error *err);

/* Satisfaction at the follow-up call (回访, 1–5; 0: not asked) and the
 * amount recovered for the consumer (yuan; < 0: none), once the item is
 * concluded. Audited; bound indicators follow. */
enum qc_rc qc_complaint_outcome(struct qc_store *s, int64_t id,
				int satisfaction, double recovered,
				const char *actor, struct qc_error *err);

/* The figures of the items a region's subtree (NULL: all) received in a
 * year. On-time counts leave out items whose deadline the calendar
 * cannot tell. */
struct qc_complaint_figures {
	long items, complaints, reports;
	long decided, decided_on_time; /* complaints: acceptance decisions */
	long concluded, agreed;        /* complaints: mediation concluded */
	long handled, handled_on_time; /* mediation concluded within 45,
					     reports decided within 15 (+15) */
	long rated, satisfied;         /* satisfaction 4 or 5 */
	double recovered;              /* yuan */
	/* Registered enterprises of the region at the year's end: the value
	 * of the series QC_COMPLAINT_ENTERPRISES for the region and year
	 * (imported with `qcity value set/import` from the regulator's
	 * register statistics); 0 when none is recorded. */
	double enterprises;
};
#define QC_COMPLAINT_ENTERPRISES "登记在册企业数"
enum qc_rc qc_complaint_figures(struct qc_store *s,
				const struct qc_calendar *cal,
				const char *region, int year,
				struct qc_complaint_figures *out,
				struct qc_error *err);

/* One measure of f: accept_on_time, mediation_success, handled_on_time,
 * satisfaction (percentages), recovered (yuan), items (a count) or
 * per_10k_enterprises (complaints per 10 000 registered enterprises),
 * with the number of items it rests on in *base; false when it has none
 * (per_10k_enterprises: also when the enterprises are not recorded). */
bool qc_complaint_measure(const struct qc_complaint_figures *f,
			  const char *measure, double *value, long *base);

/* Bind a plan indicator to a measure: its values for every region and
 * year with items are written now and kept current by each step. */
enum qc_rc qc_complaint_bind(struct qc_store *s, const char *indicator,
			     const char *measure, const char *actor,
			     struct qc_error *err);

/* Rewrite the bound indicators of a county's items received in the year
 * of received_on, for the county, its prefecture and its province. */
enum qc_rc qc_complaint_refresh(struct qc_store *s, const char *county,
				const char *received_on, const char *actor,
				struct qc_error *err);

/* A LIKE pattern for a region's subtree by its code (230900 → 2309%,
 * NULL → %). */
void qc_complaint_region_like(const char *region, char *out, size_t n);

/* Hot spots (风险信号): a county and product category whose items in a
 * month are improbably many against the same county and category in the
 * QC_HOTSPOT_HISTORY months before — P(X >= count) < QC_HOTSPOT_P for X
 * Poisson with the history's monthly mean (at least QC_HOTSPOT_MIN_RATE),
 * and at least QC_HOTSPOT_MIN_COUNT items. Most improbable first. */
#define QC_HOTSPOT_HISTORY 12
#define QC_HOTSPOT_MIN_RATE (1.0 / 12)
#define QC_HOTSPOT_MIN_COUNT 3
#define QC_HOTSPOT_P 0.01
struct qc_hotspot {
	char region[QC_REGION_CODE_SIZE];
	char *category; /* "未分类" for items without one */
	long count;
	double expected, p;
};
struct qc_hotspot_list {
	struct qc_hotspot *v;
	size_t n, alloc;
};
/* month: "YYYY-MM"; region NULL: all. */
enum qc_rc qc_complaint_hotspots(struct qc_store *s, const char *region,
				 const char *month, struct qc_hotspot_list *out,
				 struct qc_error *err);
void qc_hotspot_list_release(struct qc_hotspot_list *l);

/* Personal data as shown to those who may not see it (个人信息保护法):
 * 13812341234 → 138****1234, 张三丰 → 张**, an ID number → its first 6
 * and last 4 digits. out receives at most n bytes. */
void qc_mask_phone(const char *in, char *out, size_t n);
void qc_mask_name(const char *in, char *out, size_t n);
void qc_mask_id(const char *in, char *out, size_t n);

#endif
