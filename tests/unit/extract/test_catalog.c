/* Unit tests for qcity/catalog.h: loading, errors, and matching. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "qcity/catalog.h"

static void load_and_match(void **state)
{
	struct qc_catalog c;
	struct qc_error err = { 0 };
	char path[1024];
	const char *dir = getenv("QCITY_DATA");
	const struct qc_indicator_def *d;

	(void)state;
	snprintf(path, sizeof(path), "%s/indicators.json", dir ? dir : "data");
	assert_int_equal(qc_catalog_load(&c, path, &err), QC_OK);
	assert_true(c.n >= 40);
	enum qc_catalog_how how;
	d = qc_catalog_match(&c, "全市森林覆盖率", &how);
	assert_non_null(d);
	assert_string_equal(d->name, "森林覆盖率");
	assert_int_equal(how, QC_CATALOG_EXACT);
	d = qc_catalog_match(&c, "細顆粒物(PM2.5)年均濃度", &how);
	assert_non_null(d);
	assert_string_equal(d->direction, "lower");
	assert_int_equal(how, QC_CATALOG_SYNONYM);
	assert_string_equal(qc_catalog_how_name(how), "synonym");
	d = qc_catalog_match(&c, "森林 覆盖率", NULL);
	assert_string_equal(d->unit, "%");
	/* Exact or a listed synonym only (issue 11): a longer name that
	 * ends with an entry, or one that only shares words, is no match. */
	assert_null(qc_catalog_match(&c, "城市生产企业产品质量监督抽查合格率",
				     &how));
	assert_int_equal(how, QC_CATALOG_NONE);
	assert_null(qc_catalog_match(&c, "首席专家", NULL));
	assert_null(qc_catalog_match(&c, "节能材料普及率", NULL));
	assert_null(qc_catalog_match(&c, "新型建筑节能材料应用普及率", NULL));
	assert_null(qc_catalog_match(&c, "县公路优良路率", NULL));
	assert_null(qc_catalog_match(&c, "办公室面积", NULL));
	/* The range and kind the catalogue states. */
	d = qc_catalog_match(&c, "地区生产总值增速", NULL);
	assert_true(d->has_min && d->min == -100 && !d->has_max);
	qc_catalog_release(&c);
}

static void load_errors_name_the_field(void **state)
{
	struct qc_catalog c;
	struct qc_error err = { 0 };
	char path[] = "/tmp/qc_catalog_XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");

	(void)state;
	assert_non_null(f);
	fputs("{\"indicators\": [{\"name\": \"a\"}, {\"name\": \"b\", \"direction\": \"up\"}]}",
	      f);
	fclose(f);
	assert_int_equal(qc_catalog_load(&c, path, &err), QC_EINVAL);
	assert_non_null(strstr(err.msg, "indicators[1].direction"));
	qc_catalog_release(&c);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("{\"indicators\": [{\"name\": \"a\", \"max\": \"x\"}]}", f);
	fclose(f);
	assert_int_equal(qc_catalog_load(&c, path, &err), QC_EINVAL);
	assert_non_null(strstr(err.msg, "indicators[0].max"));
	qc_catalog_release(&c);
	assert_int_equal(qc_catalog_load(&c, "/nonexistent.json", &err),
			 QC_EINVAL);
	qc_catalog_release(&c);
	remove(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(load_and_match),
		cmocka_unit_test(load_errors_name_the_field),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
