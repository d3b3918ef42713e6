/* A result's remarks (migration 0030, docs/registry.md "Remarks"), on
 * hand-made tables, both engines: a 备注 / 整改情况 / 处理情况 / 说明
 * column goes to remarks; a record label outside the catalogue goes
 * there as "标签：值" and the report says so; remarks sit beside failed
 * items and verdicts, never in their place; the list returns them; a
 * large import (the bulk writer's batches, the reading thread, the
 * PostgreSQL stage) keeps them. */
#include "testutil.h"
#include "sampling_util.h"

/* Every table here: a municipal one of 七台河市, sampled 2024-03-01. */
static const struct qc_sampling_import_opts o_qth = { .region = "七台河市",
						      .level = "市",
						      .date = "2024-03-01" };

/* passed|failed items|remarks of a product's row, NULL as "-". */
#define ROW                                                      \
	"passed || '|' || COALESCE(failed_items, '-') || '|' ||" \
	" COALESCE(remarks, '-')"

/* A 备注 column: its cells are the remarks, an empty one none; the
 * mapping names it. */
static void remarks_column(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	const char *csv = "序号,产品名称,标称生产企业名称,检验结论,"
			  "不合格项目,备注\n"
			  "1,电水壶,七台河市甲电器厂,合格,,复检合格\n"
			  "2,电饭煲,七台河市乙电器厂,不合格,"
			  "泄漏电流,已责令整改\n"
			  "3,电暖器,七台河市丙电器厂,合格,,\n";

	assert_int_equal(import_as(f, csv, &o_qth, &rep, &err), QC_OK);
	assert_int_equal(rep.imported, 3);
	assert_non_null(strstr(qc_buf_str(&rep.mapping),
			       "column 6 '备注' → remarks (--map remarks="));
	qc_sampling_report_release(&rep);
	field_is(f, ROW, "product = '电水壶'", "1|-|复检合格");
	field_is(f, ROW, "product = '电饭煲'", "0|泄漏电流|已责令整改");
	field_is(f, ROW, "product = '电暖器'", "1|-|-");
}

/* The catalogue's other headings of remarks, as the last column or
 * amid the others. */
static void remarks_headings(void **state)
{
	struct fixture *f = *state;
	static const char *const heading[] = { "整改情况", "处理情况", "说明",
					       "备注(整改情况)" };
	char csv[512], product[32], where[64];

	for (size_t i = 0; i < sizeof(heading) / sizeof(*heading); i++) {
		snprintf(product, sizeof(product), "插座%zu", i);
		snprintf(csv, sizeof(csv),
			 "产品名称,标称生产企业名称,%s,检验结论\n"
			 "%s,七台河市丁电器厂,已下架,不合格\n",
			 heading[i], product);
		import_ok(f, csv, &o_qth);
		snprintf(where, sizeof(where), "product = '%s'", product);
		field_is(f, ROW, where, "0|-|已下架");
	}
}

/* Remarks beside failed items: a list of failures without a result
 * column whose 备注 says 不合格 takes its verdicts and items from the
 * items column alone (a row with no items passed, its remark kept); a
 * remark never fills an empty verdict. */
static void remarks_beside_failed_items(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	const char *items = "产品名称,标称生产企业名称,不合格项目,备注\n"
			    "口罩,七台河市戊防护用品厂,过滤效率,不合格\n"
			    "手套,七台河市己防护用品厂,,不合格已复检\n";

	import_ok(f, items, &o_qth);
	field_is(f, ROW, "product = '口罩'", "0|过滤效率|不合格");
	field_is(f, ROW, "product = '手套'", "1|-|不合格已复检");

	/* A failure-only list: its rows failed, their items the items
	 * column's (none here), the remark only a remark. */
	const char *list = "不合格产品名单\n"
			   "产品名称,标称生产企业名称,不合格项目,处理情况\n"
			   "童鞋,七台河市庚鞋厂,,已立案查处\n";
	import_ok(f, list, &o_qth);
	field_is(f, ROW, "product = '童鞋'", "0|-|已立案查处");

	/* An empty verdict is an error, whatever the remark says. */
	const char *empty = "产品名称,标称生产企业名称,检验结论,备注\n"
			    "水杯,七台河市辛塑料厂,,不合格\n";
	assert_int_equal(import_as(f, empty, &o_qth, &rep, &err), QC_EINVAL);
	qc_sampling_report_release(&rep);
	field_is(f, "COUNT(*)", "product = '水杯'", "0");
}

/* Records, one field a line, with labels outside the catalogue
 * (联系人, 抽样人员): their values go to the remarks as "标签：值",
 * after the value of a remarks label (整改情况) when the record has one,
 * joined with "；"; a value going on on its next line stays with its
 * label; the report says where they went. */
static void record_labels_outside_the_catalogue(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	const char *csv = "不合格产品\n"
			  "1 生产企业名称:七台河市甲防护用品有限公司\n"
			  "产品名称:平面口罩\n"
			  "不合格项目:过滤效率\n"
			  "整改情况:已整改\n"
			  "联系人:张三\n"
			  "2 生产企业名称:七台河市乙服饰有限公司\n"
			  "产品名称:立体口罩\n"
			  "不合格项目:防护效果\n"
			  "抽样人员:李四\n"
			  "王五\n"
			  "3 生产企业名称:七台河市丙服饰有限公司\n"
			  "产品名称:棉口罩\n"
			  "不合格项目:阻力\n";

	assert_int_equal(import_as(f, csv, &o_qth, &rep, &err), QC_OK);
	assert_int_equal(rep.imported, 3);
	const char *said = qc_buf_str(&rep.mapping);
	assert_non_null(strstr(said, "kept in the remarks"));
	assert_non_null(strstr(said, "'联系人', '抽样人员'"));
	assert_null(strstr(said, "left out"));
	qc_sampling_report_release(&rep);
	field_is(f, ROW, "product = '平面口罩'",
		 "0|过滤效率|已整改；联系人：张三");
	field_is(f, ROW, "product = '立体口罩'",
		 "0|防护效果|抽样人员：李四 王五");
	field_is(f, ROW, "product = '棉口罩'", "0|阻力|-");

	/* Without a remarks label: a column of their own. */
	const char *bare = "1 生产企业名称:七台河市丁防护用品有限公司\n"
			   "产品名称:医用口罩\n"
			   "不合格项目:细菌过滤效率\n"
			   "联系电话:0464-1234567\n"
			   "2 生产企业名称:七台河市戊防护用品有限公司\n"
			   "产品名称:防尘口罩\n"
			   "不合格项目:泄漏率\n";
	import_ok(f, bare, &o_qth);
	field_is(f, ROW, "product = '医用口罩'",
		 "0|细菌过滤效率|联系电话：0464-1234567");
	field_is(f, ROW, "product = '防尘口罩'", "0|泄漏率|-");
}

/* The list returns a result's remarks, NULL where it has none. */
static void listed_with_remarks(void **state)
{
	struct fixture *f = *state;
	struct qc_sample_list l;
	struct qc_error err = { 0 };
	const char *csv = "产品名称,标称生产企业名称,检验结论,不合格项目,备注\n"
			  "电水壶,七台河市甲电器厂,不合格,泄漏电流,已整改\n"
			  "电饭煲,七台河市乙电器厂,合格,,\n";

	import_ok(f, csv, &o_qth);
	assert_int_equal(qc_sampling_list(f->s, NULL, 0, false, 10, &l, &err),
			 QC_OK);
	assert_int_equal(l.n, 2);
	for (size_t i = 0; i < l.n; i++) {
		if (!strcmp(l.v[i].product, "电水壶")) {
			assert_string_equal(l.v[i].remarks, "已整改");
			assert_string_equal(l.v[i].failed_items, "泄漏电流");
		} else {
			assert_null(l.v[i].remarks);
		}
	}
	qc_sample_list_release(&l);
}

/* A table over 1 MiB (read on a second thread; on SQLite written 128
 * rows a statement, on PostgreSQL through COPY's stage): every row's
 * remarks kept, in its own row. */
#define BIG_ROWS 12000
static void large_import_keeps_remarks(void **state)
{
	struct fixture *f = *state;
	struct qc_buf csv = QC_BUF_INIT;
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };

	qc_buf_init(&csv, 0);
	qc_buf_adds(&csv, "产品名称,标称生产企业名称,标称生产企业地址,"
			  "检验结论,不合格项目,备注\n");
	for (int i = 0; i < BIG_ROWS; i++) {
		qc_buf_addf(&csv,
			    "电线电缆%d,七台河市第%d电缆有限公司,"
			    "七台河市桃山区某路%d号,%s,%s,",
			    i, i % 500, i, i % 3 ? "合格" : "不合格",
			    i % 3 ? "" : "导体电阻");
		if (i % 2 == 0)
			qc_buf_addf(&csv, "批次%d", i);
		qc_buf_addch(&csv, '\n');
	}
	assert_true(qc_buf_len(&csv) > ((size_t)1 << 20));
	if (qc_sampling_import(f->s, qc_buf_str(&csv), qc_buf_len(&csv),
			       "big.csv", &o_qth, "t", &rep, &err))
		fail_msg("%s", err.msg);
	assert_int_equal(rep.imported, BIG_ROWS);
	qc_sampling_report_release(&rep);
	qc_buf_release(&csv);
	field_is(f, "COUNT(*)", "remarks IS NOT NULL", "6000");
	field_is(f, "COUNT(*)",
		 "remarks IS NOT NULL AND remarks <> ('批次' || "
		 "SUBSTR(product, 5))",
		 "0");
	field_is(f, ROW, "product = '电线电缆11999'", "1|-|-");
	field_is(f, ROW, "product = '电线电缆11994'", "0|导体电阻|批次11994");
	field_is(f, ROW, "product = '电线电缆11997'", "0|导体电阻|-");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(remarks_column, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(remarks_headings, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(remarks_beside_failed_items,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(record_labels_outside_the_catalogue,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(listed_with_remarks,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(large_import_keeps_remarks,
						fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
