/* Published tables laid out as the eighth held-out batch showed, made by
 * hand for each class (sampling_bare.c, sampling_read.c,
 * sampling_place.c, sampling_labels.c): a table with no header, its
 * columns named by the kind of their cells. */
#include "testutil.h"
#include "qcity/sampling.h"

static enum qc_rc import_as(struct fixture *f, const char *csv,
			    const struct qc_sampling_import_opts *o,
			    struct qc_sampling_report *rep,
			    struct qc_error *err)
{
	return qc_sampling_import(f->s, csv, strlen(csv), "t.csv", o, "t", rep,
				  err);
}

/* An import that must succeed; its report is released. */
static void import_ok(struct fixture *f, const char *csv,
		      const struct qc_sampling_import_opts *o)
{
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };

	if (import_as(f, csv, o, &rep, &err)) {
		fail_msg("%s", err.msg);
		abort();
	}
	qc_sampling_report_release(&rep);
}

static void field_of(struct fixture *f, const char *what, const char *where,
		     char *buf, size_t n)
{
	char sql[512];
	snprintf(sql, sizeof(sql), "SELECT %s FROM sampling_results WHERE %s",
		 what, where);
	query_text(f->s, sql, buf, n);
}

/* A caption, then rows with no header: the column of names (a company,
 * a shop) is the enterprise, the first column of plain text the
 * product, a column of failed items (亚硝酸盐超标) or verdicts alone the
 * result; a product numbered in its cell (1、木子辣八豆) is the product
 * without its number. Two columns of names (a seller, a producer) cannot
 * be told apart: refused, asking for --map, writing nothing. */
static void no_header_read_by_kind(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "省",
					     .date = "2016-03-01" };
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	char buf[128];

	import_ok(f,
		  "不合格产品及生产企业,\n"
		  "塑料购物袋,七台河市某塑料有限公司\n"
		  "女式服装,江门市某服饰有限责任公司\n",
		  &o);
	field_of(f, "product || '|' || passed || '|' || region_code",
		 "enterprise_name = '七台河市某塑料有限公司'", buf,
		 sizeof(buf));
	assert_string_equal(buf, "塑料购物袋|0|230900");
	field_of(f, "product || '|' || passed || '|' || region_code",
		 "enterprise_name = '江门市某服饰有限责任公司'", buf,
		 sizeof(buf));
	assert_string_equal(buf, "女式服装|0|440700");

	import_ok(f,
		  "某区2014年食品安全监督抽检公示,,,\n"
		  "1、木子辣八豆,桃山区某综合商店,亚硝酸盐超标,已下架销毁。\n"
		  "2、鱿鱼,桃山区某综合商店,亚硝酸盐超标,已下架销毁。\n",
		  &o);
	field_of(f, "passed || '|' || failed_items",
		 "product = '木子辣八豆' AND enterprise_name = '桃山区某综合商店'",
		 buf, sizeof(buf));
	assert_string_equal(buf, "0|亚硝酸盐超标");
	field_of(f, "passed || '|' || failed_items", "product = '鱿鱼'", buf,
		 sizeof(buf));
	assert_string_equal(buf, "0|亚硝酸盐超标");

	assert_int_equal(import_as(f,
				   "不合格产品名单,,\n"
				   "电线,七台河市某五金店,江门市某电缆有限公司\n"
				   "电缆,桃山区某建材店,江门市某线缆有限公司\n",
				   &o, &rep, &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "--map"));
	field_of(f, "COUNT(*)", "product IN ('电线', '电缆')", buf,
		 sizeof(buf));
	assert_string_equal(buf, "0");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(no_header_read_by_kind,
						fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
