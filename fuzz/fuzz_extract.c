/* libFuzzer target: any bytes through the whole extractor (sniffing,
 * decoding, docx/html readers, every rule). Must never crash, leak or
 * read out of bounds; errors are fine. Built by fuzz/run. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "qcity/extract.h"

static struct qc_catalog cat;
static int loaded;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct qc_plan p;
	struct qc_error err = { 0 };

	if (!loaded) {
		const char *path = getenv("QCITY_CATALOG");
		loaded = 1;
		if (!path || qc_catalog_load(&cat, path, &err) != QC_OK)
			qc_catalog_release(&cat);
	}
	/* Alternate the name so both the text and the HTML paths are tried
	 * on plain inputs. */
	qc_extract_buffer((const char *)data, size,
			  size % 2 ? "fuzz.html" : "fuzz.txt", &cat, &p, &err);
	qc_plan_release(&p);
	return 0;
}
