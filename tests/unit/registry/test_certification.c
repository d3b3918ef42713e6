/* The certification register (认证): an import whose holders find their
 * county through the enterprises table or --region, refused whole with
 * its line and field (a bad date, an unknown kind with the accepted
 * names, a missing expiry), a re-import that updates and audits, the
 * figures as of a day (valid, then expired; a suspended or revoked one
 * never counted; one not yet issued not counted), the list's order and
 * its keyset pages, and a bound indicator fed and kept current. */
#include "../testutil.h"
#include "qcity/audit.h"
#include "qcity/certification.h"
#include "qcity/clock.h"
#include "qcity/indicator.h"

/* 甲 is registered in 新兴区 (230902): its certificates go there
 * whatever --region says. C-4 is suspended, C-6 revoked. */
#define USCC_A "91230902MA0000015C"
static const char register_csv[] =
	"证书编号,获证组织名称,统一社会信用代码,认证项目,认证范围,认证机构,"
	"发证日期,证书到期日期,证书状态\n"
	"C-1,甲食品公司," USCC_A ",质量管理体系认证,糕点生产,中国质量认证中心,"
	"2022-01-10,2025-01-09,有效\n"
	"C-2,甲食品公司," USCC_A ",HACCP体系认证,糕点生产,中国质量认证中心,"
	"2023-03-01,2026-02-28,有效\n"
	"C-3,乙农业合作社,,有机产品,大米,某有机认证中心,2024-01-01,"
	"2024-12-31,有效\n"
	"C-4,丙电器厂,,CCC,电热水壶,中国质量认证中心,2020-05-01,2025-04-30,"
	"暂停\n"
	"C-5,丁茶场,,绿色食品,绿茶,中国绿色食品发展中心,2023/6/1,"
	"2026年5月31日,有效\n"
	"C-6,戊机械公司,,ISO 14001,机械加工,某认证公司,2021-01-01,"
	"2027-01-01,撤销\n";

static void write_csv(struct fixture *f, const char *name, const char *text,
		      char *path, size_t n)
{
	snprintf(path, n, "%s/%s", f->dir, name);
	write_file(path, text);
}

static enum qc_rc import(struct fixture *f, const char *text,
			 struct qc_import_counts *st, struct qc_error *err)
{
	char path[300];
	write_csv(f, "certs.csv", text, path, sizeof(path));
	return qc_certification_import(f->s, path, "桃山区", "t", st, err);
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
	setenv("QCITY_NOW", "2024-06-30", 1);
	exec_ok(f->s, "INSERT INTO enterprises (uscc, verified, name,"
		      " province_code, region_code, created_at) VALUES"
		      " ('" USCC_A "', 1, '甲食品公司', '230000', '230902',"
		      " '2024-01-01T00:00:00Z')");
	import_ok(f, register_csv, &st);
	assert_int_equal(st.added, 6);
	assert_int_equal(st.updated, 0);
}

static void import_finds_counties(void **state)
{
	struct fixture *f = *state;
	char region[16] = "", kind[32] = "";

	the_register(f);
	query_text(f->s,
		   "SELECT region_code FROM certificates WHERE number ="
		   " 'C-1'",
		   region, sizeof(region));
	assert_string_equal(region, "230902"); /* the enterprise's county */
	query_text(f->s,
		   "SELECT region_code FROM certificates WHERE number ="
		   " 'C-3'",
		   region, sizeof(region));
	assert_string_equal(region, "230903"); /* --region */
	query_text(f->s, "SELECT kind FROM certificates WHERE number = 'C-6'",
		   kind, sizeof(kind));
	assert_string_equal(kind, "iso14001");
	assert_int_equal(count_where(f->s, "SELECT COUNT(*) FROM certificates"
					   " WHERE enterprise_id IS NOT NULL"),
			 2);
	assert_int_equal(count_where(f->s, "SELECT COUNT(*) FROM certificates"
					   " WHERE number = 'C-5' AND"
					   " issued_on = '2023-06-01' AND"
					   " expires_on = '2026-05-31'"),
			 1);
	assert_int_equal(count_where(f->s, "SELECT COUNT(*) FROM audit_log"
					   " WHERE entity = 'certification' AND"
					   " action = 'insert'"),
			 6);
	assert_int_equal(count_where(f->s, "SELECT COUNT(*) FROM audit_log"
					   " WHERE entity = 'certification' AND"
					   " action = 'import'"),
			 1);
	unsetenv("QCITY_NOW");
}

/* path's import fails with QC_EINVAL naming each of the words. */
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

#define HEAD                                                                                         \
	"证书编号,获证组织名称,认证项目,认证机构,发证日期,证书到期日期," \
	"证书状态\n"

static void import_refused_whole(void **state)
{
	struct fixture *f = *state;
	long long audits = count_rows(f->s, "audit_log");

	setenv("QCITY_NOW", "2024-06-30", 1);
	/* A bad date on line 3: line 2 is not written either. */
	refused(f,
		HEAD "X1,甲,CCC,某机构,2024-01-01,2027-01-01,有效\n"
		     "X2,乙,CCC,某机构,去年,2027-01-01,有效\n",
		"line 3", "发证日期", NULL);
	/* A kind the catalogue lacks: the accepted names are listed. */
	refused(f,
		HEAD "X1,甲,CCC,某机构,2024-01-01,2027-01-01,有效\n"
		     "X2,乙,五星服务认证,某机构,2024-01-01,2027-01-01,有效\n",
		"line 3", "认证项目", "质量管理体系认证");
	/* No expiry: none is assumed. */
	refused(f, HEAD "X1,甲,有机产品,某机构,2024-01-01,,有效\n", "line 2",
		"证书到期日期", "is empty");
	refused(f,
		"证书编号,获证组织名称,认证项目,认证机构,发证日期\n"
		"X1,甲,有机产品,某机构,2024-01-01\n",
		"no column", "证书到期日期", NULL);
	/* An expiry before the issue, a status the list does not know, a
	 * 过期 the date contradicts. */
	refused(f, HEAD "X1,甲,CCC,某机构,2024-01-01,2023-01-01,有效\n",
		"line 2", "证书到期日期", "before");
	refused(f, HEAD "X1,甲,CCC,某机构,2024-01-01,2027-01-01,良好\n",
		"line 2", "证书状态", NULL);
	refused(f, HEAD "X1,甲,CCC,某机构,2024-01-01,2027-01-01,过期\n",
		"line 2", "证书状态", NULL);
	/* A prefecture is not a county. */
	{
		struct qc_import_counts st;
		struct qc_error err = { 0 };
		char path[300];
		write_csv(f, "p.csv",
			  HEAD "X1,甲,CCC,某机构,2024-01-01,2027-01-01,有效\n",
			  path, sizeof(path));
		assert_int_equal(qc_certification_import(f->s, path, "七台河市",
							 "t", &st, &err),
				 QC_EINVAL);
		assert_non_null(strstr(err.msg, "line 2"));
	}
	assert_int_equal(count_rows(f->s, "certificates"), 0);
	assert_int_equal(count_rows(f->s, "audit_log"), audits);
	/* 过期 that the date agrees with is taken: the date tells. */
	struct qc_import_counts st;
	import_ok(f, HEAD "X1,甲,CCC,某机构,2020-01-01,2024-01-01,过期\n", &st);
	assert_int_equal(st.added, 1);
	unsetenv("QCITY_NOW");
}

static void reimport_updates_and_audits(void **state)
{
	struct fixture *f = *state;
	struct qc_import_counts st;
	struct qc_certification_figures fig;
	struct qc_error err = { 0 };

	the_register(f);
	import_ok(f, register_csv, &st);
	assert_int_equal(st.added, 0);
	assert_int_equal(st.updated, 0);
	assert_int_equal(st.unchanged, 6);
	assert_int_equal(count_rows(f->s, "certificates"), 6);
	/* The body lifts C-4's suspension: updated, before and after. */
	import_ok(f,
		  HEAD
		  "C-4,丙电器厂,CCC,中国质量认证中心,2020-05-01,2025-04-30,"
		  "有效\n",
		  &st);
	assert_int_equal(st.updated, 1);
	assert_int_equal(count_rows(f->s, "certificates"), 6);
	assert_int_equal(count_where(f->s,
				     "SELECT COUNT(*) FROM audit_log"
				     " WHERE entity = 'certification'"
				     " AND action = 'update' AND"
				     " entity_key = '中国质量认证中心/C-4'"
				     " AND before_json LIKE"
				     " '%suspended%' AND after_json LIKE"
				     " '%\"valid\"%'"),
			 1);
	assert_int_equal(qc_certification_figures(f->s, "230900",
						  day("2024-06-30"), &fig,
						  &err),
			 QC_OK);
	assert_int_equal(fig.valid, 5);
	assert_int_equal(fig.product, 1);
	assert_int_equal(fig.suspended, 0);
	/* The same number from another body is another certificate. */
	import_ok(f,
		  HEAD "C-4,丙电器厂,CCC,另一认证机构,2020-05-01,2025-04-30,"
		       "有效\n",
		  &st);
	assert_int_equal(st.added, 1);
	assert_int_equal(count_rows(f->s, "certificates"), 7);
	unsetenv("QCITY_NOW");
}

static void figures_as_of_a_day(void **state)
{
	struct fixture *f = *state;
	struct qc_certification_figures fig;
	struct qc_error err = { 0 };
	double v;

	the_register(f);
	/* 30 June 2024: C-1, C-2 (甲), C-3 (乙), C-5 (丁) valid; C-4
	 * suspended, C-6 revoked. */
	assert_int_equal(qc_certification_figures(f->s, "230900",
						  day("2024-06-30"), &fig,
						  &err),
			 QC_OK);
	assert_int_equal(fig.valid, 4);
	assert_int_equal(fig.by_kind[1], 1); /* iso9001 */
	assert_int_equal(fig.by_kind[4], 1); /* food_safety */
	assert_int_equal(fig.by_kind[0], 0); /* ccc: C-4 suspended */
	assert_int_equal(fig.holders, 3);
	assert_int_equal(fig.system, 2);
	assert_int_equal(fig.system_holders, 1);
	assert_int_equal(fig.product_holders, 0);
	assert_int_equal(fig.agri, 2);
	assert_int_equal(fig.agri_holders, 2);
	assert_int_equal(fig.expiring, 0);
	assert_int_equal(fig.suspended, 1);
	assert_int_equal(fig.revoked, 1);
	assert_true(qc_certification_measure(&fig, "agri_certificates", &v) &&
		    v == 2.0);
	assert_true(qc_certification_measure(&fig, "holders", &v) && v == 3.0);
	assert_false(qc_certification_measure(&fig, "speed", &v));
	/* Within 90 days: C-3 (31 December) from 2 October on, C-1 (9
	 * January) too by 1 November. */
	assert_int_equal(qc_certification_figures(f->s, "230900",
						  day("2024-10-01"), &fig,
						  &err),
			 QC_OK);
	assert_int_equal(fig.expiring, 0);
	assert_int_equal(qc_certification_figures(f->s, "230900",
						  day("2024-10-02"), &fig,
						  &err),
			 QC_OK);
	assert_int_equal(fig.expiring, 1);
	assert_int_equal(qc_certification_figures(f->s, "230900",
						  day("2024-11-01"), &fig,
						  &err),
			 QC_OK);
	assert_int_equal(fig.expiring, 2);
	/* C-3 is valid through 31 December, expired on 1 January. */
	assert_int_equal(qc_certification_figures(f->s, "230900",
						  day("2024-12-31"), &fig,
						  &err),
			 QC_OK);
	assert_int_equal(fig.valid, 4);
	assert_int_equal(qc_certification_figures(f->s, "230900",
						  day("2025-01-01"), &fig,
						  &err),
			 QC_OK);
	assert_int_equal(fig.valid, 3);
	assert_int_equal(fig.expired, 1);
	assert_int_equal(fig.agri_holders, 1);
	/* 10 January 2025: C-1 too; 甲 still holds C-2. */
	assert_int_equal(qc_certification_figures(f->s, "230900",
						  day("2025-01-10"), &fig,
						  &err),
			 QC_OK);
	assert_int_equal(fig.valid, 2);
	assert_int_equal(fig.holders, 2);
	assert_int_equal(fig.system_holders, 1);
	/* 1 February 2023: C-2, C-3 and C-5 not issued yet. */
	assert_int_equal(qc_certification_figures(f->s, "230900",
						  day("2023-02-01"), &fig,
						  &err),
			 QC_OK);
	assert_int_equal(fig.valid, 1);
	/* By county: 甲's two in 新兴区, C-3 and C-5 in 桃山区. */
	assert_int_equal(qc_certification_figures(f->s, "230902",
						  day("2024-06-30"), &fig,
						  &err),
			 QC_OK);
	assert_int_equal(fig.valid, 2);
	assert_int_equal(fig.holders, 1);
	assert_int_equal(qc_certification_figures(f->s, "230903",
						  day("2024-06-30"), &fig,
						  &err),
			 QC_OK);
	assert_int_equal(fig.valid, 2);
	assert_int_equal(fig.agri, 2);
	unsetenv("QCITY_NOW");
}

static void list_pages(void **state)
{
	struct fixture *f = *state;
	static const char *const order[] = { "C-3", "C-1", "C-2",
					     "C-5", "C-4", "C-6" };
	struct qc_certification_query q = { .region = "230900", .limit = 4 };
	struct qc_certificate_list l;
	struct qc_error err = { 0 };
	char next[QC_CERTIFICATION_CURSOR_SIZE];
	size_t total, seen = 0;

	the_register(f);
	/* Valid first, the soonest expiry first; then suspended, revoked. */
	do {
		assert_int_equal(qc_certification_page(f->s, &q,
						       day("2024-06-30"), &l,
						       &total, next, &err),
				 QC_OK);
		assert_int_equal(total, 6);
		for (size_t i = 0; i < l.n; i++)
			assert_string_equal(l.v[i].number, order[seen + i]);
		if (seen == 0) {
			assert_int_equal(l.n, 4);
			assert_string_equal(l.v[0].state, "valid");
			assert_int_equal(l.v[0].days_left, 184);
		}
		seen += l.n;
		qc_certificate_list_release(&l);
		/* One buffer for the cursor read and the one written: the
		 * page reads after before it clears next. */
		q.after = next;
	} while (next[0]);
	assert_int_equal(seen, 6);
	/* As of 2025-01-01 C-3 is expired; by kind name and by state. */
	struct qc_certification_query e = { .state = "expired" };
	assert_int_equal(qc_certification_page(f->s, &e, day("2025-01-01"), &l,
					       NULL, NULL, &err),
			 QC_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].number, "C-3");
	qc_certificate_list_release(&l);
	struct qc_certification_query k = { .kind = "有机产品认证" };
	assert_int_equal(qc_certification_page(f->s, &k, day("2024-06-30"), &l,
					       NULL, NULL, &err),
			 QC_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].kind, "organic");
	qc_certificate_list_release(&l);
	k.kind = "五星";
	assert_int_equal(qc_certification_page(f->s, &k, day("2024-06-30"), &l,
					       NULL, NULL, &err),
			 QC_EINVAL);
	struct qc_certification_query b = { .state = "lapsed" };
	assert_int_equal(qc_certification_page(f->s, &b, day("2024-06-30"), &l,
					       NULL, NULL, &err),
			 QC_EINVAL);
	b.state = NULL;
	b.after = "9|x|y";
	assert_int_equal(qc_certification_page(f->s, &b, day("2024-06-30"), &l,
					       NULL, NULL, &err),
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
	int64_t agri, holders;

	the_register(f);
	assert_int_equal(qc_indicator_ensure(f->s,
					     "绿色食品、有机食品和无公害农产品"
					     "认证数量",
					     "个", false, &agri, &err),
			 QC_OK);
	assert_int_equal(qc_indicator_ensure(f->s, "获证企业数", "家", false,
					     &holders, &err),
			 QC_OK);
	assert_int_equal(qc_certification_bind(f->s,
					       "绿色食品、有机食品和无公害农产"
					       "品认证数量",
					       "agri_certificates", "t", &err),
			 QC_OK);
	assert_int_equal(qc_certification_bind(f->s, "获证企业数", "holders",
					       "t", &err),
			 QC_OK);
	assert_int_equal(qc_certification_bind(f->s, "获证企业数", "speed", "t",
					       &err),
			 QC_EINVAL);
	assert_int_equal(qc_certification_bind(f->s, "没有这个指标", "holders",
					       "t", &err),
			 QC_ENOTFOUND);
	/* This year as of today (30 June), 2023 as of 31 December. */
	assert_true(stored(f, agri, "230900", "2024") == 2.0);
	assert_true(stored(f, agri, "230903", "2024") == 2.0);
	assert_true(stored(f, agri, "230900", "2023") == 1.0);
	assert_true(stored(f, holders, "230900", "2024") == 3.0);
	assert_true(stored(f, holders, "230902", "2024") == 1.0);
	/* An import rewrites them: a new 无公害农产品 in 桃山区. */
	import_ok(f,
		  HEAD "C-7,己蔬菜基地,无公害农产品,某农产品质量安全中心,"
		       "2024-05-01,2027-04-30,有效\n",
		  &st);
	assert_int_equal(st.added, 1);
	assert_true(stored(f, agri, "230900", "2024") == 3.0);
	assert_true(stored(f, holders, "230903", "2024") == 3.0);
	assert_int_equal(count_where(f->s, "SELECT COUNT(*) FROM audit_log"
					   " WHERE entity = 'indicator' AND"
					   " action = 'bind'"),
			 2);
	unsetenv("QCITY_NOW");
}

static void kinds_by_name(void **state)
{
	(void)state;
	assert_string_equal(qc_certification_kind("ISO 9001"), "iso9001");
	assert_string_equal(qc_certification_kind("质量管理体系"), "iso9001");
	assert_string_equal(qc_certification_kind("haccp"), "food_safety");
	assert_string_equal(qc_certification_kind("中国强制性产品认证"), "ccc");
	assert_string_equal(qc_certification_kind("绿色食品"), "green_food");
	assert_string_equal(qc_certification_kind("无公害农产品认证"),
			    "pollution_free");
	assert_string_equal(qc_certification_kind("service"), "service");
	assert_null(qc_certification_kind("认证"));
	assert_null(qc_certification_kind(""));
	assert_null(qc_certification_kind("ISO 9002"));
	assert_string_equal(qc_certification_group("organic"), "agri");
	assert_string_equal(qc_certification_group("ccc"), "product");
	assert_null(qc_certification_group("other"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(kinds_by_name),
		cmocka_unit_test_setup_teardown(import_finds_counties,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(import_refused_whole,
						fixture_setup,
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
