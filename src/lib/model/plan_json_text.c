/* Plan elements as JSON text, written directly: the same bytes as
 * json_dumpf(JSON_COMPACT) of the objects plan_json.c builds (keys in
 * their order, strings escaped as jansson does, reals as jansson prints
 * them), at a fraction of the cost. tests/unit/extract/test_stream.c and
 * bench/extract/same_output.sh compare the two. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "qcity/text.h"
#include "plan_json_int.h"
#include "banned.h"

struct w {
	struct qc_buf *b;
	bool ok;
	bool first; /* no member written yet in the open object */
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

static void esc(struct w *w, unsigned char c)
{
	switch (c) {
	case '"': puts_(w, "\\\""); break;
	case '\\': puts_(w, "\\\\"); break;
	case '\b': puts_(w, "\\b"); break;
	case '\f': puts_(w, "\\f"); break;
	case '\n': puts_(w, "\\n"); break;
	case '\r': puts_(w, "\\r"); break;
	case '\t': puts_(w, "\\t"); break;
	default:
		flush(w);
		qc_buf_addf(w->b, "\\u%04X", c);
		break;
	}
}

/* One pass over s: runs of bytes that need no escaping are copied
 * whole; the 3-byte sequences of most Chinese text (leads E1..EC) are
 * checked on the way, and only a string with any other non-ASCII byte
 * is checked whole (qc_utf8_valid) at the end. Not UTF-8: nothing is
 * kept and the element goes through jansson. */
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
		w->ok = false;
		return;
	}
	put1(w, '"');
}

/* The keys are ASCII names (no escaping); printf-free: this runs a
 * dozen times per element. */
static void key(struct w *w, const char *k)
{
	if (!w->first)
		put1(w, ',');
	put1(w, '"');
	puts_(w, k);
	put(w, "\":", 2);
	w->first = false;
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

static void open_obj(struct w *w)
{
	put1(w, '{');
	w->first = true;
}

static void close_obj(struct w *w)
{
	put1(w, '}');
	w->first = false;
}

/* set_str: a string or null. */
static void m_str(struct w *w, const char *k, const char *v)
{
	key(w, k);
	if (v)
		str(w, v);
	else
		puts_(w, "null");
}

/* A string json_pack's "s" needs (NULL makes it fail: jansson's). */
static void m_str_req(struct w *w, const char *k, const char *v)
{
	if (!v)
		w->ok = false;
	else
		m_str(w, k, v);
}

static void m_int(struct w *w, const char *k, long long v)
{
	key(w, k);
	add_ll(w, v);
}

/* set_int0: 0 is null. */
static void m_int0(struct w *w, const char *k, int v)
{
	key(w, k);
	if (v)
		add_ll(w, v);
	else
		puts_(w, "null");
}

/* plan_json.c's number(): integral values as integers, others as
 * jansson prints a real (%.17g, ".0" if neither '.' nor 'e', the
 * exponent without '+' and leading zeros). */
static void m_num(struct w *w, const char *k, double v)
{
	char buf[64], *e, *start, *end;
	int len;

	if (!isfinite(v)) {
		w->ok = false;
		return;
	}
	key(w, k);
	if (fabs(v) < 1e15 && v == (double)(long long)v) {
		add_ll(w, (long long)v);
		return;
	}
	len = snprintf(buf, sizeof(buf) - 3, "%.17g", v);
	if (len < 0 || (size_t)len >= sizeof(buf) - 3) {
		w->ok = false;
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

	for (int pass = 0; pass < 2; pass++) {
		bool first = true;
		if (pass == 1) {
			for (size_t i = 0; i < l->n; i++)
				any_co |= l->v[i].role == QC_ROLE_CO;
			if (!any_co)
				break;
		}
		key(w, pass ? "co_owners" : "owners");
		put1(w, '[');
		for (size_t i = 0; i < l->n; i++) {
			if ((l->v[i].role == QC_ROLE_CO) != (pass == 1))
				continue;
			if (!l->v[i].written) {
				w->ok = false;
				return;
			}
			if (!first)
				put1(w, ',');
			first = false;
			str(w, l->v[i].written);
		}
		put1(w, ']');
	}
	key(w, "owners_detail");
	put1(w, '[');
	for (size_t i = 0; i < l->n; i++) {
		const struct qc_owner *o = &l->v[i];
		if (i)
			put1(w, ',');
		open_obj(w);
		m_str_req(w, "written", o->written);
		m_str_req(w, "unit", o->unit ? o->unit : o->written);
		m_str_req(w, "role", qc_role_name(o->role));
		close_obj(w);
	}
	put1(w, ']');
}

static void target(struct w *w, const struct qc_target *t)
{
	open_obj(w);
	m_str(w, "key", t->key);
	m_str(w, "goal", t->goal);
	m_int(w, "line", t->line);
	m_str(w, "indicator", t->indicator);
	m_str(w, "canonical", t->canonical);
	m_str(w, "op", qc_op_name(t->op));
	if (t->has_value) {
		m_num(w, "value", t->value);
	} else {
		key(w, "value");
		puts_(w, "null");
	}
	if (t->has_value_max)
		m_num(w, "value_max", t->value_max);
	m_str(w, "unit", t->unit);
	if (t->baseline_previous) {
		key(w, "baseline");
		puts_(w, "{\"ref\":\"previous_year\"}");
	} else if (t->baseline_year) {
		key(w, "baseline");
		flush(w);
		qc_buf_addf(w->b, "{\"year\":%d}", t->baseline_year);
	}
	m_int0(w, "year", t->year);
	owners(w, &t->owners);
	m_str(w, "text", t->text);
	if (t->n_parts) {
		key(w, "parts");
		put1(w, '[');
		for (size_t i = 0; i < t->n_parts; i++) {
			const struct qc_target_part *q = &t->parts[i];
			if (i)
				put1(w, ',');
			open_obj(w);
			m_str(w, "region", q->region);
			if (q->region_name)
				m_str(w, "region_name", q->region_name);
			m_str(w, "op", qc_op_name(q->op));
			if (q->has_value) {
				m_num(w, "value", q->value);
			} else {
				key(w, "value");
				puts_(w, "null");
			}
			if (q->has_value_max)
				m_num(w, "value_max", q->value_max);
			m_int0(w, "year", q->year);
			owners(w, &q->owners);
			close_obj(w);
		}
		put1(w, ']');
	}
	close_obj(w);
}

static void task(struct w *w, const struct qc_task *t)
{
	open_obj(w);
	m_str(w, "key", t->key);
	m_str(w, "parent", t->parent);
	m_str(w, "number", t->number);
	m_int(w, "line", t->line);
	m_str(w, "title", t->title);
	m_str(w, "text", t->text);
	m_str(w, "due", t->due);
	m_str(w, "phase", t->phase);
	owners(w, &t->owners);
	close_obj(w);
}

bool qc_plan_json_item(struct qc_buf *b, const struct qc_plan *p, int k,
		       size_t i)
{
	size_t at = qc_buf_len(b);
	struct w w = { .b = b, .ok = true, .first = true };

	switch (k) {
	case A_GOALS:
		open_obj(&w);
		m_str(&w, "key", p->goals[i].key);
		m_str(&w, "domain", p->goals[i].domain);
		m_str(&w, "name", p->goals[i].name);
		m_int(&w, "line", p->goals[i].line);
		close_obj(&w);
		break;
	case A_TARGETS: target(&w, &p->targets[i]); break;
	case A_TASKS: task(&w, &p->tasks[i]); break;
	case A_PHASES:
		open_obj(&w);
		m_str(&w, "key", p->phases[i].key);
		m_str(&w, "name", p->phases[i].name);
		m_str(&w, "start", p->phases[i].start);
		m_str(&w, "end", p->phases[i].end);
		m_int(&w, "line", p->phases[i].line);
		close_obj(&w);
		break;
	case A_DUTIES:
		open_obj(&w);
		m_str_req(&w, "kind", qc_report_kind_name(p->duties[i].kind));
		m_int(&w, "grace_days", p->duties[i].grace_days);
		m_str(&w, "text", p->duties[i].text);
		m_int(&w, "line", p->duties[i].line);
		close_obj(&w);
		break;
	default:
		open_obj(&w);
		m_str(&w, "text", p->rules[i].text);
		m_int(&w, "line", p->rules[i].line);
		close_obj(&w);
		break;
	}
	flush(&w);
	if (!w.ok)
		qc_buf_setlen(b, at);
	return w.ok;
}
