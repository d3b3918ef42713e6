/* A page of a periodic register's list (periodic.h): the keyset cursor
 * and the loop that cuts the page, the same for special equipment and
 * metrology; each register writes the query that judges and ranks its
 * units. */
#include <stdio.h>
#include <string.h>

#include "qcity/clock.h"
#include "qcity/region.h"
#include "qcity/store.h"
#include "periodic.h"
#include "banned.h"

/* LIMIT of "every row" (PostgreSQL takes no LIMIT -1). */
#define NO_LIMIT 2147483647

bool qc_periodic_params(const char *region, const char *state, const char *code,
			long day, const char *const *states, size_t n,
			struct qc_periodic_params *p)
{
	bool known = false;

	memset(p, 0, sizeof(*p));
	p->state = state ? state : "";
	for (size_t i = 0; i < n; i++)
		known = known || !strcmp(p->state, states[i]);
	p->code = code ? code : "";
	qc_date_from_days(day, p->day);
	snprintf(p->hi, sizeof(p->hi), ":");
	if (region)
		qc_region_span(region, p->lo, p->hi);
	return known || !*p->state;
}

struct cursor {
	int grp; /* -1: from the start */
	char ord[11];
	const char *code;
};

/* "GRP|ORD|CODE" into c; false if it is not one a list of `groups`
 * ranks gave (ORD "" or a date, CODE not empty). */
static bool parse(const char *after, int groups, size_t size, struct cursor *c)
{
	const char *bar;
	size_t n;

	if (strlen(after) >= size || after[0] < '0' ||
	    after[0] >= '0' + groups || after[1] != '|' ||
	    !(bar = strchr(after + 2, '|')))
		return false;
	n = (size_t)(bar - (after + 2));
	if ((n != 0 && n != 10) || !bar[1])
		return false;
	c->grp = after[0] - '0';
	memcpy(c->ord, after + 2, n);
	c->ord[n] = 0;
	c->code = bar + 1;
	return true;
}

static void bind(struct qc_stmt *st, const char *const *params, int np)
{
	for (int i = 0; i < np; i++)
		qc_stmt_bind_text(st, i + 1, params[i]);
}

static enum qc_rc count(struct qc_store *s, const struct qc_periodic_list *l,
			const char *const *params, size_t *total,
			struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;

	if ((rc = qc_stmt_prepare(s, l->count, &st, err)))
		return rc;
	bind(st, params, l->np);
	if ((rc = qc_stmt_next(st, err)) == QC_ROW)
		*total = (size_t)qc_stmt_int(st, 0);
	qc_stmt_free(st);
	return qc_step_rc(rc);
}

enum qc_rc qc_periodic_page(struct qc_store *s,
			    const struct qc_periodic_list *l,
			    const char *const *params, const char *after,
			    size_t limit, void *list, size_t *total, char *next,
			    size_t size, struct qc_error *err)
{
	struct cursor c = { .grp = -1, .code = "" };
	struct qc_stmt *st;
	size_t want = limit ? limit : NO_LIMIT, n = 0;
	enum qc_rc rc;

	if (total)
		*total = 0;
	/* The cursor is read before next is cleared: a caller may page with
	 * one buffer for both. */
	if (after && *after && !parse(after, l->groups, size, &c))
		return qc_error_set(err, QC_EINVAL,
				    "after: not a cursor this list gave");
	if (next)
		next[0] = 0;
	if ((total && (rc = count(s, l, params, total, err))) ||
	    (rc = qc_stmt_prepare(s, l->rows, &st, err)))
		return rc;
	bind(st, params, l->np);
	qc_stmt_bind_int(st, l->np + 1, c.grp);
	qc_stmt_bind_text(st, l->np + 2, c.ord);
	qc_stmt_bind_text(st, l->np + 3, c.code);
	/* One row more than asked tells whether there is a page after. */
	qc_stmt_bind_int(st, l->np + 4,
			 (int64_t)(want < NO_LIMIT ? want + 1 : NO_LIMIT));
	while ((rc = qc_stmt_next(st, err)) == QC_ROW && n++ < want) {
		const char *ord = qc_stmt_text(st, l->rank + 1),
			   *code = qc_stmt_text(st, l->rank + 2);
		l->row(st, list);
		/* The cursor of the page's last row so far. */
		if (next)
			snprintf(next, size, "%d|%s|%s",
				 (int)qc_stmt_int(st, l->rank), ord ? ord : "",
				 code ? code : "");
	}
	/* Every row read: no page after. */
	if (next && rc != QC_ROW)
		next[0] = 0;
	qc_stmt_free(st);
	return qc_step_rc(rc);
}
