/* Importing sampling results: header recognition, row checks, enterprises,
 * the results, their counts and the bound pass rates, all in one
 * transaction. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "qcity/i18n.h"
#include "qcity/alloc.h"
#include "qcity/clock.h"
#include "qcity/model.h"
#include "qcity/nation.h"
#include "qcity/sampling.h"
#include "qcity/store.h"
#include "qcity/table.h"
#include "qcity/uscc.h"
#include "sampling_feed.h"
#include "sampling_int.h"
#include "sampling_region.h"
#include "sampling_tally.h"
#include "sampling_write.h"
#include "banned.h"

/* One import: the reading side here, the writing in sampling_write.c. */
struct importer {
	struct qc_store *s;
	const struct qc_sampling_import_opts *o;
	const char *actor;
	struct qc_sampling_map map;
	struct qc_stmt *dup_sample;
	struct qc_sampling_writer *w;
	struct sampling_places places; /* where rows belong: sampling_region.c */
	char now[32];
	/* The province of the authority --region (else the title) names,
	 * issuer of the announcement's rows below national level (0029),
	 * "national" when it names the nation; "" unknown. issuer_from is
	 * "region", "title" or NULL; unsaid counts the rows a publishing
	 * server recorded without an issuer. */
	char issuer[16];
	const char *issuer_from;
	size_t unsaid;
	struct sampling_reader rd; /* sampling_read.c */
};

/* Input from which the rows are read on a thread of their own. */
#define FEED_MIN_BYTES ((size_t)1 << 20)

static const char *cell(const struct qc_table_row *r, int col)
{
	if (col < 0 || (size_t)col >= r->n || qc_sampling_blank(r->cells[col]))
		return NULL;
	return r->cells[col];
}

/* A record's failed items and the one its next row continues them
 * with, joined with 、 (rd->more_items then holds both). */
static void add_item(struct sampling_reader *rd, const char **items)
{
	struct qc_buf b = QC_BUF_INIT;
	char *more = rd->more_items;

	if (!more)
		return;
	if (!*items || qc_sampling_blank(*items)) {
		*items = more;
		return;
	}
	qc_buf_init(&b, 0);
	qc_buf_adds(&b, *items);
	qc_buf_adds(&b, "、");
	qc_buf_adds(&b, more);
	rd->more_items = qc_buf_detach(&b, NULL);
	free(more);
	*items = rd->more_items;
}

/* The checks of a row that read nothing from the database, in file
 * order (on the feed's reading thread for a large CSV: they touch only
 * the map, the options and the reader's cells, never im->s or the
 * reader's places). */
static enum qc_rc check_cells(void *ctx, const struct qc_table_row *row,
			      struct sample *x, struct qc_error *err)
{
	struct importer *im = ctx;
	const struct qc_sampling_import_opts *o = im->o;
	enum qc_rc rc;

	memset(x, 0, sizeof(*x));
	for (int f = 0; f < QC_SF__COUNT; f++)
		x->f[f] = cell(row, im->map.col[f]);
	if ((rc = qc_sampling_rd_cells(&im->map, &im->rd, row, x->f, err)))
		return rc;
	/* Under a group row naming a category (一、食用农产品). */
	if (!x->f[QC_SF_CATEGORY])
		x->f[QC_SF_CATEGORY] = im->rd.group;
	if (im->rd.more_pending) {
		im->rd.more_pending = false;
		add_item(&im->rd, &x->f[QC_SF_FAILED]);
	}
	/* A product cell the page left empty: the product the title names
	 * (…陶瓷砖产品质量专项监督抽查不合格产品…), if it names one. */
	if (!x->f[QC_SF_PRODUCT] && im->o->product)
		x->f[QC_SF_PRODUCT] = im->o->product;
	if (!x->f[QC_SF_PRODUCT] && im->rd.title_product[0])
		x->f[QC_SF_PRODUCT] = im->rd.title_product;
	if (!x->f[QC_SF_PRODUCT])
		return qc_error_set(err, QC_EINVAL,
				    "field 'product' (%s): empty; the "
				    "rows' product may be given with "
				    "--product",
				    im->map.label[QC_SF_PRODUCT]);
	if (!x->f[QC_SF_ENTERPRISE])
		return qc_error_set(err, QC_EINVAL,
				    "field 'enterprise' (%s): "
				    "empty",
				    im->map.label[QC_SF_ENTERPRISE]);
	if ((x->passed = qc_sampling_rd_verdict(&im->map, o, &im->rd, x->f,
						err)) < 0)
		return QC_EINVAL;
	/* Items tested (检验项目) are failed items of a failing row only. */
	if (x->passed && im->map.items_tested)
		x->f[QC_SF_FAILED] = NULL;
	const char *date = x->f[QC_SF_DATE] ? x->f[QC_SF_DATE] :
			   o->date          ? o->date :
			   im->rd.when[0]   ? im->rd.when :
					      NULL;
	if (!date)
		return qc_error_set(err, QC_EINVAL,
				    "field 'date': the table has "
				    "no sampling date; give --date");
	if (!(x->precision = qc_sampling_parse_when(date, x->date)))
		return qc_error_set(err, QC_EINVAL,
				    "field 'date' (%s): '%s' is "
				    "not a date (2023-05-12, 2023年5月, "
				    "2016年4季度 or 2016年)",
				    im->map.label[QC_SF_DATE] ?
					    im->map.label[QC_SF_DATE] :
					    "--date",
				    date);
	const char *level = x->f[QC_SF_LEVEL] ? x->f[QC_SF_LEVEL] :
						im->rd.level;
	if (!level || !(x->level = qc_sampling_parse_level(level)))
		return qc_error_set(err, QC_EINVAL,
				    "field 'level': '%s' is not "
				    "national, provincial, municipal or county "
				    "(国家/省/市/县)",
				    level ? level : "");
	if (x->f[QC_SF_USCC]) {
		if (!qc_uscc_normalize(x->f[QC_SF_USCC], x->uscc))
			snprintf(x->uscc, sizeof(x->uscc), "%.18s",
				 x->f[QC_SF_USCC]);
		x->uscc_ok = qc_uscc_check(x->uscc, err) == QC_OK;
		if (!x->uscc_ok && !o->allow_unverified) {
			qc_error_prefix(err, "field 'uscc'");
			return QC_EINVAL;
		}
	}
	return QC_OK;
}

/* The rest of a row's checks, on the connection's thread: its region
 * and its sample number. */
static enum qc_rc check_place(struct importer *im, struct sample *x,
			      struct qc_error *err)
{
	enum qc_rc rc;
	const char **f = x->f;

	/* 遼陽 under 标称生产企业 (长春 2011): a producer named by its place
	 * only names no enterprise; the seller the row names is its one. */
	if (f[QC_SF_SAMPLED] && f[QC_SF_ENTERPRISE] &&
	    strcmp(f[QC_SF_ENTERPRISE], f[QC_SF_SAMPLED]) &&
	    qc_sampling_place_only(im->s, f[QC_SF_ENTERPRISE])) {
		f[QC_SF_ENTERPRISE] = f[QC_SF_SAMPLED];
		f[QC_SF_ADDRESS] = f[QC_SF_SAMPLED_ADDRESS];
	}
	if ((rc = qc_sampling_pick_region(&im->places, x, err))) {
		qc_error_prefix(err, "field 'region'");
		return rc;
	}
	/* One importer per announcement (docs/scaling.md, sampling_issuer.c);
	 * a publishing server counts the rows whose issuer is unsaid. */
	const char *holder = qc_sw_held_by(im->w, NULL);
	if ((rc = qc_sampling_issuer_check(holder, x->level, x->region,
					   im->issuer, im->issuer_from,
					   &x->issuer, err)))
		return rc;
	im->unsaid += holder && !x->issuer;
	if (x->f[QC_SF_SAMPLE_NO]) {
		qc_stmt_reset(im->dup_sample);
		qc_stmt_bind_text(im->dup_sample, 1, x->f[QC_SF_SAMPLE_NO]);
		enum qc_rc r = qc_stmt_next(im->dup_sample, err);
		if (qc_step_failed(r))
			return QC_EDB;
		if (r == QC_ROW)
			return qc_error_set(err, QC_ECONFLICT,
					    "field 'sample_no':"
					    " sample %s is already recorded",
					    x->f[QC_SF_SAMPLE_NO]);
	}
	return QC_OK;
}

/* How precisely the date was written, as stored (date_precision). */
static const char *precision_name(enum qc_date_precision p)
{
	switch (p) {
	case QC_DATE_MONTH: return "month";
	case QC_DATE_QUARTER: return "quarter";
	case QC_DATE_HALF: return "half";
	case QC_DATE_YEAR: return "year";
	default: return "day";
	}
}

/* The checked row, handed to the writer (sampling_write.c). */
static enum qc_rc write_row(struct importer *im, const struct sample *x,
			    struct qc_error *err)
{
	const struct qc_sampling_import_opts *o = im->o;
	char prov[QC_REGION_CODE_SIZE];
	struct qc_sampling_rec r = {
		.province = prov,
		.region = x->region,
		.level = x->level,
		.plan = x->f[QC_SF_PLAN] ? x->f[QC_SF_PLAN] : o->sampling_plan,
		.batch = x->f[QC_SF_BATCH] ? x->f[QC_SF_BATCH] : o->batch,
		.sample_no = x->f[QC_SF_SAMPLE_NO],
		.enterprise = x->f[QC_SF_ENTERPRISE],
		.uscc = x->f[QC_SF_USCC] ? x->uscc : NULL,
		.uscc_ok = x->uscc_ok,
		.address = x->f[QC_SF_ADDRESS],
		.product = x->f[QC_SF_PRODUCT],
		.category = x->f[QC_SF_CATEGORY],
		.spec = x->f[QC_SF_SPEC],
		.lot = x->f[QC_SF_LOT],
		.date = x->date,
		.passed = x->passed,
		.failed_items = x->f[QC_SF_FAILED],
		.body = x->f[QC_SF_BODY],
		.source = o->source,
		.sampled = x->f[QC_SF_SAMPLED],
		.sampled_address = x->f[QC_SF_SAMPLED_ADDRESS],
		.precision = precision_name(x->precision),
		.issuer = x->issuer,
		.remarks = x->f[QC_SF_REMARKS],
	};
	qc_region_province(x->region, prov);
	return qc_sampling_writer_add(im->w, &r, err);
}

static enum qc_rc prepare_all(struct importer *im, struct qc_error *err)
{
	enum qc_rc rc = qc_stmt_prepare(im->s,
					"SELECT id FROM sampling_results WHERE"
					" sample_no = ?",
					&im->dup_sample, err);
	if (!rc)
		rc = qc_sampling_writer_open(im->s, im->now, &im->w, err);
	return rc;
}

/* Results a category-bound pass rate will not count, said with what the
 * office can do about them. */
static void say_uncategorized(const struct qc_sampling_writer *w,
			      struct qc_sampling_report *rep)
{
	struct qc_buf products = QC_BUF_INIT;
	size_t n = qc_sampling_writer_uncategorized(w, &products);

	if (n)
		qc_buf_addf(&rep->mapping,
			    _("%zu results under no product category: the "
			      "table gives none, and the catalogue "
			      "(data/product-categories.json) names nothing "
			      "their products end with (such as %s); add the "
			      "names there and run `qcity init`\n"),
			    n, qc_buf_str(&products));
	qc_buf_release(&products);
}

static void finish(struct importer *im)
{
	qc_stmt_free(im->dup_sample);
	qc_sampling_writer_free(im->w);
	free(im->places.cache);
	qc_sampling_rd_release(&im->rd);
	qc_sampling_map_release(&im->map);
}

/* The feed's skip (sampling_feed.h): the importer's map and reader. */
static int skip_row(void *ctx, const struct qc_table_row *r,
		    const struct qc_table_row *next)
{
	struct importer *im = ctx;
	return qc_sampling_skip_row(&im->map, &im->rd, r, next);
}

/* SQLite checks the three foreign keys of each result as it is inserted
 * (a quarter of the insert's time), and a CHECK constraint of more than
 * two values (level, date_precision) by filling a table of the values
 * for every row (15 % of an import's instructions). The importer writes
 * only ids and region codes it has just read from (or written to) their
 * tables in its own transaction, and the level, the precision and the
 * verdict from its own lists, so it turns both checks off for that
 * transaction and on again after (PRAGMA integrity_check still checks
 * the constraints, test_sampling_rebuild); inside a caller's
 * transaction the foreign keys stay checked. PostgreSQL is left
 * alone. */
static bool checks_off(struct qc_store *s)
{
	return !strcmp(qc_store_driver(s), "sqlite") &&
	       qc_store_exec(s, "PRAGMA foreign_keys=OFF", NULL) == QC_OK &&
	       qc_store_exec(s, "PRAGMA ignore_check_constraints=ON", NULL) ==
		       QC_OK;
}

static enum qc_rc import_table(struct qc_store *s, struct qc_table *t,
			       const char *name, size_t bytes,
			       const struct qc_sampling_import_opts *o,
			       const char *actor, bool records,
			       struct qc_sampling_report *rep,
			       struct qc_error *err);

/* Failures written as sentences, read as the table csv holds (found:
 * 1, or -1 if none could be read); a sentence not read (unread of them,
 * in unread_rows as rejects) refuses the import, or with --skip-bad is
 * rejected. Releases csv and unread_rows. */
static enum qc_rc
import_sentences(struct qc_store *s, const char *name,
		 const struct qc_sampling_import_opts *o, const char *actor,
		 struct qc_sampling_report *rep, struct qc_buf *csv,
		 struct qc_buf *unread_rows, size_t unread, int line,
		 const char *why, struct qc_error *err)
{
	struct qc_table *rt = NULL;
	enum qc_rc rc;

	if (unread && (!o->skip_bad || !qc_buf_len(csv))) {
		rep->rows = unread;
		rc = qc_error_set(err, QC_EINVAL,
				  "line %d: a failure written as a sentence "
				  "is not read: %s (%zu such sentences in all); "
				  "give --skip-bad to import the others and "
				  "list these as rejected",
				  line, qc_tr(why), unread);
	} else if (!(rc = qc_table_open(qc_buf_str(csv), qc_buf_len(csv),
					"sentences.csv", &rt, err))) {
		qc_buf_reset(&rep->mapping);
		qc_buf_adds(&rep->mapping,
			    _("failures written as sentences: each product "
			      "a sentence names read as a failing row\n"));
		rc = import_table(s, rt, name, qc_buf_len(csv), o, actor, false,
				  rep, err);
		qc_table_close(rt);
		if (!rc && unread) {
			rep->rows += unread;
			rep->rejected += unread;
			qc_buf_add(&rep->rejects, qc_buf_str(unread_rows),
				   qc_buf_len(unread_rows));
		}
	}
	qc_buf_release(unread_rows);
	qc_buf_release(csv);
	return rc;
}

/* A table with no header the reader knows may be failures written as
 * records, one field a line (sampling_records.c): imported as the table
 * they make; else the header's error (rc) stands. */
static enum qc_rc import_records(struct qc_store *s, struct qc_table *t,
				 const char *name,
				 const struct qc_sampling_import_opts *o,
				 const char *actor,
				 struct qc_sampling_report *rep, enum qc_rc rc,
				 struct qc_error *err)
{
	struct qc_buf csv = QC_BUF_INIT, unknown = QC_BUF_INIT,
		      unread_rows = QC_BUF_INIT;
	struct qc_table *rt;
	int line = 0, found;
	size_t unread = 0;
	const char *why = NULL;

	qc_buf_init(&csv, 64 << 20);
	qc_buf_init(&unknown, 0);
	qc_buf_init(&unread_rows, 64 << 20);
	found = qc_sampling_records(t, &csv, &line, &unknown);
	/* Else failures written as sentences (sampling_sentences.c). */
	if (!found && (found = qc_sampling_sentences(t, &csv, &unread_rows,
						     &unread, &line, &why))) {
		qc_buf_release(&unknown);
		return import_sentences(s, name, o, actor, rep, &csv,
					&unread_rows, unread, line, why, err);
	}
	if (found < 0)
		rc = qc_error_set(err, QC_EINVAL,
				  "line %d: failures written as records, one "
				  "field a line, that name no product or no "
				  "maker (产品名称:…, 生产企业名称:…); give them "
				  "those labels, or the table a header",
				  line);
	if (found == 1 && !qc_table_open(qc_buf_str(&csv), qc_buf_len(&csv),
					 "records.csv", &rt, NULL)) {
		qc_buf_reset(&rep->mapping);
		qc_buf_adds(&rep->mapping,
			    _("failures written as records, one field a "
			      "line: each record read as a row\n"));
		/* Not read as records again: the table they make has its
		 * header, or its error stands. */
		rc = import_table(s, rt, name, qc_buf_len(&csv), o, actor,
				  false, rep, err);
		qc_table_close(rt);
		/* Labels outside the catalogue: their values are in the
		 * remarks, said so (sampling_records.c). */
		if (qc_buf_len(&unknown))
			qc_buf_addf(&rep->mapping,
				    _("record labels outside the catalogue, "
				      "their values kept in the remarks as "
				      "'label：value': %s\n"),
				    qc_buf_str(&unknown));
	}
	qc_buf_release(&unread_rows);
	qc_buf_release(&unknown);
	qc_buf_release(&csv);
	return rc;
}

/* Import the rows of an open table (see qc_sampling_import); records:
 * whether a table without a header may be read as records. */
static enum qc_rc import_table(struct qc_store *s, struct qc_table *t,
			       const char *name, size_t bytes,
			       const struct qc_sampling_import_opts *o,
			       const char *actor, bool records,
			       struct qc_sampling_report *rep,
			       struct qc_error *err)
{
	struct importer im = { .s = s, .o = o, .actor = actor };
	struct sampling_feed *feed = NULL;
	struct sampling_item *item;
	bool in_tx = false, fk_off = false, journal = false;
	enum qc_rc rc;
	int r = 0;
	size_t titled = 0; /* rows that took the title's product */

	/* At the nation results are the provinces' (each imports its own
	 * regions): refused before anything is read. */
	if ((rc = qc_store_refuse_national_write(s, err)))
		return rc;
	im.places = (struct sampling_places){ s, &im.rd, o->region,
					      qc_sampling_region_cache() };
	qc_now_iso(im.now, sizeof(im.now));
	rc = qc_sampling_map_header(t, o->map, o->n_map, &im.map, err);
	/* A sentence of a failure read as headings (…生产的南瓜子, 不合格项目
	 * 为大肠菌群) heads no table. */
	if (!rc && !o->n_map && records &&
	    qc_sampling_sentence_heads(&im.map)) {
		qc_sampling_map_release(&im.map);
		rc = QC_EINVAL;
	}
	if (rc) {
		if (rc == QC_EINVAL && !o->n_map && records)
			rc = import_records(s, t, name, o, actor, rep, rc, err);
		goto out;
	}
	qc_sampling_describe_map(&im.map, &rep->mapping);
	im.rd.file = name;
	im.rd.all_failed = o->all_failed;
	if ((rc = qc_sampling_rd_settle(s, o, &im.map, &im.rd, &rep->mapping,
					err)))
		goto out;
	rep->date_from = im.rd.date_from;
	qc_sampling_issuer_of(s, o->region, im.map.title, im.issuer,
			      &im.issuer_from, &rep->mapping);
	snprintf(rep->period, sizeof(rep->period), "%s", im.rd.when);
	/* Read and staged without the write lock on PostgreSQL (other
	 * writers carry on); the writer takes it to write (finish). */
	fk_off = checks_off(s);
	journal = qc_sw_lite_journal(s, bytes);
	if ((rc = qc_store_begin_staged(s, err)))
		goto out;
	in_tx = true;
	if ((rc = prepare_all(&im, err)))
		goto out;
	/* A large CSV is read and checked on a thread of its own while
	 * this one writes (sampling_feed.c). */
	feed = qc_sampling_feed_open(t, im.map.header_line, skip_row,
				     check_cells, &im,
				     bytes >= FEED_MIN_BYTES &&
					     !strcmp(qc_table_format(t),
						     "csv"));
	while ((r = qc_sampling_feed_next(feed, &item, err)) == 1) {
		const struct qc_table_row *row = item->row;
		struct sample *x = &item->x;
		rep->rows++;
		rc = item->rc;
		if (rc && err)
			*err = item->err;
		if (!rc)
			rc = check_place(&im, x, err);
		if (rc == QC_EINVAL || rc == QC_ECONFLICT ||
		    rc == QC_ENOTFOUND) {
			if (!o->skip_bad) {
				qc_error_prefix(err, "line %d", row->line);
				goto out;
			}
			qc_sampling_add_reject(&rep->rejects, row,
					       err ? err->msg : "");
			rep->rejected++;
			rc = QC_OK;
			continue;
		}
		if (!rc)
			rc = write_row(&im, x, err);
		if (rc == QC_ECONFLICT && o->skip_bad) {
			/* A sample number twice in the file (staged rows). */
			qc_sampling_add_reject(&rep->rejects, row,
					       err ? err->msg : "");
			rep->rejected++;
			rc = QC_OK;
			continue;
		}
		if (rc) {
			qc_error_prefix(err, "line %d", row->line);
			goto out;
		}
		rep->imported++;
		titled += x->f[QC_SF_PRODUCT] == im.rd.title_product;
	}
	if (titled)
		qc_buf_addf(&rep->mapping,
			    _("%zu rows with an empty product cell took the "
			      "product the title names (%s)\n"),
			    titled, im.rd.title_product);
	if (r < 0) {
		rc = err ? err->code : QC_EINVAL;
		goto out;
	}
	/* The reading thread has ended: the reader's counts are final. */
	qc_sampling_feed_close(feed);
	feed = NULL;
	if (im.rd.placed)
		qc_buf_addf(&rep->mapping,
			    _("rows short of a cell in their middle, placed "
			      "by the kind of their cells (a date, a code, a "
			      "laboratory, a value): %zu\n"),
			    im.rd.placed);
	if (im.rd.lost)
		qc_buf_addf(&rep->mapping,
			    _("rows without their leading merged cells, "
			      "their cells placed to the right and the "
			      "missing ones taken from the row above: %zu\n"),
			    im.rd.lost);
	if (im.rd.relisted)
		qc_buf_addf(&rep->mapping,
			    im.rd.relisted_as ?
				    _("the rows under a second list's caption "
				      "(%s) passed, as it says\n") :
				    _("the rows under a second list's caption "
				      "(%s) are failures, as it says\n"),
			    im.rd.relisted);
	qc_sampling_issuer_unsaid(&rep->mapping, im.unsaid);
	if (!rep->imported) {
		rc = rep->rows ? qc_error_set(err, QC_EINVAL,
					      "none of the %zu rows could be "
					      "imported (see the rejected "
					      "rows); nothing was written",
					      rep->rows) :
				 qc_error_set(err, QC_EINVAL,
					      "the table has a header but no "
					      "rows of results; nothing was "
					      "written");
		goto out;
	}
	rc = qc_sampling_writer_finish(im.w, actor, err);
	if (!rc)
		say_uncategorized(im.w, rep);
	if (!rc) {
		char after[96];
		snprintf(after, sizeof(after),
			 "{\"imported\": %zu, \"rejected\":"
			 " %zu}",
			 rep->imported, rep->rejected);
		rc = qc_audit_add(s, actor, "import", "sampling", name, NULL,
				  after, err);
	}
out:
	qc_sampling_feed_close(feed);
	finish(&im);
	if (in_tx) {
		if (rc)
			qc_store_rollback(s);
		else
			rc = qc_store_commit(s, err);
	}
	if (journal)
		qc_sw_lite_journal_end(s);
	if (fk_off)
		qc_store_exec(s,
			      "PRAGMA foreign_keys=ON;"
			      " PRAGMA ignore_check_constraints=OFF",
			      NULL);
	if (rc)
		rep->imported = 0;
	return rc;
}

static void report_init(struct qc_sampling_report *rep)
{
	memset(rep, 0, sizeof(*rep));
	qc_buf_init(&rep->mapping, 0);
	qc_buf_init(&rep->rejects, 64 << 20);
}

enum qc_rc qc_sampling_import(struct qc_store *s, const char *data, size_t len,
			      const char *name,
			      const struct qc_sampling_import_opts *o,
			      const char *actor, struct qc_sampling_report *rep,
			      struct qc_error *err)
{
	struct qc_table *t;
	enum qc_rc rc;

	report_init(rep);
	if ((rc = qc_table_open(data, len, name, &t, err)))
		return rc;
	qc_table_drop_glosses(t);
	rc = import_table(s, t, name, len, o, actor, true, rep, err);
	qc_table_close(t);
	return rc;
}

enum qc_rc qc_sampling_import_file(struct qc_store *s, const char *path,
				   const struct qc_sampling_import_opts *o,
				   const char *actor,
				   struct qc_sampling_report *rep,
				   struct qc_error *err)
{
	struct qc_table *t;
	struct stat st;
	enum qc_rc rc;

	report_init(rep);
	if ((rc = qc_table_open_file(path, &t, err)))
		return rc;
	qc_table_drop_glosses(t);
	rc = import_table(s, t, path, stat(path, &st) ? 0 : (size_t)st.st_size,
			  o, actor, true, rep, err);
	qc_table_close(t);
	return rc;
}

void qc_sampling_report_release(struct qc_sampling_report *r)
{
	qc_buf_release(&r->mapping);
	qc_buf_release(&r->rejects);
}
