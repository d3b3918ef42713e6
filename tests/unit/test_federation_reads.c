/* What the national server reads by id, where ids repeat across provinces
 * (each province's server numbers its own rows; docs/scaling.md "Names
 * at the nation"): a complaint is (province, id) and its category is its
 * province's name for its id; an enterprise is (held_by, id), its
 * results, credit events and listings its holder's rows, in its page,
 * its grade, the grade counts and the red-list candidates. PostgreSQL
 * only (the national schema); the province rows are applied as
 * replication applies them. */
/* test_pg_admin inlined here: gcc cannot see that test_pg() is the same
 * non-NULL server each time (nation_setup checks it first). */
#pragma GCC diagnostic ignored "-Wformat-truncation"
#include "testutil.h"
#include "qcity/clock.h"
#include "qcity/complaint.h"
#include "qcity/credit.h"
#include "qcity/enterprise.h"
#include "qcity/federation.h"
#include "qcity/nation.h"
#include "qcity/sampling.h"
#include "qcity/workday.h"

struct nation {
	struct test_db db;
	struct qc_store *s;
};

/* One national schema for both tests (making it is the slow part);
 * their rows do not meet (complaints; enterprises and their rows). */
static int nation_setup(void **state)
{
	static struct nation n;
	struct qc_error err = { 0 };

	*state = NULL;
	if (!test_pg())
		return 0;
	snprintf(n.db.dir, sizeof(n.db.dir), "%s", "/tmp/qcity-reads-XXXXXX");
	if (!mkdtemp(n.db.dir) ||
	    test_new_db(n.db.dir, "n.db", n.db.uri, sizeof(n.db.uri),
			n.db.pg) ||
	    qc_store_open(n.db.uri, &n.s, &err) ||
	    qc_fed_national_init(n.s, 2022, 2025, "t", &err) ||
	    !qc_store_national(n.s)) {
		fprintf(stderr, "national schema: %s\n", err.msg);
		return -1;
	}
	*state = &n;
	return 0;
}

static int nation_teardown(void **state)
{
	struct nation *n = *state;
	if (n) {
		qc_store_close(n->s);
		test_db_done(&n->db);
	}
	return 0;
}

static long day(const char *iso)
{
	long d = 0;
	assert_true(qc_date_days(iso, &d));
	return d;
}

/* Two provinces' complaints numbered 1 each (and 430000's 2), their
 * categories named by each province's own id 1; the nation's own
 * catalogue names id 1 otherwise. */
static void complaints_by_province(void **state)
{
	struct nation *nat = *state;
	struct qc_error err = { 0 };
	struct qc_calendar *cal = NULL;
	struct qc_complaint c;
	struct qc_complaint_list l;
	const char *path = getenv("QCITY_CALENDAR");
	int years;

	if (!nat)
		skip();
	struct nation n = *nat;
	if (!path || qc_calendar_load(n.s, path, "t", &years, &err) ||
	    qc_calendar_open(n.s, &cal, &err)) {
		fail_msg("calendar: %s", err.msg);
		abort();
	}
	exec_ok(n.s, "INSERT INTO product_categories (id, name) VALUES"
		     " (1, '国家目录类')");
	exec_ok(n.s,
		"BEGIN; SET LOCAL session_replication_role = replica;"
		" INSERT INTO federation_categories VALUES"
		" ('230000', 1, '电热水壶'), ('430000', 1, '儿童玩具');"
		" INSERT INTO complaints (id, province_code, region_code, kind,"
		" channel, received_on, state, respondent, category_id, text,"
		" last_step_on, created_at) VALUES"
		" (1, '430000', '430102', 'complaint', '12315', '2024-03-01',"
		" 'received', '湘店', 1, 't', '2024-03-01', 'x'),"
		" (1, '230000', '230903', 'complaint', '12315', '2024-03-01',"
		" 'received', '黑店', 1, 't', '2024-03-01', 'x'),"
		" (2, '430000', '430102', 'complaint', '12315', '2024-03-01',"
		" 'received', '湘二店', NULL, 't', '2024-03-01', 'x');"
		" COMMIT");
	long today = day("2024-06-03");

	/* An id alone is refused, naming the provinces that have it. */
	assert_int_equal(qc_complaint_get(n.s, cal, 1, today, &c, &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "230000, 430000"));
	assert_int_equal(qc_complaint_get_at(n.s, cal, NULL, 9, today, &c,
					     &err),
			 QC_ENOTFOUND);
	assert_int_equal(qc_complaint_get_at(n.s, cal, "230000", 2, today, &c,
					     &err),
			 QC_ENOTFOUND);
	const char *want[][3] = { { "230000", "黑店", "电热水壶" },
				  { "430000", "湘店", "儿童玩具" } };
	for (size_t i = 0; i < 2; i++) {
		assert_int_equal(qc_complaint_get_at(n.s, cal, want[i][0], 1,
						     today, &c, &err),
				 QC_OK);
		assert_string_equal(c.province, want[i][0]);
		assert_string_equal(c.respondent, want[i][1]);
		assert_string_equal(c.category, want[i][2]);
		assert_true(c.overdue);
		qc_complaint_release(&c);
	}

	/* The open items: each with its province and its province's
	 * category, one day's and id's in province order. */
	assert_int_equal(qc_complaint_open(n.s, cal, NULL, today, false, &l,
					   &err),
			 QC_OK);
	assert_int_equal(l.n, 3);
	const char *order[][2] = { { "230000", "电热水壶" },
				   { "430000", "儿童玩具" },
				   { "430000", NULL } };
	const int64_t ids[] = { 1, 1, 2 };
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(l.v[i].id, ids[i]);
		assert_string_equal(l.v[i].province, order[i][0]);
		if (order[i][1])
			assert_string_equal(l.v[i].category, order[i][1]);
		else
			assert_null(l.v[i].category);
	}
	qc_complaint_list_release(&l);
	assert_int_equal(qc_complaint_open(n.s, cal, "430000", today, false, &l,
					   &err),
			 QC_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0].province, "430000");
	assert_string_equal(l.v[1].province, "430000");
	qc_complaint_list_release(&l);

	/* The overdue board a page at a time: the cursor names the
	 * province, and each item comes once. */
	char next[QC_COMPLAINT_CURSOR_SIZE], cursor[QC_COMPLAINT_CURSOR_SIZE];
	size_t total;
	cursor[0] = '\0';
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(qc_complaint_overdue(n.s, cal, NULL, today,
						      cursor, 1, &l, &total,
						      next, &err),
				 QC_OK);
		assert_int_equal(total, 3);
		assert_int_equal(l.n, 1);
		assert_int_equal(l.v[0].id, ids[i]);
		assert_string_equal(l.v[0].province, order[i][0]);
		if (i < 2) {
			char tail[16];
			snprintf(tail, sizeof(tail), ".%lld.%s",
				 (long long)ids[i], order[i][0]);
			assert_non_null(strstr(next, tail));
		} else {
			assert_string_equal(next, "");
		}
		snprintf(cursor, sizeof(cursor), "%s", next);
		qc_complaint_list_release(&l);
	}
	/* A cursor without the province goes past every province's item
	 * of that id; a malformed one is refused. */
	assert_int_equal(qc_complaint_overdue(n.s, cal, NULL, today, NULL, 1,
					      &l, &total, next, &err),
			 QC_OK);
	char due[11];
	snprintf(due, sizeof(due), "%s", l.v[0].due);
	qc_complaint_list_release(&l);
	snprintf(cursor, sizeof(cursor), "%s.1", due);
	assert_int_equal(qc_complaint_overdue(n.s, cal, NULL, today, cursor, 10,
					      &l, &total, next, &err),
			 QC_OK);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].id, 2);
	qc_complaint_list_release(&l);
	snprintf(cursor, sizeof(cursor), "%s.1.43", due);
	assert_int_equal(qc_complaint_overdue(n.s, cal, NULL, today, cursor, 10,
					      &l, &total, next, &err),
			 QC_EINVAL);
	/* As a reader sees it: the scope is checked before the provinces
	 * are named, so a region account learns only of its own items. */
	const char *office = NULL, *qth = "230900", *cs = "430100",
		   *bj = "110000";
	assert_int_equal(qc_complaint_get_within(n.s, cal, office, NULL, 1,
						 today, &c, &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "(230000, 430000)"));
	assert_int_equal(qc_complaint_get_within(n.s, cal, qth, NULL, 1, today,
						 &c, &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "(230000)"));
	assert_null(strstr(err.msg, "430000"));
	assert_int_equal(qc_complaint_get_within(n.s, cal, cs, NULL, 1, today,
						 &c, &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "(430000)"));
	assert_null(strstr(err.msg, "230000"));
	/* Nothing of it in its scope: as if there were no item at all, the
	 * same words as for an id nobody has. */
	assert_int_equal(qc_complaint_get_within(n.s, cal, bj, NULL, 1, today,
						 &c, &err),
			 QC_ENOTFOUND);
	assert_string_equal(err.msg, "no complaint or report 1");
	assert_null(strstr(err.msg, "0000"));
	assert_int_equal(qc_complaint_get_within(n.s, cal, qth, NULL, 2, today,
						 &c, &err),
			 QC_ENOTFOUND);
	assert_string_equal(err.msg, "no complaint or report 2");
	/* With the province: another province's item is not there for it,
	 * in the words of an item that does not exist. */
	assert_int_equal(qc_complaint_get_within(n.s, cal, qth, "430000", 1,
						 today, &c, &err),
			 QC_ENOTFOUND);
	assert_string_equal(err.msg, "no complaint or report 1");
	assert_int_equal(qc_complaint_get_within(n.s, cal, qth, "430000", 7,
						 today, &c, &err),
			 QC_ENOTFOUND);
	assert_string_equal(err.msg, "no complaint or report 7");
	assert_int_equal(qc_complaint_get_within(n.s, cal, qth, "230000", 1,
						 today, &c, &err),
			 QC_OK);
	assert_string_equal(c.respondent, "黑店");
	qc_complaint_release(&c);

	/* Writes are refused up front: the items are the provinces'. */
	long long audits = count_rows(n.s, "audit_log");
	assert_int_equal(qc_complaint_move(n.s, 1, "accepted", "2024-03-02",
					   NULL, "t", &err),
			 QC_ECONFLICT);
	assert_non_null(strstr(err.msg, "national server"));
	assert_int_equal(qc_complaint_extend(n.s, 1, "局长", "2024-03-02", "t",
					     &err),
			 QC_ECONFLICT);
	assert_int_equal(qc_complaint_transfer(n.s, 1, "230903", "2024-03-02",
					       "t", &err),
			 QC_ECONFLICT);
	assert_int_equal(qc_complaint_outcome(n.s, 1, 5, -1, "t", &err),
			 QC_ECONFLICT);
	struct qc_complaint_new in = { .kind = QC_COMPLAINT,
				       .channel = "12315",
				       .received_on = "2024-03-01",
				       .region = "230903",
				       .respondent = "黑店",
				       .text = "t",
				       .amount = -1 };
	int64_t cid = 0;
	assert_int_equal(qc_complaint_add(n.s, &in, "t", &cid, &err),
			 QC_ECONFLICT);
	assert_non_null(strstr(err.msg, "province's own server"));
	struct qc_complaint_import im;
	assert_int_equal(qc_complaint_import(n.s, "/nonexistent.csv", NULL, "t",
					     &im, &err),
			 QC_ECONFLICT);
	assert_int_equal(count_rows(n.s, "audit_log"), audits);
	assert_int_equal(count_where(n.s, "SELECT COUNT(*) FROM complaints"
					  " WHERE state = 'received'"),
			 3);

	/* Viewing personal data names the province in the audit. */
	assert_int_equal(qc_complaint_audit_view_at(n.s, "430000", 1, "t",
						    &err),
			 QC_OK);
	assert_int_equal(count_where(n.s, "SELECT COUNT(*) FROM audit_log"
					  " WHERE entity = 'complaint' AND"
					  " entity_key = '430000:1'"),
			 1);
	qc_calendar_free(cal);
}

/* Enterprise 1 of 230000 (甲厂) and enterprise 1 of 430000 (乙厂), and
 * 甲厂 held by 430000 too (its id 2 there): 230000's failed result and
 * penalty of its enterprise 1 are not 乙厂's, 430000's results of its
 * enterprise 1 are not 甲厂's. */
static void enterprises_by_holder(void **state)
{
	struct nation *nat = *state;
	struct qc_error err = { 0 };
	struct qc_enterprise e;
	char version[64], *scheme = NULL;
	size_t len;

	if (!nat)
		skip();
	struct nation n = *nat;
	char path[512];
	snprintf(path, sizeof(path), "%s/credit/scheme.json",
		 getenv("QCITY_DATA") ? getenv("QCITY_DATA") : "data");
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	scheme = malloc(1 << 16);
	assert_non_null(scheme);
	len = fread(scheme, 1, (1 << 16) - 1, f);
	fclose(f);
	assert_int_equal(qc_credit_scheme_load(n.s, scheme, len, "t", version,
					       &err),
			 QC_OK);
	free(scheme);
	exec_ok(n.s, "INSERT INTO regions (code, name, level, parent_code)"
		     " VALUES ('230000', '黑龙江省', 1, NULL),"
		     " ('230900', '七台河市', 2, '230000'),"
		     " ('430000', '湖南省', 1, NULL),"
		     " ('430100', '长沙市', 2, '430000')");
	exec_ok(n.s,
		"BEGIN; SET LOCAL session_replication_role = replica;"
		" INSERT INTO enterprises (id, uscc, name, province_code,"
		" region_code, created_at, held_by) VALUES"
		" (1, '91230900MA00000001', '甲厂', '230000', '230900', 'x',"
		" '230000'),"
		" (1, '91430100MA00000002', '乙厂', '430000', '430100', 'x',"
		" '430000'),"
		" (2, '91230900MA00000001', '甲厂', '230000', '230900', 'x',"
		" '430000'),"
		" (3, '91430100MA00000009', '丙厂', '430000', '430100', 'x',"
		" '230000'),"
		" (4, '91430100MA00000011', '丁厂', '430000', '430102', 'x',"
		" '230000'),"
		" (3, '91430100MA00000011', '丁厂', '430000', '430105', 'x',"
		" '430000');"
		" INSERT INTO sampling_results (id, province_code, region_code,"
		" level, enterprise_id, enterprise_name, product, sampled_on,"
		" passed, imported_at, held_by) VALUES"
		" (1, '230000', '230900', 'county', 1, '甲厂', '水壶',"
		" '2024-05-02', 0, 'x', '230000'),"
		" (1, '430000', '430100', 'county', 1, '乙厂', '玩具',"
		" '2022-05-02', 1, 'x', '430000'),"
		" (2, '430000', '430100', 'county', 1, '乙厂', '玩具',"
		" '2023-05-02', 1, 'x', '430000'),"
		" (3, '430000', '430100', 'county', 1, '乙厂', '玩具',"
		" '2024-05-02', 1, 'x', '430000'),"
		" (2, '430000', '430100', 'county', 3, '丙厂', '电线',"
		" '2024-05-03', 0, 'x', '230000');"
		" INSERT INTO credit_events (id, enterprise_id, kind,"
		" occurred_on, title, created_at, province_code) VALUES"
		" (1, 1, 'penalty', '2024-06-01', '甲厂处罚', 'x', '230000');"
		" INSERT INTO credit_listings (id, enterprise_id, list, ground,"
		" decided_on, public_until, created_at, province_code) VALUES"
		" (1, 1, 'penalty', '甲厂处罚', '2024-06-01', '2027-06-01',"
		" 'x', '230000');"
		" COMMIT");

	/* The page: a code held by two provinces needs the holder; each
	 * holder's record counts its own results. */
	assert_int_equal(qc_enterprise_get(n.s, "91230900MA00000001", &e, &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "230000, 430000"));
	assert_int_equal(qc_enterprise_get_at(n.s, "91230900MA00000001",
					      "230000", &e, &err),
			 QC_OK);
	assert_int_equal(e.samples, 1);
	assert_int_equal(e.failed, 1);
	assert_string_equal(e.held_by, "230000");
	qc_enterprise_release(&e);
	assert_int_equal(qc_enterprise_get_at(n.s, "91230900MA00000001",
					      "430000", &e, &err),
			 QC_OK);
	assert_int_equal(e.id, 2);
	assert_int_equal(e.samples, 0);
	qc_enterprise_release(&e);
	assert_int_equal(qc_enterprise_get_at(n.s, "91430100MA00000002",
					      "230000", &e, &err),
			 QC_ENOTFOUND);
	/* Held by one province: found without it. */
	assert_int_equal(qc_enterprise_get(n.s, "91430100MA00000002", &e, &err),
			 QC_OK);
	assert_int_equal(e.samples, 3);
	assert_int_equal(e.failed, 0);
	qc_enterprise_release(&e);

	/* 丙厂, made in 长沙 and sampled by 230000: its result is 230000's
	 * (held_by, 0027), though its province_code is 430000. */
	assert_int_equal(qc_enterprise_get_at(n.s, "91430100MA00000009",
					      "230000", &e, &err),
			 QC_OK);
	assert_int_equal(e.samples, 1);
	assert_int_equal(e.failed, 1);
	qc_enterprise_release(&e);

	/* As a reader sees it: only the holders whose record lies in the
	 * reader's region are named, or found. 丁厂 is registered in 430102
	 * by 230000's record and in 430105 by 430000's. */
	const char *cs = "430100", *fu = "430102", *qth = "230900";
	assert_int_equal(qc_enterprise_get_within(n.s, "91430100MA00000011",
						  NULL, cs, &e, &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "(230000, 430000)"));
	assert_int_equal(qc_enterprise_get_within(n.s, "91430100MA00000011",
						  NULL, fu, &e, &err),
			 QC_OK);
	assert_string_equal(e.held_by, "230000");
	assert_int_equal(e.id, 4);
	qc_enterprise_release(&e);
	assert_int_equal(qc_enterprise_get_within(n.s, "91430100MA00000011",
						  "430000", fu, &e, &err),
			 QC_ENOTFOUND);
	assert_string_equal(err.msg,
			    "no enterprise 91430100MA00000011 in region 430102");
	assert_int_equal(qc_enterprise_get_within(n.s, "91430100MA00000011",
						  NULL, qth, &e, &err),
			 QC_ENOTFOUND);
	assert_null(strstr(err.msg, "430000"));
	/* An unknown code reads the same to it. */
	assert_int_equal(qc_enterprise_get_within(n.s, "91430100MA00000038",
						  NULL, qth, &e, &err),
			 QC_ENOTFOUND);
	assert_string_equal(err.msg,
			    "no enterprise 91430100MA00000038 in region 230900");

	/* The grade weighs the holder's rows only. */
	struct qc_credit_grade g;
	assert_int_equal(qc_credit_grade_at(n.s, "91430100MA00000002", NULL,
					    "2024-07-01", &g, &err),
			 QC_OK);
	assert_int_equal(g.n, 0);
	assert_null(g.override);
	assert_string_equal(g.grade, "A");
	qc_credit_grade_release(&g);
	assert_int_equal(qc_credit_grade_at(n.s, "91230900MA00000001", "230000",
					    "2024-07-01", &g, &err),
			 QC_OK);
	assert_int_equal(g.n, 2); /* the failure and the penalty */
	qc_credit_grade_release(&g);
	assert_int_equal(qc_credit_grade_at(n.s, "91230900MA00000001", "430000",
					    "2024-07-01", &g, &err),
			 QC_OK);
	assert_int_equal(g.n, 0);
	qc_credit_grade_release(&g);

	/* Graded: those with a record of their own, 甲厂 and 丙厂 of
	 * 230000. */
	struct qc_credit_grade_counts gc;
	assert_int_equal(qc_credit_grade_counts(n.s, NULL, "2024-07-01", &gc,
						&err),
			 QC_OK);
	assert_int_equal(gc.graded, 2);

	/* 乙厂 passed every year of 2022-2024 in 430000, with no listing of
	 * its own: a red-list candidate of 430000's. */
	struct qc_listings l;
	assert_int_equal(qc_credit_red_candidates(n.s, "430000", "2025-06-01",
						  &l, &err),
			 QC_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].name, "乙厂");
	assert_string_equal(l.v[0].province, "430000");
	qc_listings_release(&l);

	/* The sanctions check (the nation's own log) weighs the holder's
	 * listings: 230000's penalty of its enterprise 1 restricts 甲厂
	 * there, not 乙厂, 430000's enterprise 1. */
	struct qc_credit_verdict v;
	assert_int_equal(qc_credit_check_at(n.s, "91430100MA00000002", NULL,
					    "award", "2024-07-01", "t", &v,
					    &err),
			 QC_OK);
	assert_false(v.restricted);
	qc_credit_verdict_release(&v);
	assert_int_equal(qc_credit_check_at(n.s, "91230900MA00000001", "230000",
					    "award", "2024-07-01", "t", &v,
					    &err),
			 QC_OK);
	assert_true(v.restricted);
	assert_int_equal(v.listing_id, 1);
	qc_credit_verdict_release(&v);
	assert_int_equal(qc_credit_check_at(n.s, "91230900MA00000001", "430000",
					    "award", "2024-07-01", "t", &v,
					    &err),
			 QC_OK);
	assert_false(v.restricted);
	qc_credit_verdict_release(&v);
	/* The nation's log says whose enterprise each check weighed: its
	 * ids are every province's. */
	assert_int_equal(count_rows(n.s, "credit_checks WHERE held_by = "
					 "'230000' AND result = 'restricted'"),
			 1);
	assert_int_equal(count_rows(n.s, "credit_checks WHERE held_by = "
					 "'430000' AND result = 'allowed'"),
			 2);
	/* A province that does not hold the code (a typo) is refused, not
	 * read as "no record, allowed": 甲厂 is restricted in 230000. */
	assert_int_equal(qc_credit_check_at(n.s, "91230900MA00000001", "110000",
					    "award", "2024-07-01", "t", &v,
					    &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "110000"));
	qc_credit_verdict_release(&v);
	/* Held by two: the province is needed, as for its grade. */
	assert_int_equal(qc_credit_check(n.s, "91230900MA00000001", "award",
					 "2024-07-01", "t", &v, &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "230000, 430000"));

	/* Writes of province data are refused before anything is read or
	 * written; the ids would be any province's. */
	long long audits = count_rows(n.s, "audit_log");
	struct qc_credit_event_in ev = { .uscc = "91230900MA00000001",
					 .kind = "penalty",
					 .occurred_on = "2024-06-02",
					 .title = "t" };
	int64_t id = 0;
	size_t k = 0;
	assert_int_equal(qc_credit_event_add(n.s, &ev, "t", &id, &err),
			 QC_ECONFLICT);
	assert_non_null(strstr(err.msg, "national server"));
	assert_int_equal(qc_store_refuse_national_write(n.s, &err),
			 QC_ECONFLICT);
	struct qc_listing_in li = { .uscc = "91230900MA00000001",
				    .list = "black",
				    .ground = "t",
				    .decided_on = "2024-06-02" };
	assert_int_equal(qc_credit_list_add(n.s, &li, "t", &id, &err),
			 QC_ECONFLICT);
	assert_int_equal(qc_credit_repair_apply(n.s, 1, "2024-09-01", "t",
						&err),
			 QC_ECONFLICT);
	assert_int_equal(qc_credit_repair_approve(n.s, 1, "2024-09-01", "t",
						  &err),
			 QC_ECONFLICT);
	assert_int_equal(qc_credit_publish(n.s, 1, "2024-09-01", "t", &err),
			 QC_ECONFLICT);
	assert_int_equal(qc_credit_expire(n.s, "2030-01-01", "t", &k, &err),
			 QC_ECONFLICT);
	assert_int_equal(qc_credit_sync_complaints(n.s, "t", &k, &err),
			 QC_ECONFLICT);
	assert_int_equal(qc_credit_regrade(n.s, NULL, "t", &k, &err),
			 QC_ECONFLICT);
	const char csv[] = "统一社会信用代码,处罚决定书文号,处罚日期\n"
			   "91230900MA00000001,黑市监罚〔2024〕9号,2024-06-02\n";
	assert_int_equal(qc_credit_penalty_import(n.s, csv, sizeof(csv) - 1,
						  "p.csv", "t", &k, &err),
			 QC_ECONFLICT);
	const char reg[] = "统一社会信用代码,企业名称\n"
			   "91230900MA00000001,甲厂\n";
	assert_int_equal(qc_enterprise_import(n.s, reg, sizeof(reg) - 1,
					      "e.csv", false, "t", &k, &err),
			 QC_ECONFLICT);
	/* A sampling import too: results are the provinces' (each imports
	 * its own regions), refused before the table is read. */
	const char res[] = "生产企业,产品名称,抽样日期,检验结论\n"
			   "甲厂,电饭锅,2024-06-02,合格\n";
	struct qc_sampling_import_opts so = { .region = "230900",
					      .level = "省" };
	struct qc_sampling_report rep;
	assert_int_equal(qc_sampling_import(n.s, res, sizeof(res) - 1, "r.csv",
					    &so, "t", &rep, &err),
			 QC_ECONFLICT);
	assert_non_null(strstr(err.msg, "national server"));
	qc_sampling_report_release(&rep);
	assert_int_equal(count_rows(n.s, "audit_log"), audits);
	assert_int_equal(count_rows(n.s, "credit_listings"), 1);
}

/* One text of the registry read at the nation and on a province's server
 * in one process: each gets its own side of the text (nation.c resolves
 * a text once, for both sides), whichever side came first. */
static void one_text_each_side(void **state)
{
	struct nation *nat = *state;
	struct qc_error err = { 0 };
	struct qc_calendar *cal = NULL;
	struct qc_complaint c;
	struct test_db pdb;
	struct qc_store *p;

	if (!nat)
		skip();
	test_db_new(&pdb, "p.db");
	assert_int_equal(qc_store_open(pdb.uri, &p, &err), QC_OK);
	assert_false(qc_store_national(p));
	exec_ok(p, "INSERT INTO regions (code, name, level, parent_code)"
		   " VALUES ('230000', '黑龙江省', 1, NULL),"
		   " ('230903', '桃山区', 3, '230000');"
		   " INSERT INTO product_categories (id, name) VALUES"
		   " (1, '省目录类');"
		   " INSERT INTO complaints (id, province_code, region_code,"
		   " kind, channel, received_on, state, respondent,"
		   " category_id, text, last_step_on, created_at) VALUES"
		   " (1, '230000', '230903', 'complaint', '12315',"
		   " '2024-03-01', 'received', '省店', 1, 't', '2024-03-01',"
		   " 'x')");
	assert_int_equal(qc_calendar_open(nat->s, &cal, &err), QC_OK);
	/* complaints_by_province read this text at the nation already. */
	for (int round = 0; round < 2; round++) {
		assert_int_equal(qc_complaint_get_at(p, cal, "230000", 1,
						     day("2024-03-02"), &c,
						     &err),
				 QC_OK);
		assert_string_equal(c.respondent, "省店");
		assert_string_equal(c.category, "省目录类");
		qc_complaint_release(&c);
		assert_int_equal(qc_complaint_get_at(nat->s, cal, "230000", 1,
						     day("2024-03-02"), &c,
						     &err),
				 QC_OK);
		assert_string_equal(c.respondent, "黑店");
		assert_string_equal(c.category, "电热水壶");
		qc_complaint_release(&c);
	}
	qc_calendar_free(cal);
	qc_store_close(p);
	test_db_done(&pdb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(complaints_by_province),
		cmocka_unit_test(enterprises_by_holder),
		cmocka_unit_test(one_text_each_side),
	};
	return cmocka_run_group_tests(tests, nation_setup, nation_teardown);
}
