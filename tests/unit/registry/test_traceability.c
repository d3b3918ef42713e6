/* The traceability register (追溯): an import whose subjects find their
 * county through the enterprises table or --region, refused whole with
 * its line and field (a bad or future date, an unknown category or type
 * with the accepted names, a bad count), a re-import that updates and
 * audits, the figures as of a day (subjects and products by category and
 * type; the coverage of above-scale food producers, never over 100 %), the
 * list's order and keyset pages, an account's region held row by row,
 * and bound indicators fed and kept current. */
#include "../testutil.h"
#include "qcity/clock.h"
#include "qcity/indicator.h"
#include "qcity/traceability.h"
#include "qcity/uscc.h"

/* The enterprises: 甲 (新兴区) and 乙, 丙 (桃山区) are above-scale food
 * producers; 丁 sells food, 戊 makes cement, 己 makes food below scale:
 * none of those three is a producer the coverage counts. */
static char A[19], B[19], C[19], D[19], E[19], F[19];

static void enterprises(struct fixture *f)
{
	static const struct {
		char *code;
		const char *name, *region, *industry;
		int above;
	} e[] = {
		{ A, "甲食品公司", "230902", "食品制造业", 1 },
		{ B, "乙肉制品公司", "230903", "C13 农副食品加工业", 1 },
		{ C, "丙饮料厂", "230903", "酒、饮料和精制茶制造业", 1 },
		{ D, "丁超市", "230903", "食品销售", 1 },
		{ E, "戊水泥厂", "230903", "水泥制造", 1 },
		{ F, "己食品厂", "230903", "食品制造业", 0 },
	};
	for (size_t i = 0; i < sizeof(e) / sizeof(e[0]); i++) {
		char sql[512];
		qc_uscc_make(e[i].region, 100 + i, e[i].code);
		snprintf(sql, sizeof(sql),
			 "INSERT INTO enterprises (uscc, verified, name,"
			 " province_code, region_code, industry, above_scale,"
			 " created_at) VALUES ('%s', 1, '%s', '230000', '%s',"
			 " '%s', %d, '2024-01-01T00:00:00Z')",
			 e[i].code, e[i].name, e[i].region, e[i].industry,
			 e[i].above);
		exec_ok(f->s, sql);
	}
}

#define HEAD                                                                                         \
	"追溯平台,主体名称,统一社会信用代码,主体类型,行业类别,追溯产品," \
	"追溯产品数,入驻日期,状态\n"
#define FOOD "省食品安全追溯平台"
#define AGRI "国家农产品质量安全追溯管理信息平台"

static void register_csv(char *out, size_t n)
{
	snprintf(out, n,
		 HEAD FOOD
		 ",甲食品公司,%s,生产,食品,月饼,3,2023-03-01,正常\n" FOOD
		 ",甲食品公司,%s,生产,食品,糕点,2,2024-02-01,正常\n" AGRI
		 ",乙肉制品公司,%s,屠宰,食用农产品,猪肉,1,2022-05-10,正常\n" AGRI
		 ",庚合作社,,生产经营,农产品,大米,,2024/4/1,正常\n"
		 "重要产品追溯平台,辛农资店,,经营,农资,,5,2021-01-01,注销\n" FOOD
		 ",己食品厂,%s,生产,食品,酱油,1,2024年6月1日,正常\n" FOOD
		 ",丁超市,%s,经营,食品,,10,2023-01-01,正常\n",
		 A, A, B, F, D);
}

static enum qc_rc import(struct fixture *f, const char *text,
			 struct qc_import_counts *st, struct qc_error *err)
{
	char path[300];
	snprintf(path, sizeof(path), "%s/trace.csv", f->dir);
	write_file(path, text);
	return qc_trace_import(f->s, path, "桃山区", "t", st, err);
}

static void import_ok(struct fixture *f, const char *text,
		      struct qc_import_counts *st)
{
	struct qc_error err = { 0 };
	if (import(f, text, st, &err)) {
		fail_msg("import: %s", err.msg);
		abort();
	}
}

static long day(const char *iso)
{
	long d = 0;
	assert_true(qc_date_days(iso, &d));
	return d;
}

static void the_register(struct fixture *f)
{
	struct qc_import_counts st;
	char csv[2048];

	setenv("QCITY_NOW", "2024-06-30", 1);
	enterprises(f);
	register_csv(csv, sizeof(csv));
	import_ok(f, csv, &st);
	assert_int_equal(st.added, 7);
	assert_int_equal(st.updated, 0);
}

static void import_finds_counties(void **state)
{
	struct fixture *f = *state;
	char v[64] = "";

	the_register(f);
	query_text(f->s,
		   "SELECT region_code FROM trace_enrolments WHERE product ="
		   " '月饼'",
		   v, sizeof(v));
	assert_string_equal(v, "230902"); /* the enterprise's county */
	query_text(f->s,
		   "SELECT region_code FROM trace_enrolments WHERE product ="
		   " '大米'",
		   v, sizeof(v));
	assert_string_equal(v, "230903"); /* --region */
	query_text(f->s,
		   "SELECT subject_type || ' ' || category || ' ' ||"
		   " CAST(products AS TEXT) || ' ' || enrolled_on FROM"
		   " trace_enrolments WHERE product = '大米'",
		   v, sizeof(v));
	/* 生产经营 is a producer; no count: the product named is one. */
	assert_string_equal(v, "producer edible_agri 1 2024-04-01");
	assert_int_equal(count_where(f->s, "SELECT COUNT(*) FROM"
					   " trace_enrolments WHERE"
					   " enterprise_id IS NOT NULL"),
			 5);
	assert_int_equal(count_where(f->s, "SELECT COUNT(*) FROM"
					   " trace_enrolments WHERE status ="
					   " 'cancelled' AND product = ''"),
			 1);
	assert_int_equal(count_where(f->s, "SELECT COUNT(*) FROM audit_log"
					   " WHERE entity = 'traceability' AND"
					   " action = 'insert'"),
			 7);
	assert_int_equal(count_where(f->s, "SELECT COUNT(*) FROM audit_log"
					   " WHERE entity = 'traceability' AND"
					   " action = 'import'"),
			 1);
	unsetenv("QCITY_NOW");
}

/* text's import fails with QC_EINVAL naming each of the words. */
static void refused(struct fixture *f, const char *text, const char *a,
		    const char *b, const char *c)
{
	struct qc_import_counts st;
	struct qc_error err = { 0 };
	assert_int_equal(import(f, text, &st, &err), QC_EINVAL);
	if (!strstr(err.msg, a) || !strstr(err.msg, b) ||
	    (c && !strstr(err.msg, c)))
		fail_msg("\"%s\" does not name %s, %s, %s", err.msg, a, b,
			 c ? c : "");
}

#define OK_ROW FOOD ",甲,,生产,食品,饼,1,2024-01-01,正常\n"

static void import_refused_whole(void **state)
{
	struct fixture *f = *state;
	long long audits = count_rows(f->s, "audit_log");

	setenv("QCITY_NOW", "2024-06-30", 1);
	/* A bad date on line 3: line 2 is not written either. */
	refused(f, HEAD OK_ROW FOOD ",乙,,生产,食品,饼,1,去年,正常\n", "line 3",
		"入驻日期", "not a date");
	refused(f, HEAD OK_ROW FOOD ",乙,,生产,食品,饼,1,2024-07-01,正常\n",
		"line 3", "入驻日期", "to come");
	refused(f, HEAD OK_ROW FOOD ",乙,,生产,食品,饼,1,,正常\n", "line 3",
		"入驻日期", "is empty");
	/* A category or a type the catalogue lacks: the names are listed. */
	refused(f, HEAD OK_ROW FOOD ",乙,,生产,服装,衬衫,1,2024-01-01,正常\n",
		"line 3", "行业类别", "食用农产品、食品、药品");
	refused(f, HEAD OK_ROW FOOD ",乙,,研发,食品,饼,1,2024-01-01,正常\n",
		"line 3", "主体类型", "生产、经营、屠宰");
	refused(f, HEAD OK_ROW FOOD ",乙,,生产,食品,饼,-1,2024-01-01,正常\n",
		"line 3", "追溯产品数", NULL);
	refused(f, HEAD OK_ROW FOOD ",乙,,生产,食品,饼,1,2024-01-01,暂停\n",
		"line 3", "状态", NULL);
	refused(f,
		HEAD OK_ROW FOOD ",乙,91230903MA0000000X,生产,食品,饼,1,"
				 "2024-01-01,正常\n",
		"line 3", "统一社会信用代码", NULL);
	refused(f, HEAD OK_ROW ",乙,,生产,食品,饼,1,2024-01-01,正常\n",
		"line 3", "追溯平台", "is empty");
	refused(f,
		"追溯平台,主体名称,主体类型,行业类别\n" FOOD ",甲,生产,食品\n",
		"no column", "入驻日期", NULL);
	/* A prefecture is not a county. */
	{
		struct qc_import_counts st;
		struct qc_error err = { 0 };
		char path[300];
		snprintf(path, sizeof(path), "%s/p.csv", f->dir);
		write_file(path, HEAD OK_ROW);
		assert_int_equal(qc_trace_import(f->s, path, "七台河市", "t",
						 &st, &err),
				 QC_EINVAL);
		assert_non_null(strstr(err.msg, "line 2"));
	}
	assert_int_equal(count_rows(f->s, "trace_enrolments"), 0);
	assert_int_equal(count_rows(f->s, "audit_log"), audits);
	unsetenv("QCITY_NOW");
}

static void held_to_a_region(void **state)
{
	struct fixture *f = *state;
	struct qc_import_counts st;
	struct qc_error err = { 0 };
	char path[300];

	setenv("QCITY_NOW", "2024-06-30", 1);
	snprintf(path, sizeof(path), "%s/held.csv", f->dir);
	write_file(path,
		   "追溯平台,主体名称,主体类型,行业类别,入驻日期,区县\n" FOOD
		   ",甲,生产,食品,2024-01-01,230902\n" FOOD
		   ",乙,生产,食品,2024-01-01,230903\n");
	/* An account of 新兴区: line 3 lies outside, nothing is written. */
	struct qc_import_from src = { .path = path,
				      .name = "held.csv",
				      .within = "230902" };
	assert_int_equal(qc_trace_import_from(f->s, &src, "t", &st, &err),
			 QC_EPERM);
	assert_non_null(strstr(err.msg, "line 3"));
	assert_int_equal(count_rows(f->s, "trace_enrolments"), 0);
	src.within = "230900";
	assert_int_equal(qc_trace_import_from(f->s, &src, "t", &st, &err),
			 QC_OK);
	assert_int_equal(st.added, 2);
	assert_int_equal(count_where(f->s, "SELECT COUNT(*) FROM audit_log"
					   " WHERE action = 'import' AND"
					   " entity_key = 'held.csv'"),
			 1);
	unsetenv("QCITY_NOW");
}

static void reimport_updates_and_audits(void **state)
{
	struct fixture *f = *state;
	struct qc_import_counts st;
	char csv[2048];

	the_register(f);
	register_csv(csv, sizeof(csv));
	import_ok(f, csv, &st);
	assert_int_equal(st.added, 0);
	assert_int_equal(st.updated, 0);
	assert_int_equal(st.unchanged, 7);
	assert_int_equal(count_rows(f->s, "trace_enrolments"), 7);
	/* The platform deregisters 甲's 糕点: updated, before and after. */
	snprintf(csv, sizeof(csv),
		 HEAD FOOD ",甲食品公司,%s,生产,食品,糕点,2,2024-02-01,注销\n",
		 A);
	import_ok(f, csv, &st);
	assert_int_equal(st.updated, 1);
	assert_int_equal(count_rows(f->s, "trace_enrolments"), 7);
	char want[512];
	snprintf(want, sizeof(want),
		 "SELECT COUNT(*) FROM audit_log WHERE entity ="
		 " 'traceability' AND action = 'update' AND entity_key = '" FOOD
		 "/%s/糕点' AND before_json LIKE '%%\"active\"%%' AND"
		 " after_json LIKE '%%\"cancelled\"%%'",
		 A);
	assert_int_equal(count_where(f->s, want), 1);
	/* The same product on another platform is another row. */
	snprintf(csv, sizeof(csv),
		 HEAD "某市追溯平台,甲食品公司,%s,生产,食品,糕点,2,"
		      "2024-02-01,正常\n",
		 A);
	import_ok(f, csv, &st);
	assert_int_equal(st.added, 1);
	assert_int_equal(count_rows(f->s, "trace_enrolments"), 8);
	unsetenv("QCITY_NOW");
}

static void figures_as_of_a_day(void **state)
{
	struct fixture *f = *state;
	struct qc_trace_figures fig;
	struct qc_error err = { 0 };
	double v;

	the_register(f);
	assert_int_equal(qc_trace_figures(f->s, "230900", day("2024-06-30"),
					  &fig, &err),
			 QC_OK);
	/* 甲 (two lines), 乙, 庚, 己, 丁 active; 辛 deregistered. */
	assert_int_equal(fig.subjects, 5);
	assert_int_equal(fig.lines, 6);
	assert_int_equal(fig.products, 18);
	assert_int_equal(fig.cancelled, 1);
	assert_int_equal(fig.cat_subjects[1], 3); /* food: 甲, 己, 丁 */
	assert_int_equal(fig.cat_products[1], 16);
	assert_int_equal(fig.cat_subjects[0], 2); /* edible_agri: 乙, 庚 */
	assert_int_equal(fig.cat_products[0], 2);
	assert_int_equal(fig.cat_subjects[3], 0);  /* agri_input: cancelled */
	assert_int_equal(fig.type_subjects[0], 3); /* producers */
	assert_int_equal(fig.type_subjects[1], 1); /* 丁 trades */
	assert_int_equal(fig.type_subjects[2], 1); /* 乙 slaughters */
	/* Producers 甲, 乙, 丙; 甲 and 乙 enrolled. 丁 (trade) and 己 (below
	 * scale) are enrolled but not producers of the count. */
	assert_int_equal(fig.producers, 3);
	assert_int_equal(fig.covered, 2);
	assert_true(fig.rate > 66.66 && fig.rate < 66.67);
	assert_true(qc_trace_measure(&fig, "food_coverage", &v));
	assert_true(v == fig.rate);
	assert_true(qc_trace_measure(&fig, "agri_products", &v) && v == 2.0);
	assert_false(qc_trace_measure(&fig, "speed", &v));
	/* 新兴区: 甲 only, two lines, once: 100 %, not 200 %. */
	assert_int_equal(qc_trace_figures(f->s, "230902", day("2024-06-30"),
					  &fig, &err),
			 QC_OK);
	assert_int_equal(fig.producers, 1);
	assert_int_equal(fig.covered, 1);
	assert_true(fig.rate == 100.0);
	/* The end of 2022: 乙 alone had enrolled. */
	assert_int_equal(qc_trace_figures(f->s, "230900", day("2022-12-31"),
					  &fig, &err),
			 QC_OK);
	assert_int_equal(fig.subjects, 1);
	assert_int_equal(fig.covered, 1);
	assert_int_equal(fig.cancelled, 1);
	/* No producer on record: no rate (not 0 %), no bound value. */
	assert_int_equal(qc_trace_figures(f->s, "640502", day("2024-06-30"),
					  &fig, &err),
			 QC_OK);
	assert_int_equal(fig.producers, 0);
	assert_true(fig.rate < 0);
	assert_false(qc_trace_measure(&fig, "food_coverage", &v));
	unsetenv("QCITY_NOW");
}

static void list_pages(void **state)
{
	struct fixture *f = *state;
	static const char *const order[] = { "乙肉制品公司", "丁超市",
					     "甲食品公司",   "甲食品公司",
					     "庚合作社",     "己食品厂",
					     "辛农资店" };
	struct qc_trace_query q = { .region = "230900", .limit = 4 };
	struct qc_trace_list l;
	struct qc_error err = { 0 };
	char next[QC_TRACE_CURSOR_SIZE];
	size_t total, seen = 0;

	the_register(f);
	/* Active first, the earliest enrolment first; then deregistered. */
	do {
		assert_int_equal(qc_trace_page(f->s, &q, day("2024-06-30"), &l,
					       &total, next, &err),
				 QC_OK);
		assert_int_equal(total, 7);
		for (size_t i = 0; i < l.n; i++)
			assert_string_equal(l.v[i].subject_name,
					    order[seen + i]);
		if (seen == 0) {
			assert_int_equal(l.n, 4);
			assert_string_equal(l.v[2].product, "月饼");
			assert_string_equal(l.v[0].type, "slaughter");
		}
		seen += l.n;
		qc_trace_list_release(&l);
		q.after = next;
	} while (next[0]);
	assert_int_equal(seen, 7);
	struct qc_trace_query c = { .category = "食品" };
	assert_int_equal(qc_trace_page(f->s, &c, day("2024-06-30"), &l, &total,
				       NULL, &err),
			 QC_OK);
	assert_int_equal(l.n, 4);
	qc_trace_list_release(&l);
	struct qc_trace_query x = { .state = "cancelled" };
	assert_int_equal(qc_trace_page(f->s, &x, day("2024-06-30"), &l, NULL,
				       NULL, &err),
			 QC_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].subject_name, "辛农资店");
	qc_trace_list_release(&l);
	/* Enrolled by 2023: 辛, 乙, 丁, 甲's 月饼. */
	struct qc_trace_query all = { 0 };
	assert_int_equal(qc_trace_page(f->s, &all, day("2023-12-31"), &l,
				       &total, NULL, &err),
			 QC_OK);
	assert_int_equal(total, 4);
	qc_trace_list_release(&l);
	c.category = "服装";
	assert_int_equal(qc_trace_page(f->s, &c, day("2024-06-30"), &l, NULL,
				       NULL, &err),
			 QC_EINVAL);
	x.state = "paused";
	assert_int_equal(qc_trace_page(f->s, &x, day("2024-06-30"), &l, NULL,
				       NULL, &err),
			 QC_EINVAL);
	all.after = "7|x|y";
	assert_int_equal(qc_trace_page(f->s, &all, day("2024-06-30"), &l, NULL,
				       NULL, &err),
			 QC_EINVAL);
	unsetenv("QCITY_NOW");
}

static double stored(struct fixture *f, int64_t ind, const char *region,
		     const char *period)
{
	struct qc_stmt *st;
	double v = -1;
	assert_int_equal(qc_stmt_prepare(f->s,
					 "SELECT value FROM indicator_values"
					 " WHERE indicator_id = ? AND"
					 " region_code = ? AND period = ?",
					 &st, NULL),
			 QC_OK);
	qc_stmt_bind_int(st, 1, ind);
	qc_stmt_bind_text(st, 2, region);
	qc_stmt_bind_text(st, 3, period);
	if (qc_stmt_next(st, NULL) == QC_ROW)
		v = qc_stmt_double(st, 0);
	qc_stmt_free(st);
	return v;
}

static void bind_feeds_values(void **state)
{
	struct fixture *f = *state;
	struct qc_import_counts st;
	struct qc_error err = { 0 };
	int64_t cov, products;
	char csv[512];

	the_register(f);
	assert_int_equal(qc_indicator_ensure(f->s,
					     "规模以上食品生产企业追溯覆盖率",
					     "%", false, &cov, &err),
			 QC_OK);
	assert_int_equal(qc_indicator_ensure(f->s, "入驻追溯平台产品数", "个",
					     false, &products, &err),
			 QC_OK);
	assert_int_equal(qc_trace_bind(f->s, "规模以上食品生产企业追溯覆盖率",
				       "food_coverage", "t", &err),
			 QC_OK);
	assert_int_equal(qc_trace_bind(f->s, "入驻追溯平台产品数", "products",
				       "t", &err),
			 QC_OK);
	assert_int_equal(qc_trace_bind(f->s, "入驻追溯平台产品数", "speed", "t",
				       &err),
			 QC_EINVAL);
	assert_int_equal(qc_trace_bind(f->s, "没有这个指标", "products", "t",
				       &err),
			 QC_ENOTFOUND);
	/* This year as of today (30 June), earlier years as of 31 December. */
	double v = stored(f, cov, "230900", "2024");
	assert_true(v > 66.66 && v < 66.67);
	v = stored(f, cov, "230900", "2022");
	assert_true(v > 33.33 && v < 33.34);
	assert_true(stored(f, cov, "230902", "2024") == 100.0);
	/* 沙坡头区 has no producer and no row: no value at all. */
	assert_true(stored(f, cov, "640502", "2024") == -1);
	assert_true(stored(f, products, "230900", "2024") == 18.0);
	assert_true(stored(f, products, "230900", "2023") == 14.0);
	/* An import rewrites them: 丙 enrolls, every producer is covered. */
	snprintf(csv, sizeof(csv),
		 HEAD FOOD ",丙饮料厂,%s,生产,食品,果汁,1,2024-05-01,正常\n",
		 C);
	import_ok(f, csv, &st);
	assert_int_equal(st.added, 1);
	assert_true(stored(f, cov, "230900", "2024") == 100.0);
	assert_true(stored(f, products, "230900", "2024") == 19.0);
	assert_int_equal(count_where(f->s, "SELECT COUNT(*) FROM audit_log"
					   " WHERE entity = 'indicator' AND"
					   " action = 'bind'"),
			 2);
	unsetenv("QCITY_NOW");
}

static void catalogues_by_name(void **state)
{
	(void)state;
	assert_string_equal(qc_trace_category("食用农产品"), "edible_agri");
	assert_string_equal(qc_trace_category("农资"), "agri_input");
	assert_string_equal(qc_trace_category(" 特种设备 "),
			    "special_equipment");
	assert_string_equal(qc_trace_category("危险化学品"), "hazardous");
	assert_string_equal(qc_trace_category("稀土"), "rare_earth");
	assert_string_equal(qc_trace_category("food"), "food");
	assert_null(qc_trace_category("服装"));
	assert_null(qc_trace_category(""));
	assert_string_equal(qc_trace_type("屠宰场"), "slaughter");
	assert_string_equal(qc_trace_type("流通"), "trader");
	assert_string_equal(qc_trace_type("生产加工"), "producer");
	assert_null(qc_trace_type("研发"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(catalogues_by_name),
		cmocka_unit_test_setup_teardown(import_finds_counties,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(import_refused_whole,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(held_to_a_region, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(reimport_updates_and_audits,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(figures_as_of_a_day,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(list_pages, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(bind_feeds_values,
						fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
