/* How the sampling importer reads one cell as offices write it: public so
 * that tests (and other importers) use the same rules. */
#ifndef QCITY_SAMPLING_PARSE_H
#define QCITY_SAMPLING_PARSE_H

#include <stdbool.h>

/* True for cells that say "nothing here": "", "/", "—", "无" ... */
bool qc_sampling_blank(const char *s);
/* 1 合格/P/符合 ..., 0 不合格/F/不符合 ..., -1 unreadable. */
int qc_sampling_parse_result(const char *s);
/* "national", "provincial", "municipal", "county" from 国家/省/市/县 ...,
 * or NULL. */
const char *qc_sampling_parse_level(const char *s);
/* A date as offices write it (2023-05-12, 2023/5/12, 2023年5月12日,
 * 20230512, an Excel serial day) to YYYY-MM-DD. */
bool qc_sampling_parse_date(const char *s, char out[11]);

#endif
