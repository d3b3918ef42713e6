/* Working days from the loaded holiday notices (docs/working-days.md).
 * An ordinary Monday–Friday is a working day and a weekend day is not,
 * except the days the notices list: holidays (off) and make-up working
 * days of 调休 (on). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/clock.h"
#include "qcity/model.h"
#include "qcity/workday.h"
#include "banned.h"

struct special {
	long day;
	bool workday;
	char *name;
};

struct qc_calendar {
	struct special *v; /* sorted by day */
	size_t n;
	int first, last; /* the years covered */
};

/* "Spring Festival,春节,4" → "春节" (a copy); the whole text if it has no
 * commas. */
static char *chinese_name(const char *v)
{
	const char *a = strchr(v, ','), *b = a ? strchr(a + 1, ',') : NULL;
	if (!a || !b)
		return qc_xstrdup(v);
	return qc_xstrndup(a + 1, (size_t)(b - a - 1));
}

static enum qc_rc insert_kind(struct qc_stmt *st, json_t *obj, const char *kind,
			      const char *path, int *first, int *last,
			      size_t *count, struct qc_error *err)
{
	const char *day;
	json_t *v;
	long d;
	int y, m, dd;

	if (!json_is_object(obj))
		return qc_error_set(err, QC_EINVAL,
				    "%s: no object \"%s\" (expected "
				    "chinese-days.json of chinese-days)",
				    path, kind);
	json_object_foreach(obj, day, v)
	{
		char *name;
		enum qc_rc rc;
		if (!qc_date_days(day, &d) || strlen(day) != 10 ||
		    !json_is_string(v))
			return qc_error_set(err, QC_EINVAL,
					    "%s: %s.%s: expected a date "
					    "(YYYY-MM-DD) and its name",
					    path, kind, day);
		qc_civil_from_days(d, &y, &m, &dd);
		if (!strcmp(kind, "holidays")) {
			if (!*first || y < *first)
				*first = y;
			if (y > *last)
				*last = y;
		}
		name = chinese_name(json_string_value(v));
		qc_stmt_reset(st);
		qc_stmt_bind_text(st, 1, day);
		qc_stmt_bind_text(st, 2,
				  !strcmp(kind, "holidays") ? "holiday" :
							      "workday");
		qc_stmt_bind_text(st, 3, name);
		rc = qc_stmt_run(st, err);
		free(name);
		if (rc == QC_ECONFLICT)
			return qc_error_set(err, QC_EINVAL,
					    "%s: %s is listed both as a "
					    "holiday and as a working day",
					    path, day);
		if (rc)
			return rc;
		(*count)++;
	}
	return QC_OK;
}

/* Every year from first to last must have holidays listed: a gap means
 * the file lacks a year's notice, and counting across it would guess. */
static enum qc_rc years_complete(struct qc_store *s, int first, int last,
				 const char *path, struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc, r;
	int seen = 0;

	if ((rc = qc_stmt_prepare(s,
				  "SELECT COUNT(DISTINCT substr(day, 1, 4))"
				  " FROM calendar_days WHERE kind = 'holiday'",
				  &st, err)))
		return rc;
	r = qc_stmt_next(st, err);
	if (r == QC_ROW)
		seen = (int)qc_stmt_int(st, 0);
	else
		rc = qc_step_rc(r);
	qc_stmt_free(st);
	if (rc)
		return rc;
	if (!first || seen != last - first + 1)
		return qc_error_set(err, QC_EINVAL,
				    "%s: the holiday data has gaps (%d–%d, "
				    "only %d years): update chinese-days",
				    path, first, last, seen);
	return QC_OK;
}

static int line_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct lines {
	char **v;
	size_t n, alloc;
};

static void lines_add(struct lines *l, const char *day, const char *kind,
		      const char *name)
{
	size_t len = strlen(day) + strlen(kind) + strlen(name) + 3;
	char *line = qc_xmalloc(len);
	snprintf(line, len, "%s\t%s\t%s", day, kind, name);
	QC_GROW(l->v, l->n + 1, l->alloc);
	l->v[l->n++] = line;
}

static void lines_release(struct lines *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

/* Whether the stored calendar already holds exactly the days of root
 * (the same dates, kinds and names) for every year they cover, so that
 * loading it again would change nothing. A file the load would refuse
 * is never the same: the load then says why. *n_years receives the
 * years covered when it is. */
static bool calendar_same(struct qc_store *s, json_t *root, int *n_years)
{
	static const char *const kinds[2][2] = { { "holidays", "holiday" },
						 { "workdays", "workday" } };
	struct lines file = { 0 }, db = { 0 };
	struct qc_stmt *st = NULL;
	int first = 0, last = 0, y0 = 0, y1 = 0;
	int64_t years = 0;
	bool same = false;
	enum qc_rc r;

	for (int k = 0; k < 2; k++) {
		json_t *obj = json_object_get(root, kinds[k][0]), *v;
		const char *day;
		if (!json_is_object(obj))
			goto out;
		json_object_foreach(obj, day, v)
		{
			long d;
			int y, m, dd;
			if (!json_is_string(v) || strlen(day) != 10 ||
			    !qc_date_days(day, &d))
				goto out;
			qc_civil_from_days(d, &y, &m, &dd);
			if (k == 0 && (!first || y < first))
				first = y;
			if (k == 0 && y > last)
				last = y;
			char *name = chinese_name(json_string_value(v));
			lines_add(&file, day, kinds[k][1], name);
			free(name);
		}
	}
	if (qc_stmt_prepare(s, "SELECT day, kind, name FROM calendar_days", &st,
			    NULL))
		goto out;
	while ((r = qc_stmt_next(st, NULL)) == QC_ROW) {
		const char *name = qc_stmt_text(st, 2);
		lines_add(&db, qc_stmt_text(st, 0), qc_stmt_text(st, 1),
			  name ? name : "");
	}
	qc_stmt_free(st);
	st = NULL;
	if (qc_step_failed(r) || file.n != db.n ||
	    qc_stmt_prepare(s,
			    "SELECT COUNT(*), MIN(year), MAX(year) FROM"
			    " calendar_years",
			    &st, NULL) ||
	    qc_stmt_next(st, NULL) != QC_ROW)
		goto out;
	years = qc_stmt_int(st, 0);
	y0 = (int)qc_stmt_int(st, 1);
	y1 = (int)qc_stmt_int(st, 2);
	if (!first || y0 != first || y1 != last || years != last - first + 1)
		goto out;
	qsort(file.v, file.n, sizeof(*file.v), line_cmp);
	qsort(db.v, db.n, sizeof(*db.v), line_cmp);
	same = true;
	for (size_t i = 0; same && i < file.n; i++)
		same = !strcmp(file.v[i], db.v[i]);
	if (same)
		*n_years = last - first + 1;
out:
	qc_stmt_free(st);
	lines_release(&file);
	lines_release(&db);
	return same;
}

enum qc_rc qc_calendar_load(struct qc_store *s, const char *path,
			    const char *actor, int *years, struct qc_error *err)
{
	json_error_t jerr;
	json_t *root;
	struct qc_stmt *st = NULL;
	size_t holidays = 0, workdays = 0;
	int first = 0, last = 0;
	char after[160], now[32];
	enum qc_rc rc;

	*years = 0;
	if (!(root = json_load_file(path, 0, &jerr)))
		return qc_error_set(err, QC_EIO,
				    "%s: %s (the holiday data comes from the "
				    "npm package chinese-days: "
				    "scripts/install-deps)",
				    path, jerr.text);
	/* Run again on the same notices (every `qcity init`), the load
	 * writes nothing and audits nothing. */
	if (calendar_same(s, root, years)) {
		rc = QC_OK;
		goto out;
	}
	if ((rc = qc_store_begin(s, err)))
		goto out;
	rc = qc_store_exec(s, "DELETE FROM calendar_days", err);
	if (!rc)
		rc = qc_store_exec(s, "DELETE FROM calendar_years", err);
	if (!rc)
		rc = qc_stmt_prepare(s,
				     "INSERT INTO calendar_days (day, kind,"
				     " name) VALUES (?, ?, ?)",
				     &st, err);
	if (!rc)
		rc = insert_kind(st, json_object_get(root, "holidays"),
				 "holidays", path, &first, &last, &holidays,
				 err);
	if (!rc)
		rc = insert_kind(st, json_object_get(root, "workdays"),
				 "workdays", path, &first, &last, &workdays,
				 err);
	qc_stmt_free(st);
	st = NULL;
	if (!rc)
		rc = years_complete(s, first, last, path, err);
	if (!rc)
		rc = qc_stmt_prepare(s,
				     "INSERT INTO calendar_years (year,"
				     " source, loaded_at) VALUES (?, ?, ?)",
				     &st, err);
	qc_now_iso(now, sizeof(now));
	for (int y = first; !rc && y <= last; y++) {
		qc_stmt_reset(st);
		qc_stmt_bind_int(st, 1, y);
		qc_stmt_bind_text(st, 2, path);
		qc_stmt_bind_text(st, 3, now);
		rc = qc_stmt_run(st, err);
	}
	qc_stmt_free(st);
	if (!rc) {
		snprintf(after, sizeof(after),
			 "{\"first\": %d, \"last\": %d,"
			 " \"holidays\": %zu, \"workdays\": %zu}",
			 first, last, holidays, workdays);
		rc = qc_audit_add(s, actor, "import", "calendar", path, NULL,
				  after, err);
	}
	rc = qc_store_end(s, rc, err);
	if (!rc)
		*years = last - first + 1;
out:
	json_decref(root);
	return rc;
}

enum qc_rc qc_calendar_open(struct qc_store *s, struct qc_calendar **out,
			    struct qc_error *err)
{
	struct qc_calendar *c = qc_xcalloc(1, sizeof(*c));
	struct qc_stmt *st;
	size_t cap = 0;
	enum qc_rc rc;
	enum qc_rc r;

	*out = NULL;
	rc = qc_stmt_prepare(s,
			     "SELECT MIN(year), MAX(year) FROM "
			     "calendar_years",
			     &st, err);
	if (!rc) {
		if (qc_step_failed(r = qc_stmt_next(st, err)))
			rc = r;
		else if (r == QC_ROW && !qc_stmt_is_null(st, 0)) {
			c->first = (int)qc_stmt_int(st, 0);
			c->last = (int)qc_stmt_int(st, 1);
		}
		qc_stmt_free(st);
	}
	if (!rc && !c->first)
		rc = qc_error_set(err, QC_ENOTFOUND,
				  "no holiday data loaded yet: run"
				  " qcity calendar load");
	if (!rc)
		rc = qc_stmt_prepare(s,
				     "SELECT day, kind, name FROM "
				     "calendar_days ORDER BY day",
				     &st, err);
	if (rc) {
		qc_calendar_free(c);
		return rc;
	}
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		struct special *sp;
		if (c->n == cap)
			c->v = qc_xreallocarray(c->v, cap = cap ? cap * 2 : 256,
						sizeof(*c->v));
		sp = &c->v[c->n++];
		(void)qc_date_days(qc_stmt_text(st, 0), &sp->day);
		sp->workday = !strcmp(qc_stmt_text(st, 1), "workday");
		sp->name = qc_xstrdup(qc_stmt_text(st, 2));
	}
	qc_stmt_free(st);
	if (qc_step_failed(r)) {
		qc_calendar_free(c);
		return r;
	}
	*out = c;
	return QC_OK;
}

void qc_calendar_free(struct qc_calendar *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++)
		free(c->v[i].name);
	free(c->v);
	free(c);
}

void qc_calendar_span(const struct qc_calendar *c, int *first, int *last)
{
	*first = c->first;
	*last = c->last;
}

static const struct special *find(const struct qc_calendar *c, long day)
{
	size_t lo = 0, hi = c->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->v[mid].day == day)
			return &c->v[mid];
		if (c->v[mid].day < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Whether day is a working day, or QC_ENOTFOUND outside the years. */
static enum qc_rc day_kind(const struct qc_calendar *c, long day, bool *on,
			   const char **name, struct qc_error *err)
{
	const struct special *sp;
	char iso[11];
	int y, m, d;

	qc_civil_from_days(day, &y, &m, &d);
	if (y < c->first || y > c->last) {
		qc_date_from_days(day, iso);
		return qc_error_set(err, QC_ENOTFOUND,
				    "%s is outside the holiday data loaded "
				    "(%d–%d): once the State Council publishes "
				    "that year's holidays, update chinese-days "
				    "and run qcity calendar load",
				    iso, c->first, c->last);
	}
	if ((sp = find(c, day))) {
		*on = sp->workday;
		if (name)
			*name = sp->name;
		return QC_OK;
	}
	/* 1970-01-01 was a Thursday: (day + 3) % 7 is 0 on Monday. */
	*on = ((day % 7 + 7 + 3) % 7) < 5;
	if (name)
		*name = NULL;
	return QC_OK;
}

static enum qc_rc parse_day(const char *date, long *day, struct qc_error *err)
{
	if (!date || strlen(date) != 10 || !qc_date_days(date, day))
		return qc_error_set(err, QC_EINVAL,
				    "date \"%s\" is not valid: write "
				    "YYYY-MM-DD",
				    date ? date : "");
	return QC_OK;
}

enum qc_rc qc_calendar_is_workday(const struct qc_calendar *c, const char *date,
				  bool *workday, const char **name,
				  struct qc_error *err)
{
	long day;
	enum qc_rc rc = parse_day(date, &day, err);
	return rc ? rc : day_kind(c, day, workday, name, err);
}

enum qc_rc qc_calendar_add_workdays(const struct qc_calendar *c,
				    const char *date, int n, char out[11],
				    struct qc_error *err)
{
	long day;
	enum qc_rc rc;
	bool on;

	if ((rc = parse_day(date, &day, err)))
		return rc;
	if (n < 1 || n > 3660)
		return qc_error_set(err, QC_EINVAL,
				    "%d working days is not valid: give 1 to"
				    " 3660",
				    n);
	while (n > 0) {
		if ((rc = day_kind(c, ++day, &on, NULL, err)))
			return rc;
		n -= on;
	}
	qc_date_from_days(day, out);
	return QC_OK;
}

enum qc_rc qc_calendar_workdays_between(const struct qc_calendar *c,
					const char *from, const char *to,
					int *n, struct qc_error *err)
{
	long a, b;
	enum qc_rc rc;
	bool on;

	*n = 0;
	if ((rc = parse_day(from, &a, err)) || (rc = parse_day(to, &b, err)))
		return rc;
	while (a < b) {
		if ((rc = day_kind(c, ++a, &on, NULL, err)))
			return rc;
		*n += on;
	}
	return QC_OK;
}

static const struct {
	int days;
	const char *citation;
} rules[] = {
	[QC_DL_COMPLAINT_ACCEPT] = { 7,
				     "《市场监督管理投诉举报处理暂行办法》"
				     "第十四条：自收到投诉之日起七个工作日内作出受理或者不予受理的"
				     "决定" },
	[QC_DL_COMPLAINT_MEDIATE] = { 45,
				      "《市场监督管理投诉举报处理暂行办法》"
				      "第二十一条：自投诉受理之日起四十五个工作日内未能达成调解协议的，"
				      "终止调解" },
	[QC_DL_COMPLAINT_NOTIFY] = { 7,
				     "《市场监督管理投诉举报处理暂行办法》"
				     "第二十一条：自作出终止调解决定之日起七个工作日内告知投诉人和被"
				     "投诉人" },
	[QC_DL_REPORT_DECIDE] = { 15,
				  "《市场监督管理行政处罚程序规定》第十八条"
				  "：自收到材料之日起十五个工作日内核查，决定是否立案" },
	[QC_DL_REPORT_EXTENSION] = { 15,
				     "《市场监督管理行政处罚程序规定》第十八"
				     "条：特殊情况下经负责人批准，可以延长十五个工作日" },
};

int qc_deadline_days(enum qc_deadline_rule r, const char **citation)
{
	if (citation)
		*citation = rules[r].citation;
	return rules[r].days;
}

enum qc_rc qc_deadline_due(const struct qc_calendar *c, enum qc_deadline_rule r,
			   const char *date, char out[11], struct qc_error *err)
{
	return qc_calendar_add_workdays(c, date, rules[r].days, out, err);
}
