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
	d = qc_catalog_match(&c, "全市森林覆盖率");
	assert_non_null(d);
	assert_string_equal(d->name, "森林覆盖率");
	d = qc_catalog_match(&c, "城市生产企业产品质量监督抽查合格率");
	assert_string_equal(d->name, "产品质量监督抽查合格率");
	d = qc_catalog_match(&c, "細顆粒物(PM2.5)年均濃度");
	assert_non_null(d);
	assert_string_equal(d->direction, "lower");
	d = qc_catalog_match(&c, "森林覆盖率");
	assert_string_equal(d->unit, "%");
	assert_null(qc_catalog_match(&c, "办公室面积"));
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
	fputs("{\"indicators\": [{\"name\": \"a\"}, {\"name\": \"b\", \"direction\": \"up\"}]}", f);
	fclose(f);
	assert_int_equal(qc_catalog_load(&c, path, &err), QC_EINVAL);
	assert_non_null(strstr(err.msg, "indicators[1].direction"));
	qc_catalog_release(&c);
	assert_int_equal(qc_catalog_load(&c, "/nonexistent.json", &err), QC_EINVAL);
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
