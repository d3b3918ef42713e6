/* Credit values as JSON and as documents, the one shape both faces give
 * them (the command line's --json, the HTTP API, exports). JSON functions
 * return a new reference; document builders a qc_doc the caller frees. */
#ifndef QCITY_CREDIT_JSON_H
#define QCITY_CREDIT_JSON_H

#include <jansson.h>
#include <stdbool.h>

#include "qcity/error.h"
#include "qcity/strbuf.h"
#include "qcity/json.h"

struct qc_store;
struct qc_doc;
struct qc_credit_grade;
struct qc_credit_verdict;
struct qc_listings;
struct qc_awards;
struct qc_rewards;

json_t *qc_json_credit_grade(const struct qc_credit_grade *g);
json_t *qc_json_credit_verdict(const struct qc_credit_verdict *v,
			       const char *uscc, const char *purpose);
/* with_repair: the repair dates too (staff views; the public list gives
 * the decision and its term only). */
json_t *qc_json_listings(const struct qc_listings *l, bool with_repair);
json_t *qc_json_awards(const struct qc_awards *a);
json_t *qc_json_rewards(const struct qc_rewards *r);

/* Chinese name of a list ("black" → 严重违法失信名单). */
const char *qc_credit_list_label(const char *list);

/* A list as a one-table document ("as of" in its title and a note), for
 * CSV, XLSX, PDF or HTML export. */
struct qc_doc *qc_credit_list_doc(const struct qc_listings *l,
				  const char *list);
/* The one-page enterprise credit report as of a date (NULL: today):
 * register data, grade and its basis, listings, awards. held_by: the
 * province holding the record (NULL: whichever holds it; at the nation a
 * code held by several needs it, qc_enterprise_get_at), whose rows alone
 * the report shows. */
enum qc_rc qc_credit_report_doc(struct qc_store *s, const char *uscc,
				const char *held_by, const char *as_of,
				struct qc_doc **out, struct qc_error *err);
/* A document's first table as CSV (RFC 4180, UTF-8 with BOM so Excel
 * reads the Chinese), appended to out. */
void qc_credit_table_csv(const struct qc_doc *d, struct qc_buf *out);

#endif
