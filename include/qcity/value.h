/* Reported values: a series × region × period, set one by one or
 * imported from a table, audited, all or nothing, and the review lock
 * that keeps accepted data. */
#ifndef QCITY_VALUE_H
#define QCITY_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "qcity/error.h"

struct qc_store;

/* Periods: "2019" (year), "2019-H1"/"2019-H2", "2019-Q1".."Q4",
 * "2019-01".."2019-12". */
bool qc_period_valid(const char *period);
/* A period as people read it, translated: "2020年", "2020年上半年",
 * "2020年第2季度", "2020年6月" in zh_CN; anything else as it is. Written
 * into buf (n bytes); returns buf. */
const char *qc_period_label(const char *period, char *buf, size_t n);
/* Each period of a list joined by 、 (as the reporting engine keeps the
 * missing periods) through qc_period_label, into buf; returns buf. */
const char *qc_period_list_label(const char *list, char *buf, size_t n);

struct qc_value_in {
	const char *indicator; /* the series' name as the plan writes it;
				    a catalogue name or synonym when that
				    leads to one series */
	const char *region;    /* code or name */
	const char *period;
	double value;
	const char *unit;     /* NULL: the indicator's unit */
	const char *reporter; /* submitting unit's name, may be NULL */
	const char *note;
	const char *source;
	int64_t indicator_id; /* nonzero: this series; indicator unused */
};

/* Set one value (insert or replace), audited. A value outside the
 * indicator's range (include/qcity/indicator.h) is QC_EINVAL. */
enum qc_rc qc_value_set(struct qc_store *s, const struct qc_value_in *v,
			const char *actor, struct qc_error *err);

/* QC_ECONFLICT on a national server for a value of a province's region
 * (a code or a name): the values are the provinces', replicated, and are
 * written on their own servers (the words of qc_store_refuse_national_write,
 * qcity/nation.h). QC_OK for the nation's own region (province 000000 or
 * 100000, as the national tables' guard allows), for a name that does
 * not resolve (the writer then says why; a six-digit code is taken as it
 * is) and on every other server. qc_value_set, qc_value_set_checked
 * and the imports check it first (before a face's scope check, their
 * callback), so a face need not call it. */
enum qc_rc qc_value_refuse_at_nation(struct qc_store *s, const char *region,
				     struct qc_error *err);

/* Import CSV (UTF-8 or GB18030) with a header row naming the columns
 * indicator, region, period, value and optionally unit, reporter, note,
 * source (English or Chinese: 指标, 地区, 期间, 数值, 单位, 报送单位, 备注,
 * 来源). All rows or none: the first bad row is reported with its line,
 * column and reason. *count receives the rows written. */
enum qc_rc qc_value_import_csv(struct qc_store *s, const char *data, size_t len,
			       const char *actor, size_t *count,
			       struct qc_error *err);
/* A check every row of an import passes before it is written: it may
 * change the row (name its reporter) or refuse it, and with it the whole
 * file, by returning an error whose message names the line. The
 * importing user's scope (qc_value_import_as, qcity/scope.h) is one. */
typedef enum qc_rc (*qc_value_row_check)(struct qc_store *s,
					 struct qc_value_in *v, int line,
					 void *arg, struct qc_error *err);
/* qc_value_import_csv with check (NULL: none) called on each row. */
enum qc_rc qc_value_import_checked(struct qc_store *s, const char *data,
				   size_t len, qc_value_row_check check,
				   void *arg, const char *actor, size_t *count,
				   struct qc_error *err);

/* qc_value_set with check (NULL: none; line 0) called on v after the
 * refusal at the nation and before the write, in one transaction: the
 * faces' single write, so that each asks the nation once, as an import
 * does a row. check may change *v (name its reporter, its region's
 * code), and the caller sees the change. */
enum qc_rc qc_value_set_checked(struct qc_store *s, struct qc_value_in *v,
				qc_value_row_check check, void *arg,
				const char *actor, struct qc_error *err);

/* The review lock (qcity/review.h): QC_ECONFLICT with a message naming
 * the unit and period when unit_id's data for period was accepted by the
 * office and so is locked; QC_OK otherwise (or for unit 0). Every value
 * and progress write calls it. */
enum qc_rc qc_value_check_open(struct qc_store *s, int64_t unit_id,
			       const char *period, struct qc_error *err);
/* The same for a value write: refused when the submitting unit's period
 * is locked, or when the value already stored for indicator × region ×
 * period belongs to a unit whose period is locked (so a write without a
 * reporter cannot overwrite accepted data either). */
enum qc_rc qc_value_check_lock(struct qc_store *s, int64_t indicator_id,
			       const char *region, const char *period,
			       int64_t unit_id, struct qc_error *err);

#endif
