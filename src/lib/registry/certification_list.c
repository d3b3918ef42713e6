/* The certificates of a region as they stand on a day (docs/
 * certification.md "List"): the recorded status (暂停, 撤销, 注销) and the
 * certificate's own expiry judge each; the database judges and ranks
 * them, so a page is cut there and the list and the page keep one order
 * (the keyset of periodic_page.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/clock.h"
#include "qcity/text.h"
#include "certification_int.h"
#include "periodic.h"
#include "banned.h"

/* The certificates of a region's subtree issued by the day p.d, judged
 * on it: `state` (a revocation or a cancellation first, then the
 * expiry: valid through its last day, then a suspension), the rank `grp`
 * by state, `ord` the expiry (within a state, the soonest first) and
 * `code` the number and body (unique together). The parameters: the
 * day, state, kind ('' for all), the region span. */
#define FROM_ROWS                                                             \
	" FROM (SELECT b.*, CASE b.state WHEN 'valid' THEN 0 WHEN"            \
	" 'suspended' THEN 1 WHEN 'expired' THEN 2 WHEN 'revoked' THEN 3"     \
	" ELSE 4 END AS grp, b.expires_on AS ord, b.number || '|' || b.body"  \
	" AS code FROM (SELECT x.id, x.number, x.body, x.kind, x.kind_text,"  \
	" x.scope, x.holder_name, x.holder_uscc, x.region_code, x.issued_on," \
	" x.expires_on, x.status, CASE WHEN x.status IN ('revoked',"          \
	" 'cancelled') THEN x.status WHEN x.expires_on < p.d THEN 'expired'"  \
	" WHEN x.status = 'suspended' THEN 'suspended' ELSE 'valid' END AS"   \
	" state, p.st, p.kd FROM certificates x, (SELECT CAST(? AS TEXT) AS"  \
	" d, CAST(? AS TEXT) AS st, CAST(? AS TEXT) AS kd) p WHERE"           \
	" x.region_code >= ? AND x.region_code < ? AND (x.issued_on IS NULL"  \
	" OR x.issued_on <= p.d)) b) c WHERE (c.st = '' OR c.state = c.st)"   \
	" AND (c.kd = '' OR c.kind = c.kd)"

static const char *const states[] = { "valid", "expired", "suspended",
				      "revoked", "cancelled" };

/* The list a page's rows go to, and the day they are judged on. */
struct listed {
	struct qc_certificate_list *out;
	long on;
};

static void row(struct qc_stmt *st, void *list)
{
	struct listed *l = list;
	struct qc_certificate *c;
	long d;

	QC_GROW(l->out->v, l->out->n + 1, l->out->alloc);
	c = &l->out->v[l->out->n++];
	memset(c, 0, sizeof(*c));
	c->id = qc_stmt_int(st, 0);
	c->number = qc_xstrdup(qc_stmt_text(st, 1));
	c->body = qc_xstrdup(qc_stmt_text(st, 2));
	c->kind = qc_xstrdup(qc_stmt_text(st, 3));
	c->kind_text = qc_xstrdup(qc_stmt_text(st, 4));
	c->scope = qc_xstrdup(qc_stmt_text(st, 5));
	c->holder_name = qc_xstrdup(qc_stmt_text(st, 6));
	c->holder_uscc = qc_xstrdup(qc_stmt_text(st, 7));
	qc_utf8_copy(c->region, sizeof(c->region), qc_stmt_text(st, 8));
	qc_utf8_copy(c->issued_on, sizeof(c->issued_on), qc_stmt_text(st, 9));
	qc_utf8_copy(c->expires_on, sizeof(c->expires_on),
		     qc_stmt_text(st, 10));
	qc_utf8_copy(c->status, sizeof(c->status), qc_stmt_text(st, 11));
	qc_utf8_copy(c->state, sizeof(c->state), qc_stmt_text(st, 12));
	if (!strcmp(c->state, "valid") && qc_date_days(c->expires_on, &d))
		c->days_left = d - l->on;
}

static const struct qc_periodic_list certificates = {
	.count = "SELECT COUNT(*)" FROM_ROWS,
	.rows = "SELECT c.id, c.number, c.body, c.kind, c.kind_text, c.scope,"
		" c.holder_name, c.holder_uscc, c.region_code, c.issued_on,"
		" c.expires_on, c.status, c.state, c.grp, c.ord,"
		" c.code" FROM_ROWS QC_PERIODIC_PAGE,
	.rank = 13,
	.np = 5,
	.groups = 5,
	.row = row,
};

enum qc_rc qc_certification_page(struct qc_store *s,
				 const struct qc_certification_query *q,
				 long on, struct qc_certificate_list *out,
				 size_t *total,
				 char next[QC_CERTIFICATION_CURSOR_SIZE],
				 struct qc_error *err)
{
	struct qc_periodic_params p;
	struct listed l = { out, on };
	const char *kind = "";
	char names[512];
	enum qc_rc rc;

	memset(out, 0, sizeof(*out));
	if (!qc_periodic_params(q->region, q->state, NULL, on, states,
				sizeof(states) / sizeof(states[0]), &p))
		return qc_error_set(err, QC_EINVAL,
				    "state: \"%s\" is not valid, expired, "
				    "suspended, revoked or cancelled",
				    q->state);
	if (q->kind && *q->kind && !(kind = qc_certification_kind(q->kind))) {
		qc_cert_kind_names(names, sizeof(names));
		return qc_error_set(err, QC_EINVAL,
				    "kind: \"%s\" is not a kind of the "
				    "register: write one of %s",
				    q->kind, names);
	}
	const char *v[] = { p.day, p.state, kind, p.lo, p.hi };
	if ((rc = qc_periodic_page(s, &certificates, v, q->after, q->limit, &l,
				   total, next, QC_CERTIFICATION_CURSOR_SIZE,
				   err)))
		qc_certificate_list_release(out);
	return rc;
}

void qc_certificate_list_release(struct qc_certificate_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct qc_certificate *c = &l->v[i];
		free(c->number);
		free(c->body);
		free(c->kind);
		free(c->kind_text);
		free(c->scope);
		free(c->holder_name);
		free(c->holder_uscc);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}
