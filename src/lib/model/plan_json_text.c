/* Plan JSON written (docs/plan-format.md): the one writer of every plan
 * document, whole (qc_plan_to_json: jansson's JSON_INDENT(2) layout) or
 * one element at a time (qc_plan_write_json, and qc_plan_jsonw in
 * plan_jsonw.c: compact, an element a line). The text is written
 * directly, the bytes jansson's dump gives (keys in order, strings
 * escaped as jansson does, reals as it prints them): building the
 * objects had cost a third of an extraction.
 * tests/unit/extract/test_stream.c and test_plan.c parse the output with
 * jansson and check it dumps back byte for byte; the one thing jansson
 * cannot write, a string that is not UTF-8 or a number that is not
 * finite, is written null (jansson left the member out). */
#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/plan.h"
#include "qcity/text.h"
#include "plan_json_int.h"
#include "banned.h"

#define FORMAT_NAME "qcity-plan/1"
#define DEPTH_MAX 8


struct w {
	struct qc_buf *b;
	int indent; /* 0: compact; else spaces a level, as JSON_INDENT */
	int depth;
	bool first[DEPTH_MAX]; /* nothing written yet in the open level */
	/* The small pieces (keys, brackets, commas, numbers) gather here
	 * and go to b together: a dozen members per element each cost a
	 * call into b otherwise. */
	size_t sn;
	char st[256];
};

static void flush(struct w *w)
{
	qc_buf_add(w->b, w->st, w->sn);
	w->sn = 0;
}

static void put(struct w *w, const char *s, size_t n)
{
	if (w->sn + n > sizeof(w->st)) {
		flush(w);
		if (n > sizeof(w->st) / 2) {
			qc_buf_add(w->b, s, n);
			return;
		}
	}
	memcpy(w->st + w->sn, s, n);
	w->sn += n;
}

static void put1(struct w *w, char c)
{
	if (w->sn == sizeof(w->st))
		flush(w);
	w->st[w->sn++] = c;
}

static void puts_(struct w *w, const char *s)
{
	put(w, s, strlen(s));
}

/* A new line and the indent of depth d (jansson's dump_indent). */
static void newline(struct w *w, int d)
{
	if (!w->indent)
		return;
	put1(w, '\n');
	for (int i = 0; i < d * w->indent; i++)
		put1(w, ' ');
}

/* Before a value of the open level: the comma and the line. */
static void next(struct w *w)
{
	if (!w->first[w->depth])
		put1(w, ',');
	newline(w, w->depth);
	w->first[w->depth] = false;
}

/* The document's shape is this file's: its deepest point (an owner's
 * detail inside a target inside the plan) is four levels down, so a
 * deeper one is a bug here, not an input. */
static void open_(struct w *w, char c)
{
	assert(w->depth + 1 < DEPTH_MAX);
	put1(w, c);
	w->depth++;
	w->first[w->depth] = true;
}

/* An empty object or array stays "{}" / "[]", as jansson writes it. */
static void close_(struct w *w, char c)
{
	bool empty = w->first[w->depth];

	w->depth--;
	if (!empty)
		newline(w, w->depth);
	put1(w, c);
}

static void esc(struct w *w, unsigned char c)
{
	char u[8];

	switch (c) {
	case '"': puts_(w, "\\\""); break;
	case '\\': puts_(w, "\\\\"); break;
	case '\b': puts_(w, "\\b"); break;
	case '\f': puts_(w, "\\f"); break;
	case '\n': puts_(w, "\\n"); break;
	case '\r': puts_(w, "\\r"); break;
	case '\t': puts_(w, "\\t"); break;
	default:
		snprintf(u, sizeof(u), "\\u%04X", c);
		put(w, u, 6);
		break;
	}
}

/* One pass over s: runs of bytes that need no escaping are copied
 * whole; the 3-byte sequences of most Chinese text (leads E1..EC) are
 * checked on the way, and only a string with any other non-ASCII byte
 * is checked whole (qc_utf8_valid) at the end. Not UTF-8: null. */
static void str(struct w *w, const char *s)
{
	const unsigned char *p = (const unsigned char *)s, *run = p;
	size_t mark = qc_buf_len(w->b) + w->sn;
	bool other = false;

	put1(w, '"');
	for (;;) {
		unsigned char c = *p;
		if (c >= 0x80) {
			if (c >= 0xE1 && c <= 0xEC && (p[1] & 0xC0) == 0x80 &&
			    (p[2] & 0xC0) == 0x80) {
				p += 3;
				continue;
			}
			other = true;
			p++;
			continue;
		}
		if (c >= 0x20 && c != '"' && c != '\\') {
			p++;
			continue;
		}
		put(w, (const char *)run, (size_t)(p - run));
		if (!c)
			break;
		esc(w, c);
		run = ++p;
	}
	if (other &&
	    !qc_utf8_valid(s, (size_t)(p - (const unsigned char *)s))) {
		flush(w);
		qc_buf_setlen(w->b, mark);
		puts_(w, "null");
		return;
	}
	put1(w, '"');
}

/* The keys are ASCII names (no escaping); printf-free: this runs a
 * dozen times per element. */
static void key(struct w *w, const char *k)
{
	next(w);
	put1(w, '"');
	puts_(w, k);
	if (w->indent)
		put(w, "\": ", 3);
	else
		put(w, "\":", 2);
}

static void add_ll(struct w *w, long long v)
{
	char buf[24], *p = buf + sizeof(buf);
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v :
				       (unsigned long long)v;

	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	put(w, p, (size_t)(buf + sizeof(buf) - p));
}

/* A string or null. */
static void m_str(struct w *w, const char *k, const char *v)
{
	key(w, k);
	if (v)
		str(w, v);
	else
		puts_(w, "null");
}

static void m_int(struct w *w, const char *k, long long v)
{
	key(w, k);
	add_ll(w, v);
}

/* 0 is null. */
static void m_int0(struct w *w, const char *k, int v)
{
	key(w, k);
	if (v)
		add_ll(w, v);
	else
		puts_(w, "null");
}

/* Integral values as integers (98, not 98.0), others as jansson prints
 * a real (%.17g, ".0" if neither '.' nor 'e', the exponent without '+'
 * and leading zeros); not finite (or none): null. */
static void m_num(struct w *w, const char *k, bool has, double v)
{
	char buf[64], *e, *start, *end;
	int len;

	key(w, k);
	if (!has || !isfinite(v)) {
		puts_(w, "null");
		return;
	}
	if (fabs(v) < 1e15 && v == (double)(long long)v) {
		add_ll(w, (long long)v);
		return;
	}
	len = snprintf(buf, sizeof(buf) - 3, "%.17g", v);
	if (len < 0 || (size_t)len >= sizeof(buf) - 3) {
		puts_(w, "null");
		return;
	}
	if (!strchr(buf, '.') && !strchr(buf, 'e')) {
		memcpy(buf + len, ".0", 3);
		len += 2;
	}
	if ((e = strchr(buf, 'e'))) {
		start = e + 1;
		end = start + 1;
		if (*start == '-')
			start++;
		while (*end == '0')
			end++;
		if (end != start) {
			memmove(start, end,
				(size_t)len - (size_t)(end - buf) + 1);
			len -= (int)(end - start);
		}
	}
	put(w, buf, (size_t)len);
}

static void owners(struct w *w, const struct qc_owner_list *l)
{
	bool any_co = false;

	for (size_t i = 0; i < l->n; i++)
		any_co |= l->v[i].role == QC_ROLE_CO;
	for (int pass = 0; pass < 1 + any_co; pass++) {
		key(w, pass ? "co_owners" : "owners");
		open_(w, '[');
		for (size_t i = 0; i < l->n; i++) {
			if ((l->v[i].role == QC_ROLE_CO) != (pass == 1))
				continue;
			next(w);
			if (l->v[i].written)
				str(w, l->v[i].written);
			else
				puts_(w, "null");
		}
		close_(w, ']');
	}
	key(w, "owners_detail");
	open_(w, '[');
	for (size_t i = 0; i < l->n; i++) {
		const struct qc_owner *o = &l->v[i];
		next(w);
		open_(w, '{');
		m_str(w, "written", o->written);
		m_str(w, "unit", o->unit ? o->unit : o->written);
		m_str(w, "role", qc_role_name(o->role));
		close_(w, '}');
	}
	close_(w, ']');
}

static void target(struct w *w, const struct qc_target *t)
{
	open_(w, '{');
	m_str(w, "key", t->key);
	m_str(w, "goal", t->goal);
	m_int(w, "line", t->line);
	m_str(w, "indicator", t->indicator);
	m_str(w, "canonical", t->canonical);
	m_str(w, "op", qc_op_name(t->op));
	m_num(w, "value", t->has_value, t->value);
	if (t->has_value_max)
		m_num(w, "value_max", true, t->value_max);
	m_str(w, "unit", t->unit);
	if (t->baseline_previous || t->baseline_year) {
		key(w, "baseline");
		open_(w, '{');
		if (t->baseline_previous)
			m_str(w, "ref", "previous_year");
		else
			m_int(w, "year", t->baseline_year);
		close_(w, '}');
	}
	m_int0(w, "year", t->year);
	owners(w, &t->owners);
	m_str(w, "text", t->text);
	if (t->n_parts) {
		key(w, "parts");
		open_(w, '[');
		for (size_t i = 0; i < t->n_parts; i++) {
			const struct qc_target_part *q = &t->parts[i];
			next(w);
			open_(w, '{');
			m_str(w, "region", q->region);
			if (q->region_name)
				m_str(w, "region_name", q->region_name);
			m_str(w, "op", qc_op_name(q->op));
			m_num(w, "value", q->has_value, q->value);
			if (q->has_value_max)
				m_num(w, "value_max", true, q->value_max);
			m_int0(w, "year", q->year);
			owners(w, &q->owners);
			close_(w, '}');
		}
		close_(w, ']');
	}
	close_(w, '}');
}

static void task(struct w *w, const struct qc_task *t)
{
	open_(w, '{');
	m_str(w, "key", t->key);
	m_str(w, "parent", t->parent);
	m_str(w, "number", t->number);
	m_int(w, "line", t->line);
	m_str(w, "title", t->title);
	m_str(w, "text", t->text);
	m_str(w, "due", t->due);
	m_str(w, "phase", t->phase);
	m_str(w, "kind", qc_task_kind_name(t->kind));
	owners(w, &t->owners);
	close_(w, '}');
}

/* Element i of array k of p. */
static void item(struct w *w, const struct qc_plan *p, int k, size_t i)
{
	switch (k) {
	case A_GOALS:
		open_(w, '{');
		m_str(w, "key", p->goals[i].key);
		m_str(w, "domain", p->goals[i].domain);
		m_str(w, "name", p->goals[i].name);
		m_int(w, "line", p->goals[i].line);
		break;
	case A_TARGETS: target(w, &p->targets[i]); return;
	case A_TASKS: task(w, &p->tasks[i]); return;
	case A_PHASES:
		open_(w, '{');
		m_str(w, "key", p->phases[i].key);
		m_str(w, "name", p->phases[i].name);
		m_str(w, "start", p->phases[i].start);
		m_str(w, "end", p->phases[i].end);
		m_int(w, "line", p->phases[i].line);
		break;
	case A_DUTIES:
		open_(w, '{');
		m_str(w, "kind", qc_report_kind_name(p->duties[i].kind));
		m_int(w, "grace_days", p->duties[i].grace_days);
		m_str(w, "text", p->duties[i].text);
		m_int(w, "line", p->duties[i].line);
		break;
	default:
		open_(w, '{');
		m_str(w, "text", p->rules[i].text);
		m_int(w, "line", p->rules[i].line);
		break;
	}
	close_(w, '}');
}

static void head(struct w *w, const struct qc_plan *p)
{
	open_(w, '{');
	m_str(w, "title", p->title);
	m_str(w, "doc_number", p->doc_number);
	m_str(w, "issuer", p->issuer);
	m_str(w, "issue_date", p->issue_date);
	key(w, "region");
	open_(w, '{');
	m_str(w, "code", p->region_code);
	m_str(w, "name", p->region_name);
	close_(w, '}');
	key(w, "period");
	open_(w, '{');
	m_int0(w, "start", p->period_start);
	m_int0(w, "end", p->period_end);
	close_(w, '}');
	m_str(w, "parent", p->parent);
	m_str(w, "status", p->status ? p->status : "draft");
	m_str(w, "source", p->source);
	close_(w, '}');
}

static void group(struct w *w, const struct qc_plan *p)
{
	open_(w, '{');
	m_str(w, "name", p->group.name);
	m_str(w, "leader", p->group.leader);
	m_str(w, "office_host", p->group.office_host);
	key(w, "members");
	open_(w, '[');
	for (size_t i = 0; i < p->group.n_members; i++) {
		next(w);
		if (p->group.members[i])
			str(w, p->group.members[i]);
		else
			puts_(w, "null");
	}
	close_(w, ']');
	m_int(w, "line", p->group.line);
	close_(w, '}');
}

static const char *const array_name[A__COUNT] = {
	"goals", "targets", "tasks", "phases", "reporting", "assessment",
};

size_t qc_plan_json_array_len(const struct qc_plan *p, int k)
{
	const size_t n[A__COUNT] = { p->n_goals,  p->n_targets, p->n_tasks,
				     p->n_phases, p->n_duties,  p->n_rules };
	return n[k];
}

char *qc_plan_to_json(const struct qc_plan *p)
{
	struct qc_buf b;
	struct w w = { .b = &b, .indent = 2 };

	qc_buf_init(&b, 0);
	w.first[0] = true;
	open_(&w, '{');
	m_str(&w, "format", FORMAT_NAME);
	key(&w, "plan");
	head(&w, p);
	for (int k = 0; k < A__COUNT; k++) {
		if (k == A_DUTIES) { /* the group stands before the reporting */
			key(&w, "group");
			group(&w, p);
		}
		key(&w, array_name[k]);
		open_(&w, '[');
		for (size_t i = 0; i < qc_plan_json_array_len(p, k); i++) {
			next(&w);
			item(&w, p, k, i);
		}
		close_(&w, ']');
	}
	close_(&w, '}');
	flush(&w);
	return qc_buf_detach(&b, NULL);
}

/* One compact value to f: the head, the group (k < 0) or an element. */
void qc_plan_json_put_value(FILE *f, struct qc_buf *b, const char *sep,
			    const struct qc_plan *p, int k, size_t i)
{
	struct w w = { .b = b };

	qc_buf_reset(b);
	qc_buf_adds(b, sep);
	w.first[0] = true;
	if (k == -1)
		head(&w, p);
	else if (k == -2)
		group(&w, p);
	else
		item(&w, p, k, i);
	flush(&w);
	fwrite(qc_buf_str(b), 1, qc_buf_len(b), f);
}

/* The compact document around its arrays; body(k) writes array k's
 * items. */
void qc_plan_json_write_doc(const struct qc_plan *p, FILE *f,
			    void (*body)(void *ctx, int k, FILE *f), void *ctx)
{
	struct qc_buf b;

	qc_buf_init(&b, 0);
	qc_plan_json_put_value(f, &b,
			       "{\"format\":\"" FORMAT_NAME "\",\n\"plan\":", p,
			       -1, 0);
	for (int k = 0; k < A__COUNT; k++) {
		const char *sep = k ? "]," : ",";
		if (k == A_DUTIES) {
			qc_plan_json_put_value(f, &b, "],\n\"group\":", p, -2,
					       0);
			sep = ",";
		}
		fprintf(f, "%s\n\"%s\":[", sep, array_name[k]);
		body(ctx, k, f);
	}
	fputs("]}\n", f);
	qc_buf_release(&b);
}

static void whole_body(void *ctx, int k, FILE *f)
{
	const struct qc_plan *p = ctx;
	struct qc_buf b;

	qc_buf_init(&b, 0);
	for (size_t i = 0; i < qc_plan_json_array_len(p, k); i++)
		qc_plan_json_put_value(f, &b, i ? ",\n" : "\n", p, k, i);
	qc_buf_release(&b);
}

enum qc_rc qc_plan_json_write_end(FILE *f, struct qc_error *err)
{
	if (fflush(f) != 0 || ferror(f))
		return qc_error_set(err, QC_EIO,
				    "could not write the plan JSON: the output "
				    "failed (disk full, or closed early?)");
	return QC_OK;
}

enum qc_rc qc_plan_write_json(const struct qc_plan *p, FILE *f,
			      struct qc_error *err)
{
	qc_plan_json_write_doc(p, f, whole_body, (void *)p);
	return qc_plan_json_write_end(f, err);
}
