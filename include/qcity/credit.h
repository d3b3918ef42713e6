/* Quality credit (docs/credit.md): an enterprise's credit events, its
 * grade under a grading scheme kept as versioned data, the black list,
 * penalty disclosures and red list with their legal clocks, and the
 * sanctions check (政府采购, 财政补贴, 评优评先), each check logged.
 *
 * Dates are ISO "YYYY-MM-DD". Every write is audited as actor in the
 * caller's transaction or its own. Structs filled here are released with
 * their _release; strings in them belong to the struct. */
#ifndef QCITY_CREDIT_H
#define QCITY_CREDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "qcity/error.h"

struct qc_store;

/* ---- clocks ------------------------------------------------------------ */

/* date plus months, as 民法典 art. 202 counts a term in months or years:
 * the corresponding day of the last month, or its last day when there is
 * none (2024-02-29 + 12 months = 2025-02-28). false for a bad date. */
bool qc_credit_add_months(const char *date, int months, char out[11]);

/* The legal clock of a listing decided on `decided_on`: the day it leaves
 * public view (public_until, exclusive) and the first day credit repair
 * may be applied for (repair_from). list is "black" or "penalty"
 * (category "general", "food", "drug" or "special_equipment"); "red" has
 * no clock (both ""). A penalty's term follows its penalty_kind
 * (NULL: other): warning is not disclosed (public_until = decided_on),
 * notice and low_fine 3 months without repair (repair_from ""), other 3
 * years with repair after 6 months (12 in food, drug, special equipment).
 * citation receives the rule's source (static). */
enum qc_rc qc_credit_clock(const char *list, const char *category,
			   const char *penalty_kind, const char *decided_on,
			   char public_until[11], char repair_from[11],
			   const char **citation, struct qc_error *err);

/* ---- events ------------------------------------------------------------ */

struct qc_credit_event_in {
	const char *uscc;
	const char *kind; /* penalty, complaint_upheld, award, certification,
			     cqo_appointed, recall */
	const char *occurred_on;
	const char *title;
	const char *source, *authority, *evidence; /* may be NULL */
	const char *category;                      /* NULL: general */
	/* penalty kind (docs/credit.md): warning, notice, low_fine or
	 * other; NULL: other */
	const char *penalty_kind;
};

/* On a national server the writers of province data here (events,
 * penalties, listings and their steps, expiry, the complaints' sync and
 * regrade) are QC_ECONFLICT before they read anything: that data is
 * written on the province's own server and arrives by replication
 * (docs/scaling.md). The sanctions check, the nation's own log, runs.
 *
 * Record an event and regrade the enterprise (when a scheme is loaded).
 * A penalty also opens its disclosure (list "penalty") with its clock.
 * QC_ENOTFOUND for an unknown credit code; QC_ECONFLICT for evidence
 * (a decision number) already recorded for that kind. */
enum qc_rc qc_credit_event_add(struct qc_store *s,
			       const struct qc_credit_event_in *in,
			       const char *actor, int64_t *id,
			       struct qc_error *err);

/* Import a published penalty list (CSV or .xlsx): 统一社会信用代码,
 * 处罚决定书文号, 处罚日期 (决定日期), and optionally 当事人名称, 违法行为
 * (案由), 处罚机关, 领域 (食品/药品/特种设备), 处罚种类 (the penalty
 * kind). Header synonyms as the sampling importer; a decision already
 * recorded is skipped. All or nothing; the error names line and field.
 * *count: penalties added. */
enum qc_rc qc_credit_penalty_import(struct qc_store *s, const char *data,
				    size_t len, const char *name,
				    const char *actor, size_t *count,
				    struct qc_error *err);

/* Carry the complaints register's upheld reports into the credit record:
 * every report (举报) a case was opened on (立案) against a registered
 * enterprise becomes a complaint_upheld event on the day of that
 * decision, once (evidence "complaint:ID"). *count: events added. */
enum qc_rc qc_credit_sync_complaints(struct qc_store *s, const char *actor,
				     size_t *count, struct qc_error *err);

/* ---- grading ----------------------------------------------------------- */

/* Store a grading scheme (JSON, docs/credit.md), validated; its
 * "version" must be new, or the same text again (a no-op). The newest
 * stored scheme grades from then on. version (64 bytes) receives it. */
enum qc_rc qc_credit_scheme_load(struct qc_store *s, const char *text,
				 size_t len, const char *actor,
				 char version[64], struct qc_error *err);

/* One line of a grade's basis: an event or listing and the rule that
 * weighed it. */
struct qc_credit_item {
	char *kind, *date, *title, *rule;
	double points; /* after decay */
	double weight; /* 0..1: what is left after decay */
};

struct qc_credit_grade {
	char grade[2];
	double score;
	char *scheme_version;
	char as_of[11];
	char *override; /* the rule that fixed the grade (black list), or NULL */
	struct qc_credit_item *v;
	size_t n, alloc;
};

/* The grade of an enterprise as of a date (NULL: today) under the newest
 * scheme, with its basis. QC_ENOTFOUND when no scheme is loaded. */
enum qc_rc qc_credit_grade(struct qc_store *s, const char *uscc,
			   const char *as_of, struct qc_credit_grade *out,
			   struct qc_error *err);
/* The same of the enterprise held by province held_by (NULL: whichever
 * holds it; qc_enterprise_get_at). At the nation the grade weighs its
 * holder's results, events and listings only: ids repeat across
 * provinces there. */
enum qc_rc qc_credit_grade_at(struct qc_store *s, const char *uscc,
			      const char *held_by, const char *as_of,
			      struct qc_credit_grade *out,
			      struct qc_error *err);
void qc_credit_grade_release(struct qc_credit_grade *g);
/* The grade as JSON (a new reference): grade, score, scheme, as_of,
 * override and its basis under `items_key` ("items" as stored with the
 * grade, "basis" as the faces give it). */
struct json_t;
struct json_t *qc_credit_grade_json(const struct qc_credit_grade *g,
				    const char *items_key);

/* Recompute and store the grade of every enterprise with a record as of
 * a date (NULL: today), auditing each change (decay moves grades without
 * a new event). *changed: grades that changed. */
enum qc_rc qc_credit_regrade(struct qc_store *s, const char *as_of,
			     const char *actor, size_t *changed,
			     struct qc_error *err);

/* The stored grade (as last computed): grade[2] "" when none. */
enum qc_rc qc_credit_stored_grade(struct qc_store *s, const char *uscc,
				  char grade[2], char as_of[11],
				  struct qc_error *err);

struct qc_credit_grade_counts {
	char grades[4]; /* the scheme's letters, best first */
	long n[4];      /* enterprises at each */
	long graded;    /* their sum */
};
/* How many enterprises of a region's subtree (NULL: all) with a credit
 * record by as_of (an event, a listing decided or a sampling failure on
 * or before it; those without a credit code are not graded) hold each
 * grade as of that day under the newest scheme (credit_counts.c).
 * QC_ENOTFOUND when no scheme is loaded. */
enum qc_rc qc_credit_grade_counts(struct qc_store *s, const char *region,
				  const char *as_of,
				  struct qc_credit_grade_counts *out,
				  struct qc_error *err);

/* ---- lists ------------------------------------------------------------- */

struct qc_listing_in {
	const char *uscc;
	const char *list;     /* black, penalty or red */
	const char *category; /* NULL: general */
	const char *ground;   /* legal ground (black), violation, criterion */
	const char *decision_no, *authority; /* may be NULL */
	const char *decided_on;
	const char *penalty_kind; /* list penalty: as qc_credit_event_in */
};

/* Enter an enterprise on a list by decision, with its legal clock. A
 * red-list entry waits for qc_credit_publish. */
enum qc_rc qc_credit_list_add(struct qc_store *s,
			      const struct qc_listing_in *in, const char *actor,
			      int64_t *id, struct qc_error *err);

/* Credit repair of a black or penalty listing: the application (refused
 * before repair_from, the rule and date named), then its approval, which
 * removes the listing on that date. */
enum qc_rc qc_credit_repair_apply(struct qc_store *s, int64_t id,
				  const char *date, const char *actor,
				  struct qc_error *err);
enum qc_rc qc_credit_repair_approve(struct qc_store *s, int64_t id,
				    const char *date, const char *actor,
				    struct qc_error *err);
/* Publish a listing to the public portal on date: a reviewed red-list
 * entry becomes public only so; a black or penalty listing binds from its
 * decision (the sanctions check reads it) and shows on the portal once
 * published. */
enum qc_rc qc_credit_publish(struct qc_store *s, int64_t id, const char *date,
			     const char *actor, struct qc_error *err);
/* Close every listing whose term has run out by as_of (NULL: today):
 * removed on its public_until, removal "expired", audited. */
enum qc_rc qc_credit_expire(struct qc_store *s, const char *as_of,
			    const char *actor, size_t *n, struct qc_error *err);

struct qc_listing {
	int64_t id;
	char *uscc, *name, *region, *list, *category, *ground, *decision_no,
		*authority;
	char decided_on[11], public_until[11], repair_from[11],
		repair_applied_on[11], repair_approved_on[11], removed_on[11],
		published_on[11];
	char *removal; /* NULL while listed */
	bool active;   /* public as of the date asked */
	/* The province whose listing it is (its enterprise's holder; "" if
	 * none): at the nation ids repeat across provinces. */
	char province[7];
};

struct qc_listings {
	struct qc_listing *v;
	size_t n, alloc;
	char as_of[11];
};

/* Listings of one list (NULL: all) in a region's subtree (NULL: all), as
 * of a date (NULL: today): the public ones, or with all every one ever
 * entered (active tells). uscc (may be NULL) narrows to one enterprise. */
enum qc_rc qc_credit_listings(struct qc_store *s, const char *list,
			      const char *region, const char *uscc,
			      const char *as_of, bool all,
			      struct qc_listings *out, struct qc_error *err);
/* What the public portal shows: the listings of a list that are public
 * as of the date (NULL: today) and were published by then. */
enum qc_rc qc_credit_listings_public(struct qc_store *s, const char *list,
				     const char *as_of, struct qc_listings *out,
				     struct qc_error *err);
void qc_listings_release(struct qc_listings *l);

/* Red-list candidates under the scheme's criteria (docs/credit.md):
 * enterprises in the region sampled in each of the last N years without
 * a failure, no public black or penalty listing, and (if the scheme asks)
 * an award; rows as qc_listing with list "red" and id 0. */
enum qc_rc qc_credit_red_candidates(struct qc_store *s, const char *region,
				    const char *as_of, struct qc_listings *out,
				    struct qc_error *err);

/* ---- sanctions check --------------------------------------------------- */

struct qc_credit_verdict {
	bool restricted;
	char *rule;         /* the rule applied, readable */
	int64_t listing_id; /* the listing behind a restriction, or 0 */
	char *listing;      /* "black 2022-03-01 …" or NULL */
	char as_of[11];
	int64_t check_id; /* the logged check */
};

/* Whether the enterprise may take part in procurement (政府采购),
 * receive a subsidy (财政补贴) or an award (评优评先) as of a date (NULL:
 * today), under the scheme's sanctions (docs/credit.md). Every check is
 * logged (credit_checks and the audit log). An unknown code is allowed
 * ("no record"), and logged too. */
enum qc_rc qc_credit_check(struct qc_store *s, const char *uscc,
			   const char *purpose, const char *as_of,
			   const char *actor, struct qc_credit_verdict *out,
			   struct qc_error *err);
/* The same for the record held by province held_by (NULL or "": whichever
 * holds it): at the nation a code held by several provinces needs it
 * (QC_EINVAL names them), and the listings weighed are the holder's. */
enum qc_rc qc_credit_check_at(struct qc_store *s, const char *uscc,
			      const char *held_by, const char *purpose,
			      const char *as_of, const char *actor,
			      struct qc_credit_verdict *out,
			      struct qc_error *err);
void qc_credit_verdict_release(struct qc_credit_verdict *v);

#endif
