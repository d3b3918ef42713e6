/* Demo credit content (docs/credit.md): the grading scheme, a black
 * listing, a food penalty and a red-list entry among the enterprises the
 * sampling demo made, 驰名商标 and 名牌产品 entries in the awards register,
 * and the plan's count targets fed from that register. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/award.h"
#include "qcity/clock.h"
#include "qcity/credit.h"
#include "qcity/demo.h"
#include "qcity/model.h"
#include "qcity/store.h"
#include "banned.h"

#define DEMO_CREDIT_MAX 12

/* Enterprises of the region's subtree with a credit code: those with a
 * failed sample first. */
static enum qc_rc pick(struct qc_store *s, const char *region,
		       char codes[DEMO_CREDIT_MAX][19],
		       char names[DEMO_CREDIT_MAX][128],
		       char regions[DEMO_CREDIT_MAX][QC_REGION_CODE_SIZE],
		       size_t *n, struct qc_error *err)
{
	char lo[QC_REGION_CODE_SIZE], hi[QC_REGION_CODE_SIZE + 1];
	struct qc_stmt *st;
	enum qc_rc rc, r;

	*n = 0;
	qc_region_span(region, lo, hi);
	rc = qc_stmt_prepare(s,
			     "SELECT e.uscc, e.name, e.region_code FROM"
			     " enterprises e WHERE e.uscc IS NOT NULL AND"
			     " e.region_code >= ? AND e.region_code < ?"
			     " ORDER BY (SELECT COUNT(*) FROM sampling_results r"
			     " WHERE r.enterprise_id = e.id AND r.passed = 0)"
			     " DESC, e.id LIMIT ?",
			     &st, err);
	if (rc)
		return rc;
	qc_stmt_bind_text(st, 1, lo);
	qc_stmt_bind_text(st, 2, hi);
	qc_stmt_bind_int(st, 3, DEMO_CREDIT_MAX);
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		snprintf(codes[*n], 19, "%s", qc_stmt_text(st, 0));
		snprintf(names[*n], 128, "%s", qc_stmt_text(st, 1));
		snprintf(regions[*n], QC_REGION_CODE_SIZE, "%s",
			 qc_stmt_text(st, 2));
		(*n)++;
	}
	qc_stmt_free(st);
	return qc_step_rc(r);
}

enum qc_rc qc_demo_credit(struct qc_store *s, const char *scheme, size_t len,
			  long long plan_id, const char *region, int first_year,
			  int last_year, const char *actor, size_t *count,
			  struct qc_error *err)
{
	char codes[DEMO_CREDIT_MAX][19], names[DEMO_CREDIT_MAX][128],
		regs[DEMO_CREDIT_MAX][QC_REGION_CODE_SIZE], version[64];
	char black_on[11], penalty_on[11], today[11];
	size_t n, fed;
	int64_t id;
	enum qc_rc rc;

	*count = 0;
	if ((rc = qc_credit_scheme_load(s, scheme, len, actor, version, err)) ||
	    (rc = pick(s, region, codes, names, regs, &n, err)))
		return rc;
	if (n < 4)
		return QC_OK; /* no enterprises to speak of */
	long t = qc_today_days();
	qc_date_from_days(t, today);
	qc_date_from_days(t - 400, black_on);
	qc_date_from_days(t - 100, penalty_on);
	struct qc_listing_in black = {
		.uscc = codes[0],
		.list = "black",
		.ground =
			"《市场监督管理严重违法失信名单管理办法》第九条：生产销售"
			"不合格产品，受到较重行政处罚",
		.decision_no = "七市监列严〔示例〕1号",
		.authority = "七台河市市场监督管理局",
		.decided_on = black_on,
	};
	struct qc_credit_event_in pen = {
		.uscc = codes[1],
		.kind = "penalty",
		.occurred_on = penalty_on,
		.title = "生产不符合食品安全标准的食品",
		.authority = "七台河市市场监督管理局",
		.evidence = "七市监罚〔示例〕5号",
		.category = "food",
		.source = "demo",
	};
	struct qc_listing_in red = {
		.uscc = codes[n - 1],
		.list = "red",
		.ground = "近3年抽查无不合格",
		.decided_on = today,
	};
	int64_t bid, rid;
	if ((rc = qc_credit_list_add(s, &black, actor, &bid, err)) ||
	    (rc = qc_credit_event_add(s, &pen, actor, &id, err)) ||
	    (rc = qc_credit_list_add(s, &red, actor, &rid, err)))
		return rc;
	/* None is published: the portal shows what the office publishes. */
	(void)bid;
	(void)rid;
	*count = 3;
	/* The register: 驰名商标 (the plan asks 10) and 省名牌产品 over the
	 * plan's years, held by the enterprises picked. */
	for (int y = first_year; !rc && y <= last_year; y++)
		for (size_t k = 0;
		     !rc && k < 2 && (size_t)(y - first_year) * 2 + k < n;
		     k++) {
			size_t e = (size_t)(y - first_year) * 2 + k;
			struct qc_award_in a = {
				.kind = k ? "brand_product" :
					    "well_known_trademark",
				.level = k ? "provincial" : "national",
				.holder = names[e],
				.uscc = codes[e],
				.region = regs[e],
				.name = k ? "电线电缆" : names[e],
				.year = y,
				.source = "demo",
			};
			rc = qc_award_add(s, &a, actor, &id, err);
			*count += id != 0;
		}
	if (!rc)
		rc = qc_award_feed(s, plan_id, actor, &fed, err);
	return rc;
}
