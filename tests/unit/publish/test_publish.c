/* Publications on both engines (QCITY_TEST_PG): publish replaces,
 * unpublish removes, both audited; files come back byte for byte; the
 * index reads stored values; the open data holds only what is published. */
#include "testutil.h"

#include <jansson.h>
#include <math.h>

#include "qcity/doc.h"
#include "qcity/json.h"
#include "qcity/model.h"
#include "qcity/plan.h"
#include "qcity/plan_store.h"
#include "qcity/publish.h"
#include "qcity/qindex.h"
#include "qcity/strbuf.h"

static long long audit_rows(struct qc_store *s, const char *action)
{
	struct qc_stmt *st;
	long long n = -1;
	assert_int_equal(qc_stmt_prepare(s,
					 "SELECT COUNT(*) FROM audit_log "
					 "WHERE entity = 'publication' AND "
					 "action = ?",
					 &st, NULL),
			 QC_OK);
	qc_stmt_bind_text(st, 1, action);
	if (qc_stmt_next(st, NULL) == QC_ROW)
		n = qc_stmt_int(st, 0);
	qc_stmt_free(st);
	return n;
}

static void exec(struct qc_store *s, const char *sql)
{
	struct qc_error err = { 0 };
	if (qc_store_exec(s, sql, &err))
		fail_msg("%s: %s", sql, err.msg);
}

static void test_put_replace_remove(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	unsigned char bin[300];
	struct qc_pub_file file = { "通报.pdf", "application/pdf", bin,
				    sizeof(bin) };
	struct qc_pub p;
	struct qc_pub_list l;
	char *media, *data;
	size_t len;
	int64_t id = 0, id2 = 0;

	for (size_t i = 0; i < sizeof(bin); i++)
		bin[i] = (unsigned char)(i * 7);
	assert_int_equal(qc_pub_put(f->s, "document", "七质强办〔2020〕1号",
				    "通报", "230900", "2020-06-30",
				    qc_xjson_pack("{s:s}", "kind", "progress"),
				    &file, 1, "test", &id, &err),
			 QC_OK);
	assert_true(id > 0);
	assert_int_equal(qc_pub_file_get(f->s, id, "通报.pdf", &media, &data,
					 &len, &err),
			 QC_OK);
	assert_string_equal(media, "application/pdf");
	assert_int_equal(len, sizeof(bin));
	assert_memory_equal(data, bin, sizeof(bin));
	free(media);
	free(data);
	/* Again: the new snapshot replaces the old, files too. */
	assert_int_equal(qc_pub_put(f->s, "document", "七质强办〔2020〕1号",
				    "通报（更正）", NULL, NULL,
				    qc_xjson_pack("{s:i}", "v", 2), NULL, 0,
				    "test", &id2, &err),
			 QC_OK);
	assert_int_equal(count_rows(f->s, "publications"), 1);
	assert_int_equal(count_rows(f->s, "publication_files"), 0);
	assert_int_equal(qc_pub_get(f->s, "document", "七质强办〔2020〕1号", &p,
				    &err),
			 QC_OK);
	assert_string_equal(p.title, "通报（更正）");
	assert_non_null(strstr(p.snapshot, "\"v\":2"));
	assert_non_null(strstr(p.snapshot, "\"as_of\""));
	assert_int_equal(strlen(p.as_of), 10);
	qc_pub_release(&p);
	assert_int_equal(qc_pub_list(f->s, NULL, &l, &err), QC_OK);
	assert_int_equal(l.n, 1);
	qc_pub_list_release(&l);
	assert_int_equal(audit_rows(f->s, "publish"), 2);
	assert_int_equal(qc_pub_remove(f->s, "document", "七质强办〔2020〕1号",
				       "test", &err),
			 QC_OK);
	assert_int_equal(count_rows(f->s, "publications"), 0);
	assert_int_equal(audit_rows(f->s, "unpublish"), 1);
	assert_int_equal(qc_pub_remove(f->s, "document", "七质强办〔2020〕1号",
				       "test", &err),
			 QC_ENOTFOUND);
	assert_int_equal(qc_pub_put(f->s, "draft", "x", "t", NULL, NULL,
				    json_object(), NULL, 0, "test", NULL, &err),
			 QC_EINVAL);
	assert_int_equal(qc_pub_put(f->s, "plan", "x", "t", NULL, "2020-13-01",
				    json_object(), NULL, 0, "test", NULL, &err),
			 QC_EINVAL);
	assert_int_equal(count_rows(f->s, "publications"), 0);
}

/* Two counties, two series; the index reads the year's values. */
static void test_index_from_store(void **state)
{
	struct fixture *f = *state;
	static const char def[] =
		"{\"id\": \"t\", \"title\": \"t\", \"regions\": {\"parent\": "
		"\"230900\"}, \"indicators\": [{\"key\": \"A\", \"name\": "
		"\"甲率\", \"direction\": \"higher\"}, {\"key\": \"B\", "
		"\"name\": \"乙率\", \"direction\": \"lower\"}]}";
	struct qc_qindex_def *d = NULL;
	struct qc_qindex_input in;
	struct qc_qindex_result res;
	struct qc_error err = { 0 };
	int *years;
	size_t n;

	exec(f->s, "INSERT INTO indicators (name, unit) VALUES ('甲率', '%'),"
		   " ('乙率', '%')");
	exec(f->s,
	     "INSERT INTO indicator_values (indicator_id, province_code, "
	     "region_code, period, value, submitted_at) SELECT id, '230000', '230902', '2020', 90, "
	     "'2020-01-01' FROM indicators WHERE name = '甲率'");
	exec(f->s,
	     "INSERT INTO indicator_values (indicator_id, province_code, "
	     "region_code, period, value, submitted_at) SELECT id, '230000', '230903', '2020-H1', "
	     "80, '2020-07-01' FROM indicators WHERE name = '甲率'");
	exec(f->s,
	     "INSERT INTO indicator_values (indicator_id, province_code, "
	     "region_code, period, value, submitted_at) SELECT id, '230000', '230902', '2020', 5, "
	     "'2020-01-01' FROM indicators WHERE name = '乙率'");
	exec(f->s,
	     "INSERT INTO indicator_values (indicator_id, province_code, "
	     "region_code, period, value, submitted_at) SELECT id, '230000', '230903', '2019', 1, "
	     "'2020-01-01' FROM indicators WHERE name = '乙率'");
	assert_int_equal(qc_qindex_parse(def, strlen(def), &d, &err), QC_OK);
	assert_int_equal(qc_qindex_years(f->s, d, NULL, &years, &n, &err),
			 QC_OK);
	assert_int_equal(n, 2);
	assert_int_equal(years[0], 2019);
	assert_int_equal(years[1], 2020);
	free(years);
	assert_int_equal(qc_qindex_gather(f->s, d, 2020, NULL, &in, &err),
			 QC_OK);
	assert_int_equal(in.n_regions, 2);
	assert_string_equal(in.code[0], "230902");
	assert_true(in.has[0] && in.x[0] == 90);
	assert_true(in.has[2] && in.x[2] == 80); /* 2020-H1 stands in */
	assert_false(in.has[3]);                 /* 2019 is not 2020 */
	assert_int_equal(qc_qindex_compute(d, &in, NULL, &res, &err), QC_OK);
	/* 230902: A 100, B (only value) 100; 230903: A 0, B missing. */
	assert_true(fabs(res.r[0].index - 100) < 1e-9);
	assert_true(fabs(res.r[1].index - 0) < 1e-9);
	assert_int_equal(res.r[0].rank, 1);
	qc_qindex_result_release(&res);
	qc_qindex_input_release(&in);
	assert_int_equal(qc_pub_index(f->s, d, 2020, NULL, "2021-01-15", "test",
				      NULL, &err),
			 QC_OK);
	qc_qindex_def_free(d);
	assert_int_equal(count_rows(f->s, "publications"), 1);
}

/* The open data holds the published snapshot's observations only. */
static void test_export_published_only(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_buf b;
	json_t *snap = json_loads(
		"{\"regions\": [{\"code\": \"230902\", \"name\": \"新兴区\", "
		"\"targets\": [{\"series\": 7, \"status\": \"on_track\"}]}], "
		"\"values\": [{\"series\": 7, \"name\": \"甲率\", \"unit\": "
		"\"%\", \"region\": \"230902\", \"period\": \"2020-H1\", "
		"\"value\": 0.1}]}",
		0, NULL);

	assert_non_null(snap);
	qc_buf_init(&b, 1 << 20);
	assert_int_equal(qc_export(f->s, QC_EXPORT_SDMX, &b, &err), QC_OK);
	assert_string_equal(qc_buf_str(&b),
			    "STRUCTURE,STRUCTURE_ID,ACTION,"
			    "REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE,"
			    "UNIT_MEASURE,TARGET_STATUS,PUBLISHED\r\n");
	qc_buf_release(&b);
	assert_int_equal(qc_pub_put(f->s, "plan", "1", "方案", "230900",
				    "2020-08-01", snap, NULL, 0, "test", NULL,
				    &err),
			 QC_OK);
	qc_buf_init(&b, 1 << 20);
	assert_int_equal(qc_export(f->s, QC_EXPORT_SDMX, &b, &err), QC_OK);
	assert_non_null(strstr(qc_buf_str(&b), "\r\ndataflow," QC_SDMX_DATAFLOW
					       ",I,230902,S7,2020-S1,0.1,%,"
					       "on_track,2020-08-01\r\n"));
	qc_buf_release(&b);
	qc_buf_init(&b, 1 << 20);
	assert_int_equal(qc_export(f->s, QC_EXPORT_CODES_REGIONS, &b, &err),
			 QC_OK);
	assert_string_equal(qc_buf_str(&b), "CODE,NAME\r\n230902,新兴区\r\n");
	qc_buf_release(&b);
	qc_buf_init(&b, 1 << 20);
	assert_int_equal(qc_export(f->s, QC_EXPORT_XLSX, &b, &err), QC_OK);
	assert_true(qc_buf_len(&b) > 4 && !memcmp(qc_buf_str(&b), "PK", 2));
	qc_buf_release(&b);
}

static const char *plan_json =
	"{\"plan\": {\"title\": \"示例方案\", \"region\": {\"code\": \"230900\"},"
	"  \"period\": {\"start\": 2018, \"end\": 2020}},"
	" \"targets\": [{\"indicator\": \"森林覆盖率\", \"op\": \">=\", "
	"  \"value\": 48, \"unit\": \"%\", \"year\": 2020, "
	"  \"owners\": [\"市林业局\"]}]}";

static void set(struct qc_store *s, const char *period, double v)
{
	struct qc_error err = { 0 };
	struct qc_value_in in = { .indicator = "森林覆盖率",
				  .region = "230900",
				  .period = period,
				  .value = v };
	assert_int_equal(qc_value_set(s, &in, "t", &err), QC_OK);
}

/* The periods of the published plan's values and its target's latest. */
static void published(struct qc_store *s, char *periods, size_t n, char *latest,
		      size_t m)
{
	struct qc_error err = { 0 };
	struct qc_pub p;
	json_t *snap, *v;
	size_t i;

	assert_int_equal(qc_pub_get(s, "plan", "1", &p, &err), QC_OK);
	snap = json_loads(p.snapshot, 0, NULL);
	assert_non_null(snap);
	*periods = 0;
	json_array_foreach(json_object_get(snap, "values"), i, v)
	{
		size_t len = strlen(periods);
		snprintf(periods + len, n - len, "%s ",
			 json_string_value(json_object_get(v, "period")));
	}
	v = json_array_get(
		json_object_get(json_array_get(json_object_get(snap, "regions"),
					       0),
				"targets"),
		0);
	snprintf(latest, m, "%s %s",
		 json_string_value(json_object_get(v, "latest_period")),
		 json_string_value(json_object_get(v, "status")));
	json_decref(snap);
	qc_pub_release(&p);
}

/* A plan published "as of" a date holds the values of the periods over by
 * then, and its statuses come from those; a draft document cannot be
 * published (issued ones: tests/cli/test_publish.sh, which renders). */
static void test_plan_as_of_and_drafts(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_plan p;
	struct qc_doc *d;
	char periods[128], latest[64];
	long long plan;
	int64_t doc;

	assert_int_equal(qc_plan_from_json(&p, plan_json, strlen(plan_json),
					   &err),
			 QC_OK);
	assert_int_equal(qc_plan_import(f->s, &p, false, "t", &plan, &err),
			 QC_OK);
	qc_plan_release(&p);
	assert_int_equal(plan, 1);
	set(f->s, "2018", 45);
	set(f->s, "2019", 46.5);
	set(f->s, "2020-H1", 47.5);
	set(f->s, "2020", 48.5);
	assert_int_equal(qc_pub_plan(f->s, plan, "2020-06-29", "t", NULL, &err),
			 QC_OK);
	published(f->s, periods, sizeof(periods), latest, sizeof(latest));
	assert_string_equal(periods, "2018 2019 ");
	assert_string_equal(latest, "2019 on_track");
	assert_int_equal(qc_pub_plan(f->s, plan, "2020-06-30", "t", NULL, &err),
			 QC_OK);
	published(f->s, periods, sizeof(periods), latest, sizeof(latest));
	assert_string_equal(periods, "2018 2019 2020-H1 ");
	assert_string_equal(latest, "2020-H1 on_track");
	assert_int_equal(qc_pub_plan(f->s, plan, "2021-01-15", "t", NULL, &err),
			 QC_OK);
	published(f->s, periods, sizeof(periods), latest, sizeof(latest));
	assert_string_equal(periods, "2018 2019 2020 2020-H1 ");
	assert_string_equal(latest, "2020 met");
	assert_int_equal(qc_pub_plan(f->s, plan, "2020-02-30", "t", NULL, &err),
			 QC_EINVAL);

	assert_int_equal(qc_doc_build_progress(f->s, plan, "2020", &d, &err),
			 QC_OK);
	assert_int_equal(qc_doc_create(f->s, plan, "2020", d, "t", &doc, &err),
			 QC_OK);
	qc_doc_free(d);
	long long audits = count_rows(f->s, "audit_log");
	assert_int_equal(qc_pub_document(f->s, doc, NULL, "t", NULL, &err),
			 QC_ECONFLICT);
	assert_non_null(strstr(err.msg, "issue it first"));
	assert_int_equal(qc_pub_document(f->s, doc + 1, NULL, "t", NULL, &err),
			 QC_ENOTFOUND);
	assert_int_equal(count_rows(f->s, "audit_log"), audits);
	assert_int_equal(count_rows(f->s, "publications"), 1); /* the plan */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_put_replace_remove,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(test_index_from_store,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(test_export_published_only,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(test_plan_as_of_and_drafts,
						fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
