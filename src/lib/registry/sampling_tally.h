/* Internals of the sampling writer (sampling_write.c, sampling_stage.c,
 * sampling_tally.c): the writer's state, a string → id map, and what an
 * import sums in memory before it writes it once. */
#ifndef QCITY_SAMPLING_TALLY_H
#define QCITY_SAMPLING_TALLY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "qcity/category.h"
#include "qcity/error.h"
#include "qcity/model.h"
#include "qcity/strbuf.h"
#include "sampling_write.h"

struct qc_stmt;

/* ---- a small string → id map (open addressing, FNV-1a) ---------------- */
/* A short key is kept in its slot (most are: "c\x1f" and a credit code,
 * a region, an enterprise id and a year), so a lookup that hits reads
 * one slot and no string elsewhere in memory. */
#define QC_IDMAP_INLINE 24
struct idslot {
	size_t hash; /* of key: most probes end without a strcmp */
	int64_t id;
	char *key; /* a long (or empty) key's copy */
	/* For the caller: the enterprises' map keeps where the
	 * enterprise's year was summed last (years[aux] while gen is the
	 * writer's years_gen). */
	uint32_t aux, gen;
	char inl[QC_IDMAP_INLINE]; /* else the key here; "" if free */
};
struct idmap {
	struct idslot *v;
	size_t n, cap; /* cap a power of two */
};
struct idslot *qc_idmap_find(struct idmap *m, const char *key);
/* The slot is valid until the next put. */
struct idslot *qc_idmap_put(struct idmap *m, const char *key, int64_t id);
void qc_idmap_clear(struct idmap *m);
/* Whether the next put starts the map again (it holds MAP_MAX keys). */
bool qc_idmap_full(const struct idmap *m);

/* The id of a category to create when the staged rows are written. */
#define QC_PENDING_CATEGORY (-1)

/* Counts of one (region, level, category, year) cell. */
struct qc_tally_count {
	char region[QC_REGION_CODE_SIZE];
	char level[16];
	int64_t category;
	int year;
	long long samples, passed;
};
/* Results of one enterprise in a region and year. */
struct qc_tally_year {
	char region[QC_REGION_CODE_SIZE];
	int64_t enterprise;
	int year;
	long long samples, failed;
};

/* Slots of the counts' cache (a power of two). */
#define QC_SW_COUNT_HINTS 4096

/* Rows per INSERT on SQLite: one statement step for many rows saves the
 * opening and closing of the table's and indexes' cursors each time. */
#define QC_SW_BATCH 128
/* Texts of a result kept until its batch is written (sampling_lite.c). */
#define QC_SW_TEXTS 19
/* Non-unique indexes of sampling_results and held_by triggers a large
 * import drops and makes again. */
#define QC_SW_INDEXES 8

#define QC_SW_UNCAT_SHOWN 3

struct qc_sampling_writer {
	struct qc_store *s;
	bool copy; /* PostgreSQL: stage with COPY */
	char now[32];
	/* The province whose server holds the rows (held_by, 0027): the
	 * one this server publishes; "" when it publishes none (SQLite
	 * always), where each row's holder is its own province. */
	char holder[QC_REGION_CODE_SIZE];
	struct idmap ents, cats, cells_seen;
	/* A product's category by the end of its name, when the table has
	 * no category column (qcity/category.h); loaded on first need. */
	struct qc_category_heads heads;
	/* Results filed under no category, and the first products of them
	 * (distinct), for the import's report. */
	size_t uncategorized;
	char *uncat[QC_SW_UNCAT_SHOWN];
	size_t n_uncat;
	struct idmap samples; /* sample numbers given by this import */
	struct qc_tally_count *counts;
	size_t n_counts, alloc_counts;
	struct idmap count_ix; /* key → index in counts */
	/* A direct-mapped cache before count_ix: index + 1 in counts of a
	 * row's (region, level, category, year) by a cheap hash; 0: none. */
	uint32_t count_hint[QC_SW_COUNT_HINTS];
	struct qc_tally_year *years;
	size_t n_years, alloc_years;
	struct idmap year_ix;    /* key → index in years */
	uint32_t years_gen;      /* changes when years start again */
	struct idslot *ent_slot; /* the row's enterprise in ents, or NULL */
	struct qc_sampling_cell *cells;
	size_t n_cells, alloc_cells;
	struct qc_stmt *find_ent_code, *find_ent_name, *add_ent, *find_cat,
		*add_cat, *add_sample, *followup, *add_year, *add_years;
	struct qc_buf stage;
	int64_t staged;
	bool stage_cats; /* a staged row names a category to create */
	/* SQLite (sampling_lite.c): results and new enterprises go
	 * QC_SW_BATCH to a statement, with ids given here; the follow-ups
	 * of a batch are written once its results are. */
	int64_t next_id, next_ent;
	int in_batch;
	struct qc_sw_row {
		int64_t id, ent, cat;
		int passed;
		size_t off[QC_SW_TEXTS];   /* in row_text, + 1; 0: NULL */
		uint32_t len[QC_SW_TEXTS]; /* their lengths, for binding */
	} rows[QC_SW_BATCH];
	struct qc_buf row_text, ent_text;
	/* The full batch's statement (add_sample) keeps its values between
	 * batches: per row, the parameters now NULL (bit column - 1), and
	 * whether imported_at is bound (sampling_lite.c bind_result). */
	uint32_t batch_nulls[QC_SW_BATCH];
	bool batch_fixed;
	/* Texts most rows share (level, testing body, source...): the first
	 * one of such a column, kept. A row whose text equals it keeps no
	 * copy, and the full batch's statement, which keeps its values, is
	 * bound it only where it holds another (batch_same, bit column - 1:
	 * bound to same[]). */
	char *same[QC_SW_TEXTS];
	uint32_t same_len[QC_SW_TEXTS];
	uint32_t batch_same[QC_SW_BATCH];
	struct qc_sw_ent {
		int64_t id;
		bool verified;
		size_t off[5]; /* uscc, name, province, region, address */
		uint32_t len[5];
	} newent[QC_SW_BATCH];
	int n_newent;
	bool ents_first; /* foreign keys checked: enterprises first */
	struct qc_stmt *add_sample1, *add_ents;
	/* A large import's dropped indexes and triggers (made again before
	 * the commit). */
	int64_t first_id, before, check_at;
	char *index_name[QC_SW_INDEXES], *index_sql[QC_SW_INDEXES];
	bool index_trigger[QC_SW_INDEXES];
	int n_index;
	bool dropped, rebuilt;
	struct qc_sw_pending {
		int64_t id;
		char province[QC_REGION_CODE_SIZE];
		char region[QC_REGION_CODE_SIZE];
		char date[11], due[11];
	} pend[QC_SW_BATCH];
	int n_pend;
	struct qc_buf key;
};

/* The holder of a row of province prov (held_by): w->holder, or prov. */
const char *qc_sw_held_by(const struct qc_sampling_writer *w, const char *prov);

/* "a\x1fb\x1fc" in w->key (b, c may be NULL). */
const char *qc_sw_key(struct qc_sampling_writer *w, const char *a,
		      const char *b, const char *c);

/* Run a batch's statement (SQLite: INSERT OR FAIL, no statement
 * journal; see sampling_tally.c). */
enum qc_rc qc_sw_run_batch(struct qc_stmt *st, struct qc_error *err);

/* Count a row: its (region, level, category, year) cell (SQLite; on
 * PostgreSQL counted set-based from the stage), the (region, year) whose
 * pass rates change, and (SQLite, with its enterprise) the enterprise's
 * year. May write the enterprise years summed so far, to keep memory
 * flat. */
enum qc_rc qc_sw_count(struct qc_sampling_writer *w,
		       const struct qc_sampling_rec *x, int64_t category,
		       int64_t enterprise, int year, struct qc_error *err);
/* Write what is summed: the counts, one upsert per cell, and the
 * enterprise years, one upsert per area (sampling_tally.c). */
enum qc_rc qc_sw_apply(struct qc_sampling_writer *w, struct qc_error *err);

/* The areas a result of region code is counted under in
 * sampling_enterprise_years: the span prefixes (qc_region_span) of its
 * province, prefecture, county and a township's own code. Returns how
 * many (1 to 4). */
int qc_sampling_areas(const char *code, char out[4][QC_REGION_CODE_SIZE]);

/* SQLite (sampling_lite.c): prepare; queue a new enterprise (its id in
 * *id); keep a result for its batch (then flush when QC_SW_BATCH are
 * kept); write the kept results, their follow-ups and (with the foreign
 * keys checked) the queued enterprises, and drop the secondary indexes
 * once the import is large against the table; finish: write what is
 * left and build the dropped indexes again; free. */
enum qc_rc qc_sw_lite_open(struct qc_sampling_writer *w, struct qc_error *err);
enum qc_rc qc_sw_lite_ent(struct qc_sampling_writer *w,
			  const struct qc_sampling_rec *x, int64_t *id,
			  struct qc_error *err);
void qc_sw_lite_row(struct qc_sampling_writer *w,
		    const struct qc_sampling_rec *x, int64_t ent, int64_t cat);
enum qc_rc qc_sw_lite_flush(struct qc_sampling_writer *w, struct qc_error *err);
enum qc_rc qc_sw_lite_finish(struct qc_sampling_writer *w,
			     struct qc_error *err);
/* Last, once everything is written: the planner's statistics of the
 * written tables, when the import was large or there are none yet. */
enum qc_rc qc_sw_lite_analyze(struct qc_sampling_writer *w,
			      struct qc_error *err);
void qc_sw_lite_free(struct qc_sampling_writer *w);

/* PostgreSQL (sampling_stage.c): stage a row (COPY when STAGE_BYTES are
 * buffered), and write every staged row set-based, taking the write lock
 * (qc_store_lock_writes) for the last part: it returns with it held. */
enum qc_rc qc_sw_stage_open(struct qc_sampling_writer *w, struct qc_error *err);
enum qc_rc qc_sw_stage_row(struct qc_sampling_writer *w,
			   const struct qc_sampling_rec *x, int64_t category,
			   struct qc_error *err);
enum qc_rc qc_sw_write_staged(struct qc_sampling_writer *w,
			      struct qc_error *err);

#endif
