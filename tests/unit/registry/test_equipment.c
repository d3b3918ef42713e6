/* The special-equipment register: figures against hand-computed values
 * (a due inspected late is not on time; a unit scrapped before its due
 * date is not due; the rate never above 100), an import refused whole
 * with its line and field, a re-import that updates and never
 * duplicates, audit rows, and a bound indicator kept current. */
#include <math.h>

#include <xlsxwriter.h>

#include "../testutil.h"
#include "qcity/audit.h"
#include "qcity/clock.h"
#include "qcity/equipment.h"
#include "qcity/equipment_read.h"
#include "qcity/indicator.h"

/* Five units: A due 1 Mar and inspected before it, B due 1 Apr and
 * inspected on 15 Apr (late), C scrapped on 1 May before its due of
 * 1 Jun, D due 1 Jul and never inspected, E not due until 2025. */
static const char register_csv[] =
	"注册代码,设备类别,使用单位,统一社会信用代码,所在区县,使用登记日期,"
	"下次检验日期,设备状态,状态日期\n"
	"3110230903A,电梯,某小区物业,,桃山区,2015-03-02,2024-03-01,在用,\n"
	"2110230903B,锅炉,某热电厂,,桃山区,2010/5/6,2024-04-01,在用,\n"
	"4110230902C,起重机械,某机械厂,,230902,2012年1月9日,2024-06-01,报废,"
	"2024-05-01\n"
	"2310230902D,压力容器,某化工厂,,230902,2018-08-08,2024-07-01,在用,\n"
	"6110230903E,大型游乐设施,某公园,,桃山区,2020-06-01,2025-06-01,在用,"
	"\n";

static void write_csv(struct fixture *f, const char *name, const char *text,
		      char *path, size_t n)
{
	snprintf(path, n, "%s/%s", f->dir, name);
	write_file(path, text);
}

static void import_ok(struct fixture *f, const char *text,
		      struct qc_import_counts *st)
{
	struct qc_error err = { 0 };
	char path[300];
	write_csv(f, "register.csv", text, path, sizeof(path));
	if (qc_equipment_import(f->s, path, NULL, "t", st, &err)) {
		fail_msg("import: %s", err.msg);
		abort();
	}
}

static void inspect_ok(struct fixture *f, const char *code, const char *on,
		       const char *result, const char *next)
{
	struct qc_error err = { 0 };
	if (qc_equipment_inspect(f->s, code, on, result, next, "t", &err)) {
		fail_msg("inspect %s: %s", code, err.msg);
		abort();
	}
}

static long today(void)
{
	return qc_today_days();
}

static void the_year_2024(struct fixture *f)
{
	struct qc_import_counts st;
	setenv("QCITY_NOW", "2024-12-31", 1);
	import_ok(f, register_csv, &st);
	assert_int_equal(st.added, 5);
	inspect_ok(f, "3110230903A", "2024-02-20", "合格", "2025-03-01");
	inspect_ok(f, "2110230903B", "2024-04-15", "合格", "2025-04-15");
}

static void figures_by_hand(void **state)
{
	struct fixture *f = *state;
	struct qc_equipment_figures fig;
	struct qc_equipment_accident a = { .date = "2024-08-01",
					   .code = "3110230903A",
					   .deaths = 1,
					   .injuries = 2 };
	struct qc_error err = { 0 };
	double v;
	int64_t id;

	the_year_2024(f);
	assert_int_equal(qc_equipment_accident(f->s, &a, "t", &id, &err),
			 QC_OK);
	assert_int_equal(qc_equipment_figures(f->s, "230900", 2024, today(),
					      &fig, &err),
			 QC_OK);
	/* In use at the year's end: A, B, D, E (C scrapped). Due: A, B, D
	 * (C scrapped first, E in 2025); on time: A only. Overdue: D. */
	assert_int_equal(fig.in_use, 4);
	assert_int_equal(fig.due, 3);
	assert_int_equal(fig.on_time, 1);
	assert_int_equal(fig.overdue, 1);
	assert_int_equal(fig.accidents, 1);
	assert_int_equal(fig.deaths, 1);
	assert_int_equal(fig.injuries, 2);
	assert_true(qc_equipment_measure(&fig, "inspection_rate", &v));
	assert_true(fabs(v - 100.0 / 3.0) < 1e-9);
	assert_true(qc_equipment_measure(&fig, "accidents_per_10k", &v));
	assert_true(v == 2500.0); /* 1 of 4 units, per 10 000 */
	assert_true(qc_equipment_measure(&fig, "deaths_per_10k", &v));
	assert_true(v == 2500.0);

	/* 桃山区 alone: A, B, E in use; A and B due, A on time. */
	assert_int_equal(qc_equipment_figures(f->s, "230903", 2024, today(),
					      &fig, &err),
			 QC_OK);
	assert_int_equal(fig.in_use, 3);
	assert_int_equal(fig.due, 2);
	assert_int_equal(fig.on_time, 1);

	/* A second inspection of A answers its 2025 due, not 2024's: the
	 * rate stays at or below 100. */
	inspect_ok(f, "3110230903A", "2024-12-30", "合格", "2025-12-30");
	assert_int_equal(qc_equipment_figures(f->s, "230903", 2024, today(),
					      &fig, &err),
			 QC_OK);
	assert_int_equal(fig.due, 2);
	assert_int_equal(fig.on_time, 1);
	assert_true(qc_equipment_measure(&fig, "inspection_rate", &v) &&
		    v <= 100.0);

	/* Halfway through the year the later dues are not due yet. */
	assert_int_equal(qc_equipment_figures(f->s, "230900", 2024,
					      today() - 200, &fig, &err),
			 QC_OK);
	assert_int_equal(fig.due, 2); /* A and B, before 15 June */
	/* No units: no rate, no accident figures. */
	assert_int_equal(qc_equipment_figures(f->s, "640502", 2024, today(),
					      &fig, &err),
			 QC_OK);
	assert_false(qc_equipment_measure(&fig, "inspection_rate", &v));
	assert_false(qc_equipment_measure(&fig, "accidents_per_10k", &v));
	unsetenv("QCITY_NOW");
}

static void list_overdue_first(void **state)
{
	struct fixture *f = *state;
	struct qc_equipment_list l;
	struct qc_error err = { 0 };

	the_year_2024(f);
	inspect_ok(f, "6110230903E", "2024-12-01", "不合格", NULL);
	assert_int_equal(qc_equipment_list(f->s, "230900", true, today(), &l,
					   &err),
			 QC_OK);
	/* D is 183 days past 1 July; E failed 30 days ago; C is scrapped. */
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0].code, "2310230902D");
	assert_int_equal(l.v[0].days_overdue, 183);
	assert_string_equal(l.v[1].code, "6110230903E");
	assert_int_equal(l.v[1].days_overdue, 30);
	qc_equipment_list_release(&l);
	assert_int_equal(qc_equipment_list(f->s, NULL, false, today(), &l,
					   &err),
			 QC_OK);
	assert_int_equal(l.n, 5);
	qc_equipment_list_release(&l);
	/* A failed unit has no next date; a pass needs one. */
	assert_int_equal(qc_equipment_inspect(f->s, "6110230903E", "2024-12-20",
					      "复检合格", NULL, "t", &err),
			 QC_EINVAL);
	assert_int_equal(qc_equipment_inspect(f->s, "6110230903E", "2024-12-20",
					      "不合格", "2025-01-01", "t",
					      &err),
			 QC_EINVAL);
	assert_int_equal(qc_equipment_inspect(f->s, "NOPE", "2024-12-20",
					      "合格", "2025-01-01", "t", &err),
			 QC_ENOTFOUND);
	assert_int_equal(qc_equipment_inspect(f->s, "4110230902C", "2024-12-20",
					      "合格", "2025-01-01", "t", &err),
			 QC_ECONFLICT);
	unsetenv("QCITY_NOW");
}

static void import_refused_whole(void **state)
{
	struct fixture *f = *state;
	struct qc_import_counts st;
	struct qc_error err = { 0 };
	char path[300];
	long long audits = count_rows(f->s, "audit_log");

	write_csv(f, "bad.csv",
		  "注册代码,设备类别,使用单位,下次检验日期\n"
		  "X1,电梯,甲,2025-01-01\n"
		  "X2,拖拉机,乙,2025-01-01\n",
		  path, sizeof(path));
	assert_int_equal(qc_equipment_import(f->s, path, "桃山区", "t", &st,
					     &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "line 3"));
	assert_non_null(strstr(err.msg, "设备类别"));
	write_csv(f, "bad2.csv",
		  "设备代码,设备种类,使用单位名称,下次检验日期\n"
		  "X1,电梯,甲,2025-13-01\n",
		  path, sizeof(path));
	assert_int_equal(qc_equipment_import(f->s, path, "桃山区", "t", &st,
					     &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "line 2"));
	assert_non_null(strstr(err.msg, "下次检验日期"));
	write_csv(f, "bad3.csv", "设备代码,使用单位\nX1,甲\n", path,
		  sizeof(path));
	assert_int_equal(qc_equipment_import(f->s, path, "桃山区", "t", &st,
					     &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "设备类别"));
	/* A prefecture registers nothing: the county is asked for. */
	write_csv(f, "bad4.csv", "设备代码,设备种类,使用单位\nX1,电梯,甲\n",
		  path, sizeof(path));
	assert_int_equal(qc_equipment_import(f->s, path, "七台河市", "t", &st,
					     &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "line 2"));
	assert_int_equal(count_rows(f->s, "equipment"), 0);
	assert_int_equal(count_rows(f->s, "audit_log"), audits);
}

static void reimport_updates(void **state)
{
	struct fixture *f = *state;
	struct qc_import_counts st;

	the_year_2024(f);
	import_ok(f, register_csv, &st);
	assert_int_equal(st.added, 0);
	assert_int_equal(st.updated, 0);
	assert_int_equal(st.unchanged, 5);
	assert_int_equal(count_rows(f->s, "equipment"), 5);
	/* One unit stopped: updated, audited with before and after. */
	import_ok(f,
		  "注册代码,设备类别,使用单位,所在区县,下次检验日期,设备状态,"
		  "停用日期\n"
		  "2310230902D,压力容器,某化工厂,230902,2024-07-01,停用,"
		  "2024-06-15\n",
		  &st);
	assert_int_equal(st.updated, 1);
	assert_int_equal(count_rows(f->s, "equipment"), 5);
	assert_int_equal(count_where(f->s, "SELECT COUNT(*) FROM audit_log"
					   " WHERE entity = 'equipment' AND"
					   " action = 'insert'"),
			 5);
	assert_int_equal(count_where(f->s, "SELECT COUNT(*) FROM audit_log"
					   " WHERE entity = 'equipment' AND"
					   " action = 'update' AND entity_key ="
					   " '2310230902D' AND before_json LIKE"
					   " '%in_use%' AND after_json LIKE"
					   " '%stopped%'"),
			 1);
	assert_int_equal(count_where(f->s, "SELECT COUNT(*) FROM audit_log"
					   " WHERE entity = 'equipment' AND"
					   " action = 'inspect'"),
			 2);
	/* Stopped before its due of 1 July, D is no longer due. */
	struct qc_equipment_figures fig;
	struct qc_error err = { 0 };
	assert_int_equal(qc_equipment_figures(f->s, "230900", 2024, today(),
					      &fig, &err),
			 QC_OK);
	assert_int_equal(fig.due, 2);
	assert_int_equal(fig.overdue, 0);
	unsetenv("QCITY_NOW");
}

/* A workbook: the same headings, a date cell as its serial number
 * (45383 is 2024-04-01), a class by its code. */
static void workbook_import(void **state)
{
	struct fixture *f = *state;
	struct qc_import_counts st;
	struct qc_error err = { 0 };
	char path[300], due[64] = "";
	const char *head[] = { "设备注册代码", "设备种类", "使用单位名称",
			       "下次定期检验日期" };

	snprintf(path, sizeof(path), "%s/register.xlsx", f->dir);
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
	for (int c = 0; c < 4; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], NULL);
	worksheet_write_string(ws, 1, 0, "5110230903X", NULL);
	worksheet_write_string(ws, 1, 1, "pressure_piping", NULL);
	worksheet_write_string(ws, 1, 2, "某燃气公司", NULL);
	worksheet_write_number(ws, 1, 3, 45383, NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	assert_int_equal(qc_equipment_import(f->s, path, "桃山区", "t", &st,
					     &err),
			 QC_OK);
	assert_int_equal(st.added, 1);
	query_text(f->s,
		   "SELECT next_due || ' ' || category FROM equipment WHERE"
		   " code = '5110230903X'",
		   due, sizeof(due));
	assert_string_equal(due, "2024-04-01 pressure_piping");
}

static double stored(struct fixture *f, int64_t ind, const char *region)
{
	struct qc_stmt *st;
	double v = -1;
	assert_int_equal(qc_stmt_prepare(f->s,
					 "SELECT value FROM indicator_values"
					 " WHERE indicator_id = ? AND"
					 " region_code = ? AND period = '2024'",
					 &st, NULL),
			 QC_OK);
	qc_stmt_bind_int(st, 1, ind);
	qc_stmt_bind_text(st, 2, region);
	if (qc_stmt_next(st, NULL) == QC_ROW)
		v = qc_stmt_double(st, 0);
	qc_stmt_free(st);
	return v;
}

static void bound_indicator_kept_current(void **state)
{
	struct fixture *f = *state;
	struct qc_equipment_accident a = { .date = "2024-09-09",
					   .region = "230902",
					   .category = "起重机械",
					   .deaths = 2 };
	struct qc_error err = { 0 };
	int64_t rate, deaths, id;

	the_year_2024(f);
	assert_int_equal(qc_indicator_ensure(f->s, "特种设备定期检验率", "%",
					     false, &rate, &err),
			 QC_OK);
	assert_int_equal(qc_indicator_ensure(f->s, "万台特种设备事故死亡人数",
					     "人/万台", false, &deaths, &err),
			 QC_OK);
	assert_int_equal(qc_equipment_bind(f->s, "特种设备定期检验率",
					   "inspection_rate", "t", &err),
			 QC_OK);
	assert_int_equal(qc_equipment_bind(f->s, "万台特种设备事故死亡人数",
					   "deaths_per_10k", "t", &err),
			 QC_OK);
	assert_int_equal(qc_equipment_bind(f->s, "特种设备定期检验率", "speed",
					   "t", &err),
			 QC_EINVAL);
	assert_true(fabs(stored(f, rate, "230900") - 100.0 / 3.0) < 1e-9);
	assert_true(stored(f, rate, "230903") == 50.0);
	assert_true(stored(f, rate, "230902") == 0.0);
	assert_true(stored(f, deaths, "230900") == 0.0);
	/* An accident and an inspection rewrite them. */
	assert_int_equal(qc_equipment_accident(f->s, &a, "t", &id, &err),
			 QC_OK);
	assert_true(stored(f, deaths, "230900") == 5000.0); /* 2 of 4 */
	inspect_ok(f, "2310230902D", "2024-12-30", "合格", "2025-12-30");
	assert_true(stored(f, rate, "230902") == 0.0); /* done late */
	assert_int_equal(count_where(f->s, "SELECT COUNT(*) FROM audit_log"
					   " WHERE entity ="
					   " 'equipment_accident'"),
			 1);
	unsetenv("QCITY_NOW");
}

/* Units due on month ends and around them, two on one day (ranked by
 * code), a failed one, one without a date, one stopped, one scrapped. */
static const char ranked_csv[] =
	"注册代码,设备类别,使用单位,统一社会信用代码,所在区县,使用登记日期,"
	"下次检验日期,设备状态,状态日期\n"
	"P02,电梯,甲,,桃山区,2015-03-02,2024-03-31,在用,\n"
	"P01,电梯,乙,,桃山区,2015-03-02,2024-03-31,在用,\n"
	"P03,锅炉,丙,,230902,2015-03-02,2024-02-29,在用,\n"
	"P04,电梯,丁,,桃山区,2015-03-02,2024-04-30,在用,\n"
	"P05,电梯,戊,,230902,2015-03-02,2024-05-31,在用,\n"
	"P06,锅炉,己,,桃山区,2015-03-02,2024-06-30,在用,\n"
	"P07,电梯,庚,,桃山区,2015-03-02,2024-08-31,在用,\n"
	"P08,电梯,辛,,230902,2015-03-02,2024-09-30,在用,\n"
	"P09,电梯,壬,,桃山区,2015-03-02,2024-11-30,在用,\n"
	"P10,锅炉,癸,,桃山区,2015-03-02,2024-12-31,在用,\n"
	"P11,电梯,子,,230902,2015-03-02,2025-02-28,在用,\n"
	"P12,电梯,丑,,桃山区,2015-03-02,2025-01-31,在用,\n"
	"P13,电梯,寅,,桃山区,2015-03-02,2025-03-01,在用,\n"
	"P14,电梯,卯,,桃山区,2015-03-02,2024-10-15,停用,2024-09-01\n"
	"P15,电梯,辰,,230902,2015-03-02,2025-04-30,报废,2024-01-02\n"
	"P16,电梯,巳,,桃山区,2015-03-02,,在用,\n"
	"P17,电梯,午,,桃山区,2015-03-02,2024-07-10,在用,\n";

/* The old in-memory judgement: the days a unit is overdue (P17 failed
 * on 2024-07-05), -1 when it is not. */
static long old_days(const struct qc_equipment *e, long today)
{
	long d;

	if (strcmp(e->status, "in_use"))
		return -1;
	if (!strcmp(e->code, "P17") && qc_date_days("2024-07-05", &d))
		return today > d ? today - d : 0;
	return qc_date_days(e->next_due, &d) && d < today ? today - d : -1;
}

/* Its ranks: 0 overdue, 1 due within a month, 2 the rest. */
static int old_rank(const struct qc_equipment *e, long today)
{
	if (old_days(e, today) >= 0)
		return 0;
	return qc_equipment_due_soon(e, today) ? 1 : 2;
}

static bool old_before(const struct qc_equipment *a,
		       const struct qc_equipment *b, long today)
{
	int ra = old_rank(a, today), rb = old_rank(b, today), c;

	if (ra != rb)
		return ra < rb;
	if (ra == 0 && a->days_overdue != b->days_overdue)
		return a->days_overdue > b->days_overdue;
	if (ra == 1 && (c = strcmp(a->next_due, b->next_due)))
		return c < 0;
	return strcmp(a->code, b->code) < 0;
}

/* The pages of q, `limit` rows each but the last, make the list. */
static void pages_make(struct fixture *f, struct qc_equipment_query q, long day,
		       const struct qc_equipment_list *all)
{
	struct qc_equipment_list p;
	struct qc_error err = { 0 };
	char next[QC_EQUIPMENT_CURSOR_SIZE] = "";
	size_t total, at = 0;

	do {
		char after[QC_EQUIPMENT_CURSOR_SIZE];
		snprintf(after, sizeof(after), "%s", next);
		q.after = after[0] ? after : NULL;
		assert_int_equal(qc_equipment_page(f->s, &q, day, &p, &total,
						   next, &err),
				 QC_OK);
		assert_int_equal(total, all->n);
		assert_int_equal(p.n, next[0] ? q.limit : all->n - at);
		for (size_t i = 0; i < p.n; i++)
			assert_string_equal(p.v[i].code, all->v[at + i].code);
		at += p.n;
		qc_equipment_list_release(&p);
	} while (next[0]);
	assert_int_equal(at, all->n);
}

static void pages_in_the_list_order(void **state)
{
	struct fixture *f = *state;
	struct qc_import_counts st;
	struct qc_equipment_list l, p;
	struct qc_error err = { 0 };
	struct qc_equipment_query q = { .region = "230900", .limit = 4 };
	char next[QC_EQUIPMENT_CURSOR_SIZE];
	size_t total;
	long day, from, upto;

	setenv("QCITY_NOW", "2025-06-30", 1);
	import_ok(f, ranked_csv, &st);
	inspect_ok(f, "P17", "2024-07-05", "不合格", NULL);
	/* 31 December 2024: P12 due 31 January is due within a month (its
	 * request-by day today), P11 due 28 February not; P17 failed 179
	 * days ago. The command line's list is the API's order: the due
	 * before the rest. */
	assert_true(qc_date_days("2024-12-31", &day));
	assert_int_equal(qc_equipment_list(f->s, NULL, false, day, &l, &err),
			 QC_OK);
	const char *want[] = { "P03", "P01", "P02", "P04", "P05", "P06",
			       "P17", "P07", "P08", "P09", "P10", "P12",
			       "P11", "P13", "P14", "P15", "P16" };
	assert_int_equal(l.n, 17);
	for (size_t i = 0; i < l.n; i++)
		assert_string_equal(l.v[i].code, want[i]);
	assert_int_equal(l.v[6].days_overdue, 179);
	pages_make(f, q, day, &l);
	/* Its cursors: rank, the day lateness counts from or the due
	 * date, code; the same on both engines. */
	assert_int_equal(qc_equipment_page(f->s, &q, day, &p, &total, next,
					   &err),
			 QC_OK);
	assert_string_equal(next, "0|2024-04-30|P04");
	qc_equipment_list_release(&p);
	q.after = "0|2024-08-31|P07";
	assert_int_equal(qc_equipment_page(f->s, &q, day, &p, &total, next,
					   &err),
			 QC_OK);
	assert_int_equal(p.n, 4);
	assert_string_equal(p.v[3].code, "P12");
	assert_string_equal(next, "1|2025-01-31|P12");
	qc_equipment_list_release(&p);
	q.after = "3||P01";
	assert_int_equal(qc_equipment_page(f->s, &q, day, &p, &total, next,
					   &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "after"));
	q.after = NULL;
	qc_equipment_list_release(&l);

	/* Every day of fifteen months, month ends and 29 February among
	 * them: the database's ranks and days are the old ones, and each
	 * state's pages make its part of the list. */
	assert_true(qc_date_days("2024-01-25", &from));
	assert_true(qc_date_days("2025-04-05", &upto));
	for (day = from; day <= upto; day++) {
		size_t due = 0, late = 0;
		assert_int_equal(qc_equipment_list(f->s, "230900", false, day,
						   &l, &err),
				 QC_OK);
		assert_int_equal(l.n, 17);
		for (size_t i = 0; i < l.n; i++) {
			int r = old_rank(&l.v[i], day);
			assert_int_equal(l.v[i].overdue, r == 0);
			if (r == 0)
				assert_int_equal(l.v[i].days_overdue,
						 old_days(&l.v[i], day));
			late += r == 0;
			due += r == 1;
			if (i)
				assert_true(
					old_before(&l.v[i - 1], &l.v[i], day));
		}
		qc_equipment_list_release(&l);
		q.state = "due";
		assert_int_equal(qc_equipment_page(f->s, &q, day, &p, &total,
						   next, &err),
				 QC_OK);
		assert_int_equal(total, due);
		qc_equipment_list_release(&p);
		assert_int_equal(qc_equipment_list(f->s, NULL, true, day, &l,
						   &err),
				 QC_OK);
		assert_int_equal(l.n, late);
		qc_equipment_list_release(&l);
		q.state = NULL;
	}
	/* The states and a class, page by page. */
	const char *states[] = { "attention", "overdue", "due",
				 "in_use",    "stopped", "scrapped" };
	assert_true(qc_date_days("2024-12-31", &day));
	for (size_t s = 0; s < sizeof(states) / sizeof(states[0]); s++) {
		struct qc_equipment_query one = { .region = "230900",
						  .state = states[s],
						  .category = "锅炉" };
		for (int c = 0; c < 2; c++) {
			one.category = c ? "锅炉" : NULL;
			one.limit = 0;
			assert_int_equal(qc_equipment_page(f->s, &one, day, &l,
							   &total, next, &err),
					 QC_OK);
			assert_string_equal(next, "");
			one.limit = 2;
			pages_make(f, one, day, &l);
			qc_equipment_list_release(&l);
		}
	}
	unsetenv("QCITY_NOW");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(figures_by_hand, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(list_overdue_first,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(pages_in_the_list_order,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(import_refused_whole,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(reimport_updates, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(workbook_import, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(bound_indicator_kept_current,
						fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
