/* Publishing an issued document (通报, annual report): its kept .docx and
 * PDF (and a report's XLSX annex) go with the publication as they were
 * rendered at issue, under the 文号; a draft cannot be published. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/doc.h"
#include "qcity/json.h"
#include "qcity/plan.h"
#include "qcity/plan_store.h"
#include "qcity/publish.h"
#include "qcity/strbuf.h"
#include "banned.h"

#define DOC_FILE_MAX ((size_t)QC_PUB_FILE_MAX)

static const enum qc_doc_format formats[] = { QC_DOC_DOCX, QC_DOC_PDF,
					      QC_DOC_XLSX };
#define N_FORMATS (sizeof(formats) / sizeof(formats[0]))

enum qc_rc qc_pub_document(struct qc_store *s, int64_t doc_id,
			   const char *as_of, const char *actor, int64_t *id,
			   struct qc_error *err)
{
	struct qc_doc_info info = { 0 };
	struct qc_buf bytes[N_FORMATS];
	struct qc_pub_file files[N_FORMATS];
	char names[N_FORMATS][64], sha[N_FORMATS][65];
	struct qc_plan p;
	json_t *snap, *hashes;
	size_t n = 0;
	enum qc_rc rc;

	qc_plan_init(&p);
	for (size_t i = 0; i < N_FORMATS; i++)
		qc_buf_init(&bytes[i], DOC_FILE_MAX);
	if ((rc = qc_doc_load(s, doc_id, &info, NULL, err)))
		goto out;
	if (strcmp(info.status, "issued") || !info.number) {
		rc = qc_error_set(err, QC_ECONFLICT,
				  "document %lld is a draft: issue it first "
				  "(qcity doc issue %lld); only issued "
				  "documents are published",
				  (long long)doc_id, (long long)doc_id);
		goto out;
	}
	if ((rc = qc_plan_load(s, info.plan_id, &p, err)))
		goto out;
	hashes = json_object();
	for (size_t i = 0; i < N_FORMATS && !rc; i++) {
		rc = qc_doc_file(s, doc_id, formats[i], &bytes[n], sha[n], err);
		if (rc == QC_ENOTFOUND) { /* the annex: reports only */
			if (err)
				memset(err, 0, sizeof(*err));
			rc = QC_OK;
			continue;
		}
		if (rc)
			break;
		/* The 文号 names the files: "质强办〔2026〕1号.pdf". */
		snprintf(names[n], sizeof(names[n]), "%s.%s", info.number,
			 qc_doc_format_name(formats[i]));
		files[n] = (struct qc_pub_file){ names[n],
						 qc_doc_format_mime(formats[i]),
						 qc_buf_str(&bytes[n]),
						 qc_buf_len(&bytes[n]) };
		json_object_set_new(hashes, names[n], json_string(sha[n]));
		n++;
	}
	if (rc) {
		json_decref(hashes);
		goto out;
	}
	snap = qc_xjson_pack("{s:I, s:s, s:s, s:s, s:s?, s:I, s:s?, s:s?, "
			     "s:s?, s:o}",
			     "document", (json_int_t)doc_id, "kind", info.kind,
			     "title", info.title, "number", info.number,
			     "period", info.period, "plan",
			     (json_int_t)info.plan_id, "plan_title", p.title,
			     "region", p.region_code, "issued_at",
			     info.issued_at, "sha256", hashes);
	rc = qc_pub_put(s, "document", info.number, info.title, p.region_code,
			as_of, snap, files, n, actor, id, err);
out:
	for (size_t i = 0; i < N_FORMATS; i++)
		qc_buf_release(&bytes[i]);
	qc_plan_release(&p);
	qc_doc_info_release(&info);
	return rc;
}
