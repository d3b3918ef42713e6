/* The enterprise register (src/lib/registry/enterprise.c): import with
 * checked credit codes, regions from the code or the address, updates,
 * all-or-nothing refusals, and lookups. */
#include "testutil.h"
#include "qcity/enterprise.h"
#include "qcity/sampling.h"
#include "qcity/nation.h"
#include "qcity/uscc.h"

static void import_and_get(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_enterprise e;
	char a[QC_USCC_LEN + 1], b[QC_USCC_LEN + 1], csv[1024], low[32];
	size_t n;

	qc_uscc_make("230903", 1, a); /* 桃山区 */
	qc_uscc_make("230900", 2, b); /* 七台河市: the address narrows it */
	snprintf(csv, sizeof(csv),
		 "企业名称,统一社会信用代码,地址,规模,首席质量官\n"
		 "甲水泥厂,%s,桃山区某路1号,规模以上,张三\n"
		 "乙钢筋厂,%s,七台河市新兴区某街2号,规模以下,/\n"
		 "/,/,/,/,/\n",
		 a, b);
	assert_int_equal(qc_enterprise_import(f->s, csv, strlen(csv), "e.csv",
					      false, "t", &n, &err),
			 QC_OK);
	assert_int_equal(n, 2);
	assert_int_equal(count_rows(f->s, "enterprises"), 2);

	/* Lookups normalise the code: lower case, spaces. */
	snprintf(low, sizeof(low), " %s ", a);
	for (char *p = low; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	if (qc_enterprise_get(f->s, low, &e, &err))
		fail_msg("get: %s", err.msg);
	assert_string_equal(e.uscc, a);
	assert_true(e.verified);
	assert_string_equal(e.name, "甲水泥厂");
	assert_string_equal(e.region_code, "230903");
	assert_int_equal(e.above_scale, 1);
	assert_string_equal(e.cqo, "张三");
	assert_int_equal(e.samples, 0);
	qc_enterprise_release(&e);
	assert_int_equal(qc_enterprise_get(f->s, b, &e, &err), QC_OK);
	assert_string_equal(e.region_code, "230902"); /* from the address */
	assert_int_equal(e.above_scale, 0);
	assert_null(e.cqo);
	qc_enterprise_release(&e);

	/* Importing the same code again updates the record. */
	snprintf(csv, sizeof(csv),
		 "统一社会信用代码,企业名称,地区\n%s,甲水泥有限公司,"
		 "新兴区\n",
		 a);
	/* 新兴区 exists in two provinces: the region must be unambiguous. */
	assert_int_equal(qc_enterprise_import(f->s, csv, strlen(csv), "e.csv",
					      false, "t", &n, &err),
			 QC_ECONFLICT);
	assert_non_null(strstr(err.msg, "line 2: field 'region'"));
	snprintf(csv, sizeof(csv),
		 "统一社会信用代码,企业名称,地区\n%s,甲水泥有限公司,"
		 "230902\n",
		 a);
	assert_int_equal(qc_enterprise_import(f->s, csv, strlen(csv), "e.csv",
					      false, "t", &n, &err),
			 QC_OK);
	assert_int_equal(count_rows(f->s, "enterprises"), 2);
	assert_int_equal(qc_enterprise_get(f->s, a, &e, &err), QC_OK);
	assert_string_equal(e.name, "甲水泥有限公司");
	assert_string_equal(e.region_code, "230902");
	qc_enterprise_release(&e);

	assert_int_equal(qc_enterprise_get(f->s, "12345", &e, &err), QC_EINVAL);
	qc_uscc_make("230903", 99, a);
	assert_int_equal(qc_enterprise_get(f->s, a, &e, &err), QC_ENOTFOUND);
}

/* A bad code fails the whole file, naming the line; allowed, it is kept
 * marked unverified. */
static void bad_codes(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_enterprise e;
	char good[QC_USCC_LEN + 1], bad[QC_USCC_LEN + 1], csv[1024];
	size_t n = 7;

	qc_uscc_make("230903", 5, good);
	qc_uscc_make("230903", 6, bad);
	bad[17] = bad[17] == '0' ? '1' : '0'; /* wrong check character */
	snprintf(csv, sizeof(csv),
		 "统一社会信用代码,企业名称\n%s,好厂\n%s,坏厂\n", good, bad);
	assert_int_equal(qc_enterprise_import(f->s, csv, strlen(csv), "e.csv",
					      false, "t", &n, &err),
			 QC_EINVAL);
	assert_int_equal(n, 0);
	assert_non_null(strstr(err.msg, "line 3: field 'uscc'"));
	assert_int_equal(count_rows(f->s, "enterprises"), 0);

	assert_int_equal(qc_enterprise_import(f->s, csv, strlen(csv), "e.csv",
					      true, "t", &n, &err),
			 QC_OK);
	assert_int_equal(n, 2);
	assert_int_equal(qc_enterprise_get(f->s, bad, &e, &err), QC_OK);
	assert_false(e.verified);
	assert_null(e.region_code); /* an unchecked code tells no region */
	qc_enterprise_release(&e);

	/* Header without the code column; a scale nobody writes. */
	const char *nohead = "名称,地址\n某厂,某路\n";
	assert_int_equal(qc_enterprise_import(f->s, nohead, strlen(nohead),
					      "e.csv", false, "t", &n, &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "统一社会信用代码"));
	snprintf(csv, sizeof(csv),
		 "统一社会信用代码,企业名称,规模\n%s,好厂,很大\n", good);
	assert_int_equal(qc_enterprise_import(f->s, csv, strlen(csv), "e.csv",
					      false, "t", &n, &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "line 2: field 'scale'"));
	snprintf(csv, sizeof(csv), "统一社会信用代码,企业名称\n%s,\n", good);
	assert_int_equal(qc_enterprise_import(f->s, csv, strlen(csv), "e.csv",
					      false, "t", &n, &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "line 2: field 'name': empty"));
	assert_int_equal(count_rows(f->s, "enterprises"), 2);
}

/* Sampling results name the enterprise: its counts come from them. */
static void counts_from_sampling(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_enterprise e;
	struct qc_sampling_report rep;
	struct qc_sampling_import_opts o = { .region = "桃山区" };
	char a[QC_USCC_LEN + 1], csv[1024];
	size_t n;

	qc_uscc_make("230903", 7, a);
	snprintf(csv, sizeof(csv), "统一社会信用代码,企业名称\n%s,丙厂\n", a);
	assert_int_equal(qc_enterprise_import(f->s, csv, strlen(csv), "e.csv",
					      false, "t", &n, &err),
			 QC_OK);
	snprintf(csv, sizeof(csv),
		 "产品名称,生产企业名称,统一社会信用代码,抽样日期,"
		 "检验结论\n水泥,丙厂,%s,2023-05-01,合格\n钢筋,丙厂,%s,"
		 "2023-06-01,不合格\n",
		 a, a);
	assert_int_equal(qc_sampling_import(f->s, csv, strlen(csv), "s.csv", &o,
					    "t", &rep, &err),
			 QC_OK);
	qc_sampling_report_release(&rep);
	assert_int_equal(qc_enterprise_get(f->s, a, &e, &err), QC_OK);
	assert_int_equal(e.samples, 2);
	assert_int_equal(e.failed, 1);
	qc_enterprise_release(&e);
}

/* An enterprise the register moves to another province stays held by
 * the server's province (held_by, 0026), and so do its credit events and
 * listings, whose keys include the holder: they are the province's that
 * recorded them. */
static void moved_province(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	char a[QC_USCC_LEN + 1], csv[512];
	size_t n;

	qc_uscc_make("230903", 7, a);
	snprintf(csv, sizeof(csv),
		 "企业名称,统一社会信用代码,地区\n丁厂,%s,230903\n", a);
	assert_int_equal(qc_enterprise_import(f->s, csv, strlen(csv), "e.csv",
					      false, "t", &n, &err),
			 QC_OK);
	if (qc_store_exec(f->s,
			  "INSERT INTO credit_events (enterprise_id, kind,"
			  " occurred_on, title, created_at, province_code)"
			  " SELECT id, 'penalty', '2024-01-02', 'x', 'x',"
			  " province_code FROM enterprises;"
			  " INSERT INTO credit_listings (enterprise_id, list,"
			  " ground, decided_on, event_id, created_at,"
			  " province_code) SELECT enterprise_id, 'penalty', 'g',"
			  " '2024-01-02', id, 'x', province_code FROM"
			  " credit_events",
			  &err)) {
		fail_msg("%s", err.msg);
		abort();
	}
	snprintf(csv, sizeof(csv),
		 "企业名称,统一社会信用代码,地区\n丁厂,%s,440705\n", a);
	assert_int_equal(qc_enterprise_import(f->s, csv, strlen(csv), "e.csv",
					      false, "t", &n, &err),
			 QC_OK);
	assert_int_equal(query_int(f->s, "SELECT COUNT(*) FROM enterprises"
					 " WHERE province_code = '440000' AND"
					 " held_by = '230000'"),
			 1);
	assert_int_equal(query_int(f->s, "SELECT COUNT(*) FROM credit_events"
					 " WHERE province_code = '230000'"),
			 1);
	assert_int_equal(query_int(f->s, "SELECT COUNT(*) FROM credit_listings"
					 " WHERE province_code = '230000'"),
			 1);
}

/* On a province server (not national): a reader's region hides a record
 * outside it in the words of an unknown code, and writes are not
 * refused. */
static void as_reader(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_enterprise e;
	const char *office = NULL, *qth = "230900", *other = "230300";
	char a[QC_USCC_LEN + 1], b[QC_USCC_LEN + 1], csv[512], want[96];
	size_t n;

	qc_uscc_make("230903", 1, a);
	qc_uscc_make("230903", 2, b); /* never imported */
	snprintf(csv, sizeof(csv), "企业名称,统一社会信用代码\n甲厂,%s\n", a);
	assert_int_equal(qc_enterprise_import(f->s, csv, strlen(csv), "e.csv",
					      false, "t", &n, &err),
			 QC_OK);
	assert_int_equal(qc_enterprise_get_within(f->s, a, NULL, office, &e,
						  &err),
			 QC_OK);
	qc_enterprise_release(&e);
	assert_int_equal(qc_enterprise_get_within(f->s, a, NULL, qth, &e, &err),
			 QC_OK);
	assert_string_equal(e.region_code, "230903");
	qc_enterprise_release(&e);
	assert_int_equal(qc_enterprise_get_within(f->s, a, NULL, other, &e,
						  &err),
			 QC_ENOTFOUND);
	snprintf(want, sizeof(want), "no enterprise %s in region 230300", a);
	assert_string_equal(err.msg, want);
	assert_int_equal(qc_enterprise_get_within(f->s, b, NULL, other, &e,
						  &err),
			 QC_ENOTFOUND);
	snprintf(want, sizeof(want), "no enterprise %s in region 230300", b);
	assert_string_equal(err.msg, want);
	/* Unrestricted: the usual words. */
	assert_int_equal(qc_enterprise_get_within(f->s, b, NULL, office, &e,
						  &err),
			 QC_ENOTFOUND);
	assert_non_null(strstr(err.msg, "no enterprise with credit code"));

	assert_false(qc_store_national(f->s));
	assert_int_equal(qc_store_refuse_national_write(f->s, &err), QC_OK);
	/* The area: a code in the subtree, none outside, "" sees nothing. */
	assert_true(qc_nation_in_area(NULL, "230903"));
	assert_true(qc_nation_in_area("230900", "230903"));
	assert_true(qc_nation_in_area("230000", "230903"));
	assert_false(qc_nation_in_area("230900", "230803"));
	assert_false(qc_nation_in_area("230900", NULL));
	assert_false(qc_nation_in_area("", "230903"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(import_and_get, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(bad_codes, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(counts_from_sampling,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(moved_province, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(as_reader, fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
