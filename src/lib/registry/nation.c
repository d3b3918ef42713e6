/* The national server in the registry's SQL and writes (nation_int.h). */
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

enum qc_rc qc_nat_prepare(struct qc_store *s, const char *sql,
			  struct qc_stmt **out, struct qc_error *err)
{
	/* Resolved on each prepare: the copy costs about 2 us against
	 * SQLite's 100 us of prepare for the same text (docs/scaling.md). */
	char *text = resolve(sql, qc_store_national(s));
	enum qc_rc rc = qc_stmt_prepare(s, text, out, err);
	free(text);
	return rc;
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
