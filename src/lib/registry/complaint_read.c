/* The complaint register read back: items with their running legal
 * deadline (worked out in complaint_deadline.c), the open-items board,
 * the overdue board a page at a time, and the masks of personal data. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/clock.h"
#include "qcity/complaint.h"
#include "qcity/num.h"
#include "qcity/region.h"
#include "qcity/store.h"
#include "qcity/strbuf.h"
#include "complaint_int.h"
#include "nation_int.h"
#include "banned.h"

/* At the nation ids repeat across provinces (each province's server
 * numbers its own items) and a category id is its province's: an item is
 * (province, id) and its category is named by its province
 * (federation_categories, docs/scaling.md "Names at the nation"). */
#define ITEM_COLUMNS                                                    \
	"SELECT c.id, c.kind, c.region_code, c.channel, c.platform_no," \
	" c.state, c.respondent, c.respondent_uscc, k.name, c.text,"    \
	" c.person_name, c.person_phone, c.person_id, c.received_on,"   \
	" c.accepted_on, c.ended_on, c.extended_by, c.amount,"          \
	" c.province_code FROM complaints c "
#define SELECT_ITEM                                         \
	ITEM_COLUMNS                                        \
	QC_NAT_OR("LEFT JOIN federation_categories k ON"    \
		  " k.province_code = c.province_code AND", \
		  "LEFT JOIN product_categories k ON")      \
	" k.id = c.category_id"

static const char *const no_calendar = "节假日数据未覆盖该期限：请更新 "
				       "chinese-days 并运行 qcity calendar load";

static void fill(struct qc_stmt *st, struct qc_complaint *c)
{
	const char *t;
	memset(c, 0, sizeof(*c));
	c->id = qc_stmt_int(st, 0);
	c->kind = !strcmp(qc_stmt_text(st, 1), "report") ? QC_REPORT :
							   QC_COMPLAINT;
	snprintf(c->region, sizeof(c->region), "%s", qc_stmt_text(st, 2));
	c->channel = qc_xstrdup(qc_stmt_text(st, 3));
	c->platform_no = qc_xstrdup(qc_stmt_text(st, 4));
	c->state = qc_xstrdup(qc_stmt_text(st, 5));
	c->respondent = qc_xstrdup(qc_stmt_text(st, 6));
	c->respondent_uscc = qc_xstrdup(qc_stmt_text(st, 7));
	c->category = qc_xstrdup(qc_stmt_text(st, 8));
	c->text = qc_xstrdup(qc_stmt_text(st, 9));
	c->person_name = qc_xstrdup(qc_stmt_text(st, 10));
	c->person_phone = qc_xstrdup(qc_stmt_text(st, 11));
	c->person_id = qc_xstrdup(qc_stmt_text(st, 12));
	snprintf(c->received_on, sizeof(c->received_on), "%s",
		 qc_stmt_text(st, 13));
	t = qc_stmt_text(st, 14);
	snprintf(c->accepted_on, sizeof(c->accepted_on), "%s", t ? t : "");
	t = qc_stmt_text(st, 15);
	snprintf(c->ended_on, sizeof(c->ended_on), "%s", t ? t : "");
	c->extended = !qc_stmt_is_null(st, 16);
	c->amount = qc_stmt_is_null(st, 17) ? -1 : qc_stmt_double(st, 17);
	t = qc_stmt_text(st, 18);
	snprintf(c->province, sizeof(c->province), "%s", t ? t : "");
}

/* Not found, as the reader may know it: within a region it is told the same
 * whether the item is elsewhere or nowhere. */
static enum qc_rc not_found(int64_t id, const char *province,
			    const char *within, struct qc_error *err)
{
	if (province && !within)
		return qc_error_set(err, QC_ENOTFOUND,
				    "no complaint or report %lld in "
				    "province %s",
				    (long long)id, province);
	return qc_error_set(err, QC_ENOTFOUND, "no complaint or report %lld",
			    (long long)id);
}

/* At the nation, an id without its province: refused, naming the
 * provinces that have an item of that id within the reader's region (or,
 * when none, as not found): what a reader may not see is not named. */
static enum qc_rc which_province(struct qc_store *s, int64_t id,
				 const char *within, struct qc_error *err)
{
	struct qc_buf list = QC_BUF_INIT;
	struct qc_stmt *st;
	size_t n = 0;
	enum qc_rc rc, r;

	if ((rc = qc_stmt_prepare(s,
				  "SELECT province_code, region_code FROM"
				  " complaints WHERE id = ? ORDER BY"
				  " province_code",
				  &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, id);
	while ((r = qc_stmt_next(st, err)) == QC_ROW)
		if (qc_nation_in_area(within, qc_stmt_text(st, 1)))
			qc_buf_addf(&list, "%s%s", n++ ? ", " : "",
				    qc_stmt_text(st, 0));
	qc_stmt_free(st);
	if (qc_step_failed(r))
		rc = r;
	else if (!n)
		rc = not_found(id, NULL, within, err);
	else
		rc = qc_error_set(err, QC_EINVAL,
				  "item %lld: ids repeat across provinces on "
				  "the national server: give its province (%s)",
				  (long long)id, qc_buf_str(&list));
	qc_buf_release(&list);
	return rc;
}

enum qc_rc qc_complaint_get_within(struct qc_store *s,
				   const struct qc_calendar *cal,
				   const char *within, const char *province,
				   int64_t id, long today,
				   struct qc_complaint *out,
				   struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc r;

	memset(out, 0, sizeof(*out));
	if (province && !*province)
		province = NULL;
	if (qc_store_national(s) && !province)
		return which_province(s, id, within, err);
	if ((r = qc_nat_prepare(s,
				province ? SELECT_ITEM " WHERE c.id = ? AND"
						       " c.province_code = ?" :
					   SELECT_ITEM " WHERE c.id = ?",
				&st, err)))
		return r;
	qc_stmt_bind_int(st, 1, id);
	if (province)
		qc_stmt_bind_text(st, 2, province);
	r = qc_stmt_next(st, err);
	if (r == QC_ROW && !qc_nation_in_area(within, qc_stmt_text(st, 2)))
		r = QC_DONE; /* outside the reader's subtree: not there */
	if (r != QC_ROW) {
		qc_stmt_free(st);
		return r != QC_DONE ? r : not_found(id, province, within, err);
	}
	fill(st, out);
	qc_stmt_free(st);
	if (qc_complaint_evaluate(cal, out, today, err) == QC_ENOTFOUND)
		out->rule = no_calendar; /* the item still shows */
	return QC_OK;
}

enum qc_rc qc_complaint_get_at(struct qc_store *s,
			       const struct qc_calendar *cal,
			       const char *province, int64_t id, long today,
			       struct qc_complaint *out, struct qc_error *err)
{
	return qc_complaint_get_within(s, cal, NULL, province, id, today, out,
				       err);
}

enum qc_rc qc_complaint_get(struct qc_store *s, const struct qc_calendar *cal,
			    int64_t id, long today, struct qc_complaint *out,
			    struct qc_error *err)
{
	return qc_complaint_get_at(s, cal, NULL, id, today, out, err);
}

/* Most urgent first: overdue by most days, then fewest days left; items
 * without a running deadline last. */
static int urgency(const void *a, const void *b)
{
	const struct qc_complaint *x = a, *y = b;
	bool dx = x->due[0], dy = y->due[0];
	if (dx != dy)
		return dx ? -1 : 1;
	if (x->workdays_left != y->workdays_left)
		return x->workdays_left < y->workdays_left ? -1 : 1;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return strcmp(x->province, y->province); /* the nation's ties */
}

/* At the nation, a region's items are its province's: naming it reads
 * that province's partition only (docs/scaling.md). */
#define NAT_PRUNE " c.province_code = ? AND"
/* An item of the board by its key: (province, id) at the nation. */
#define AT_PROVINCE QC_NAT(" AND c.province_code = ?")

/* The area [lo, hi) of an open-items query, after the province of region
 * when the query prunes by it (NAT_PRUNE, at the nation). */
static void bind_area(struct qc_stmt *st, const char *region, const char *lo,
		      const char *hi)
{
	int k = 1;
	if (region) {
		char prov[QC_REGION_CODE_SIZE];
		qc_region_province(region, prov);
		qc_stmt_bind_text(st, k++, prov);
	}
	qc_stmt_bind_text(st, k++, lo);
	qc_stmt_bind_text(st, k, hi);
}

enum qc_rc qc_complaint_open(struct qc_store *s, const struct qc_calendar *cal,
			     const char *region, long today, bool only_alerts,
			     struct qc_complaint_list *out,
			     struct qc_error *err)
{
	struct qc_stmt *st;
	struct qc_cpl_memo *memo;
	char lo[16], hi[16];
	enum qc_rc rc;
	enum qc_rc r = QC_OK;

	memset(out, 0, sizeof(*out));
	/* The open states by name and the subtree as a range of codes, so
	 * that an index on (region_code, state) answers; the order is the
	 * urgency's (qsort below). */
	qc_cpl_region_range(region, lo, hi, sizeof(lo));
#define OPEN_WHERE(prune)                                              \
	" WHERE" prune " c.region_code >= ? AND c.region_code < ? AND" \
	" c.state IN ('received', 'accepted', 'mediating',"            \
	" 'mediation_ended', 'checked')"
	bool prune = region && qc_store_national(s);
	if ((rc = qc_nat_prepare(s,
				 prune ? SELECT_ITEM OPEN_WHERE(NAT_PRUNE) :
					 SELECT_ITEM OPEN_WHERE(""),
				 &st, err)))
		return rc;
#undef OPEN_WHERE
	bind_area(st, prune ? region : NULL, lo, hi);
	memo = qc_cpl_memo_new();
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		struct qc_complaint c;
		fill(st, &c);
		if (qc_cpl_evaluate(cal, &c, today, memo, err) == QC_ENOTFOUND)
			c.rule = no_calendar;
		if (only_alerts && !c.overdue && !c.due_soon) {
			qc_complaint_release(&c);
			continue;
		}
		if (out->n == out->alloc)
			out->v = qc_xreallocarray(out->v,
						  out->alloc =
							  out->alloc ?
								  out->alloc *
									  2 :
								  16,
						  sizeof(*out->v));
		out->v[out->n++] = c;
	}
	qc_stmt_free(st);
	free(memo);
	if (qc_step_failed(r)) {
		qc_complaint_list_release(out);
		return r;
	}
	if (out->n)
		qsort(out->v, out->n, sizeof(*out->v), urgency);
	return QC_OK;
}

/* ---- the overdue board, a page at a time ------------------------------ */

/* An item's place on the board: deadline, id and (at the nation, where
 * ids repeat across provinces) province. */
struct due_key {
	char due[11];
	int64_t id;
	char province[7];
};

static int due_order(const void *a, const void *b)
{
	const struct due_key *x = a, *y = b;
	int d = strcmp(x->due, y->due);
	if (d)
		return d;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return strcmp(x->province, y->province);
}

/* "YYYY-MM-DD.ID[.PROVINCE]": without the province, past every
 * province's item of that id ("~" sorts after every code). */
static bool parse_cursor(const char *in, struct due_key *k)
{
	char num[24];
	const char *dot;
	int64_t id;
	long day;

	if (strlen(in) < 12 || in[10] != '.')
		return false;
	memcpy(k->due, in, 10);
	k->due[10] = '\0';
	dot = strchr(in + 11, '.');
	if (!dot)
		dot = in + strlen(in);
	if ((size_t)(dot - (in + 11)) >= sizeof(num))
		return false;
	memcpy(num, in + 11, (size_t)(dot - (in + 11)));
	num[dot - (in + 11)] = '\0';
	if (!qc_date_days(k->due, &day) ||
	    !qc_parse_int64(num, 1, INT64_MAX, &id))
		return false;
	k->id = id;
	if (!*dot) {
		snprintf(k->province, sizeof(k->province), "%s", "~");
		return true;
	}
	if (strlen(dot + 1) != 6 || strspn(dot + 1, "0123456789") != 6)
		return false;
	snprintf(k->province, sizeof(k->province), "%s", dot + 1);
	return true;
}

/* Every overdue item of the region as (deadline, id), sorted: read from
 * the index complaints_deadline alone (migration 0021), each distinct
 * deadline worked out once. */
static enum qc_rc overdue_keys(struct qc_store *s,
			       const struct qc_calendar *cal,
			       const char *region, long today,
			       struct due_key **keys, size_t *n,
			       struct qc_error *err)
{
	struct qc_stmt *st;
	struct qc_cpl_memo *memo;
	size_t alloc = 0;
	char lo[16], hi[16], state[24];
	enum qc_rc rc;
	enum qc_rc r;

	*keys = NULL;
	*n = 0;
	qc_cpl_region_range(region, lo, hi, sizeof(lo));
#define KEYS_SQL(prune)                                                 \
	"SELECT c.id, c.kind, c.state, c.received_on, c.accepted_on,"   \
	" c.ended_on, c.extended_by, c.province_code FROM complaints c" \
	" WHERE" prune " c.state IN ('received', 'accepted',"           \
	" 'mediating', 'mediation_ended', 'checked') AND"               \
	" c.region_code >= ? AND c.region_code < ?"
	bool prune = region && qc_store_national(s);
	if ((rc = qc_stmt_prepare(s, prune ? KEYS_SQL(NAT_PRUNE) : KEYS_SQL(""),
				  &st, err)))
		return rc;
#undef KEYS_SQL
	bind_area(st, prune ? region : NULL, lo, hi);
	memo = qc_cpl_memo_new();
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		struct qc_complaint c;
		const char *t;

		memset(&c, 0, sizeof(c));
		c.id = qc_stmt_int(st, 0);
		c.kind = !strcmp(qc_stmt_text(st, 1), "report") ? QC_REPORT :
								  QC_COMPLAINT;
		snprintf(state, sizeof(state), "%s", qc_stmt_text(st, 2));
		c.state = state;
		snprintf(c.received_on, sizeof(c.received_on), "%s",
			 qc_stmt_text(st, 3));
		t = qc_stmt_text(st, 4);
		snprintf(c.accepted_on, sizeof(c.accepted_on), "%s",
			 t ? t : "");
		t = qc_stmt_text(st, 5);
		snprintf(c.ended_on, sizeof(c.ended_on), "%s", t ? t : "");
		c.extended = !qc_stmt_is_null(st, 6);
		/* A deadline beyond the calendar is not overdue: the board
		 * shows it with its reason (qc_complaint_open). */
		if (qc_cpl_evaluate(cal, &c, today, memo, err) || !c.overdue)
			continue;
		if (*n == alloc)
			*keys = qc_xreallocarray(*keys,
						 alloc = alloc ? alloc * 2 :
								 256,
						 sizeof(**keys));
		t = qc_stmt_text(st, 7);
		memcpy((*keys)[*n].due, c.due, sizeof(c.due));
		snprintf((*keys)[*n].province, sizeof((*keys)[*n].province),
			 "%s", t ? t : "");
		(*keys)[(*n)++].id = c.id;
	}
	qc_stmt_free(st);
	free(memo);
	if (qc_step_failed(r)) {
		free(*keys);
		*keys = NULL;
		*n = 0;
		return r;
	}
	if (*n)
		qsort(*keys, *n, sizeof(**keys), due_order);
	return QC_OK;
}

enum qc_rc
qc_complaint_overdue(struct qc_store *s, const struct qc_calendar *cal,
		     const char *region, long today, const char *after,
		     size_t limit, struct qc_complaint_list *out, size_t *total,
		     char next[QC_COMPLAINT_CURSOR_SIZE], struct qc_error *err)
{
	struct due_key *keys, from = { "", 0, "" };
	struct qc_stmt *st;
	size_t n, lo, hi;
	enum qc_rc rc;
	enum qc_rc r = QC_OK;

	memset(out, 0, sizeof(*out));
	*total = 0;
	next[0] = '\0';
	if (limit < 1 || limit > 1000)
		return qc_error_set(err, QC_EINVAL,
				    "page size %zu: give 1 to 1000 items a "
				    "page",
				    limit);
	if (after && *after && !parse_cursor(after, &from))
		return qc_error_set(err, QC_EINVAL,
				    "cursor \"%.40s\": give the next value of "
				    "the previous page (YYYY-MM-DD.ID, at the "
				    "nation YYYY-MM-DD.ID.PROVINCE)",
				    after);
	if ((rc = overdue_keys(s, cal, region, today, &keys, &n, err)))
		return rc;
	*total = n;
	/* The first key after the cursor. */
	lo = 0;
	hi = n;
	while (from.id && lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (due_order(&keys[mid], &from) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	hi = lo + limit < n ? lo + limit : n;
	bool nat = qc_store_national(s);
	if (lo < hi) {
		if ((rc = qc_nat_prepare(s,
					 SELECT_ITEM
					 " WHERE c.id = ?" AT_PROVINCE,
					 &st, err))) {
			free(keys);
			return rc;
		}
		out->alloc = hi - lo;
		out->v = qc_xcalloc(out->alloc, sizeof(*out->v));
		for (size_t i = lo; i < hi; i++) {
			qc_stmt_reset(st);
			qc_stmt_bind_int(st, 1, keys[i].id);
			if (nat)
				qc_stmt_bind_text(st, 2, keys[i].province);
			if ((r = qc_stmt_next(st, err)) != QC_ROW)
				break;
			struct qc_complaint *c = &out->v[out->n++];
			fill(st, c);
			(void)qc_cpl_evaluate(cal, c, today, NULL, err);
		}
		qc_stmt_free(st);
	}
	if (hi < n && out->n && nat)
		snprintf(next, QC_COMPLAINT_CURSOR_SIZE, "%s.%lld.%s",
			 out->v[out->n - 1].due,
			 (long long)out->v[out->n - 1].id,
			 out->v[out->n - 1].province);
	else if (hi < n && out->n)
		snprintf(next, QC_COMPLAINT_CURSOR_SIZE, "%s.%lld",
			 out->v[out->n - 1].due,
			 (long long)out->v[out->n - 1].id);
	free(keys);
	if (lo < hi && r != QC_ROW) {
		qc_complaint_list_release(out);
		*total = 0;
		next[0] = '\0';
		if (qc_step_failed(r))
			return r;
		return qc_error_set(err, QC_ENOTFOUND,
				    "an overdue item vanished while the page "
				    "was read: read the page again");
	}
	return QC_OK;
}

void qc_complaint_release(struct qc_complaint *c)
{
	free(c->channel);
	free(c->platform_no);
	free(c->state);
	free(c->respondent);
	free(c->respondent_uscc);
	free(c->category);
	free(c->text);
	free(c->person_name);
	free(c->person_phone);
	free(c->person_id);
	memset(c, 0, sizeof(*c));
}

void qc_complaint_list_release(struct qc_complaint_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		qc_complaint_release(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

void qc_cpl_region_range(const char *region, char *lo, char *hi, size_t n)
{
	char like[16], next[16];
	int len;

	qc_complaint_region_like(region, like, sizeof(like));
	len = (int)strcspn(like, "%"); /* the prefix, without its % */
	like[len] = '\0';
	snprintf(lo, n, "%s", len ? like : "0");
	/* The next prefix of the same length: 2309 → 2310; every code is
	 * below 9 (GB/T 2260 provinces are 11–82). */
	if (!len || (int)strspn(like, "9") == len) {
		snprintf(hi, n, "%s", "9");
		return;
	}
	memcpy(next, like, sizeof(next));
	for (int i = len - 1; i >= 0; i--) {
		if (next[i] < '9') {
			next[i]++;
			break;
		}
		next[i] = '0';
	}
	snprintf(hi, n, "%s", next);
}

void qc_complaint_region_like(const char *region, char *out, size_t n)
{
	char code[8];
	size_t len;

	snprintf(code, sizeof(code), "%s", region ? region : "");
	len = strlen(code);
	while (len >= 2 && !strcmp(code + len - 2, "00"))
		code[len -= 2] = '\0';
	snprintf(out, n, "%s%%", code);
}

/* ---- personal data, masked ------------------------------------------- */

void qc_mask_phone(const char *in, char *out, size_t n)
{
	size_t len = in ? strlen(in) : 0;
	if (len >= 7)
		snprintf(out, n, "%.3s****%s", in, in + len - 4);
	else
		snprintf(out, n, "%s", len ? "****" : "");
}

void qc_mask_name(const char *in, char *out, size_t n)
{
	size_t first = 1;
	if (!in || !*in) {
		snprintf(out, n, "%s", "");
		return;
	}
	/* The first character whole, however many UTF-8 bytes it takes. */
	while (in[first] && ((unsigned char)in[first] & 0xC0) == 0x80)
		first++;
	snprintf(out, n, "%.*s**", (int)first, in);
}

void qc_mask_id(const char *in, char *out, size_t n)
{
	size_t len = in ? strlen(in) : 0;
	if (len >= 10)
		snprintf(out, n, "%.6s********%s", in, in + len - 4);
	else
		snprintf(out, n, "%s", len ? "********" : "");
}
