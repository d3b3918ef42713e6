/* libFuzzer targets for the importers, one binary each (fuzz/run builds
 * this file with -DFUZZ_SAMPLING, -DFUZZ_VALUES, -DFUZZ_ENTERPRISES or
 * -DFUZZ_PLAN): any bytes as the file (or plan JSON) given to the
 * importer, against a real SQLite database (fuzz_db.h). Besides crashes,
 * leaks and hangs, an import that fails must write nothing and end its
 * transaction: abort() otherwise. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "qcity/enterprise.h"
#include "qcity/model.h"
#include "qcity/plan.h"
#include "qcity/plan_store.h"
#include "qcity/sampling.h"
#include "fuzz_db.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct qc_store *s = fuzz_db();
	struct qc_error err = { 0 };
	const char *text = (const char *)data;
	uint64_t before = fuzz_db_before();
	enum qc_rc rc;
	const char *what;

#if defined(FUZZ_SAMPLING)
	struct qc_sampling_import_opts o = { 0 };
	struct qc_sampling_report rep;
	o.region = "七台河市";
	o.skip_bad = size % 2;
	what = "sampling import";
	rc = qc_sampling_import(s, text, size, size % 3 ? "f.csv" : "f.xlsx",
				&o, "fuzz", &rep, &err);
	qc_sampling_report_release(&rep);
#elif defined(FUZZ_VALUES)
	size_t n;
	what = "value import";
	rc = qc_value_import_csv(s, text, size, "fuzz", &n, &err);
#elif defined(FUZZ_ENTERPRISES)
	size_t n;
	what = "enterprise import";
	rc = qc_enterprise_import(s, text, size, "f.csv", size % 2, "fuzz", &n,
				  &err);
#elif defined(FUZZ_PLAN)
	struct qc_plan p;
	long long id;
	what = "plan import";
	rc = qc_plan_from_json(&p, text, size, &err);
	if (!rc) {
		/* Unchanged so far; the import is what may write. */
		rc = qc_plan_import(s, &p, size % 2, "fuzz", &id, &err);
	}
	qc_plan_release(&p);
#else
#error "build with one of -DFUZZ_SAMPLING, _VALUES, _ENTERPRISES, _PLAN"
#endif
	fuzz_db_after(rc != QC_OK, before, what, &err);
	return 0;
}
