/* The national server in the registry's SQL and writes (nation_int.h). */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/region.h"
#include "nation_int.h"
#include "banned.h"

/* sql's text for one side (nat: the nation's), in memory of its own. */
static char *resolve(const char *sql, bool nat)
{
	char *out = qc_xmalloc(strlen(sql) + 1), *w = out;
	/* 0: both sides; 1: the nation's part; 2: the others' part. */
	int side = 0;

	for (const char *p = sql; *p; p++) {
		if (*p == '\x1d') {
			side = 1;
		} else if (*p == '\x1f' && side) {
			side = 2;
		} else if (*p == '\x1e' && side) {
			side = 0;
		} else if (!side || (side == 1) == nat) {
			*w++ = *p;
		}
	}
	*w = '\0';
	return out;
}

/* Every text resolved so far, both sides at once (a store learns only
 * later, and may change, which side it is on), found by the address of
 * its source: the sources are the registry's literals, a bounded set.
 * The table owns the texts and keeps them for the process's life; the
 * lock is held only to look up or add an entry, the texts never change. */
#define RESOLVED_BUCKETS 64

struct resolved {
	struct resolved *next;
	const char *sql;
	char *src;     /* sql's text when resolved: a caller that broke the
			* contract (a buffer reused for another text) gets
			* that text, not another's stale resolution */
	char *text[2]; /* [1]: the nation's */
};

static struct resolved *resolved[RESOLVED_BUCKETS];
static pthread_mutex_t resolved_lock = PTHREAD_MUTEX_INITIALIZER;

const char *qc_nat_sql(struct qc_store *s, const char *sql)
{
	bool nat = qc_store_national(s);
	struct resolved **b =
		&resolved[((uintptr_t)sql >> 4) % RESOLVED_BUCKETS];
	struct resolved *e;

	pthread_mutex_lock(&resolved_lock);
	for (e = *b; e && (e->sql != sql || strcmp(e->src, sql)); e = e->next)
		;
	if (!e) {
		e = qc_xmalloc(sizeof(*e));
		e->sql = sql;
		e->src = qc_xstrdup(sql);
		e->text[0] = resolve(sql, false);
		e->text[1] = resolve(sql, true);
		e->next = *b;
		*b = e;
	}
	pthread_mutex_unlock(&resolved_lock);
	return e->text[nat];
}

enum qc_rc qc_nat_prepare(struct qc_store *s, const char *sql,
			  struct qc_stmt **out, struct qc_error *err)
{
	return qc_stmt_prepare(s, qc_nat_sql(s, sql), out, err);
}

bool qc_nation_in_area(const char *within, const char *code)
{
	char lo[QC_REGION_CODE_SIZE], hi[QC_REGION_CODE_SIZE + 1];

	if (!within)
		return true;
	if (!*within || !code || !*code)
		return false;
	qc_region_span(within, lo, hi);
	return strcmp(code, lo) >= 0 && strcmp(code, hi) < 0;
}
