/* Documents out: the three documents built from a small plan with values,
 * progress reports and an assessment; the .docx read back with libxml2
 * (paragraphs and tables), the HTML, the XLSX annex read back with the
 * workbook reader; qcity-doc/1 JSON and the edits; stored drafts, issue
 * numbers in sequence, issued documents that refuse every change and keep
 * their bytes. (PDF: tests/cli/test_doc.sh, with pdftotext and pdffonts.) */
#include "testutil.h"
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <math.h>
#include <sodium.h>
#include "qcity/review.h"
#include "qcity/alloc.h"
#include "qcity/catalog.h"
#include "qcity/doc.h"
#include "qcity/plan.h"
#include "qcity/plan_store.h"
#include "qcity/complaint.h"
#include "qcity/supervision.h"
#include "qcity/table.h"
#include "qcity/workday.h"
#include "qcity/zipfile.h"

static const char *plan_json =
	"{\"plan\": {\"title\": \"示例方案\", \"region\": {\"code\": \"230900\"},"
	"  \"period\": {\"start\": 2018, \"end\": 2020}},"
	" \"targets\": ["
	"  {\"indicator\": \"产品质量监督抽查合格率\", \"op\": \">=\", \"value\": 98,"
	"   \"unit\": \"%\", \"year\": 2020, \"owners\": [\"市市场监管局\"]},"
	"  {\"indicator\": \"森林覆盖率\", \"op\": \">=\", \"value\": 48, \"unit\": \"%\","
	"   \"year\": 2020, \"owners\": [\"市林业局\"]}],"
	" \"tasks\": ["
	"  {\"key\": \"一\", \"title\": \"质量提升行动\", \"due\": \"2020-06-30\","
	"   \"owners\": [\"市市场监管局\"]},"
	"  {\"key\": \"二\", \"title\": \"林业工程\", \"due\": \"2020-12-31\","
	"   \"owners\": [\"市林业局\"]}],"
	" \"reporting\": [{\"kind\": \"half_year\", \"grace_days\": 15}]}";

static void set(struct qc_store *s, const char *ind, const char *region,
		const char *period, double v)
{
	struct qc_error err = { 0 };
	struct qc_value_in in = {
		.indicator = ind, .region = region, .period = period, .value = v
	};
	assert_int_equal(qc_value_set(s, &in, "t", &err), QC_OK);
}

static long long setup_plan(struct qc_store *s)
{
	struct qc_error err = { 0 };
	long long id;

	struct qc_catalog c;
	const char *dir = getenv("QCITY_DATA");
	char path[512];

	/* the catalogue gives each series its domain (the report's chapters) */
	snprintf(path, sizeof(path), "%s/indicators.json", dir ? dir : "data");
	assert_int_equal(qc_catalog_load(&c, path, &err), QC_OK);
	assert_int_equal(qc_indicator_sync(s, &c, &err), QC_OK);
	qc_catalog_release(&c);
	setenv("QCITY_NOW", "2020-08-01", 1);
	id = test_plan_import(s, plan_json);
	set(s, "产品质量监督抽查合格率", "230900", "2018", 94);
	set(s, "产品质量监督抽查合格率", "230900", "2019", 95.5);
	set(s, "产品质量监督抽查合格率", "230900", "2020", 97);
	set(s, "产品质量监督抽查合格率", "230902", "2020", 96);
	set(s, "产品质量监督抽查合格率", "230903", "2020", 98.5);
	set(s, "森林覆盖率", "230900", "2019", 47);
	set(s, "森林覆盖率", "230900", "2020", 46);
	assert_int_equal(qc_task_report_add(s, id, "二", "市林业局", "2020-H1",
					    "in_progress", NULL, "t", &err),
			 QC_OK);
	return id;
}

/* The text of every w:p of word/document.xml, and how many w:tbl. */
static char *docx_paragraphs(const struct qc_buf *docx, int *tables)
{
	struct qc_error err = { 0 };
	struct qc_zip *z;
	struct qc_buf xml = QC_BUF_INIT, out = QC_BUF_INIT;

	assert_int_equal(qc_zip_open(qc_buf_str(docx), qc_buf_len(docx), "docx",
				     &z, &err),
			 QC_OK);
	assert_true(qc_zip_has(z, "word/styles.xml"));
	assert_true(qc_zip_has(z, "word/footer1.xml"));
	assert_int_equal(qc_zip_read(z, "word/document.xml", 64 << 20, &xml,
				     &err),
			 QC_OK);
	qc_zip_close(z);
	xmlDocPtr doc = xmlReadMemory(qc_buf_str(&xml), (int)qc_buf_len(&xml),
				      "document.xml", NULL, XML_PARSE_NONET);
	assert_non_null(doc);
	xmlXPathContextPtr x = xmlXPathNewContext(doc);
	xmlXPathRegisterNs(x, BAD_CAST "w",
			   BAD_CAST
			   "http://schemas."
			   "openxmlformats.org/wordprocessingml/2006/main");
	xmlXPathObjectPtr ps = xmlXPathEvalExpression(BAD_CAST "//w:p", x);
	for (int i = 0; ps->nodesetval && i < ps->nodesetval->nodeNr; i++) {
		xmlChar *t = xmlNodeGetContent(ps->nodesetval->nodeTab[i]);
		qc_buf_addf(&out, "%s\n", (const char *)t);
		xmlFree(t);
	}
	xmlXPathFreeObject(ps);
	xmlXPathObjectPtr ts = xmlXPathEvalExpression(BAD_CAST "//w:tbl", x);
	*tables = ts->nodesetval ? ts->nodesetval->nodeNr : 0;
	xmlXPathFreeObject(ts);
	/* GB/T 9704's page: A4 and the 版心's margins, in twips */
	xmlXPathObjectPtr pg =
		xmlXPathEvalExpression(BAD_CAST
				       "string(//w:sectPr/w:pgMar/@w:top)",
				       x);
	assert_string_equal((const char *)pg->stringval, "2098");
	xmlXPathFreeObject(pg);
	xmlXPathFreeContext(x);
	xmlFreeDoc(doc);
	qc_buf_release(&xml);
	return qc_buf_detach(&out, NULL);
}

/* Open a 督查 item on 市市场监管局 (opened "today", 2020-08-01). */
static int64_t sup_item(struct qc_store *s, long long plan, const char *finding,
			const char *deadline)
{
	struct qc_error err = { 0 };
	int64_t unit, id;
	assert_int_equal(qc_unit_find(s, "230900", "市市场监管局", &unit, &err),
			 QC_OK);
	struct qc_sup_in in = { .plan_id = plan,
				.unit_id = unit,
				.task = "一",
				.finding = finding,
				.rectify = "限期整改到位",
				.deadline = deadline };
	assert_int_equal(qc_sup_open(s, &in, "t", &id, &err), QC_OK);
	return id;
}

static char *progress_text(struct qc_store *s, long long plan,
			   const char *period, int *tables)
{
	struct qc_error err = { 0 };
	struct qc_buf b = QC_BUF_INIT;
	struct qc_doc *d;
	assert_int_equal(qc_doc_build_progress(s, plan, period, &d, &err),
			 QC_OK);
	assert_int_equal(qc_doc_write_docx(d, &b, &err), QC_OK);
	char *text = docx_paragraphs(&b, tables);
	qc_buf_release(&b);
	qc_doc_free(d);
	return text;
}

static void test_progress(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_doc *d;
	struct qc_buf b = QC_BUF_INIT;
	long long plan = setup_plan(f->s);
	int tables;

	assert_int_equal(qc_doc_build_progress(f->s, plan, "2020-13", &d, &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "2020-H1"));
	sup_item(f->s, plan, "抽查不合格产品后处理不到位", "2020-07-15");
	assert_int_equal(qc_sup_close(f->s,
				      sup_item(f->s, plan, "已办结的督查事项",
					       "2020-09-30"),
				      NULL, "t", &err),
			 QC_OK);
	assert_int_equal(qc_doc_build_progress(f->s, plan, "2020-H1", &d, &err),
			 QC_OK);
	assert_string_equal(d->title,
			    "关于2020年上半年质量强市工作进展情况的通报");
	assert_int_equal(qc_doc_write_docx(d, &b, &err), QC_OK);
	char *text = docx_paragraphs(&b, &tables);
	/* As of 2020-06-30: the values of 2020 (a year that had not ended)
	 * are left out, 森林覆盖率's latest is 2019's; the 督查 items were
	 * opened after the half-year. */
	assert_non_null(strstr(text, "一、目标总体进展"));
	assert_non_null(
		strstr(text, "《方案》共设量化目标2项。截至2020年6月30日"));
	assert_non_null(strstr(text, "47%（2019）"));
	assert_null(strstr(text, "46%"));
	assert_non_null(strstr(text, "五、督查事项办理情况"));
	assert_non_null(strstr(text, "截至2020年6月30日，督查事项均已办结。"));
	assert_null(strstr(text, "抽查不合格产品后处理不到位"));
	assert_non_null(strstr(text, "六、下一步工作要求"));
	/* the unit that did not report for 2020-H1, the task past due */
	assert_non_null(strstr(text, "三、工作进展报送情况"));
	assert_non_null(strstr(text, "市市场监管局"));
	assert_non_null(strstr(text, "四、滞后任务"));
	assert_non_null(strstr(text, "质量提升行动"));
	assert_true(tables >= 3); /* targets, reporting, tasks */
	free(text);
	qc_buf_reset(&b);
	assert_int_equal(qc_doc_write_html(d, &b, &err), QC_OK);
	assert_non_null(strstr(qc_buf_str(&b), "<th>责任单位</th>"));
	assert_non_null(strstr(qc_buf_str(&b), "<td>市林业局</td>"));
	qc_buf_release(&b);
	qc_doc_free(d);

	/* The year, as of today (2020-08-01): 2020's values count, and so
	 * does the 督查 item still open (past its deadline); the one
	 * closed is left out. */
	text = progress_text(f->s, plan, "2020", &tables);
	assert_non_null(
		strstr(text, "森林覆盖率：目标要求≥ 48%，最新值46%，出现倒退。"
			     "责任单位：市林业局。"));
	assert_non_null(strstr(text, "截至2020年8月1日，督查事项1项尚未办结，"
				     "其中1项已超过办理时限。"));
	assert_non_null(strstr(text,
			       "抽查不合格产品后处理不到位\n市市场监管局\n"
			       "限期整改到位\n2020-07-15\n逾期未办结"));
	assert_null(strstr(text, "已办结的督查事项"));
	assert_true(tables >= 4); /* and the 督查 items */
	free(text);

	/* In English: the words are messages, the headings count in
	 * digits, the names stay as entered. */
	test_lang("en");
	text = progress_text(f->s, plan, "2020-Q2", &tables);
	test_lang("zh_CN");
	assert_non_null(strstr(text, "Notice on the progress of the quality "
				     "city work in Q2 2020"));
	assert_non_null(strstr(text, "1. Overall progress of the targets"));
	assert_non_null(strstr(text, "Under the Plan, 2 quantified targets "
				     "are set. As of 2020-06-30,"));
	assert_non_null(strstr(text, "47% (2019)"));
	assert_non_null(strstr(text, "5. Supervision items"));
	assert_non_null(strstr(text, "市市场监管局"));
	assert_null(strstr(text, "截至"));
	assert_null(strstr(text, "通报"));
	free(text);
}

static void test_assessment(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_doc *d;
	struct qc_buf b = QC_BUF_INIT;
	long long plan = setup_plan(f->s);
	int tables;

	assert_int_equal(qc_doc_build_assessment(f->s, plan, 2020, &d, &err),
			 QC_OK);
	assert_int_equal(qc_doc_write_docx(d, &b, &err), QC_OK);
	char *text = docx_paragraphs(&b, &tables);
	assert_non_null(strstr(text, "关于2020年度质量强市工作考核结果的通报"));
	assert_non_null(
		strstr(text, "名次\n单位\n得分\n等次\n")); /* the header */
	assert_non_null(strstr(text, "二、通报表彰"));
	assert_non_null(strstr(text, "三、通报批评"));
	assert_true(tables >= 1);
	free(text);
	qc_buf_release(&b);
	qc_doc_free(d);
}

static void test_report_and_annex(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_doc *d;
	struct qc_buf b = QC_BUF_INIT;
	struct qc_table *t;
	struct qc_table_row *row;
	long long plan = setup_plan(f->s);
	size_t charts = 0, sheets = 0;
	int tables;

	assert_int_equal(qc_doc_build_report(f->s, plan, 2020, &d, &err),
			 QC_OK);
	assert_string_equal(d->title, "七台河市2020年质量发展报告");
	for (size_t i = 0; i < d->n; i++)
		charts += d->v[i].kind == QC_BLOCK_CHART;
	/* the product chapter: a trend and the two counties compared; the
	 * environment chapter: a trend */
	assert_int_equal(charts, 3);
	assert_int_equal(qc_doc_write_docx(d, &b, &err), QC_OK);
	char *text = docx_paragraphs(&b, &tables);
	assert_non_null(strstr(text, "产品质量"));
	assert_non_null(strstr(text, "生态环境质量"));
	assert_non_null(
		strstr(text, "图：2020年各地区产品质量监督抽查合格率比较"));
	/* no complaint register (no holiday calendar): no such chapter */
	assert_null(strstr(text, "质量投诉"));
	free(text);
	struct qc_zip *z;
	assert_int_equal(qc_zip_open(qc_buf_str(&b), qc_buf_len(&b), "docx", &z,
				     &err),
			 QC_OK);
	assert_true(qc_zip_has(z, "word/media/chart3.png"));
	qc_zip_close(z);
	/* the annex: a contents sheet naming every table and chart */
	qc_buf_reset(&b);
	assert_int_equal(qc_doc_write_xlsx(d, &b, &err), QC_OK);
	assert_int_equal(qc_table_open(qc_buf_str(&b), qc_buf_len(&b), "a.xlsx",
				       &t, &err),
			 QC_OK);
	while (qc_table_next(t, &row, &err) == 1)
		sheets += row->line > 1 && row->n > 0 && row->cells[0][0];
	qc_table_close(t);
	assert_int_equal(sheets, 3 + (size_t)tables);
	/* a chart as PNG */
	qc_buf_reset(&b);
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].kind == QC_BLOCK_CHART) {
			assert_int_equal(qc_chart_png(d->v[i].chart, 600, 300,
						      &b, &err),
					 QC_OK);
			break;
		}
	assert_memory_equal(qc_buf_str(&b), "\x89PNG", 4);
	qc_buf_release(&b);
	qc_doc_free(d);
}

/* A count is judged on its running total: the report's table gives the
 * year's own value and that total, so 0个 never stands alone beside
 * 已达标. */
static void test_report_counts_in_all(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_doc *d;
	struct qc_buf b = QC_BUF_INIT;
	struct qc_catalog c;
	const char *dir = getenv("QCITY_DATA");
	char path[512];
	int tables;

	snprintf(path, sizeof(path), "%s/indicators.json", dir ? dir : "data");
	assert_int_equal(qc_catalog_load(&c, path, &err), QC_OK);
	assert_int_equal(qc_indicator_sync(f->s, &c, &err), QC_OK);
	qc_catalog_release(&c);
	setenv("QCITY_NOW", "2021-03-01", 1);
	long long plan = test_plan_import(
		f->s,
		"{\"plan\": {\"title\": \"计数方案\", \"region\": {\"code\":"
		" \"230900\"}, \"period\": {\"start\": 2018, \"end\": 2020}},"
		" \"targets\": [{\"indicator\": \"名牌产品数\", \"op\": \">=\","
		" \"value\": 3, \"unit\": \"个\", \"year\": 2020}]}");
	set(f->s, "名牌产品数", "230900", "2018", 2);
	set(f->s, "名牌产品数", "230900", "2019", 1);
	set(f->s, "名牌产品数", "230900", "2020", 0);
	assert_int_equal(qc_doc_build_report(f->s, plan, 2020, &d, &err),
			 QC_OK);
	assert_int_equal(qc_doc_write_docx(d, &b, &err), QC_OK);
	char *text = docx_paragraphs(&b, &tables);
	assert_non_null(
		strstr(text, "名牌产品数\n≥ 3 个\n0个（累计3个）\n已达标"));
	free(text);
	qc_buf_release(&b);
	qc_doc_free(d);
}

static int64_t complaint(struct qc_store *s, enum qc_complaint_kind kind,
			 const char *region, const char *on)
{
	struct qc_error err = { 0 };
	struct qc_complaint_new in = { .kind = kind,
				       .channel = "12315",
				       .received_on = on,
				       .region = region,
				       .respondent = "某超市",
				       .text = "购买的电热水壶漏电",
				       .amount = -1 };
	int64_t id = 0;
	assert_int_equal(qc_complaint_add(s, &in, "t", &id, &err), QC_OK);
	return id;
}

/* The complaints chapter from the complaint register's figures: three
 * items of 2020 in two counties, one of 2019 for the trend. */
static void test_report_complaints(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_doc *d;
	struct qc_buf b = QC_BUF_INIT;
	long long plan = setup_plan(f->s);
	const char *cal = getenv("QCITY_CALENDAR");
	size_t charts = 0;
	int years, tables;

	assert_non_null(cal);
	assert_int_equal(qc_calendar_load(f->s, cal, "t", &years, &err), QC_OK);
	int64_t a = complaint(f->s, QC_COMPLAINT, "230902", "2020-03-02");
	int64_t c = complaint(f->s, QC_COMPLAINT, "230902", "2020-03-02");
	complaint(f->s, QC_REPORT, "230903", "2020-04-01");
	complaint(f->s, QC_COMPLAINT, "230903", "2019-05-06");
	/* accepted on the 3rd working day, the other past the 7 days */
	assert_int_equal(qc_complaint_move(f->s, a, "accepted", "2020-03-04",
					   NULL, "t", &err),
			 QC_OK);
	assert_int_equal(qc_complaint_move(f->s, c, "accepted", "2020-03-20",
					   NULL, "t", &err),
			 QC_OK);
	assert_int_equal(qc_doc_build_report(f->s, plan, 2020, &d, &err),
			 QC_OK);
	for (size_t i = 0; i < d->n; i++)
		charts += d->v[i].kind == QC_BLOCK_CHART;
	assert_int_equal(charts, 3 + 2); /* the trend, the two counties */
	assert_int_equal(qc_doc_write_docx(d, &b, &err), QC_OK);
	char *text = docx_paragraphs(&b, &tables);
	assert_non_null(strstr(text,
			       "、质量投诉\n2020年，七台河市共登记质量投诉"
			       "举报3件，其中投诉2件、举报1件。投诉在法定"
			       "时限内作出受理决定的占50%；"));
	/* the table: the city, then each county with items */
	assert_non_null(strstr(text, "七台河市\n3\n2\n1\n50\n"));
	assert_non_null(strstr(text, "新兴区\n2\n2\n0\n50\n"));
	assert_non_null(strstr(text, "桃山区\n1\n0\n1\n—\n"));
	assert_non_null(strstr(text, "图：2016—2020年质量投诉举报受理量变化"));
	free(text);
	qc_buf_release(&b);
	qc_doc_free(d);
}

static void test_json_and_edits(void **state)
{
	(void)state;
	struct qc_error err = { 0 };
	struct qc_doc *d = qc_doc_new("progress", "标题"), *e;
	const char *cells[] = { "甲", "乙", "1", "2" };
	struct qc_chart *c = qc_xcalloc(1, sizeof(*c));

	qc_doc_heading(d, 1, "一、总体");
	qc_doc_para(d, "正文");
	qc_doc_table(d, 2, 2, cells);
	c->title = qc_xstrdup("图");
	c->n_labels = 2;
	c->labels = qc_xcalloc(2, sizeof(char *));
	c->labels[0] = qc_xstrdup("2019");
	c->labels[1] = qc_xstrdup("2020");
	c->n_series = 1;
	c->series = qc_xcalloc(1, sizeof(*c->series));
	c->series[0].name = qc_xstrdup("值");
	c->series[0].v = qc_xcalloc(2, sizeof(double));
	c->series[0].v[0] = NAN;
	c->series[0].v[1] = 3.5;
	qc_doc_chart(d, c, "图1");
	char *json = qc_doc_to_json(d);
	assert_int_equal(qc_doc_from_json(json, strlen(json), &e, &err), QC_OK);
	char *again = qc_doc_to_json(e);
	assert_string_equal(json, again); /* round trip, NaN as null */
	assert_true(isnan(e->v[3].chart->series[0].v[0]));
	free(again);
	free(json);
	/* edits: the text of a block, a paragraph inserted, one removed;
	 * a table's cells are not text to edit */
	assert_int_equal(qc_doc_set_text(e, 1, "改过的正文", &err), QC_OK);
	assert_int_equal(qc_doc_set_text(e, 2, "x", &err), QC_EINVAL);
	assert_int_equal(qc_doc_set_text(e, 9, "x", &err), QC_EINVAL);
	assert_int_equal(qc_doc_insert_para(e, -1, "开头", &err), QC_OK);
	assert_string_equal(e->v[0].text, "开头");
	assert_string_equal(e->v[2].text, "改过的正文");
	assert_int_equal(qc_doc_remove(e, 0, &err), QC_OK);
	assert_int_equal(e->n, 4);
	char *text = qc_doc_to_text(e);
	assert_non_null(strstr(text, "[3] 甲  乙\n"));
	/* columns as wide as their widest cell: 甲 is two */
	assert_non_null(strstr(text, "\n    1   2\n"));
	assert_non_null(strstr(text, "[4] [图] 图1"));
	free(text);
	/* bad input names the block */
	const char *bad =
		"{\"blocks\": [{\"type\": \"para\", \"text\": \"a\"},"
		" {\"type\": \"table\", \"rows\": [[\"a\", \"b\"], [\"c\"]]}]}";
	struct qc_doc *x;
	assert_int_equal(qc_doc_from_json(bad, strlen(bad), &x, &err),
			 QC_EINVAL);
	assert_string_equal(err.msg, "第 2 段第 2 行：1 格，表头有 2 格");
	qc_doc_free(e);
	qc_doc_free(d);
}

/* A document's styles part, as text. */
static char *docx_styles(const struct qc_buf *docx)
{
	struct qc_error err = { 0 };
	struct qc_zip *z;
	struct qc_buf xml = QC_BUF_INIT;

	assert_int_equal(qc_zip_open(qc_buf_str(docx), qc_buf_len(docx), "docx",
				     &z, &err),
			 QC_OK);
	assert_int_equal(qc_zip_read(z, "word/styles.xml", 1 << 20, &xml, &err),
			 QC_OK);
	qc_zip_close(z);
	return qc_buf_detach(&xml, NULL);
}

/* A document keeps the language it was written in, and its HTML and
 * .docx say it whatever language exports them; one stored before the
 * language was recorded is Chinese. */
static void test_lang_marks(void **state)
{
	(void)state;
	struct qc_error err = { 0 };
	struct qc_buf b = QC_BUF_INIT;
	struct qc_doc *d, *e;

	test_lang("en");
	d = qc_doc_new("progress", "Notice");
	test_lang("zh_CN");
	assert_string_equal(d->lang, "en");
	qc_doc_para(d, "text");
	char *json = qc_doc_to_json(d);
	assert_non_null(strstr(json, "\"lang\": \"en\""));
	assert_int_equal(qc_doc_from_json(json, strlen(json), &e, &err), QC_OK);
	assert_string_equal(e->lang, "en");
	free(json);
	assert_int_equal(qc_doc_write_html(e, &b, &err), QC_OK);
	assert_non_null(strstr(qc_buf_str(&b), "<html lang=\"en\">"));
	qc_buf_reset(&b);
	assert_int_equal(qc_doc_write_docx(e, &b, &err), QC_OK);
	char *styles = docx_styles(&b);
	assert_non_null(
		strstr(styles, "<w:lang w:val=\"en\" w:eastAsia=\"zh-CN\"/>"));
	free(styles);
	qc_doc_free(e);
	qc_doc_free(d);

	const char *old = "{\"title\": \"通报\", \"blocks\": []}";
	assert_int_equal(qc_doc_from_json(old, strlen(old), &e, &err), QC_OK);
	assert_string_equal(e->lang, "zh-CN");
	qc_buf_reset(&b);
	assert_int_equal(qc_doc_write_html(e, &b, &err), QC_OK);
	assert_non_null(strstr(qc_buf_str(&b), "<html lang=\"zh-CN\">"));
	qc_doc_free(e);
	const char *bad = "{\"lang\": \"fr\", \"blocks\": []}";
	assert_int_equal(qc_doc_from_json(bad, strlen(bad), &e, &err),
			 QC_EINVAL);
	assert_null(e);
	assert_non_null(strstr(err.msg, "lang"));
	qc_buf_release(&b);
}

/* Drafts: kept, edited, listed, removed, all audited. Issuing renders the
 * PDF, which cairo 1.16 leaks a little of (a cairo bug that valgrind would
 * report): numbers and immutability are tested on the real binary in
 * tests/cli/test_doc.sh. */
static void test_drafts(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_doc *d, *e;
	struct qc_doc_info info;
	struct qc_doc_list l;
	struct qc_buf b = QC_BUF_INIT;
	long long plan = setup_plan(f->s);
	int64_t id1, id2;
	char sha[65];

	assert_int_equal(qc_doc_build_progress(f->s, plan, "2020-H1", &d, &err),
			 QC_OK);
	long long audits = count_rows(f->s, "audit_log");
	assert_int_equal(qc_doc_create(f->s, plan, "2020-H1", d, "t", &id1,
				       &err),
			 QC_OK);
	assert_int_equal(qc_doc_create(f->s, plan, "2020-H1", d, "t", &id2,
				       &err),
			 QC_OK);
	assert_int_equal(qc_doc_set_text(d, 0, "编辑后的开头。", &err), QC_OK);
	assert_int_equal(qc_doc_update(f->s, id1, d, "t", &err), QC_OK);
	assert_int_equal(count_rows(f->s, "audit_log"), audits + 3);
	assert_int_equal(qc_doc_load(f->s, id1, &info, &e, &err), QC_OK);
	assert_string_equal(e->v[0].text, "编辑后的开头。");
	assert_string_equal(info.status, "draft");
	assert_null(info.number);
	qc_doc_free(e);
	qc_doc_info_release(&info);
	/* a draft's file is rendered now, with the hash of what was given */
	assert_int_equal(qc_doc_file(f->s, id1, QC_DOC_HTML, &b, sha, &err),
			 QC_OK);
	unsigned char h[crypto_hash_sha256_BYTES];
	char hex[65];
	crypto_hash_sha256(h, (const unsigned char *)qc_buf_str(&b),
			   qc_buf_len(&b));
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	assert_string_equal(sha, hex);
	assert_non_null(strstr(qc_buf_str(&b), "编辑后的开头。"));
	/* listed newest first; none issued yet */
	assert_int_equal(qc_doc_list(f->s, plan, false, &l, &err), QC_OK);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.v[0].id, id2);
	qc_doc_list_release(&l);
	assert_int_equal(qc_doc_list(f->s, 0, true, &l, &err), QC_OK);
	assert_int_equal(l.n, 0);
	qc_doc_list_release(&l);
	assert_int_equal(qc_doc_delete(f->s, id2, "t", &err), QC_OK);
	assert_int_equal(qc_doc_load(f->s, id2, &info, NULL, &err),
			 QC_ENOTFOUND);
	qc_doc_info_release(&info);
	assert_int_equal(count_rows(f->s, "documents"), 1);
	qc_buf_release(&b);
	qc_doc_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_progress, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(test_assessment, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(test_report_counts_in_all,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(test_report_and_annex,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(test_report_complaints,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test(test_json_and_edits),
		cmocka_unit_test(test_lang_marks),
		cmocka_unit_test_setup_teardown(test_drafts, fixture_setup,
						fixture_teardown),
	};
	test_lang("zh_CN");
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	qc_doc_cleanup();
	return rc;
}
