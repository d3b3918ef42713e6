/* How the sampling importer reads one cell as offices write it: public so
 * that tests (and other importers) use the same rules. */
#ifndef QCITY_SAMPLING_PARSE_H
#define QCITY_SAMPLING_PARSE_H

#include <stdbool.h>

/* True for cells that say "nothing here": "", "/", "—", "无" ... */
bool qc_sampling_blank(const char *s);
/* 1 合格/P/符合…要求/通过 ..., 0 不合格/F/不符合…/不通过 ..., -1
 * unreadable; a quality grade (合格品, 优等品, 一等品) is -1: it is not a
 * verdict. The catalogue is listed in docs/registry.md. */
int qc_sampling_parse_result(const char *s);
/* True for a quality grade (合格品, 优等品, 一等品, 一级 ...). */
bool qc_sampling_is_grade(const char *s);
/* "national", "provincial", "municipal", "county" from 国家/省/市/县 ...,
 * or NULL. */
const char *qc_sampling_parse_level(const char *s);
/* A date as offices write it (2023-05-12, 2023/5/12, 2023年5月12日,
 * 20230512, an Excel serial day) to YYYY-MM-DD. */
bool qc_sampling_parse_date(const char *s, char out[11]);

/* How precisely a sampling date was written. */
enum qc_date_precision {
	QC_DATE_NONE = 0, /* not a date */
	QC_DATE_DAY,
	QC_DATE_MONTH,   /* 2017年4月, 2017-04 */
	QC_DATE_QUARTER, /* 2016年4季度, 2016年第四季度, 2016Q4 */
	QC_DATE_HALF,    /* 2016年上半年 */
	QC_DATE_YEAR,    /* 2016年, 2016 */
};
/* A date or a period as written: a day as qc_sampling_parse_date, else a
 * month, quarter, half or year, stored as the period's first day
 * (2016年4季度 → 2016-10-01) and its precision returned. */
enum qc_date_precision qc_sampling_parse_when(const char *s, char out[11]);

#endif
