/* qcity doc edit: change a draft before it is issued: the text of one
 * block, a paragraph inserted or a block removed, the title, or the
 * whole document from qcity-doc/1 JSON. An issued document refuses. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/doc.h"
#include "cli.h"
#include "banned.h"

int cmd_doc_edit(struct qc_cli *cli, int argc, char **argv)
{
	const char *block = NULL, *text = NULL, *after = NULL, *remove = NULL,
		   *file = NULL, *title = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ .name = "block", .val = &block },
		{ .name = "text", .val = &text },
		{ .name = "insert-after", .val = &after },
		{ .name = "remove", .val = &remove },
		{ .name = "title", .val = &title },
		{ .name = "file", .val = &file },
		{ .name = NULL },
	};
	struct qc_error err = { 0 };
	struct qc_doc_info info;
	struct qc_doc *d = NULL;
	struct qc_store *s;
	int64_t id, k = 0;
	int n, rc;
	enum qc_rc lrc = QC_OK;

	if ((rc = cli_parse("doc edit", argc, argv, opts, pos, 1, &n)))
		return rc;
	if (n != 1 || (!!block + !!after + !!remove + !!file + !!title) != 1 ||
	    ((block || after) && !text))
		return cli_usage("doc edit",
				 "ID and one of --block N --text T, "
				 "--insert-after N --text T (0: at the start), "
				 "--remove N, --title T, --file FILE");
	if (!cli_int("ID", pos[0], 1, INT64_MAX, &id) ||
	    (block && !cli_int("--block", block, 1, 100000, &k)) ||
	    (after && !cli_int("--insert-after", after, 0, 100000, &k)) ||
	    (remove && !cli_int("--remove", remove, 1, 100000, &k)))
		return EXIT_USAGE;
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (file) {
		char *json;
		size_t len;
		if (cli_read_file(file, 16 << 20, &json, &len, &err))
			return cli_fail(&err);
		lrc = qc_doc_from_json(json, len, &d, &err);
		free(json);
		if (lrc) {
			qc_error_prefix(&err, "%s", file);
			return cli_fail(&err);
		}
		memset(&info, 0, sizeof(info));
	} else if (qc_doc_load(s, id, &info, &d, &err)) {
		return cli_fail(&err);
	}
	if (block)
		lrc = qc_doc_set_text(d, (size_t)k - 1, text, &err);
	else if (after)
		lrc = qc_doc_insert_para(d, (long)k - 1, text, &err);
	else if (remove)
		lrc = qc_doc_remove(d, (size_t)k - 1, &err);
	else if (title) {
		free(d->title);
		d->title = qc_xstrdup(title);
	}
	if (!lrc)
		lrc = qc_doc_update(s, id, d, cli->actor, &err);
	if (!lrc && !cli->json)
		printf(_("document %lld changed (%zu blocks)\n"), (long long)id,
		       d->n);
	qc_doc_free(d);
	qc_doc_info_release(&info);
	return lrc ? cli_fail(&err) : EXIT_OK;
}
