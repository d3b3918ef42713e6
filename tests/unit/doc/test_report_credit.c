/* The annual report's 质量信用 chapter (report_credit.c) on a small
 * hand-made register of 七台河市 (新兴区, 桃山区): grades as of the year's
 * end under data/credit/scheme.json, the lists public at the end, entered
 * and removed in the year, the awards of the year, and no chapter while
 * the register holds nothing for the region. */
#include "testutil.h"
#include "qcity/award.h"
#include "qcity/credit.h"
#include "qcity/doc.h"
#include "qcity/enterprise.h"
#include "qcity/plan.h"
#include "qcity/plan_store.h"
#include "qcity/uscc.h"

static const char *plan_json =
	"{\"plan\": {\"title\": \"示例方案\", \"region\": {\"code\": \"230900\"},"
	"  \"period\": {\"start\": 2022, \"end\": 2025}},"
	" \"targets\": ["
	"  {\"indicator\": \"森林覆盖率\", \"op\": \">=\", \"value\": 48,"
	"   \"unit\": \"%\", \"year\": 2025, \"owners\": [\"市林业局\"]}]}";

static char A[19], B[19], C[19], D[19], E[19], G[19];

static long long setup(struct fixture *f)
{
	struct qc_error err = { 0 };
	struct qc_plan p;
	char csv[1024], path[512], version[64];
	long long id;
	size_t n;

	setenv("QCITY_NOW", "2025-03-01", 1);
	assert_int_equal(qc_plan_from_json(&p, plan_json, strlen(plan_json),
					   &err),
			 QC_OK);
	if (qc_plan_import(f->s, &p, false, "t", &id, &err)) {
		fail_msg("%s", err.msg);
		abort();
	}
	qc_plan_release(&p);
	qc_uscc_make("230903", 1, A);
	qc_uscc_make("230903", 2, B);
	qc_uscc_make("230903", 3, C);
	qc_uscc_make("230902", 4, D);
	qc_uscc_make("230902", 5, E);
	qc_uscc_make("230903", 6, G);
	snprintf(csv, sizeof(csv),
		 "统一社会信用代码,企业名称,地区\n%s,甲厂,230903\n%s,乙厂,230903\n"
		 "%s,丙厂,230903\n%s,丁厂,230902\n%s,戊厂,230902\n%s,己厂,230903\n",
		 A, B, C, D, E, G);
	if (qc_enterprise_import(f->s, csv, strlen(csv), "e.csv", false, "t",
				 &n, &err)) {
		fail_msg("%s", err.msg);
		abort();
	}
	const char *dir = getenv("QCITY_DATA");
	snprintf(path, sizeof(path), "%s/credit/scheme.json",
		 dir ? dir : "data");
	FILE *in = fopen(path, "rb");
	assert_non_null(in);
	char *text = calloc(1, 1 << 16);
	assert_non_null(text);
	size_t len = fread(text, 1, (1 << 16) - 1, in);
	fclose(in);
	assert_int_equal(qc_credit_scheme_load(f->s, text, len, "t", version,
					       &err),
			 QC_OK);
	free(text);
	return id;
}

static void event(struct fixture *f, const char *uscc, const char *kind,
		  const char *on, const char *evidence)
{
	struct qc_error err = { 0 };
	struct qc_credit_event_in in = { .uscc = uscc,
					 .kind = kind,
					 .occurred_on = on,
					 .title = "事件",
					 .evidence = evidence };
	int64_t id;
	assert_int_equal(qc_credit_event_add(f->s, &in, "t", &id, &err), QC_OK);
}

static int64_t listing(struct fixture *f, const char *uscc, const char *list,
		       const char *on)
{
	struct qc_error err = { 0 };
	struct qc_listing_in in = {
		.uscc = uscc, .list = list, .ground = "依据", .decided_on = on
	};
	int64_t id;
	assert_int_equal(qc_credit_list_add(f->s, &in, "t", &id, &err), QC_OK);
	return id;
}

static void award(struct fixture *f, const char *kind, const char *holder,
		  const char *uscc, const char *region, int year)
{
	struct qc_error err = { 0 };
	struct qc_award_in in = { .kind = kind,
				  .level = "provincial",
				  .holder = holder,
				  .uscc = uscc,
				  .region = region,
				  .year = year };
	int64_t id;
	assert_int_equal(qc_award_add(f->s, &in, "t", &id, &err), QC_OK);
}

/* Every heading, paragraph, note and caption, and every table cell, a
 * line each; *charts: the chapter's charts. */
static char *report_text(struct fixture *f, long long plan, int year,
			 size_t *charts, struct qc_chart **last)
{
	struct qc_error err = { 0 };
	struct qc_buf b = QC_BUF_INIT, docx = QC_BUF_INIT;
	struct qc_doc *d;
	bool in_credit = false;

	assert_int_equal(qc_doc_build_report(f->s, plan, year, &d, &err),
			 QC_OK);
	/* the writers take the chapter */
	assert_int_equal(qc_doc_write_docx(d, &docx, &err), QC_OK);
	qc_buf_release(&docx);
	*charts = 0;
	for (size_t i = 0; i < d->n; i++) {
		const struct qc_block *k = &d->v[i];
		if (k->kind == QC_BLOCK_HEADING && k->level == 1)
			in_credit = strstr(k->text, "、质量信用") != NULL;
		if (k->kind == QC_BLOCK_TABLE)
			for (size_t c = 0; c < k->rows * k->cols; c++)
				qc_buf_addf(&b, "%s\n", k->cells[c]);
		else
			qc_buf_addf(&b, "%s\n", k->text ? k->text : "");
		if (k->kind == QC_BLOCK_CHART && in_credit) {
			++*charts;
			if (last) {
				qc_chart_free(*last);
				*last = k->chart;
				d->v[i].chart = NULL;
			}
		}
	}
	qc_doc_free(d);
	return qc_buf_detach(&b, NULL);
}

static void credit_chapter(void **state)
{
	struct fixture *f = *state;
	struct qc_chart *bars = NULL;
	long long plan = setup(f);
	size_t charts;

	/* enterprises and a scheme, but no record yet: no chapter */
	char *text = report_text(f, plan, 2024, &charts, NULL);
	assert_null(strstr(text, "质量信用"));
	free(text);

	/* 甲: a 2024 provincial brand (+5) and the red list → A */
	award(f, "brand_product", "甲厂", A, NULL, 2024);
	int64_t red = listing(f, A, "red", "2024-10-01");
	struct qc_error err = { 0 };
	assert_int_equal(qc_credit_publish(f->s, red, "2024-11-01", "t", &err),
			 QC_OK);
	/* 乙: a 2024 penalty (-20, disclosed 3 years) → C */
	event(f, B, "penalty", "2024-05-10", "七市监罚〔2024〕5号");
	/* 丙: on the black list since 2022 (public until 2025-03-01) → D */
	listing(f, C, "black", "2022-03-01");
	/* 丁: a recall (-5) and an upheld complaint (-3): 92 → B */
	event(f, D, "recall", "2024-04-01", NULL);
	event(f, D, "complaint_upheld", "2024-09-01", NULL);
	/* 戊: black-listed 2021-02-01, out of view on 2024-02-01 → A */
	listing(f, E, "black", "2021-02-01");
	/* 己: a penalty of 2025, after the year: not counted */
	event(f, G, "penalty", "2025-02-01", "七市监罚〔2025〕1号");
	/* awards of the year: one more without a code; one of 2023 */
	award(f, "well_known_trademark", "某农业公司", NULL, "230902", 2024);
	award(f, "brand_product", "某食品公司", NULL, "230903", 2023);

	text = report_text(f, plan, 2024, &charts, &bars);
	assert_non_null(
		strstr(text,
		       "、质量信用\n截至2024年底，七台河市纳入质量信用评价的企业"
		       "5家，其中A级2家、B级1家、C级1家、D级1家。年底公示中的严"
		       "重违法失信名单1户、行政处罚信息1条、质量信用红名单1户；"
		       "2024年列入严重违法失信名单0户、移出1户，新增行政处罚公示"
		       "1条、移出0条，新增红名单1户、移出0户。\n"));
	assert_non_null(strstr(text, "2024年，新获质量奖项和品牌认定：名牌产品1"
				     "个、驰名商标1个。\n"));
	/* the table: the city, then each county */
	assert_non_null(
		strstr(text, "地区\n评价企业（家）\nA级\nB级\nC级\nD级\n"));
	assert_non_null(strstr(text, "七台河市\n5\n2\n1\n1\n1\n1\n1\n1\n"));
	assert_non_null(strstr(text, "新兴区\n2\n1\n1\n0\n0\n0\n0\n0\n"));
	assert_non_null(strstr(text, "桃山区\n3\n1\n0\n1\n1\n1\n1\n1\n"));
	assert_non_null(strstr(text, "图：2024年底各地区企业质量信用等级分布"));
	free(text);
	/* the bar chart: a series per grade over the two counties */
	assert_int_equal(charts, 1);
	if (!bars) {
		fail_msg("no chart in the chapter");
		abort();
	}
	assert_int_equal(bars->kind, QC_CHART_BAR);
	assert_int_equal(bars->n_series, 4);
	assert_int_equal(bars->n_labels, 2);
	assert_string_equal(bars->labels[1], "桃山区");
	assert_true(bars->series[0].v[0] == 1 && bars->series[0].v[1] == 1);
	assert_true(bars->series[1].v[0] == 1 && bars->series[1].v[1] == 0);
	assert_true(bars->series[3].v[0] == 0 && bars->series[3].v[1] == 1);
	qc_chart_free(bars);

	/* 2023: 丙 and 戊 on the black list, nothing graded else; 2025's
	 * penalty counts in 2025 and 丙's term ends on 2025-03-01 */
	text = report_text(f, plan, 2023, &charts, NULL);
	assert_non_null(strstr(text, "截至2023年底，七台河市纳入质量信用评价的"
				     "企业2家，其中A级0家、B级0家、C级0家、D级"
				     "2家。年底公示中的严重违法失信名单2户、"));
	assert_non_null(strstr(text, "2023年，新获质量奖项和品牌认定：名牌产品1"
				     "个。\n"));
	free(text);
	text = report_text(f, plan, 2025, &charts, NULL);
	assert_non_null(strstr(text, "纳入质量信用评价的企业6家"));
	assert_non_null(strstr(text, "2025年列入严重违法失信名单0户、移出1户，"
				     "新增行政处罚公示1条"));
	assert_null(strstr(text, "2025年，新获质量奖项"));
	free(text);

	/* The same chapter in English: its words are messages, the names
	 * data. */
	test_lang("en");
	text = report_text(f, plan, 2024, &charts, NULL);
	test_lang("zh_CN");
	assert_non_null(strstr(text,
			       ". Quality credit\nBy the end of 2024, "
			       "七台河市 had 5 enterprises under quality "
			       "credit evaluation: grade A: 2, grade B: 1, "
			       "grade C: 1, grade D: 1. At the end of"));
	assert_non_null(strstr(text, "Region\nEnterprises graded\nGrade A\n"));
	assert_null(strstr(text, "质量信用"));
	assert_null(strstr(text, "家"));
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(credit_chapter, fixture_setup,
						fixture_teardown),
	};
	test_lang("zh_CN");
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	qc_doc_cleanup();
	return rc;
}
