/* The writing half of the sampling importer (sampling_write.c): checked
 * rows in, results, enterprises, follow-ups, counts and pass rates out. */
#ifndef QCITY_SAMPLING_WRITE_H
#define QCITY_SAMPLING_WRITE_H

#include <stdbool.h>
#include <stddef.h>

#include "qcity/error.h"
#include "qcity/model.h"

struct qc_store;

/* A checked result, ready to write. The strings are borrowed for the
 * call; uscc is NULL when the row has no credit code (the enterprise is
 * then found by name in the region, and unverified), category when the
 * table names none (then the product's catalogue category applies, if
 * the catalogue lists it). date is YYYY-MM-DD, the first day of the
 * period when precision ("day", "month", "quarter", "half", "year";
 * NULL: "day") says the table gave a period. sampled is the sampled unit
 * (受检单位) when the table names one. issuer is the announcement's
 * issuing authority (migration 0029): "national", a province code, or
 * NULL when the import did not say. remarks (migration 0030) is the
 * table's free text of the row (备注, 整改情况; record labels outside
 * the catalogue as "标签：值"), or NULL. */
struct qc_sampling_rec {
	const char *province, *region, *level, *plan, *batch, *sample_no,
		*enterprise, *uscc, *address, *product, *category, *spec, *lot,
		*date, *failed_items, *body, *source, *sampled,
		*sampled_address, *precision, *issuer, *remarks;
	bool uscc_ok;
	int passed;
};

/* SQLite, before an import's transaction of `bytes` of input: when the
 * input is large against the database and no other connection has it
 * open, switch to a rollback journal for the import and return true;
 * then qc_sw_lite_journal_end after its commit or rollback puts the WAL
 * back (sampling_lite.c). False, changing nothing, otherwise. */
bool qc_sw_lite_journal(struct qc_store *s, size_t bytes);
void qc_sw_lite_journal_end(struct qc_store *s);

/* A (region, year) whose pass rates an import changed. */
struct qc_sampling_cell {
	char region[QC_REGION_CODE_SIZE];
	int year;
};

/* Refresh the bound pass rates of the cells' regions, their prefectures
 * and provinces, each (region, year) once (sampling_rates.c). */
enum qc_rc qc_sampling_refresh_cells(struct qc_store *s,
				     const struct qc_sampling_cell *cells,
				     size_t n, const char *actor,
				     struct qc_error *err);

/* Writes the results of one import inside the caller's transaction:
 * _open prepares (now: the import's timestamp); _add writes a row, or
 * stages it (PostgreSQL), QC_ECONFLICT for a sample number the file
 * already gave; _finish writes what is staged, applies the counts once
 * and refreshes the bound pass rates; _free releases the writer (NULL
 * is fine). Nothing is committed here: on an error the caller rolls
 * back. */
struct qc_sampling_writer;
enum qc_rc qc_sampling_writer_open(struct qc_store *s, const char *now,
				   struct qc_sampling_writer **out,
				   struct qc_error *err);
enum qc_rc qc_sampling_writer_add(struct qc_sampling_writer *w,
				  const struct qc_sampling_rec *x,
				  struct qc_error *err);
enum qc_rc qc_sampling_writer_finish(struct qc_sampling_writer *w,
				     const char *actor, struct qc_error *err);
void qc_sampling_writer_free(struct qc_sampling_writer *w);
/* The results written under no product category (no category cell, and
 * a product the catalogue does not name); the first few such products
 * appended to products, parted by 、. */
struct qc_buf;
size_t qc_sampling_writer_uncategorized(const struct qc_sampling_writer *w,
					struct qc_buf *products);

#endif
