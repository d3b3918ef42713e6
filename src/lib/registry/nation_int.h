/* The national server in the registry's SQL and writes, in one place
 * (docs/scaling.md "Read by id at the nation"). At the nation ids repeat
 * across provinces (each province's server numbers its own rows), so a
 * row of a replicated table is found by (province, id) or (held_by, id),
 * and its category by its province's name; province data arrives by
 * replication only. Not exported in a public header. */
#ifndef QCITY_NATION_INT_H
#define QCITY_NATION_INT_H

#include "qcity/nation.h"
#include "qcity/store.h"

/* SQL marks read by qc_nat_prepare: QC_NAT(x) is kept on a national
 * server only, QC_NAT_OR(x, y) is x there and y on any other server. A
 * `?` inside a mark is a parameter on that side only (parameters are
 * bound by position: one there moves those after it on that side, so
 * keep such marks late, or bind with a running index). Marks do not
 * nest. */
#define QC_NAT(x) "\x1d" x "\x1e"
#define QC_NAT_OR(x, y) "\x1d" x "\x1f" y "\x1e"

/* qc_stmt_prepare of sql with each mark resolved as above for this
 * server: at the nation and elsewhere the text is what a hand-written
 * query would be, so the planner prunes partitions and the statement
 * cache keeps one entry per text. */
enum qc_rc qc_nat_prepare(struct qc_store *s, const char *sql,
			  struct qc_stmt **out, struct qc_error *err);

#endif
