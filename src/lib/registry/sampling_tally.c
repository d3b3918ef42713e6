/* What a sampling import sums in memory and writes once: the counts per
 * (region, level, category, year) behind the pass rates, the (region,
 * year) cells whose rates it refreshes, and each enterprise's results per
 * year under every area a red or black list asks for. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "qcity/alloc.h"
#include "qcity/hash.h"
#include "qcity/model.h"
#include "qcity/store.h"
#include "qcity/strbuf.h"
#include "sampling_tally.h"
#include "banned.h"

/* Ids are a cache of the database: past MAP_MAX keys the map starts
 * again, so memory stays flat however many enterprises a file names. */
#define MAP_MAX (1u << 18)
/* Enterprise years summed before they are written (and memory freed). */
#define YEARS_MAX (1u << 16)

static bool slot_used(const struct idslot *v)
{
	return v->key || v->inl[0];
}

static const char *slot_key(const struct idslot *v)
{
	return v->key ? v->key : v->inl;
}

/* An array of 2 MiB or more (zeroed when zero) on huge pages where the
 * kernel gives them on request: the enterprises' map and their years
 * are read at random slots, one each a row, and with 4 KiB pages most
 * such reads also walked the page table (slow in a virtual machine). */
#define HUGE_PAGE ((size_t)2 << 20)
static void *big_alloc(size_t n, size_t size, bool zero)
{
	size_t bytes = qc_st_mult(n, size);
	void *p = NULL;
#ifdef MADV_HUGEPAGE
	if (bytes >= HUGE_PAGE && !posix_memalign(&p, HUGE_PAGE, bytes)) {
		(void)madvise(p, bytes, MADV_HUGEPAGE); /* only advice */
		if (zero)
			memset(p, 0, bytes);
		return p;
	}
#endif
	(void)p;
	return zero ? qc_xcalloc(n, size) : qc_xreallocarray(NULL, n, size);
}

void qc_idmap_clear(struct idmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->v[i].key);
	free(m->v);
	memset(m, 0, sizeof(*m));
}

struct idslot *qc_idmap_find(struct idmap *m, const char *key)
{
	if (!m->cap)
		return NULL;
	size_t h = (size_t)qc_hash_str(key);
	for (size_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		if (!slot_used(&m->v[i]))
			return NULL;
		if (m->v[i].hash == h && !strcmp(slot_key(&m->v[i]), key))
			return &m->v[i];
	}
}

bool qc_idmap_full(const struct idmap *m)
{
	return m->n >= MAP_MAX;
}

struct idslot *qc_idmap_put(struct idmap *m, const char *key, int64_t id)
{
	if (m->n >= MAP_MAX)
		qc_idmap_clear(m);
	/* Up to three quarters full: the enterprises' 34 000 keys in 64 Ki
	 * slots (3.6 MiB) instead of 128 Ki at half, fewer bytes to miss in
	 * for one or two more probes, mostly in the same cache line. */
	if ((m->n + 1) * 4 > m->cap * 3) {
		struct idmap g = { .cap = m->cap ? m->cap * 2 : 1024 };
		g.v = big_alloc(g.cap, sizeof(*g.v), true);
		for (size_t i = 0; i < m->cap; i++) {
			if (!slot_used(&m->v[i]))
				continue;
			size_t j = m->v[i].hash & (g.cap - 1);
			while (slot_used(&g.v[j]))
				j = (j + 1) & (g.cap - 1);
			g.v[j] = m->v[i];
		}
		g.n = m->n;
		free(m->v);
		*m = g;
	}
	size_t h = (size_t)qc_hash_str(key), i = h & (m->cap - 1),
	       len = strlen(key);
	while (slot_used(&m->v[i]))
		i = (i + 1) & (m->cap - 1);
	if (len && len < QC_IDMAP_INLINE)
		memcpy(m->v[i].inl, key, len + 1);
	else
		m->v[i].key = qc_xstrdup(key);
	m->v[i].id = id;
	m->v[i].hash = h;
	m->n++;
	return &m->v[i];
}

/* Room for one more enterprise year (big_alloc: read at random). */
static void grow_years(struct qc_sampling_writer *w)
{
	if (w->n_years < w->alloc_years)
		return;
	size_t cap = w->alloc_years ? w->alloc_years * 2 : 64;
	struct qc_tally_year *g = big_alloc(cap, sizeof(*g), false);
	if (w->n_years)
		memcpy(g, w->years, w->n_years * sizeof(*g));
	free(w->years);
	w->years = g;
	w->alloc_years = cap;
}

/* "a\x1fb" of two integers into out (48 bytes): snprintf costs more
 * than the rest of a row's counting. */
static const char *int_pair(char *out, long long a, long long b)
{
	char tmp[24], *p = out;
	long long v[2] = { a, b };
	for (int k = 0; k < 2; k++) {
		unsigned long long u = v[k] < 0 ?
					       0ULL - (unsigned long long)v[k] :
					       (unsigned long long)v[k];
		int n = 0;
		if (k)
			*p++ = '\x1f';
		if (v[k] < 0)
			*p++ = '-';
		do
			tmp[n++] = (char)('0' + u % 10);
		while (u /= 10);
		while (n)
			*p++ = tmp[--n];
	}
	*p = '\0';
	return out;
}

/* Built first on the stack when it fits, then added at once: a lookup
 * or two per row, and five appends each cost more than the hash. */
const char *qc_sw_key(struct qc_sampling_writer *w, const char *a,
		      const char *b, const char *c)
{
	const char *part[3] = { a, b ? b : "", c ? c : "" };
	size_t len[3], n = 2;
	char tmp[256];

	for (int i = 0; i < 3; i++)
		n += len[i] = strlen(part[i]);
	qc_buf_reset(&w->key);
	if (n > sizeof(tmp)) {
		for (int i = 0; i < 3; i++) {
			if (i)
				qc_buf_addch(&w->key, '\x1f');
			qc_buf_add(&w->key, part[i], len[i]);
		}
		return qc_buf_str(&w->key);
	}
	char *p = tmp;
	for (int i = 0; i < 3; i++) {
		if (i)
			*p++ = '\x1f';
		memcpy(p, part[i], len[i]);
		p += len[i];
	}
	qc_buf_add(&w->key, tmp, n);
	return qc_buf_str(&w->key);
}

/* "%.*s" of src into out (QC_REGION_CODE_SIZE bytes). */
static void code_prefix(char *out, const char *src, size_t max)
{
	qc_code_prefix(out, src,
		       max < QC_REGION_CODE_LEN ? max : QC_REGION_CODE_LEN);
}

int qc_sampling_areas(const char *code, char out[4][QC_REGION_CODE_SIZE])
{
	size_t len = strlen(code);
	bool township = len == QC_REGION_CODE_LEN;
	int n = 0;

	code_prefix(out[n++], code, 2);
	if (len >= 6 && (township || strncmp(code + 2, "0000", 4)))
		code_prefix(out[n++], code, 4);
	if (len >= 6 && (township || strncmp(code + 4, "00", 2)))
		code_prefix(out[n++], code, 6);
	if (township)
		code_prefix(out[n++], code, QC_REGION_CODE_LEN);
	return n;
}

/* One row of sampling_enterprise_years to add to. */
struct area_row {
	uint64_t head; /* area's first 8 bytes, big-endian, NUL-padded */
	char area[QC_REGION_CODE_SIZE];
	int64_t enterprise;
	int year;
	long long samples, failed;
};

/* The first 8 bytes of s as a number that orders as strcmp does. */
static uint64_t head_of(const char *s)
{
	uint64_t h = 0;
	int i = 0;
	for (; i < 8 && s[i]; i++)
		h = h << 8 | (unsigned char)s[i];
	return i ? h << (8 * (8 - i)) : 0; /* a shift by 64 is undefined */
}

static int by_key(const void *a, const void *b)
{
	const struct area_row *x = a, *y = b;
	/* strcmp's order without strcmp: the sort compares a row with
	 * others some twenty times. */
	if (x->head != y->head)
		return x->head < y->head ? -1 : 1;
	int c = x->head & 0xff ? strcmp(x->area + 8, y->area + 8) : 0;
	if (c)
		return c;
	if (x->enterprise != y->enterprise)
		return x->enterprise < y->enterprise ? -1 : 1;
	return (x->year > y->year) - (x->year < y->year);
}

/* The importer's batches on SQLite are INSERT OR FAIL: with the default
 * (ABORT) a statement of many rows that may fail keeps a statement
 * journal, and every page it changes that the transaction had before
 * the statement is copied there first: a 128-row batch of new
 * enterprises copied the 16 KiB pages of its random index entries, a
 * third of the enterprises' cost (callgrind). OR FAIL stops at
 * the failing row and keeps the rows before it, which no import keeps:
 * a failed batch ends the import, undone whole, even under --skip-bad
 * (whose conflicts are all found before anything is written). */
enum qc_rc qc_sw_run_batch(struct qc_stmt *st, struct qc_error *err)
{
	enum qc_rc rc = qc_stmt_run(st, err);
	if (rc == QC_ECONFLICT) {
		rc = QC_EDB;
		if (err)
			err->code = rc;
	}
	return rc;
}

/* Rows of sampling_enterprise_years per upsert statement: one statement
 * for many rows instead of one per row. An upsert still keeps a
 * statement journal (OR FAIL changed nothing here), which copies each
 * page it changes once a statement: 256 rows a statement instead of 64
 * took 6 % off the enterprise years (callgrind, 100 000 rows). */
#define YEARS_BATCH 256

static const char add_year_sql[] =
	"INSERT OR FAIL INTO sampling_enterprise_years (province_code, area,"
	" enterprise_id, year, samples, failed, held_by) VALUES ";
static const char add_year_conflict[] =
	" ON CONFLICT (held_by, province_code, area, enterprise_id, year)"
	" DO UPDATE"
	" SET samples = sampling_enterprise_years.samples + excluded.samples,"
	" failed = sampling_enterprise_years.failed + excluded.failed";

/* The upsert of n rows (1 or YEARS_BATCH). The rows of one statement
 * have distinct keys (apply_years merges them first). */
static enum qc_rc prepare_years(struct qc_store *s, int n, struct qc_stmt **out,
				struct qc_error *err)
{
	struct qc_buf sql;
	enum qc_rc rc;

	qc_buf_init(&sql, 0);
	qc_buf_adds(&sql, add_year_sql);
	for (int i = 0; i < n; i++)
		qc_buf_adds(&sql, i ? ", (?, ?, ?, ?, ?, ?, ?)" :
				      "(?, ?, ?, ?, ?, ?, ?)");
	qc_buf_adds(&sql, add_year_conflict);
	rc = qc_stmt_prepare(s, qc_buf_str(&sql), out, err);
	qc_buf_release(&sql);
	return rc;
}

/* The enterprise years summed so far, spread over their areas, merged
 * and sorted in the primary key's order (the upserts then walk the
 * B-tree forwards), YEARS_BATCH rows an upsert (the last ones one at a
 * time); then the sums start again. */
static enum qc_rc apply_years(struct qc_sampling_writer *w,
			      struct qc_error *err)
{
	struct area_row *v;
	size_t n = 0, m = 0;
	enum qc_rc rc = QC_OK;

	if (!w->n_years)
		return QC_OK;
	if (!w->add_year && (rc = prepare_years(w->s, 1, &w->add_year, err)))
		return rc;
	if (!w->add_years && w->n_years >= YEARS_BATCH &&
	    (rc = prepare_years(w->s, YEARS_BATCH, &w->add_years, err)))
		return rc;
	v = qc_xcalloc(w->n_years * 4, sizeof(*v));
	for (size_t i = 0; i < w->n_years; i++) {
		const struct qc_tally_year *y = &w->years[i];
		char areas[4][QC_REGION_CODE_SIZE];
		int k = qc_sampling_areas(y->region, areas);
		for (int a = 0; a < k; a++, n++) {
			memcpy(v[n].area, areas[a], QC_REGION_CODE_SIZE);
			v[n].head = head_of(areas[a]);
			v[n].enterprise = y->enterprise;
			v[n].year = y->year;
			v[n].samples = y->samples;
			v[n].failed = y->failed;
		}
	}
	qsort(v, n, sizeof(*v), by_key);
	for (size_t i = 0; i < n; i++) {
		if (m && !by_key(&v[m - 1], &v[i])) {
			v[m - 1].samples += v[i].samples;
			v[m - 1].failed += v[i].failed;
		} else {
			v[m++] = v[i];
		}
	}
	for (size_t i = 0; !rc && i < m;) {
		bool batch = w->add_years && m - i >= YEARS_BATCH;
		struct qc_stmt *st = batch ? w->add_years : w->add_year;
		int rows = batch ? YEARS_BATCH : 1;
		qc_stmt_rewind(st); /* every parameter is bound again */
		for (int r = 0; r < rows; r++, i++) {
			char prov[QC_REGION_CODE_SIZE];
			int o = r * 7;
			/* prov is copied when bound */
			memcpy(prov, v[i].area, 2);
			memcpy(prov + 2, "0000", 5);
			qc_stmt_bind_text(st, o + 1, prov);
			qc_stmt_bind_text(st, o + 2, v[i].area);
			qc_stmt_bind_int(st, o + 3, v[i].enterprise);
			qc_stmt_bind_int(st, o + 4, v[i].year);
			qc_stmt_bind_int(st, o + 5, v[i].samples);
			qc_stmt_bind_int(st, o + 6, v[i].failed);
			qc_stmt_bind_text(st, o + 7, qc_sw_held_by(w, prov));
		}
		rc = qc_sw_run_batch(st, err);
	}
	free(v);
	w->n_years = 0;
	w->years_gen++;
	qc_idmap_clear(&w->year_ix);
	return rc;
}

enum qc_rc qc_sw_count(struct qc_sampling_writer *w,
		       const struct qc_sampling_rec *x, int64_t cat,
		       int64_t ent, int year, struct qc_error *err)
{
	char tail[48];
	struct idslot *hit;
	bool new_count = true;

	if (w->copy)
		goto cell; /* counted set-based from the stage */
	/* Most rows find their count in the cache, without a key built. */
	size_t slot = ((size_t)qc_hash_str(x->region) ^
		       (size_t)cat * 0x9E3779B97F4A7C15u ^ (size_t)year * 31u ^
		       (unsigned char)x->level[0]) &
		      (QC_SW_COUNT_HINTS - 1);
	uint32_t at = w->count_hint[slot];
	struct qc_tally_count *c = at ? &w->counts[at - 1] : NULL;
	if (c && (c->category != cat || c->year != year ||
		  strcmp(c->region, x->region) || strcmp(c->level, x->level)))
		c = NULL; /* another count in the slot */
	if (!c && (hit = qc_idmap_find(&w->count_ix,
				       qc_sw_key(w, x->region, x->level,
						 int_pair(tail, cat, year)))))
		c = &w->counts[hit->id];
	if (c) {
		new_count = false;
	} else {
		qc_idmap_put(&w->count_ix, qc_buf_str(&w->key),
			     (int64_t)w->n_counts);
		QC_GROW(w->counts, w->n_counts + 1, w->alloc_counts);
		c = &w->counts[w->n_counts++];
		memset(c, 0, sizeof(*c));
		code_prefix(c->region, x->region, QC_REGION_CODE_LEN);
		snprintf(c->level, sizeof(c->level), "%s", x->level);
		c->category = cat;
		c->year = year;
	}
	w->count_hint[slot] = (uint32_t)(c - w->counts) + 1;
	c->samples++;
	c->passed += x->passed != 0;
	if (ent > 0) {
		/* Where this enterprise's year was summed last, kept in its
		 * slot of the enterprises' map: one look instead of a key
		 * built and hashed (an enterprise's rows share a region and
		 * year); the map when it is another. */
		struct idslot *es = w->ent_slot;
		struct qc_tally_year *y = NULL;
		if (es && es->id == ent && es->gen == w->years_gen &&
		    es->aux < w->n_years) {
			y = &w->years[es->aux];
			if (y->enterprise != ent || y->year != year ||
			    strcmp(y->region, x->region))
				y = NULL;
		}
		if (!y) {
			hit = qc_idmap_find(&w->year_ix,
					    qc_sw_key(w, x->region,
						      int_pair(tail, ent, year),
						      NULL));
		}
		if (y) {
			/* found by the hint */
		} else if (hit) {
			y = &w->years[hit->id];
		} else {
			qc_idmap_put(&w->year_ix, qc_buf_str(&w->key),
				     (int64_t)w->n_years);
			grow_years(w);
			y = &w->years[w->n_years++];
			memset(y, 0, sizeof(*y));
			code_prefix(y->region, x->region, QC_REGION_CODE_LEN);
			y->enterprise = ent;
			y->year = year;
		}
		if (es && es->id == ent) {
			es->aux = (uint32_t)(y - w->years);
			es->gen = w->years_gen;
		}
		y->samples++;
		y->failed += x->passed == 0;
	}
cell:
	/* The (region, year) cells whose pass rates are refreshed: already
	 * listed when the row's count was there before (listed when that
	 * count was made). */
	if (new_count &&
	    !qc_idmap_find(&w->cells_seen,
			   qc_sw_key(w, x->region, int_pair(tail, year, 0),
				     NULL))) {
		qc_idmap_put(&w->cells_seen, qc_buf_str(&w->key), 0);
		QC_GROW(w->cells, w->n_cells + 1, w->alloc_cells);
		code_prefix(w->cells[w->n_cells].region, x->region,
			    QC_REGION_CODE_LEN);
		w->cells[w->n_cells++].year = year;
	}
	return w->n_years >= YEARS_MAX ? apply_years(w, err) : QC_OK;
}

enum qc_rc qc_sw_apply(struct qc_sampling_writer *w, struct qc_error *err)
{
	struct qc_stmt *st = NULL;
	enum qc_rc rc = qc_stmt_prepare(
		w->s,
		"INSERT INTO sampling_counts (region_code, level, category_id,"
		" year, samples, passed, province_code, held_by) VALUES"
		" (?, ?, ?, ?, ?, ?, ?, ?)"
		" ON CONFLICT (held_by, province_code, region_code, level,"
		" category_id, year) DO UPDATE"
		" SET samples = sampling_counts.samples + excluded.samples,"
		" passed = sampling_counts.passed + excluded.passed",
		&st, err);
	for (size_t i = 0; !rc && i < w->n_counts; i++) {
		const struct qc_tally_count *c = &w->counts[i];
		char prov[QC_REGION_CODE_SIZE];
		qc_region_province(c->region, prov);
		qc_stmt_rewind(st); /* every parameter is bound again */
		qc_stmt_bind_text(st, 1, c->region);
		qc_stmt_bind_text(st, 2, c->level);
		qc_stmt_bind_int(st, 3, c->category);
		qc_stmt_bind_int(st, 4, c->year);
		qc_stmt_bind_int(st, 5, c->samples);
		qc_stmt_bind_int(st, 6, c->passed);
		qc_stmt_bind_text(st, 7, prov);
		qc_stmt_bind_text(st, 8, qc_sw_held_by(w, prov));
		rc = qc_stmt_run(st, err);
	}
	qc_stmt_free(st);
	if (!rc)
		rc = apply_years(w, err);
	return rc;
}
