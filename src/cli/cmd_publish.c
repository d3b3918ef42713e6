/* qcity publish | unpublish | export: what the public portal shows
 * (include/qcity/publish.h) and the open data made from it. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/publish.h"
#include "qcity/qindex.h"
#include "qcity/strbuf.h"
#include "cli.h"
#include "banned.h"

#define EXPORT_MAX (256u * 1024 * 1024)

static int publish_plan(struct qc_cli *cli, const char *ref, const char *as_of,
			int64_t *id, struct qc_error *err)
{
	int64_t plan;

	if (!cli_int("plan id", ref, 1, INT64_MAX, &plan))
		return EXIT_USAGE;
	if (qc_pub_plan(cli->store, plan, as_of, cli->actor, id, err))
		return cli_fail(err);
	return EXIT_OK;
}

static int publish_index(struct qc_cli *cli, const char *ref,
			 const char *year_s, const char *parent,
			 const char *as_of, int64_t *id, struct qc_error *err)
{
	struct qc_qindex_def *d;
	int64_t year;
	int rc;

	if (!year_s)
		return cli_usage("publish", "publish index NAME --year Y");
	if (!cli_int("--year", year_s, 1949, 2100, &year))
		return EXIT_USAGE;
	if ((rc = cli_index_def(cli, ref, &d)))
		return rc;
	if (qc_pub_index(cli->store, d, (int)year, parent, as_of, cli->actor,
			 id, err))
		rc = cli_fail(err);
	qc_qindex_def_free(d);
	return rc;
}

/* An issued 通报 or report by its id: its kept files under its 文号. */
static int publish_document(struct qc_cli *cli, const char *ref,
			    const char *as_of, int64_t *id,
			    struct qc_error *err)
{
	int64_t doc;

	if (!cli_int("document id", ref, 1, INT64_MAX, &doc))
		return EXIT_USAGE;
	if (qc_pub_document(cli->store, doc, as_of, cli->actor, id, err))
		return cli_fail(err);
	return EXIT_OK;
}

static const char *media_of(const char *path)
{
	static const struct {
		const char *ext, *type;
	} types[] = {
		{ ".pdf", "application/pdf" },
		{ ".docx", "application/vnd.openxmlformats-officedocument."
			   "wordprocessingml.document" },
		{ ".xlsx", "application/vnd.openxmlformats-officedocument."
			   "spreadsheetml.sheet" },
		{ ".html", "text/html; charset=utf-8" },
		{ ".csv", "text/csv; charset=utf-8" },
		{ ".json", "application/json" },
		{ ".txt", "text/plain; charset=utf-8" },
	};
	const char *dot = strrchr(path, '.');
	for (size_t i = 0; dot && i < sizeof(types) / sizeof(types[0]); i++)
		if (!strcmp(dot, types[i].ext))
			return types[i].type;
	return "application/octet-stream";
}

/* A document or list made elsewhere (an issued 通报, a red list): its
 * snapshot (--snapshot FILE.json, else just the title) and its files. */
static int publish_files(struct qc_cli *cli, const char *kind, const char *ref,
			 const char *title, const char *region,
			 const char *snap_path, const char *as_of,
			 const char **paths, size_t n, int64_t *id,
			 struct qc_error *err)
{
	struct qc_pub_file files[8];
	char *data[8] = { 0 }, *snap_text = NULL;
	json_t *snap;
	size_t len;
	int rc = EXIT_OK;

	if (!title)
		return cli_usage("publish", "%s REF needs --title", kind);
	for (size_t i = 0; i < n && !rc; i++) {
		const char *base = strrchr(paths[i], '/');
		if (cli_read_file(paths[i], QC_PUB_FILE_MAX, &data[i], &len,
				  err)) {
			rc = cli_fail(err);
			break;
		}
		files[i] = (struct qc_pub_file){ base ? base + 1 : paths[i],
						 media_of(paths[i]), data[i],
						 len };
	}
	if (!rc && snap_path &&
	    cli_read_file(snap_path, 16 << 20, &snap_text, &len, err))
		rc = cli_fail(err);
	if (!rc) {
		snap = snap_text ? json_loads(snap_text, 0, NULL) :
				   qc_xjson_pack("{s:s}", "title", title);
		if (!snap) {
			fprintf(stderr, _("qcity: %s: not JSON\n"), snap_path);
			rc = EXIT_DATA;
		} else if (qc_pub_put(cli->store, kind, ref, title, region,
				      as_of, snap, files, n, cli->actor, id,
				      err)) {
			rc = cli_fail(err);
		}
	}
	for (size_t i = 0; i < n; i++)
		free(data[i]);
	free(snap_text);
	return rc;
}

/* A publication's kind as people read it (the code stays in --json). */
static const char *kind_name(const char *kind)
{
	static const char *const names[][2] = {
		{ "plan", N_("plan") },
		{ "index", N_("quality index") },
		{ "document", N_("document") },
		{ "list", N_("red or black list") },
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (!strcmp(kind, names[i][0]))
			return _(names[i][1]);
	return kind;
}

static int list(struct qc_cli *cli)
{
	struct qc_pub_list l;
	struct qc_error err = { 0 };
	json_t *a;

	if (qc_pub_list(cli->store, NULL, &l, &err))
		return cli_fail(&err);
	a = json_array();
	if (!cli->json && !l.n)
		printf(_("nothing is published (qcity publish plan ID)\n"));
	else if (!cli->json) {
		cli_print_cell(stdout, _("Kind"), 12);
		cli_print_cell(stdout, _("Reference"), 26);
		cli_print_cell(stdout, _("As of"), 12);
		printf("%s\n", _("Title (published by)"));
	}
	for (size_t i = 0; i < l.n; i++) {
		const struct qc_pub *p = &l.v[i];
		if (cli->json)
			json_array_append_new(
				a,
				qc_xjson_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s}",
					      "id", (json_int_t)p->id, "kind",
					      p->kind, "ref", p->ref, "title",
					      p->title, "as_of", p->as_of,
					      "published_at", p->published_at,
					      "actor", p->actor));
		else {
			cli_print_cell(stdout, kind_name(p->kind), 12);
			cli_print_cell(stdout, p->ref, 26);
			cli_print_cell(stdout, p->as_of, 12);
			/* TRANSLATORS: a title, then who published it. */
			printf(_("%s (%s)\n"), p->title, p->actor);
		}
	}
	if (cli->json)
		cli_print_json(a);
	else
		json_decref(a);
	qc_pub_list_release(&l);
	return EXIT_OK;
}

int cmd_publish(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[2], *as_of = NULL, *year = NULL, *parent = NULL,
			    *title = NULL, *snap = NULL, *files[8];
	const struct cli_opt opts[] = {
		{ "as-of", &as_of, NULL },   { "year", &year, NULL },
		{ "parent", &parent, NULL }, { "title", &title, NULL },
		{ "region", &parent, NULL }, { "snapshot", &snap, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	size_t n_files = 0;
	int64_t id = 0;
	int n, rc;

	if ((rc = cli_take_repeated("publish", &argc, argv, "file", files, 8,
				    &n_files)) ||
	    (rc = cli_parse("publish", argc, argv, opts, pos, 2, &n)))
		return rc;
	if (n < 1)
		return cli_usage("publish",
				 "plan ID | index NAME --year Y | "
				 "document DOC-ID | "
				 "document|list REF --title T [--file F]... | "
				 "list");
	if (!cli_store(cli))
		return EXIT_DB;
	if (!strcmp(pos[0], "list") && n == 1) {
		/* The list is what stands published now; an option here
		 * would seem to filter it and do nothing. */
		if (as_of || year || parent || title || snap || n_files)
			return cli_usage("publish",
					 "list takes no options: it shows what "
					 "is published now");
		return list(cli);
	}
	if (n != 2)
		return cli_usage("publish", "plan ID | index NAME --year Y | "
					    "list");
	if (!strcmp(pos[0], "plan"))
		rc = publish_plan(cli, pos[1], as_of, &id, &err);
	else if (!strcmp(pos[0], "index"))
		rc = publish_index(cli, pos[1], year, parent, as_of, &id, &err);
	else if (!strcmp(pos[0], "document") && !title && !n_files && !snap)
		rc = publish_document(cli, pos[1], as_of, &id, &err);
	else if (!strcmp(pos[0], "document") || !strcmp(pos[0], "list"))
		rc = publish_files(cli, pos[0], pos[1], title, parent, snap,
				   as_of, files, n_files, &id, &err);
	else
		return cli_usage("publish",
				 "'%s': plan, index, document or "
				 "list",
				 pos[0]);
	if (rc)
		return rc;
	return cli_report(cli,
			  qc_xjson_pack("{s:I, s:s}", "publication",
					(json_int_t)id, "kind", pos[0]),
			  _("published %s %s (publication %lld)\n"),
			  kind_name(pos[0]), pos[1], (long long)id);
}

int cmd_unpublish(struct qc_cli *cli, int argc, char **argv)
{
	struct qc_error err = { 0 };
	const char *pos[2];
	int n, rc;

	if ((rc = cli_parse("unpublish", argc, argv, NULL, pos, 2, &n)))
		return rc;
	if (n != 2)
		return cli_usage("unpublish", "give KIND and REF (see qcity "
					      "publish list)");
	if (!cli_store(cli))
		return EXIT_DB;
	if (qc_pub_remove(cli->store, pos[0], pos[1], cli->actor, &err))
		return cli_fail(&err);
	return cli_report(cli,
			  qc_xjson_pack("{s:s, s:s, s:b}", "kind", pos[0],
					"ref", pos[1], "removed", 1),
			  _("unpublished %s %s\n"), pos[0], pos[1]);
}

int cmd_export(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[1], *output = NULL;
	const struct cli_opt opts[] = {
		{ "output", &output, NULL },
		{ NULL, NULL, NULL },
	};
	enum qc_export_format f;
	struct qc_error err = { 0 };
	struct qc_buf b;
	int n, rc;

	if ((rc = cli_parse("export", argc, argv, opts, pos, 1, &n)))
		return rc;
	if (n != 1 || !qc_export_parse(pos[0], &f))
		return cli_usage("export",
				 "give one of values.sdmx.csv, "
				 "values.csv, values.json, values.xlsx, "
				 "codelist-indicators.csv, "
				 "codelist-regions.csv");
	if (f == QC_EXPORT_XLSX && !output)
		return cli_usage("export", "a workbook needs --output FILE");
	if (!cli_store(cli))
		return EXIT_DB;
	qc_buf_init(&b, EXPORT_MAX);
	if (qc_export(cli->store, f, &b, &err)) {
		qc_buf_release(&b);
		return cli_fail(&err);
	}
	if (output) {
		FILE *f = fopen(output, "wb");
		rc = f && fwrite(qc_buf_str(&b), 1, qc_buf_len(&b), f) ==
					     qc_buf_len(&b) ?
			     EXIT_OK :
			     EXIT_IO;
		if (f && fclose(f))
			rc = EXIT_IO;
	} else {
		rc = fwrite(qc_buf_str(&b), 1, qc_buf_len(&b), stdout) ==
				     qc_buf_len(&b) ?
			     EXIT_OK :
			     EXIT_IO;
	}
	if (rc)
		fprintf(stderr, _("qcity: %s: cannot write\n"),
			output ? output : "stdout");
	qc_buf_release(&b);
	return rc;
}
