/* Values: periods, one-by-one writes, and CSV import all-or-nothing. */
#include "testutil.h"
#include <iconv.h>

static void periods(void **state)
{
	(void)state;
	const char *ok[] = { "2019",    "2019-H1", "2019-H2",
			     "2019-Q4", "2019-01", "2019-12" };
	const char *bad[] = { "19",         "2019-13", "2019-H3", "2019-Q0",
			      "2019-",      "2019-1",  "abcd",    "",
			      "2019-01-01", "1800" };
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		assert_true(qc_period_valid(ok[i]));
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (qc_period_valid(bad[i]))
			fail_msg("'%s' accepted", bad[i]);
}

static void add_indicator(struct qc_store *s, const char *name)
{
	int64_t id;
	assert_int_equal(qc_indicator_ensure(s, name, "%", false, &id, NULL),
			 QC_OK);
}

static void set_and_replace_is_audited(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_audit_list l;

	add_indicator(f->s, "森林覆盖率");
	struct qc_value_in v = { .indicator = "森林覆盖率",
				 .region = "七台河市",
				 .period = "2019",
				 .value = 47.5 };
	assert_int_equal(qc_value_set(f->s, &v, "u1", &err), QC_OK);
	v.value = 48.1;
	assert_int_equal(qc_value_set(f->s, &v, "u2", &err), QC_OK);
	assert_int_equal(count_rows(f->s, "indicator_values"), 1);
	/* The province is part of the row's key (docs/scaling.md). */
	struct qc_stmt *st;
	assert_int_equal(qc_stmt_prepare(f->s,
					 "SELECT province_code FROM"
					 " indicator_values",
					 &st, &err),
			 QC_OK);
	assert_int_equal(qc_stmt_next(st, &err), QC_ROW);
	assert_string_equal(qc_stmt_text(st, 0), "230000");
	qc_stmt_free(st);
	assert_int_equal(qc_audit_list(f->s, "value", 5, &l, &err), QC_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0].action, "update");
	assert_string_equal(l.v[0].actor, "u2");
	assert_non_null(strstr(l.v[0].before, "47.5"));
	assert_non_null(strstr(l.v[0].after, "48.1"));
	qc_audit_list_release(&l);
	v.region = "新兴区"; /* two provinces have one: ambiguous */
	assert_int_equal(qc_value_set(f->s, &v, "u1", &err), QC_ECONFLICT);
	assert_non_null(strstr(err.msg, "230902"));
}

static void csv_bad_row_imports_nothing(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	size_t n;
	const char *csv = "指标,地区,期间,数值,备注\n"
			  "森林覆盖率,230900,2018,47.1,\n"
			  "森林覆盖率,230900,2019,\"47.9\",好\n"
			  "森林覆盖率,230900,2020,４８.５%,全角\n"
			  "森林覆盖率,230900,2021,9８x,typo\n";

	add_indicator(f->s, "森林覆盖率");
	assert_int_equal(qc_value_import_csv(f->s, csv, strlen(csv), "t", &n,
					     &err),
			 QC_EINVAL);
	assert_int_equal(n, 0);
	assert_non_null(strstr(err.msg, "line 5"));
	assert_non_null(strstr(err.msg, "value"));
	assert_int_equal(count_rows(f->s, "indicator_values"), 0);

	/* Without the bad row: every row, full-width digits understood. */
	size_t good_len = strstr(csv, "森林覆盖率,230900,2021") - csv;
	assert_int_equal(qc_value_import_csv(f->s, csv, good_len, "t", &n,
					     &err),
			 QC_OK);
	assert_int_equal(n, 3);
	assert_int_equal(count_rows(f->s, "indicator_values"), 3);
}

static void csv_errors_name_field(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	size_t n;
	static const struct {
		const char *csv, *expect;
	} cases[] = {
		{ "indicator,region,period\n", "'value'" },
		{ "indicator,region,period,value,colour\n", "colour" },
		{ "indicator,region,period,value\n森林覆盖率,230900,2019-13,1\n",
		  "line 2: period" },
		{ "indicator,region,period,value\n没有的指标,230900,2019,1\n",
		  "line 2: indicator" },
		{ "indicator,region,period,value\n森林覆盖率,火星,2019,1\n",
		  "line 2: region" },
		{ "indicator,region,period,value,reporter\n"
		  "森林覆盖率,230900,2019,1,无此单位\n",
		  "line 2: reporter" },
		{ "", "empty" },
		{ "a\0b", "binary" },
	};
	add_indicator(f->s, "森林覆盖率");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t len = strlen(cases[i].csv) + (i == 7 ? 2 : 0);
		assert_int_not_equal(qc_value_import_csv(f->s, cases[i].csv,
							 len, "t", &n, &err),
				     QC_OK);
		if (!strstr(err.msg, cases[i].expect))
			fail_msg("case %zu: '%s' lacks '%s'", i, err.msg,
				 cases[i].expect);
	}
	assert_int_equal(count_rows(f->s, "indicator_values"), 0);
}

static void csv_in_gb18030(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	const char *utf8 =
		"指标,地区,期间,数值\n森林覆盖率,七台河市,2019,47.9\n";
	char gb[256], *in = (char *)utf8, *out = gb;
	size_t inl = strlen(utf8), outl = sizeof(gb), n;
	iconv_t cd = iconv_open("GB18030", "UTF-8");

	assert_true(cd != (iconv_t)-1);
	assert_true(iconv(cd, &in, &inl, &out, &outl) != (size_t)-1);
	iconv_close(cd);
	add_indicator(f->s, "森林覆盖率");
	assert_int_equal(qc_value_import_csv(f->s, gb, sizeof(gb) - outl, "t",
					     &n, &err),
			 QC_OK);
	assert_int_equal(n, 1);
}

/* A 131-byte cell "0.000…0中5": past parse_number's 128-byte buffer. The
 * refused 中 must not let the "5" in after it, which read the cell as
 * 5e-126; the whole cell is refused. */
static void long_number_cell_is_refused(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	char cell[160], csv[256];
	size_t n;

	memcpy(cell, "0.", 2);
	memset(cell + 2, '0', 125);
	memcpy(cell + 127, "中5", strlen("中5") + 1);
	assert_int_equal(strlen(cell), 131);
	snprintf(csv, sizeof(csv),
		 "indicator,region,period,value\n"
		 "森林覆盖率,230900,2019,%s\n",
		 cell);
	add_indicator(f->s, "森林覆盖率");
	assert_int_equal(qc_value_import_csv(f->s, csv, strlen(csv), "t", &n,
					     &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "line 2"));
	assert_non_null(strstr(err.msg, "value"));
	assert_int_equal(count_rows(f->s, "indicator_values"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(periods),
		cmocka_unit_test_setup_teardown(set_and_replace_is_audited,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(csv_bad_row_imports_nothing,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(csv_errors_name_field,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(csv_in_gb18030, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(long_number_cell_is_refused,
						fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
