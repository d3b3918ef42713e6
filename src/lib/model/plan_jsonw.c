/* The plan JSON parts writer (qc_plan_jsonw_*, qcity/plan.h): a plan
 * written a piece at a time, each array's items to a temporary file as
 * they come and copied into the document once its head is known, so
 * memory stays flat in the document's size. The values are written by
 * plan_json_text.c. */
#include <stdio.h>
#include <string.h>

#include "qcity/plan.h"
#include "qcity/text.h"
#include "plan_json_int.h"
#include "banned.h"

/* The parts writer: each array's items go to a temporary file as they
 * come, and are copied into the document once the head is known. */
static enum qc_rc open_parts(struct qc_plan_jsonw *w, struct qc_error *err)
{
	for (int k = 0; k < A__COUNT; k++) {
		if (w->part[k])
			fclose(w->part[k]);
		w->n[k] = 0;
		if (!(w->part[k] = tmpfile()))
			return qc_error_set(err, QC_EIO,
					    "could not open a temporary file "
					    "for the plan JSON: is TMPDIR "
					    "writable?");
	}
	return QC_OK;
}

enum qc_rc qc_plan_jsonw_init(struct qc_plan_jsonw *w, struct qc_error *err)
{
	enum qc_rc rc;

	memset(w, 0, sizeof(*w));
	if ((rc = open_parts(w, err)))
		qc_plan_jsonw_release(w);
	return rc;
}

enum qc_rc qc_plan_jsonw_add(struct qc_plan_jsonw *w, const struct qc_plan *p,
			     struct qc_error *err)
{
	struct qc_buf b;
	enum qc_rc rc = QC_OK;

	if (!p)
		return open_parts(w, err);
	qc_buf_init(&b, 0);
	for (int k = 0; k < A__COUNT && !rc; k++) {
		for (size_t i = 0; i < qc_plan_json_array_len(p, k); i++)
			qc_plan_json_put_value(w->part[k], &b,
					       w->n[k]++ ? ",\n" : "\n", p, k,
					       i);
		if (ferror(w->part[k]))
			rc = qc_error_set(err, QC_EIO,
					  "could not write the plan JSON to "
					  "a temporary file (disk full?)");
	}
	qc_buf_release(&b);
	return rc;
}

static void parts_body(void *ctx, int k, FILE *f)
{
	struct qc_plan_jsonw *w = ctx;

	if (!qc_text_copy_file(w->part[k], f))
		w->failed = true;
}

enum qc_rc qc_plan_jsonw_finish(struct qc_plan_jsonw *w,
				const struct qc_plan *head, FILE *f,
				struct qc_error *err)
{
	enum qc_rc rc = qc_plan_jsonw_add(w, head, err);

	if (rc)
		return rc;
	for (int k = 0; k < A__COUNT; k++)
		if (fflush(w->part[k]) != 0)
			w->failed = true;
	qc_plan_json_write_doc(head, f, parts_body, w);
	if (w->failed)
		return qc_error_set(err, QC_EIO,
				    "could not read back the plan JSON from "
				    "a temporary file");
	return qc_plan_json_write_end(f, err);
}

void qc_plan_jsonw_release(struct qc_plan_jsonw *w)
{
	for (int k = 0; k < A__COUNT; k++)
		if (w->part[k])
			fclose(w->part[k]);
	memset(w, 0, sizeof(*w));
}
