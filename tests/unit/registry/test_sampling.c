/* Sampling results: published tables in CSV and .xlsx, bad rows, counts
 * and the pass rates of bound indicators. */
#include <math.h>

#include "testutil.h"
#include <xlsxwriter.h>
#include "qcity/category.h"
#include "qcity/sampling.h"
#include "qcity/table.h"
#include "qcity/sampling_parse.h"

/* A table as a market regulator publishes it: a title row, then the
 * header, full-width brackets, "/" for none, 合格/不合格. */
static const char *published =
	"2023年第二季度产品质量监督抽查结果汇总表,,,,,,,,\n"
	"序号,产品名称,规格型号,生产日期或批号,（标称）生产企业名称,统一社会信用代码,抽查时间,检验结论,不合格项目\n"
	"1,电线电缆,BV 2.5mm²,2023-03-01,七台河市某某电缆有限公司,91350100M000100Y43,2023/5/12,合格,/\n"
	"2,儿童服装,110cm,2023-02,七台河某服饰厂,/,2023年5月13日,不合格,纤维含量\n"
	"3,复合肥料,40kg,20230301,黑龙江某化肥公司,914403001922038216,2023-05-14,合格,/\n"
	"注:本表仅列出部分产品,,,,,,,,\n";

static void rows_parse(void **state)
{
	(void)state;
	char d[11];
	assert_true(qc_sampling_parse_date("2023/5/12", d));
	assert_string_equal(d, "2023-05-12");
	assert_true(qc_sampling_parse_date("2023年5月13日", d));
	assert_string_equal(d, "2023-05-13");
	assert_true(qc_sampling_parse_date("20230301", d));
	assert_string_equal(d, "2023-03-01");
	assert_true(qc_sampling_parse_date("45000", d)); /* Excel serial */
	assert_string_equal(d, "2023-03-15");
	assert_true(qc_sampling_parse_date("２０２３-０５-１２ 00:00:00", d));
	assert_false(qc_sampling_parse_date("2023-02-30", d));
	assert_false(qc_sampling_parse_date("下旬", d));
	assert_int_equal(qc_sampling_parse_result("合格"), 1);
	assert_int_equal(qc_sampling_parse_result("不合格"), 0);
	assert_int_equal(qc_sampling_parse_result("P"), 1);
	assert_int_equal(qc_sampling_parse_result("F"), 0);
	assert_int_equal(qc_sampling_parse_result("待定"), -1);
	assert_string_equal(qc_sampling_parse_level("省级"), "provincial");
	assert_string_equal(qc_sampling_parse_level("国家"), "national");
	assert_null(qc_sampling_parse_level("乡"));
	assert_true(qc_sampling_blank("/"));
	assert_false(qc_sampling_blank("0"));
}

static void header_is_recognised(void **state)
{
	(void)state;
	struct qc_table *t;
	struct qc_sampling_map m;
	struct qc_error err = { 0 };

	assert_int_equal(qc_table_open(published, strlen(published), "x.csv",
				       &t, &err),
			 QC_OK);
	assert_int_equal(qc_sampling_map_header(t, NULL, 0, &m, &err), QC_OK);
	assert_int_equal(m.header_line, 2);
	assert_int_equal(m.col[QC_SF_PRODUCT], 1);
	assert_int_equal(m.col[QC_SF_ENTERPRISE], 4);
	assert_int_equal(m.col[QC_SF_LOT], 3);
	assert_int_equal(m.col[QC_SF_USCC], 5);
	assert_int_equal(m.col[QC_SF_DATE], 6);
	assert_int_equal(m.col[QC_SF_RESULT], 7);
	assert_int_equal(m.col[QC_SF_FAILED], 8);
	assert_int_equal(m.col[QC_SF_SEQ], 0);
	assert_int_equal(m.col[QC_SF_REGION], -1);
	qc_sampling_map_release(&m);
	qc_table_close(t);
}

static void unknown_header_asks_for_map(void **state)
{
	(void)state;
	const char *csv = "序号,货品,厂家,判定\n1,电缆,某厂,合格\n";
	const char *map[] = { "product=货品", "enterprise=3", "result=判定" };
	struct qc_table *t;
	struct qc_sampling_map m;
	struct qc_error err = { 0 };

	assert_int_equal(qc_table_open(csv, strlen(csv), NULL, &t, &err),
			 QC_OK);
	assert_int_equal(qc_sampling_map_header(t, NULL, 0, &m, &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "--map"));
	assert_int_equal(qc_sampling_map_header(t, map, 3, &m, &err), QC_OK);
	assert_int_equal(m.col[QC_SF_PRODUCT], 1);
	assert_int_equal(m.col[QC_SF_ENTERPRISE], 2);
	qc_sampling_map_release(&m);
	qc_table_close(t);
}

static void import_counts_and_rates(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_sampling_report rep;
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "市" };
	long long n, ok;
	int64_t id;

	assert_int_equal(qc_indicator_ensure(f->s, "产品质量监督抽查合格率",
					     "%", false, &id, &err),
			 QC_OK);
	assert_int_equal(qc_sampling_bind(f->s, "产品质量监督抽查合格率", "",
					  NULL, "t", &err),
			 QC_OK);
	assert_int_equal(qc_sampling_import(f->s, published, strlen(published),
					    "q2.csv", &o, "t", &rep, &err),
			 QC_OK);
	assert_int_equal(rep.imported, 3);
	assert_non_null(strstr(qc_buf_str(&rep.mapping),
			       "'（标称）生产企业名称' → enterprise"));
	qc_sampling_report_release(&rep);
	assert_int_equal(count_rows(f->s, "sampling_results"), 3);
	assert_int_equal(count_rows(f->s, "enterprises"), 3);
	/* Row 1's code is from Fujian (350100, not loaded), row 3's from
	 * Shenzhen (440300 → province 440000 loaded): regions fall back. */
	assert_int_equal(qc_sampling_rate(f->s, "七台河市", 2023, "", NULL, &n,
					  &ok, &err),
			 QC_OK);
	assert_int_equal(n, 2);
	assert_int_equal(ok, 1);
	/* One formula for every reader of a rate: a share in %, none
	 * without samples. */
	assert_true(qc_sampling_pass_rate(n, ok) == 50.0);
	assert_true(qc_sampling_pass_rate(3, 3) == 100.0);
	assert_true(isnan(qc_sampling_pass_rate(0, 0)));
	assert_int_equal(qc_sampling_rate(f->s, "广东省", 2023, "", NULL, &n,
					  &ok, &err),
			 QC_OK);
	assert_int_equal(n, 1);
	/* The bound indicator has its value, with the samples behind it. */
	struct qc_stmt *st;
	assert_int_equal(qc_stmt_prepare(f->s,
					 "SELECT value, note FROM"
					 " indicator_values WHERE region_code = '230900' AND"
					 " period = '2023'",
					 &st, &err),
			 QC_OK);
	assert_int_equal(qc_stmt_next(st, &err), QC_ROW);
	assert_true(qc_stmt_double(st, 0) == 50.0);
	assert_string_equal(qc_stmt_text(st, 1),
			    "抽检结果：2 批次，合格 1 批次");
	qc_stmt_free(st);
}

/* Without a category column, the catalogue files results by product. */
static void categories_from_the_catalogue(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_sampling_report rep;
	struct qc_sampling_import_opts o = { .region = "七台河市" };
	char path[160];
	size_t n;
	long long samples, passed;
	const char *csv = "产品名称,生产企业名称,抽样日期,检验结论\n"
			  "水泥,甲厂,2023-05-01,合格\n"
			  "建筑用钢筋,乙厂,2023-05-01,不合格\n"
			  "电线电缆,丙厂,2023-05-01,合格\n"
			  "未知产品,丁厂,2023-05-01,合格\n";

	snprintf(path, sizeof(path), "%s/cat.json", f->dir);
	write_file(path, "{\"categories\": [{\"name\": \"建材\", \"synonyms\":"
			 " [\"水泥\", \"建筑用钢筋\"]}, {\"name\": \"电工\","
			 " \"synonyms\": [\"电线电缆\", \"水泥\"]}]}");
	assert_int_equal(qc_category_sync(f->s, path, &n, &err), QC_OK);
	assert_int_equal(n, 2);
	/* Read back as Open311's services: by id, and one by its id. */
	struct qc_category_list cats;
	char *name;
	assert_int_equal(qc_category_list(f->s, &cats, &err), QC_OK);
	assert_int_equal(cats.n, 2);
	assert_string_equal(cats.v[1].name, "电工");
	assert_int_equal(qc_category_name(f->s, cats.v[1].id, &name, &err),
			 QC_OK);
	assert_string_equal(name, "电工");
	free(name);
	assert_int_equal(qc_category_name(f->s, cats.v[1].id + 100, &name,
					  &err),
			 QC_ENOTFOUND);
	assert_null(name);
	qc_category_list_release(&cats);
	assert_int_equal(qc_sampling_import(f->s, csv, strlen(csv), "c.csv", &o,
					    "t", &rep, &err),
			 QC_OK);
	qc_sampling_report_release(&rep);
	assert_int_equal(qc_sampling_rate(f->s, "七台河市", 2023, "", "建材",
					  &samples, &passed, &err),
			 QC_OK);
	assert_int_equal(samples, 2);
	assert_int_equal(passed, 1);
	assert_int_equal(qc_sampling_rate(f->s, "七台河市", 2023, "", "电工",
					  &samples, &passed, &err),
			 QC_OK);
	assert_int_equal(samples, 1);
	/* An unknown product creates no category. */
	assert_int_equal(count_rows(f->s, "product_categories"), 2);
	write_file(path, "{\"categories\": {}}");
	assert_int_equal(qc_category_sync(f->s, path, &n, &err), QC_EINVAL);
}

/* A table without a category column files each product under the
 * category its name ends with (its head noun), the longest such, past its
 * grade (车用柴油 0#), else the one its note in brackets ends with: not by
 * a word inside it (食品 in …食品直接接触用塑料购物袋: what it is for),
 * not by two categories at once. Every engine. */
static void categories_by_the_products_head(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_sampling_report rep;
	struct qc_sampling_import_opts o = { .region = "七台河市" };
	char path[160], buf[64];
	size_t n;
	const char *csv = "产品名称,生产企业名称,抽样日期,检验结论\n"
			  "0#车用柴油,甲厂,2023-05-01,合格\n"
			  "烧结多孔砖(页岩),乙厂,2023-05-01,合格\n"
			  "仿真玩具蛋糕,丙厂,2023-05-01,合格\n"
			  "奶油蛋糕（8寸）,丁厂,2023-05-01,合格\n"
			  "食品直接接触用塑料购物袋,戊厂,2023-05-01,合格\n"
			  "PE管材,己厂,2023-05-01,合格\n"
			  "车用柴油 0#,庚厂,2023-05-01,合格\n"
			  "92号车用柴油,辛厂,2023-05-01,合格\n"
			  "鸭小腿(酱卤蛋糕),壬厂,2023-05-01,合格\n";
	static const char *const want[][2] = {
		{ "0#车用柴油", "石油" },
		{ "烧结多孔砖(页岩)", "建材" },
		{ "仿真玩具蛋糕", "儿童用品" },
		{ "奶油蛋糕（8寸）", "食品" },
		{ "食品直接接触用塑料购物袋", "" },
		{ "PE管材", "" },
		{ "车用柴油 0#", "石油" },
		{ "92号车用柴油", "石油" },
		{ "鸭小腿(酱卤蛋糕)", "食品" },
	};

	snprintf(path, sizeof(path), "%s/cat.json", f->dir);
	write_file(path,
		   "{\"categories\": ["
		   "{\"name\": \"石油\", \"synonyms\": [\"柴油\", \"车用柴油\"]},"
		   "{\"name\": \"建材\", \"synonyms\": [\"砖\", \"管材\"]},"
		   "{\"name\": \"食品\", \"synonyms\": [\"蛋糕\"]},"
		   "{\"name\": \"儿童用品\", \"synonyms\": [\"玩具蛋糕\"]},"
		   "{\"name\": \"管材\", \"synonyms\": []}]}");
	assert_int_equal(qc_category_sync(f->s, path, &n, &err), QC_OK);
	assert_int_equal(qc_sampling_import(f->s, csv, strlen(csv), "c.csv", &o,
					    "t", &rep, &err),
			 QC_OK);
	/* The report says which results no category counts, by product. */
	assert_non_null(strstr(qc_buf_str(&rep.mapping),
			       "2 results under no product category"));
	assert_non_null(strstr(qc_buf_str(&rep.mapping),
			       "(such as 食品直接接触用塑料购物袋、PE管材)"));
	qc_sampling_report_release(&rep);
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		char sql[256];
		snprintf(sql, sizeof(sql),
			 "SELECT COALESCE((SELECT name FROM product_categories c"
			 " WHERE c.id = r.category_id), '') FROM"
			 " sampling_results r WHERE product = '%s'",
			 want[i][0]);
		query_text(f->s, sql, buf, sizeof(buf));
		if (strcmp(buf, want[i][1]))
			fail_msg("%s: '%s', not '%s'", want[i][0], buf,
				 want[i][1]);
	}
}

static void bad_row_imports_nothing_unless_skipped(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_sampling_report rep;
	struct qc_sampling_import_opts o = { .region = "七台河市" };
	const char *csv =
		"产品名称,生产企业名称,抽样日期,检验结果,统一社会信用代码\n"
		"电线,甲厂,2023-05-01,合格,/\n"
		"电线,乙厂,2023-05-02,待复检,/\n"
		"电线,丙厂,2023-05-03,合格,91350100M000100Y44\n"
		"电线,丁厂,2023-05-04,不合格,/\n";

	assert_int_equal(qc_sampling_import(f->s, csv, strlen(csv), "b.csv", &o,
					    "t", &rep, &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "line 3"));
	assert_non_null(strstr(err.msg, "result"));
	assert_int_equal(count_rows(f->s, "sampling_results"), 0);
	assert_int_equal(count_rows(f->s, "enterprises"), 0);
	qc_sampling_report_release(&rep);

	o.skip_bad = true;
	assert_int_equal(qc_sampling_import(f->s, csv, strlen(csv), "b.csv", &o,
					    "t", &rep, &err),
			 QC_OK);
	assert_int_equal(rep.imported, 2);
	assert_int_equal(rep.rejected, 2);
	const char *rej = qc_buf_str(&rep.rejects);
	assert_non_null(strstr(rej, "\"3\",\"field 'result'"));
	assert_non_null(strstr(rej, "\"4\",\"field 'uscc'"));
	assert_non_null(strstr(rej, "calls for '3'"));
	qc_sampling_report_release(&rep);
	assert_int_equal(count_rows(f->s, "sampling_results"), 2);
}

/* A workbook whose header spans two rows through merged cells. */
static void xlsx_with_merged_header(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_sampling_report rep;
	struct qc_sampling_import_opts o = { .region = "桃山区",
					     .level = "county" };
	char path[160];
	snprintf(path, sizeof(path), "%s/t.xlsx", f->dir);

	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
	worksheet_merge_range(ws, 0, 0, 0, 4, "不合格产品及企业名单", NULL);
	worksheet_merge_range(ws, 1, 0, 2, 0, "序号", NULL);
	worksheet_merge_range(ws, 1, 1, 2, 1, "产品名称", NULL);
	worksheet_merge_range(ws, 1, 2, 1, 3, "生产企业", NULL);
	worksheet_write_string(ws, 2, 2, "名称", NULL);
	worksheet_write_string(ws, 2, 3, "地址", NULL);
	worksheet_merge_range(ws, 1, 4, 2, 4, "检验结论", NULL);
	worksheet_merge_range(ws, 1, 5, 2, 5, "抽样日期", NULL);
	worksheet_write_number(ws, 3, 0, 1, NULL);
	worksheet_write_string(ws, 3, 1, "燃气灶", NULL);
	worksheet_write_string(ws, 3, 2, "某灶具厂", NULL);
	worksheet_write_string(ws, 3, 3, "桃山区某路1号", NULL);
	worksheet_write_string(ws, 3, 4, "不合格", NULL);
	worksheet_write_number(ws, 3, 5, 45000, NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);

	FILE *fp = fopen(path, "rb");
	char buf[65536];
	size_t len = fread(buf, 1, sizeof(buf), fp);
	fclose(fp);
	assert_int_equal(qc_sampling_import(f->s, buf, len, "t.xlsx", &o, "t",
					    &rep, &err),
			 QC_OK);
	assert_int_equal(rep.imported, 1);
	assert_non_null(strstr(qc_buf_str(&rep.mapping),
			       "'生产企业名称' → enterprise"));
	assert_non_null(
		strstr(qc_buf_str(&rep.mapping), "'生产企业地址' → address"));
	qc_sampling_report_release(&rep);
	struct qc_stmt *st;
	assert_int_equal(
		qc_stmt_prepare(
			f->s,
			"SELECT region_code, level,"
			" sampled_on, passed, enterprise_name FROM sampling_results",
			&st, &err),
		QC_OK);
	assert_int_equal(qc_stmt_next(st, &err), QC_ROW);
	assert_string_equal(qc_stmt_text(st, 0), "230903");
	assert_string_equal(qc_stmt_text(st, 1), "county");
	assert_string_equal(qc_stmt_text(st, 2), "2023-03-15");
	assert_int_equal(qc_stmt_int(st, 3), 0);
	assert_string_equal(qc_stmt_text(st, 4), "某灶具厂");
	qc_stmt_free(st);

	/* A truncated workbook is refused, nothing written. */
	assert_int_equal(qc_sampling_import(f->s, buf, len * 2 / 3, "t.xlsx",
					    &o, "t", &rep, &err),
			 QC_EUNSUPPORTED);
	assert_non_null(strstr(err.msg, "Excel"));
	qc_sampling_report_release(&rep);
	assert_int_equal(count_rows(f->s, "sampling_results"), 1);
}

/* A workbook with a bad row: the row of the sheet is named; --skip-bad
 * keeps the good ones. */
static void xlsx_bad_row(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_sampling_report rep;
	struct qc_sampling_import_opts o = { .region = "桃山区" };
	char path[160];
	snprintf(path, sizeof(path), "%s/bad.xlsx", f->dir);

	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
	const char *head[] = { "产品名称", "生产企业名称", "抽查日期",
			       "检验结论" };
	for (int c = 0; c < 4; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], NULL);
	const char *rows[][4] = { { "水泥", "甲厂", "2023-05-01", "合格" },
				  { "水泥", "乙厂", "2023-05-02", "待复检" },
				  { "水泥", "丙厂", "2023-05-03", "F" } };
	for (int r = 0; r < 3; r++)
		for (int c = 0; c < 4; c++)
			worksheet_write_string(ws, (lxw_row_t)(r + 1),
					       (lxw_col_t)c, rows[r][c], NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);

	FILE *fp = fopen(path, "rb");
	static char buf[65536];
	size_t len = fread(buf, 1, sizeof(buf), fp);
	fclose(fp);
	assert_int_equal(qc_sampling_import(f->s, buf, len, "bad.xlsx", &o, "t",
					    &rep, &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "line 3"));
	assert_non_null(strstr(err.msg, "待复检"));
	qc_sampling_report_release(&rep);
	assert_int_equal(count_rows(f->s, "sampling_results"), 0);
	o.skip_bad = true;
	assert_int_equal(qc_sampling_import_file(f->s, path, &o, "t", &rep,
						 &err),
			 QC_OK);
	assert_int_equal(rep.imported, 2);
	assert_int_equal(rep.rejected, 1);
	qc_sampling_report_release(&rep);
}

/* A file streamed record by record: GB18030, a quoted field over two
 * lines, blank lines; the line numbers are the file's. */
static void streamed_file(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_table *t;
	struct qc_table_row *row;
	char path[160], cmd[400];
	const char *utf8 = "产品名称,生产企业名称,检验结论\n"
			   "\"电线\n电缆\",甲厂,合格\n\n"
			   "水泥,乙厂,不合格\n";

	snprintf(path, sizeof(path), "%s/u.csv", f->dir);
	write_file(path, utf8);
	snprintf(cmd, sizeof(cmd), "iconv -f UTF-8 -t GB18030 %s > %s/g.csv",
		 path, f->dir);
	assert_int_equal(system(cmd), 0);
	snprintf(path, sizeof(path), "%s/g.csv", f->dir);
	assert_int_equal(qc_table_open_file(path, &t, &err), QC_OK);
	assert_int_equal(qc_table_next(t, &row, &err), 1);
	assert_string_equal(row->cells[0], "产品名称");
	assert_int_equal(qc_table_next(t, &row, &err), 1);
	assert_string_equal(row->cells[0], "电线\n电缆");
	assert_int_equal(row->line, 2);
	assert_int_equal(qc_table_next(t, &row, &err), 1);
	assert_string_equal(row->cells[1], "乙厂");
	assert_int_equal(row->line, 5);
	assert_int_equal(qc_table_next(t, &row, &err), 0);
	qc_table_rewind(t);
	assert_int_equal(qc_table_next(t, &row, &err), 1);
	assert_int_equal(row->line, 1);
	qc_table_close(t);

	/* An unclosed quote at the end names its line. */
	snprintf(path, sizeof(path), "%s/bad.csv", f->dir);
	write_file(path, "a,b\n1,\"2\n3\n");
	assert_int_equal(qc_table_open_file(path, &t, &err), QC_OK);
	assert_int_equal(qc_table_next(t, &row, &err), 1);
	assert_int_equal(qc_table_next(t, &row, &err), -1);
	assert_non_null(strstr(err.msg, "line 2"));
	qc_table_close(t);
	snprintf(path, sizeof(path), "%s/missing.csv", f->dir);
	assert_int_equal(qc_table_open_file(path, &t, &err), QC_EIO);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rows_parse),
		cmocka_unit_test(header_is_recognised),
		cmocka_unit_test(unknown_header_asks_for_map),
		cmocka_unit_test_setup_teardown(import_counts_and_rates,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(
			bad_row_imports_nothing_unless_skipped, fixture_setup,
			fixture_teardown),
		cmocka_unit_test_setup_teardown(xlsx_with_merged_header,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(categories_by_the_products_head,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(categories_from_the_catalogue,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(xlsx_bad_row, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(streamed_file, fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
