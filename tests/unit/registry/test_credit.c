/* Quality credit: legal clocks of the lists, credit repair, grading with
 * decay, the sanctions check, the 岳阳 reward tiers and a count target
 * fed from the awards register (issue 19, "How it is checked"). */
#include <math.h>

#include "testutil.h"
#include "qcity/award.h"
#include "qcity/complaint.h"
#include "qcity/credit.h"
#include "qcity/enterprise.h"
#include "qcity/federation.h"
#include "qcity/plan.h"
#include "qcity/plan_store.h"
#include "qcity/sampling.h"
#include "qcity/uscc.h"

static char A[19], B[19], C[19], D[19];

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char *b = malloc(1 << 16);
	assert_non_null(b);
	*len = fread(b, 1, (1 << 16) - 1, f);
	b[*len] = '\0';
	fclose(f);
	return b;
}

static void data_path(char *out, size_t n, const char *name)
{
	const char *d = getenv("QCITY_DATA");
	snprintf(out, n, "%s/%s", d ? d : "data", name);
}

/* Four enterprises in 桃山区 and the scheme of data/credit. */
static void setup_register(struct fixture *f)
{
	struct qc_error err = { 0 };
	char csv[1024], path[512], version[64];
	size_t n, len;

	qc_uscc_make("230903", 1, A);
	qc_uscc_make("230903", 2, B);
	qc_uscc_make("230903", 3, C);
	qc_uscc_make("230903", 4, D);
	snprintf(csv, sizeof(csv),
		 "统一社会信用代码,企业名称,地区\n%s,甲厂,桃山区\n%s,乙厂,桃山区\n"
		 "%s,丙厂,桃山区\n%s,丁厂,桃山区\n",
		 A, B, C, D);
	assert_int_equal(qc_enterprise_import(f->s, csv, strlen(csv), "e.csv",
					      false, "t", &n, &err),
			 QC_OK);
	assert_int_equal(n, 4);
	data_path(path, sizeof(path), "credit/scheme.json");
	char *text = slurp(path, &len);
	assert_int_equal(qc_credit_scheme_load(f->s, text, len, "t", version,
					       &err),
			 QC_OK);
	assert_string_equal(version, "2026-1");
	/* The same text again is a no-op; other rules under it are refused. */
	assert_int_equal(qc_credit_scheme_load(f->s, text, len, "t", version,
					       &err),
			 QC_OK);
	strstr(text, "\"base\": 100")[10] = '1';
	assert_int_equal(qc_credit_scheme_load(f->s, text, len, "t", version,
					       &err),
			 QC_ECONFLICT);
	free(text);
}

static int64_t black(struct fixture *f, const char *uscc, const char *date)
{
	struct qc_error err = { 0 };
	struct qc_listing_in in = {
		.uscc = uscc,
		.list = "black",
		.ground = "《严重违法失信名单管理办法》第七条",
		.decision_no = "市监列严〔2022〕1号",
		.decided_on = date
	};
	int64_t id;
	assert_int_equal(qc_credit_list_add(f->s, &in, "t", &id, &err), QC_OK);
	return id;
}

static size_t public_count(struct fixture *f, const char *list,
			   const char *as_of)
{
	struct qc_error err = { 0 };
	struct qc_listings l;
	assert_int_equal(qc_credit_listings(f->s, list, "七台河市", NULL, as_of,
					    false, &l, &err),
			 QC_OK);
	size_t n = l.n;
	qc_listings_release(&l);
	return n;
}

static void black_list_clock(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	char until[11], repair[11];
	const char *cite;

	assert_int_equal(qc_credit_clock("black", "general", NULL, "2022-03-01",
					 until, repair, &cite, &err),
			 QC_OK);
	assert_string_equal(until, "2025-03-01");
	assert_string_equal(repair, "2023-03-01");
	assert_non_null(strstr(cite, "第44号"));
	/* A term in years ends on the corresponding day, else the month's
	 * last (民法典 art. 202). */
	assert_true(qc_credit_add_months("2024-02-29", 12, until));
	assert_string_equal(until, "2025-02-28");

	setenv("QCITY_NOW", "2022-03-01", 1);
	setup_register(f);
	int64_t id = black(f, A, "2022-03-01");
	assert_int_equal(public_count(f, "black", "2022-02-28"), 0);
	assert_int_equal(public_count(f, "black", "2022-03-01"), 1);
	assert_int_equal(public_count(f, "black", "2025-02-28"), 1);
	assert_int_equal(public_count(f, "black", "2025-03-01"), 0);
	/* Early removal: no application before one year. */
	assert_int_equal(qc_credit_repair_apply(f->s, id, "2023-02-28", "t",
						&err),
			 QC_ECONFLICT);
	assert_non_null(strstr(err.msg, "2023-03-01"));
	assert_int_equal(qc_credit_repair_approve(f->s, id, "2023-03-02", "t",
						  &err),
			 QC_ECONFLICT);
	assert_int_equal(qc_credit_repair_apply(f->s, id, "2023-03-01", "t",
						&err),
			 QC_OK);
	assert_int_equal(public_count(f, "black", "2023-03-05"), 1);
	assert_int_equal(qc_credit_repair_approve(f->s, id, "2023-03-06", "t",
						  &err),
			 QC_OK);
	assert_int_equal(public_count(f, "black", "2023-03-05"), 1);
	assert_int_equal(public_count(f, "black", "2023-03-06"), 0);
	/* Another one runs its term and expires by itself. */
	int64_t id2 = black(f, B, "2022-03-01");
	size_t n;
	assert_int_equal(qc_credit_expire(f->s, "2025-02-28", "t", &n, &err),
			 QC_OK);
	assert_int_equal(n, 0);
	assert_int_equal(qc_credit_expire(f->s, "2025-03-01", "t", &n, &err),
			 QC_OK);
	assert_int_equal(n, 1);
	struct qc_listings l;
	assert_int_equal(qc_credit_listings(f->s, "black", NULL, B,
					    "2025-03-01", true, &l, &err),
			 QC_OK);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].id, id2);
	assert_string_equal(l.v[0].removal, "expired");
	assert_string_equal(l.v[0].removed_on, "2025-03-01");
	qc_listings_release(&l);
	/* Every step audited. */
	int64_t steps;
	bool found;
	assert_int_equal(qc_store_get_int(f->s,
					  "SELECT COUNT(*) FROM audit_log"
					  " WHERE entity = 'credit_listing'",
					  NULL, 0, &steps, &found, &err),
			 QC_OK);
	assert_int_equal(steps, 5); /* 2 lists, apply, approve, expire */
	unsetenv("QCITY_NOW");
}

static void food_penalty_repair(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_listings l;
	int64_t ev;

	setenv("QCITY_NOW", "2024-01-15", 1);
	setup_register(f);
	const char *pen =
		"统一社会信用代码,处罚决定书文号,处罚日期,违法行为,领域\n"
		"%s,市监罚〔2024〕7号,2024年1月15日,生产不合格食品,食品\n"
		"%s,市监罚〔2024〕8号,2024-01-15,标签不规范,\n";
	char csv[1024];
	size_t n;
	snprintf(csv, sizeof(csv), pen, A, B);
	assert_int_equal(qc_credit_penalty_import(f->s, csv, strlen(csv),
						  "p.csv", "t", &n, &err),
			 QC_OK);
	assert_int_equal(n, 2);
	/* The same list again adds nothing. */
	assert_int_equal(qc_credit_penalty_import(f->s, csv, strlen(csv),
						  "p.csv", "t", &n, &err),
			 QC_OK);
	assert_int_equal(n, 0);
	/* A bad date names its line and field, and nothing is written. */
	snprintf(csv, sizeof(csv), pen, C, D);
	char *bad = strstr(csv, "2024-01-15");
	memcpy(bad, "2024-13-15", 10);
	assert_int_equal(qc_credit_penalty_import(f->s, csv, strlen(csv),
						  "p.csv", "t", &n, &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "line 3"));
	assert_int_equal(n, 0);
	assert_int_equal(count_rows(f->s, "credit_events"), 2);
	/* Each import that went in is audited with what it took. */
	struct qc_audit_list al;
	assert_int_equal(qc_audit_list(f->s, "credit_penalties", 5, &al, &err),
			 QC_OK);
	assert_int_equal(al.n, 2);
	assert_string_equal(al.v[0].action, "import");
	assert_string_equal(al.v[0].after, "{\"penalties\": 0}");
	assert_string_equal(al.v[1].after, "{\"penalties\": 2}");
	qc_audit_list_release(&al);

	assert_int_equal(qc_credit_listings(f->s, "penalty", NULL, A, NULL,
					    false, &l, &err),
			 QC_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].category, "food");
	assert_string_equal(l.v[0].repair_from, "2025-01-15");
	assert_string_equal(l.v[0].public_until, "2027-01-15");
	int64_t food = l.v[0].id;
	qc_listings_release(&l);
	/* Food: not after six months, only after one year. */
	assert_int_equal(qc_credit_repair_apply(f->s, food, "2024-07-15", "t",
						&err),
			 QC_ECONFLICT);
	assert_non_null(strstr(err.msg, "食品"));
	assert_int_equal(qc_credit_repair_apply(f->s, food, "2025-01-14", "t",
						&err),
			 QC_ECONFLICT);
	assert_int_equal(qc_credit_repair_apply(f->s, food, "2025-01-15", "t",
						&err),
			 QC_OK);
	/* General: six months. */
	assert_int_equal(qc_credit_listings(f->s, "penalty", NULL, B, NULL,
					    false, &l, &err),
			 QC_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].repair_from, "2024-07-15");
	assert_int_equal(qc_credit_repair_apply(f->s, l.v[0].id, "2024-07-15",
						"t", &err),
			 QC_OK);
	qc_listings_release(&l);
	/* An unknown kind is refused. */
	struct qc_credit_event_in in = { .uscc = C,
					 .kind = "bribe",
					 .occurred_on = "2024-01-01",
					 .title = "x" };
	assert_int_equal(qc_credit_event_add(f->s, &in, "t", &ev, &err),
			 QC_EINVAL);
	unsetenv("QCITY_NOW");
}

static void stored(struct fixture *f, const char *uscc, const char *want)
{
	struct qc_error err = { 0 };
	char g[2], as_of[11];
	assert_int_equal(qc_credit_stored_grade(f->s, uscc, g, as_of, &err),
			 QC_OK);
	assert_string_equal(g, want);
}

static void grade_failure_and_decay(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_credit_grade g;
	size_t changed;

	setenv("QCITY_NOW", "2024-01-10", 1);
	setup_register(f);
	/* An award raises 甲 to 105 (A) when it arrives. */
	struct qc_credit_event_in aw = { .uscc = A,
					 .kind = "certification",
					 .occurred_on = "2023-06-01",
					 .title = "ISO 9001" };
	int64_t id;
	assert_int_equal(qc_credit_event_add(f->s, &aw, "t", &id, &err), QC_OK);
	stored(f, A, "A");
	/* Two failed samples arrive (the sampling register), then a recall
	 * event, which regrades: 100 + 2 - 10 - 10 - 5 = 77 → C. */
	struct qc_sampling_import_opts o = { .region = "桃山区" };
	struct qc_sampling_report rep;
	char csv[512];
	snprintf(csv, sizeof(csv),
		 "产品名称,生产企业名称,统一社会信用代码,抽样日期,检验结论\n"
		 "水泥,甲厂,%s,2024-01-05,不合格\n钢筋,甲厂,%s,2024-01-06,不合格\n",
		 A, A);
	assert_int_equal(qc_sampling_import(f->s, csv, strlen(csv), "s.csv", &o,
					    "t", &rep, &err),
			 QC_OK);
	qc_sampling_report_release(&rep);
	struct qc_credit_event_in rc = { .uscc = A,
					 .kind = "recall",
					 .occurred_on = "2024-01-08",
					 .title = "召回水泥" };
	assert_int_equal(qc_credit_event_add(f->s, &rc, "t", &id, &err), QC_OK);
	stored(f, A, "C");
	assert_int_equal(qc_credit_grade(f->s, A, "2024-01-10", &g, &err),
			 QC_OK);
	assert_string_equal(g.grade, "C");
	assert_true(fabs(g.score - 77) < 0.001);
	assert_int_equal(g.n, 4); /* every event with its rule */
	assert_string_equal(g.scheme_version, "2026-1");
	assert_non_null(strstr(g.v[1].rule, "抽查不合格"));
	qc_credit_grade_release(&g);
	/* A year on the failures start to decay; after two years they and
	 * the recall are gone, the certification stays: 102 → A. */
	assert_int_equal(qc_credit_grade(f->s, A, "2025-07-06", &g, &err),
			 QC_OK);
	assert_true(g.score > 77 && g.score < 102);
	qc_credit_grade_release(&g);
	assert_int_equal(qc_credit_regrade(f->s, "2026-01-08", "t", &changed,
					   &err),
			 QC_OK);
	assert_int_equal(changed, 1);
	stored(f, A, "A");
	/* A black listing fixes the grade at D whatever the score. */
	black(f, A, "2026-01-08");
	assert_int_equal(qc_credit_grade(f->s, A, "2026-01-08", &g, &err),
			 QC_OK);
	assert_string_equal(g.grade, "D");
	assert_non_null(g.override);
	qc_credit_grade_release(&g);
	unsetenv("QCITY_NOW");
}

static void check_black(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_credit_verdict v;

	setenv("QCITY_NOW", "2022-03-01", 1);
	setup_register(f);
	int64_t id = black(f, A, "2022-03-01");
	assert_int_equal(qc_credit_check(f->s, A, "procurement", "2022-06-01",
					 "t", &v, &err),
			 QC_OK);
	assert_true(v.restricted);
	assert_int_equal(v.listing_id, id);
	assert_non_null(strstr(v.listing, "2022-03-01"));
	assert_non_null(strstr(v.rule, "政府采购"));
	qc_credit_verdict_release(&v);
	assert_int_equal(qc_credit_check(f->s, B, "subsidy", "2022-06-01", "t",
					 &v, &err),
			 QC_OK);
	assert_false(v.restricted);
	qc_credit_verdict_release(&v);
	assert_int_equal(qc_credit_check(f->s, A, "lunch", NULL, "t", &v, &err),
			 QC_EINVAL);
	/* Removed after repair: allowed from that day. */
	assert_int_equal(qc_credit_repair_apply(f->s, id, "2023-03-01", "t",
						&err),
			 QC_OK);
	assert_int_equal(qc_credit_repair_approve(f->s, id, "2023-04-01", "t",
						  &err),
			 QC_OK);
	assert_int_equal(qc_credit_check(f->s, A, "procurement", "2023-04-01",
					 "t", &v, &err),
			 QC_OK);
	assert_false(v.restricted);
	qc_credit_verdict_release(&v);
	/* Each check logged (the refused purpose is no check), with the
	 * province holding the enterprise it weighed: on a server that does
	 * not publish, the enterprise's own (0028). */
	assert_int_equal(count_rows(f->s, "credit_checks"), 3);
	assert_int_equal(count_where(f->s, "SELECT COUNT(*) FROM credit_checks"
					   " c JOIN enterprises e ON e.id ="
					   " c.enterprise_id WHERE c.held_by ="
					   " e.held_by AND c.held_by ="
					   " '230000'"),
			 3);
	unsetenv("QCITY_NOW");
}

/* Check code for a subsidy; the held_by the check's row got ("" for
 * NULL), into h. */
static void check_held(struct fixture *f, const char *code, char h[16])
{
	struct qc_error err = { 0 };
	struct qc_credit_verdict v;

	assert_int_equal(qc_credit_check(f->s, code, "subsidy", "2022-06-01",
					 "t", &v, &err),
			 QC_OK);
	qc_credit_verdict_release(&v);
	query_text(f->s, "SELECT held_by FROM credit_checks ORDER BY id DESC",
		   h, 16);
}

/* The held_by of a province's own check (0028): the enterprise's own
 * province until the server publishes, then the server's province (an
 * enterprise registered in 广东 and held by 230000's server), in the row
 * and in the audit row; a code without a record has none. PostgreSQL
 * (only it publishes). */
static void check_held_by_publisher(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	char csv[256], G[19], none[19], h[16];
	size_t n;

	test_need_pg();
	setup_register(f);
	qc_uscc_make("440705", 7, G);
	qc_uscc_make("230903", 9, none);
	snprintf(csv, sizeof(csv),
		 "统一社会信用代码,企业名称,地区\n%s,戊厂,江门市\n", G);
	assert_int_equal(qc_enterprise_import(f->s, csv, strlen(csv), "g.csv",
					      false, "t", &n, &err),
			 QC_OK);
	check_held(f, G, h);
	assert_string_equal(h, "440000");
	assert_int_equal(qc_fed_publish(f->s, "230000", "t", &err), QC_OK);
	check_held(f, G, h);
	assert_string_equal(h, "230000");
	assert_int_equal(
		count_where(f->s,
			    "SELECT COUNT(*) FROM audit_log"
			    " WHERE entity = 'credit_check' AND"
			    " after_json LIKE '%\"province\"%\"230000\"%'"),
		1);
	check_held(f, none, h);
	assert_string_equal(h, "");
	assert_int_equal(count_where(f->s, "SELECT COUNT(*) FROM credit_checks"
					   " WHERE held_by IS NULL"),
			 1);
}

static void yueyang_tiers(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_rewards r;
	char csv[2048], path[512];
	size_t n, len;

	setenv("QCITY_NOW", "2024-03-01", 1);
	setup_register(f);
	snprintf(csv, sizeof(csv),
		 "获奖单位,统一社会信用代码,类别,年度,证书编号\n"
		 "甲厂,%s,中国驰名商标,2023,TM-1\n"
		 "乙厂,%s,湖南省质量管理奖,2023,HQ-1\n"
		 "丙厂,%s,湖南名牌,2023,HB-1\n"
		 "丁厂,%s,中国名牌,2023,CB-1\n"
		 "丁厂,%s,湖南省著名商标,2022,FM-1\n",
		 A, B, C, D, D);
	assert_int_equal(qc_award_import(f->s, csv, strlen(csv), "a.csv", NULL,
					 "t", &n, &err),
			 QC_OK);
	assert_int_equal(n, 5);
	snprintf(csv, sizeof(csv),
		 "统一社会信用代码,年度,纳税额(万元)\n%s,2023,250\n%s,2023,90\n"
		 "%s,2023,60\n%s,2023,150\n%s,2022,80\n",
		 A, B, C, D, D);
	assert_int_equal(qc_tax_import(f->s, csv, strlen(csv), "t.csv", "t", &n,
				       &err),
			 QC_OK);
	assert_int_equal(n, 5);
	struct qc_audit_list al;
	assert_int_equal(qc_audit_list(f->s, "tax_paid", 5, &al, &err), QC_OK);
	assert_int_equal(al.n, 1);
	assert_string_equal(al.v[0].after, "{\"tax_rows\": 5}");
	qc_audit_list_release(&al);
	assert_int_equal(qc_audit_list(f->s, "awards", 5, &al, &err), QC_OK);
	assert_int_equal(al.n, 1);
	assert_string_equal(al.v[0].after, "{\"awards\": 5}");
	qc_audit_list_release(&al);
	data_path(path, sizeof(path), "credit/rewards/yueyang.json");
	char *rules = slurp(path, &len);
	assert_int_equal(qc_reward_list(f->s, rules, len, 2023, &r, &err),
			 QC_OK);
	assert_int_equal(r.n, 4);
	int seen = 0;
	for (size_t i = 0; i < r.n; i++) {
		const struct qc_reward_row *e = &r.v[i];
		if (!strcmp(e->holder, "甲厂")) { /* 驰名商标, 250 ≥ 200 */
			assert_string_equal(e->rule, "national");
			assert_true(e->eligible);
			assert_true(fabs(e->tax - 2500000) < 0.5);
			seen |= 1;
		} else if (!strcmp(e->holder, "乙厂")) { /* 90 < 100 */
			assert_string_equal(e->rule, "provincial_award");
			assert_false(e->eligible);
			seen |= 2;
		} else if (!strcmp(e->holder, "丙厂")) { /* 60 ≥ 50 */
			assert_string_equal(e->rule, "provincial_brand");
			assert_true(e->eligible);
			seen |= 4;
		} else if (!strcmp(e->holder, "丁厂")) { /* 150 < 200 */
			assert_string_equal(e->rule, "national");
			assert_false(e->eligible);
			seen |= 8;
		}
	}
	assert_int_equal(seen, 15);
	int64_t ok_id = 0, no_id = 0;
	for (size_t i = 0; i < r.n; i++)
		if (r.v[i].eligible && !ok_id)
			ok_id = r.v[i].award_id;
		else if (!r.v[i].eligible && !no_id)
			no_id = r.v[i].award_id;
	qc_rewards_release(&r);
	/* 2022: 丁's 著名商标 with 80 ≥ 50. */
	assert_int_equal(qc_reward_list(f->s, rules, len, 2022, &r, &err),
			 QC_OK);
	assert_int_equal(r.n, 1);
	assert_true(r.v[0].eligible);
	qc_rewards_release(&r);
	assert_int_equal(qc_reward_approve(f->s, rules, len, 2023, no_id,
					   "2024-03-01", "t", &err),
			 QC_ECONFLICT);
	assert_int_equal(qc_reward_approve(f->s, rules, len, 2023, ok_id,
					   "2024-03-01", "t", &err),
			 QC_OK);
	assert_int_equal(qc_reward_approve(f->s, rules, len, 2023, ok_id,
					   "2024-03-01", "t", &err),
			 QC_ECONFLICT);
	free(rules);
	unsetenv("QCITY_NOW");
}

static void count_target_from_register(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_plan p;
	long long plan;
	size_t n;
	const char *json =
		"{\"plan\": {\"title\": \"P\", \"region\": {\"code\": \"230900\"},"
		"  \"period\": {\"start\": 2017, \"end\": 2020}},"
		" \"targets\": ["
		"  {\"indicator\": \"中国驰名商标\", \"op\": \">=\", \"value\": 10,"
		"   \"unit\": \"个\", \"year\": 2020},"
		"  {\"indicator\": \"名牌产品产值率\", \"op\": \">=\", \"value\": 40,"
		"   \"unit\": \"%\", \"year\": 2020}]}";

	setenv("QCITY_NOW", "2021-01-10", 1);
	setup_register(f);
	assert_int_equal(qc_plan_from_json(&p, json, strlen(json), &err),
			 QC_OK);
	assert_int_equal(qc_plan_import(f->s, &p, false, "t", &plan, &err),
			 QC_OK);
	qc_plan_release(&p);
	char csv[1024];
	snprintf(csv, sizeof(csv),
		 "注册人,统一社会信用代码,商标,年度\n甲厂,%s,甲牌,2018\n"
		 "乙厂,%s,乙牌,2018\n丙厂,%s,丙牌,2020\n"
		 "外省厂,,外牌,2019\n",
		 A, B, C);
	/* The last holder has no code and no region: refused, all of it. */
	assert_int_equal(qc_award_import(f->s, csv, strlen(csv), "w.csv",
					 "驰名商标", "t", &n, &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "line 5"));
	assert_int_equal(count_rows(f->s, "awards"), 0);
	snprintf(csv, sizeof(csv),
		 "注册人,统一社会信用代码,商标,年度,地区\n甲厂,%s,甲牌,2018,\n"
		 "乙厂,%s,乙牌,2018,\n丙厂,%s,丙牌,2020,\n"
		 "外省厂,,外牌,2019,广东省\n",
		 A, B, C);
	assert_int_equal(qc_award_import(f->s, csv, strlen(csv), "w.csv",
					 "驰名商标", "t", &n, &err),
			 QC_OK);
	assert_int_equal(n, 4);
	long long c;
	assert_int_equal(qc_award_count(f->s, "七台河市",
					"well_known_trademark", NULL, 2017,
					2020, &c, &err),
			 QC_OK);
	assert_int_equal(c, 3);
	assert_int_equal(qc_award_feed(f->s, plan, "t", &n, &err), QC_OK);
	assert_int_equal(n, 1); /* the rate target is not a count */
	struct qc_stmt *st;
	assert_int_equal(qc_stmt_prepare(f->s,
					 "SELECT v.period, v.value, v.source FROM"
					 " indicator_values v JOIN targets t ON"
					 " t.indicator_id = v.indicator_id WHERE"
					 " t.indicator_text = '中国驰名商标' ORDER BY"
					 " v.period",
					 &st, &err),
			 QC_OK);
	const double want[] = { 0, 2, 0, 1 };
	for (int y = 0; y < 4; y++) {
		assert_int_equal(qc_stmt_next(st, &err), QC_ROW);
		assert_int_equal(atoi(qc_stmt_text(st, 0)), 2017 + y);
		assert_true(fabs(qc_stmt_double(st, 1) - want[y]) < 1e-9);
		assert_string_equal(qc_stmt_text(st, 2), "register:awards");
	}
	assert_int_equal(qc_stmt_next(st, &err), QC_DONE);
	qc_stmt_free(st);
	/* The status reads 3 of 10 from them. */
	struct qc_status_table t;
	assert_int_equal(qc_status_table(f->s, plan, NULL, &t, &err), QC_OK);
	const struct qc_status_row *row = test_status_row(&t, "中国驰名商标");
	assert_true(row->p.has_current);
	assert_true(fabs(row->p.current - 3) < 1e-9);
	qc_status_table_release(&t);
	unsetenv("QCITY_NOW");
}

/* A report a case was opened on becomes a complaint_upheld event, once. */
static void complaints_upheld(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_credit_grade g;
	int64_t id;
	size_t n;

	setenv("QCITY_NOW", "2024-03-01", 1);
	setup_register(f);
	struct qc_complaint_new in = {
		.kind = QC_REPORT,
		.channel = "12315",
		.received_on = "2024-02-01",
		.region = "桃山区",
		.respondent = "甲厂",
		.respondent_uscc = A,
		.text = "销售假冒电缆",
		.amount = -1,
	};
	assert_int_equal(qc_complaint_add(f->s, &in, "t", &id, &err), QC_OK);
	assert_int_equal(qc_credit_sync_complaints(f->s, "t", &n, &err), QC_OK);
	assert_int_equal(n, 0); /* not yet decided */
	assert_int_equal(qc_complaint_move(f->s, id, "checked", "2024-02-05",
					   NULL, "t", &err),
			 QC_OK);
	assert_int_equal(qc_complaint_move(f->s, id, "case_opened",
					   "2024-02-09", NULL, "t", &err),
			 QC_OK);
	assert_int_equal(qc_credit_sync_complaints(f->s, "t", &n, &err), QC_OK);
	assert_int_equal(n, 1);
	assert_int_equal(qc_credit_sync_complaints(f->s, "t", &n, &err), QC_OK);
	assert_int_equal(n, 0);
	assert_int_equal(qc_credit_grade(f->s, A, "2024-03-01", &g, &err),
			 QC_OK);
	assert_int_equal(g.n, 1);
	assert_string_equal(g.v[0].kind, "complaint_upheld");
	assert_string_equal(g.v[0].date, "2024-02-09");
	qc_credit_grade_release(&g);
	unsetenv("QCITY_NOW");
}

/* The term per penalty kind as read in 45号规定 art. 2 para. 2 (仅受到警告
 * 行政处罚的不予公示) and art. 13 (通报批评、较低数额罚款 three months, others
 * three years), with repair per 信用修复管理办法 art. 6 (six months; none for
 * 警告、通报批评、较低数额罚款). */
static void penalty_kind_terms(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_listings l;
	size_t n;
	char csv[1024];

	setenv("QCITY_NOW", "2024-01-15", 1);
	setup_register(f);
	snprintf(csv, sizeof(csv),
		 "统一社会信用代码,处罚决定书文号,处罚日期,处罚种类\n"
		 "%s,市监罚〔2024〕21号,2024-01-15,警告\n"
		 "%s,市监罚〔2024〕22号,2024-01-15,警告；罚款人民币20万元\n"
		 "%s,市监罚〔2024〕23号,2024-01-15,通报批评\n",
		 A, B, C);
	assert_int_equal(qc_credit_penalty_import(f->s, csv, strlen(csv),
						  "k.csv", "t", &n, &err),
			 QC_OK);
	assert_int_equal(n, 3);
	/* Warning only: never public, nothing to repair. */
	assert_int_equal(qc_credit_listings(f->s, "penalty", NULL, A, NULL,
					    false, &l, &err),
			 QC_OK);
	assert_int_equal(l.n, 0);
	qc_listings_release(&l);
	assert_int_equal(qc_credit_listings(f->s, "penalty", NULL, A, NULL,
					    true, &l, &err),
			 QC_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].public_until, "2024-01-15");
	assert_string_equal(l.v[0].repair_from, "");
	int64_t warn = l.v[0].id;
	qc_listings_release(&l);
	assert_int_equal(qc_credit_repair_apply(f->s, warn, "2024-07-15", "t",
						&err),
			 QC_ECONFLICT);
	/* A larger fine: three years, repair after six months. */
	assert_int_equal(qc_credit_listings(f->s, "penalty", NULL, B, NULL,
					    false, &l, &err),
			 QC_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].public_until, "2027-01-15");
	assert_string_equal(l.v[0].repair_from, "2024-07-15");
	int64_t fine = l.v[0].id;
	qc_listings_release(&l);
	assert_int_equal(qc_credit_repair_apply(f->s, fine, "2024-07-14", "t",
						&err),
			 QC_ECONFLICT);
	assert_non_null(strstr(err.msg, "第六条"));
	assert_int_equal(qc_credit_repair_apply(f->s, fine, "2024-07-15", "t",
						&err),
			 QC_OK);
	/* 通报批评: three months, no repair. */
	assert_int_equal(qc_credit_listings(f->s, "penalty", NULL, C, NULL,
					    false, &l, &err),
			 QC_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].public_until, "2024-04-15");
	assert_string_equal(l.v[0].repair_from, "");
	qc_listings_release(&l);
	/* The clock itself, and its citations. */
	char until[11], repair[11];
	const char *cite;
	assert_int_equal(qc_credit_clock("penalty", "general", "low_fine",
					 "2024-01-31", until, repair, &cite,
					 &err),
			 QC_OK);
	assert_string_equal(until, "2024-04-30");
	assert_string_equal(repair, "");
	assert_non_null(strstr(cite, "第十三条"));
	assert_int_equal(qc_credit_clock("penalty", "general", "warning",
					 "2024-01-31", until, repair, &cite,
					 &err),
			 QC_OK);
	assert_non_null(strstr(cite, "第二条"));
	assert_int_equal(qc_credit_clock("penalty", "general", "fine",
					 "2024-01-31", until, repair, &cite,
					 &err),
			 QC_EINVAL);
	unsetenv("QCITY_NOW");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(black_list_clock, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(food_penalty_repair,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(penalty_kind_terms,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(grade_failure_and_decay,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(check_black, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(check_held_by_publisher,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(yueyang_tiers, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(complaints_upheld,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(count_target_from_register,
						fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
