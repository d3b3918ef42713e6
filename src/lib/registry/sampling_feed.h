/* The reading half of the sampling importer's loop (sampling_feed.c): a
 * table's rows, each with the checks that read nothing from the
 * database already made, in file order. A large CSV is read and checked
 * on a thread of its own, ahead of the thread that writes, which alone
 * uses the database connection. */
#ifndef QCITY_SAMPLING_FEED_H
#define QCITY_SAMPLING_FEED_H

#include <stdbool.h>

#include "qcity/error.h"
#include "qcity/model.h"
#include "qcity/sampling.h"
#include "qcity/sampling_parse.h"
#include "qcity/table.h"
#include "qcity/uscc.h"

/* A row's fields as checked so far. f[] and the rest are what the
 * checks without the database give (sampling.c check_cells); region is
 * filled later, on the writing thread. Read ahead, the struct is copied
 * by value and f[]'s strings into the feed's own memory (sampling_feed.c
 * fill, hand_out): a new field here is a value, a static string, or a
 * string that fill copies as it copies f[]. */
struct sample {
	const char *f[QC_SF__COUNT];
	char uscc[QC_USCC_LEN + 1];
	bool uscc_ok;
	char date[11];
	/* How precisely the date was written (2016年4季度: a quarter); with
	 * f[QC_SF_SAMPLED] and f[QC_SF_SAMPLED_ADDRESS], for the writer to
	 * store (migration 0022). */
	enum qc_date_precision precision;
	char region[QC_REGION_CODE_SIZE];
	const char *level; /* a static string (qc_sampling_parse_level) */
	/* "national", the importer's own issuer or NULL: set on the writing
	 * thread (check_place), never copied by the feed. */
	const char *issuer;
	int passed;
};

/* Called in file order for each row past the header, on the reading
 * thread: whether to leave the row out (a repeated header, a note), and
 * the checks of a row kept. Neither may use the database connection.
 * skip is first called with next NULL; SAMPLING_PEEK asks to be called
 * again with the row after it (an empty row at the end), for a row
 * whose meaning that row decides (a caption over a second header).
 * Called with next, SAMPLING_ABSORB says next belongs to the row (a
 * failed item continued on a row of its own): next is dropped and skip
 * called again with the row after it; SAMPLING_JOIN that the row and
 * next are one record wrapped over two lines (qc_sampling_wrapped):
 * the row read is the two joined. */
enum {
	SAMPLING_KEEP,
	SAMPLING_LEAVE,
	SAMPLING_PEEK,
	SAMPLING_ABSORB,
	SAMPLING_JOIN
};
typedef int (*sampling_skip_fn)(void *ctx, const struct qc_table_row *row,
				const struct qc_table_row *next);
typedef enum qc_rc (*sampling_check_fn)(void *ctx,
					const struct qc_table_row *row,
					struct sample *x, struct qc_error *err);

/* A row handed out: as read, its fields, and what check said of it
 * (rc, and err's message when rc is not 0). Valid until the next call. */
struct sampling_item {
	const struct qc_table_row *row;
	struct sample x;
	enum qc_rc rc;
	struct qc_error err;
};

struct sampling_feed;

/* The rows of t after header_line that skip keeps, each checked by
 * check; threaded: read and checked on a thread of their own, a few
 * hundred rows ahead (then skip and check must touch nothing the caller
 * uses meanwhile). Free with qc_sampling_feed_close. */
struct sampling_feed *qc_sampling_feed_open(struct qc_table *t, int header_line,
					    sampling_skip_fn skip,
					    sampling_check_fn check, void *ctx,
					    bool threaded);
/* 1: the next row in *out; 0: the end; -1: the table is malformed (err
 * names the line), as qc_table_next. */
int qc_sampling_feed_next(struct sampling_feed *f, struct sampling_item **out,
			  struct qc_error *err);
/* Stops the reading thread (if any) and frees; NULL is fine. */
void qc_sampling_feed_close(struct sampling_feed *f);

#endif
