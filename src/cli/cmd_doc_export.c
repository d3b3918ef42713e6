/* qcity doc export: a document as .docx, PDF, HTML or (reports) the XLSX
 * annex; an issued document's bytes are the ones kept when it was
 * issued. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/doc.h"
#include "cli.h"
#include "banned.h"

int cmd_doc_export(struct qc_cli *cli, int argc, char **argv)
{
	const char *format = NULL, *output = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ .name = "format", .val = &format },
		{ .name = "output", .val = &output },
		{ .name = NULL },
	};
	struct qc_error err = { 0 };
	struct qc_buf b = QC_BUF_INIT;
	enum qc_doc_format f;
	struct qc_store *s;
	char sha[65];
	int64_t id;
	int n, rc = EXIT_OK;

	if ((rc = cli_parse("doc export", argc, argv, opts, pos, 1, &n)))
		return rc;
	if (n != 1 || !format || !output)
		return cli_usage("doc export",
				 "ID, --format docx|pdf|html|xlsx "
				 "and --output FILE are required");
	if (!cli_int("ID", pos[0], 1, INT64_MAX, &id))
		return EXIT_USAGE;
	if (!qc_doc_format_parse(format, &f))
		return cli_usage("doc export",
				 "--format '%s' is not docx, pdf, "
				 "html or xlsx",
				 format);
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_doc_file(s, id, f, &b, sha, &err)) {
		qc_buf_release(&b);
		return cli_fail(&err);
	}
	FILE *fp = fopen(output, "wb");
	bool ok = fp != NULL;
	if (fp) {
		ok = fwrite(qc_buf_str(&b), 1, qc_buf_len(&b), fp) ==
		     qc_buf_len(&b);
		if (fclose(fp))
			ok = false;
	}
	if (!ok) {
		qc_error_set(&err, QC_EIO, "%s: %s", output, strerror(errno));
		rc = cli_fail(&err);
	} else if (!cli->json) {
		printf(_("wrote %s (%zu bytes, sha256 %s)\n"), output,
		       qc_buf_len(&b), sha);
	} else {
		cli_print_json(qc_xjson_pack("{s:s, s:I, s:s}", "file", output,
					     "bytes",
					     (json_int_t)qc_buf_len(&b),
					     "sha256", sha));
	}
	qc_buf_release(&b);
	return rc;
}
