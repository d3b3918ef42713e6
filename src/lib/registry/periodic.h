/* The periodic-verification core the registers of units checked on a
 * due date share (special equipment: 定期检验; metrology: 周期检定):
 * dues, on time or not, overdue units, the years a county has dues in,
 * and the rewrite of the bound indicators of a county's regions.
 *
 * A register has a units table (id, region_code, next_due, status
 * 'in_use' or retired with status_on, last_result 'fail' while it may
 * not be used) and a checks table (the unit's id in `fk`, the day done in
 * `on`, the due date it answered in due_on). The names are constants of
 * the register, never input. */
#ifndef QC_REGISTRY_PERIODIC_H
#define QC_REGISTRY_PERIODIC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "qcity/error.h"
#include "qcity/region_code.h"

struct qc_store;
struct qc_stmt;

struct qc_periodic {
	const char *units, *checks, *fk, *on;
	const char *bindings; /* the register's bound indicators */
};

/* "2024-02-08", "2024/2/8", "2024年2月8日" (a time after it ignored) or
 * a workbook's serial day number into out as ISO; false if not a real
 * date. */
bool qc_reg_date(const char *v, char out[11]);

/* Run a one-row query with text parameters; its first n columns into v
 * (NULL as 0); nothing when it gives no row. */
enum qc_rc qc_reg_count_row(struct qc_store *s, const char *sql,
			    const char *const *params, int np, long *v, int n,
			    struct qc_error *err);

/* The dues in [start, upto] of the units in [lo, hi): those a check
 * answered (each unit and date once; on time when the first check came
 * on or before it) and those not answered yet, due unless the unit was
 * retired before the date. on_time <= due. */
enum qc_rc qc_periodic_dues(struct qc_store *s, const struct qc_periodic *p,
			    const char *lo, const char *hi, const char *start,
			    const char *upto, long *due, long *on_time,
			    struct qc_error *err);
/* The units in use in [lo, hi) past their due date on `now` or whose last
 * check failed. */
enum qc_rc qc_periodic_overdue(struct qc_store *s, const struct qc_periodic *p,
			       const char *lo, const char *hi, const char *now,
			       long *n, struct qc_error *err);

/* The due date an import may store for the unit `id` already on record,
 * whose date is now `now` (NULL: none), into next (the file's date on
 * entry, "" if none): once checks are recorded here, theirs stands unless
 * the file gives a later one (an older export imported again moves
 * nothing back; a failed unit keeps none until a check passes). */
enum qc_rc qc_periodic_import_due(struct qc_store *s,
				  const struct qc_periodic *p, int64_t id,
				  const char *now, char next[11],
				  struct qc_error *err);

/* The unit's checks take its province (prov) after an import moved it
 * to a county of another province: they are joined to it by (province,
 * id) (migration 0033). PostgreSQL's foreign key cascades the move
 * already; SQLite's is on the id alone. */
enum qc_rc qc_periodic_move_checks(struct qc_store *s,
				   const struct qc_periodic *p, int64_t id,
				   const char *prov, struct qc_error *err);

/* Write every bound indicator of one region and year. */
typedef enum qc_rc (*qc_periodic_set_fn)(struct qc_store *s, const char *region,
					 int year, const char *actor,
					 struct qc_error *err);
/* Rewrite the bound indicators of county, its prefecture and province for
 * each year with dues there (extra: NULL, or " UNION SELECT year FROM ...
 * WHERE region_code = ?" adding years of the register's own, one ? for
 * the county) and the current year; nothing when none is bound. */
enum qc_rc qc_periodic_refresh(struct qc_store *s, const struct qc_periodic *p,
			       const char *county, const char *extra,
			       qc_periodic_set_fn set, const char *actor,
			       struct qc_error *err);

/* A page of a register's list, judged, ranked and cut by the database in
 * one statement on both engines (docs/equipment.md, docs/metrology.md
 * "Web and API"), so a page reads only its own rows and the command
 * line's list (no limit) keeps the API's order. */

/* What every list's query binds first: the day it judges on (ISO), the
 * state ("" for all), the code ("" for all) and the region span
 * [lo, hi) ("", ":" for all). */
struct qc_periodic_params {
	char day[11], lo[QC_REGION_CODE_SIZE], hi[QC_REGION_CODE_SIZE + 1];
	const char *state, *code;
};
/* Those of region (NULL: all), state (NULL or "": all), code (NULL: all)
 * on day into p; false when state is not one of the n states. */
bool qc_periodic_params(const char *region, const char *state, const char *code,
			long day, const char *const *states, size_t n,
			struct qc_periodic_params *p);

/* A register's list. Its FROM clause ends in a table `c` with the rank
 * `grp` (0 first, under 10), `ord` (the order within the rank: "" or an
 * ISO date) and `code`, and a WHERE that QC_PERIODIC_PAGE extends with
 * the keyset. */
#define QC_PERIODIC_PAGE                          \
	" AND (c.grp, c.ord, c.code) > (?, ?, ?)" \
	" ORDER BY c.grp, c.ord, c.code LIMIT ?"
struct qc_periodic_list {
	const char *count; /* "SELECT COUNT(*)" FROM */
	/* "SELECT" the row's columns FROM QC_PERIODIC_PAGE; its columns
	 * rank, rank + 1 and rank + 2 are c.grp, c.ord and c.code. */
	const char *rows;
	int rank;
	int np;     /* text parameters, bound first in both */
	int groups; /* grp is 0 to groups - 1 */
	/* Each row in order, to the caller's list. */
	void (*row)(struct qc_stmt *st, void *list);
};
/* The page of l with the np params after `after` (NULL, "" or the next
 * of the page before), limit rows (0: every row): its rows to l->row
 * with list; *total (may be NULL) the rows the filters keep; next (may be
 * NULL; size bytes) "GRP|ORD|CODE" of the page's last row, "" after the
 * last page. QC_EINVAL for an `after` this list did not give. */
enum qc_rc qc_periodic_page(struct qc_store *s,
			    const struct qc_periodic_list *l,
			    const char *const *params, const char *after,
			    size_t limit, void *list, size_t *total, char *next,
			    size_t size, struct qc_error *err);

#endif
