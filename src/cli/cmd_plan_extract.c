/* qcity plan extract FILE [--format json|text] [--import] [--replace]:
 * read a plan document into a draft plan, print it, optionally store it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "qcity/catalog.h"
#include "qcity/extract.h"
#include "qcity/plan.h"
#include "qcity/plan_store.h"
#include "qcity/text.h"
#include "cli.h"
#include "banned.h"

static const char *nz(const char *s)
{
	return s ? s : "-";
}

static void print_owners(FILE *f, const struct qc_owner_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		fprintf(f, "%s%s%s", i ? "、" : "", l->v[i].written,
			l->v[i].role == QC_ROLE_CO ? _("(co-owner)") : "");
}

/* A summary a person can check against the document, line by line:
 * the head, then a section per kind of element. The elements come as
 * the extractor finishes them and the head (issuer, date) at the end, so
 * each section's lines are written to a temporary file of its own and
 * put together at the end (struct text_sink). */
enum { S_TARGETS, S_TASKS, S_PHASES, S_DUTIES, S_RULES, S_N };

static void print_target(FILE *f, const struct qc_target *t)
{
	fprintf(f, "  L%-4d %s %s %.12g", t->line, t->indicator,
		qc_op_name(t->op), t->value);
	if (t->has_value_max)
		fprintf(f, "-%.12g", t->value_max);
	fprintf(f, " %s", nz(t->unit));
	if (t->year)
		fprintf(f, _("  by %d"), t->year);
	if (t->canonical && strcmp(t->canonical, t->indicator))
		fprintf(f, "  [%s]", t->canonical);
	if (t->owners.n) {
		fputs("  ", f);
		print_owners(f, &t->owners);
	}
	putc('\n', f);
}

static void print_task(FILE *f, const struct qc_task *t)
{
	fprintf(f, "  L%-4d %s %s", t->line, t->key, nz(t->title));
	if (t->due)
		fprintf(f, _("  (by %s)"), t->due);
	if (t->owners.n) {
		fputs("  — ", f);
		print_owners(f, &t->owners);
	}
	if (t->kind == QC_TASK_SECTION)
		fputs(/* TRANSLATORS: after an outline heading that is not a
		       * work item (task kind section). */
		      _("  (heading, not reported on)"), f);
	putc('\n', f);
}

/* The lines of piece p, each in its section's file. */
static void print_piece(FILE *const sec[S_N], const struct qc_plan *p)
{
	for (size_t i = 0; i < p->n_targets; i++)
		print_target(sec[S_TARGETS], &p->targets[i]);
	for (size_t i = 0; i < p->n_tasks; i++)
		print_task(sec[S_TASKS], &p->tasks[i]);
	for (size_t i = 0; i < p->n_phases; i++)
		fprintf(sec[S_PHASES], "  L%-4d %s  %s — %s\n",
			p->phases[i].line, nz(p->phases[i].name),
			nz(p->phases[i].start), nz(p->phases[i].end));
	for (size_t i = 0; i < p->n_duties; i++)
		fprintf(sec[S_DUTIES], _("  L%-4d %s (%d days): %s\n"),
			p->duties[i].line,
			qc_report_kind_name(p->duties[i].kind),
			p->duties[i].grace_days, p->duties[i].text);
	for (size_t i = 0; i < p->n_rules; i++)
		fprintf(sec[S_RULES], "  L%-4d %s\n", p->rules[i].line,
			p->rules[i].text);
}

/* The head, then the sections (n[k] lines each) from their files. */
static void print_text(const struct qc_plan *p, FILE *const sec[S_N],
		       const size_t n[S_N])
{
	printf(_("title: %s\ndocument number: %s\nissued by: %s  %s\n"
		 "region: %s\n"),
	       nz(p->title), nz(p->doc_number), nz(p->issuer),
	       nz(p->issue_date), nz(p->region_name));
	if (p->period_end)
		printf(_("period: %d—%d\n"), p->period_start, p->period_end);
	printf(_("\ntargets (%zu)\n"), n[S_TARGETS]);
	(void)qc_text_copy_file(sec[S_TARGETS], stdout);
	printf(_("\ntasks (%zu)\n"), n[S_TASKS]);
	(void)qc_text_copy_file(sec[S_TASKS], stdout);
	if (n[S_PHASES])
		printf(_("\nphases (%zu)\n"), n[S_PHASES]);
	(void)qc_text_copy_file(sec[S_PHASES], stdout);
	if (p->group.name) {
		printf(_("\nleading group: %s (L%d)\n  leader: %s\n  office: %s\n"
			 "  members: "),
		       p->group.name, p->group.line, nz(p->group.leader),
		       nz(p->group.office_host));
		for (size_t i = 0; i < p->group.n_members; i++)
			printf("%s%s", i ? "、" : "", p->group.members[i]);
		putchar('\n');
	}
	if (n[S_DUTIES])
		printf("%s", _("\nreporting\n"));
	(void)qc_text_copy_file(sec[S_DUTIES], stdout);
	if (n[S_RULES])
		printf("%s", _("\nassessment\n"));
	(void)qc_text_copy_file(sec[S_RULES], stdout);
}

/* How each target found its catalogue entry, on stderr: people review
 * the new indicators (`qcity indicator list --unconfirmed`). Written a
 * target at a time (report_row), then the counts (report_end). The rows
 * of a streamed extraction wait in a temporary file (report_open),
 * since the extraction may start over (qc_extract_stream). */
struct report {
	size_t count[3];
	bool started;
	FILE *f; /* where the rows go: stderr, or the temporary file */
};

static bool report_open(struct report *r)
{
	r->count[0] = r->count[1] = r->count[2] = 0;
	r->started = false;
	return (r->f = tmpfile()) != NULL;
}

static void report_close(struct report *r)
{
	if (r->f && r->f != stderr)
		fclose(r->f);
	r->f = NULL;
}

static void report_row(const struct qc_cli *cli, struct report *r,
		       const struct qc_target *t)
{
	int how = t->match >= 0 && t->match <= 2 ? t->match : 0;

	r->count[how]++;
	if (cli->json) {
		json_t *row = qc_xjson_pack("{s:i, s:s, s:s, s:s?}", "line",
					    t->line, "indicator", t->indicator,
					    "match", qc_catalog_how_name(how),
					    "catalog", t->canonical);
		char *js = json_dumps(row, JSON_COMPACT);
		fprintf(r->f, "%s%s", r->started ? "," : "{\"catalog\":[", js);
		r->started = true;
		free(js);
		json_decref(row);
	} else if (how == QC_CATALOG_NONE) {
		fprintf(r->f,
			_("  L%-4d %s: none — a new indicator "
			  "for the office to confirm\n"),
			t->line, t->indicator);
	} else {
		fprintf(r->f,
			how == QC_CATALOG_EXACT ?
				_("  L%-4d %s: exact → %s\n") :
				_("  L%-4d %s: synonym → %s\n"),
			t->line, t->indicator, t->canonical);
	}
}

static enum qc_rc report_fail(struct qc_error *err)
{
	return qc_error_set(err, QC_EIO,
			    "could not open a temporary file for the "
			    "catalogue report: is TMPDIR writable?");
}

static void report_end(const struct qc_cli *cli, const struct report *r)
{
	const size_t *count = r->count;

	/* a failed read back loses rows of a report, not the plan */
	if (r->f != stderr)
		(void)qc_text_copy_file(r->f, stderr);
	if (cli->json) {
		json_t *o = qc_xjson_pack("{s:I, s:I, s:I}", "exact",
					  (json_int_t)count[QC_CATALOG_EXACT],
					  "synonym",
					  (json_int_t)count[QC_CATALOG_SYNONYM],
					  "none",
					  (json_int_t)count[QC_CATALOG_NONE]);
		char *js = json_dumps(o, JSON_COMPACT);
		fprintf(stderr, "%s],\"counts\":%s}\n",
			r->started ? "" : "{\"catalog\":[", js);
		free(js);
		json_decref(o);
	} else {
		fprintf(stderr,
			_("catalogue: %zu exact, %zu synonym, %zu none\n"),
			count[QC_CATALOG_EXACT], count[QC_CATALOG_SYNONYM],
			count[QC_CATALOG_NONE]);
	}
}

/* --format json: the plan written as the extractor finishes it
 * (qc_extract_stream, qc_plan_jsonw), so memory stays flat however long
 * the document. */
struct json_sink {
	const struct qc_cli *cli;
	struct report r;
	struct qc_plan_jsonw w;
};

static enum qc_rc json_piece(void *ctx, const struct qc_plan *piece,
			     struct qc_error *err)
{
	struct json_sink *k = ctx;

	if (!piece) { /* starting over */
		report_close(&k->r);
		if (!report_open(&k->r))
			return report_fail(err);
	}
	for (size_t i = 0; piece && i < piece->n_targets; i++)
		report_row(k->cli, &k->r, &piece->targets[i]);
	return qc_plan_jsonw_add(&k->w, piece, err);
}

static int extract_json(struct qc_cli *cli, const char *path,
			const struct qc_catalog *cat)
{
	struct json_sink k = { .cli = cli };
	struct qc_error err = { 0 };
	struct qc_plan head;
	int rc = EXIT_OK;

	qc_plan_init(&head);
	if ((!report_open(&k.r) && report_fail(&err)) ||
	    qc_plan_jsonw_init(&k.w, &err) ||
	    qc_extract_stream(path, cat, 0, json_piece, &k, &head, &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	report_end(cli, &k.r);
	if (qc_plan_jsonw_finish(&k.w, &head, stdout, &err))
		rc = cli_fail(&err);
out:
	qc_plan_jsonw_release(&k.w);
	report_close(&k.r);
	qc_plan_release(&head);
	return rc;
}

/* --format text: the same, a section per temporary file (print_text). */
struct text_sink {
	const struct qc_cli *cli;
	struct report r;
	FILE *sec[S_N];
	size_t n[S_N];
};

/* The section files and the report's, new (any before are closed). */
static enum qc_rc open_sections(struct text_sink *k, struct qc_error *err)
{
	for (int i = 0; i < S_N; i++) {
		if (k->sec[i])
			fclose(k->sec[i]);
		if (!(k->sec[i] = tmpfile()))
			return qc_error_set(err, QC_EIO,
					    "could not open a temporary file "
					    "for the plan text: is TMPDIR "
					    "writable?");
	}
	return report_open(&k->r) ? QC_OK : report_fail(err);
}

static enum qc_rc text_piece(void *ctx, const struct qc_plan *piece,
			     struct qc_error *err)
{
	struct text_sink *k = ctx;

	if (!piece) { /* starting over: empty sections and report */
		report_close(&k->r);
		memset(k->n, 0, sizeof(k->n));
		return open_sections(k, err);
	}
	for (size_t i = 0; i < piece->n_targets; i++)
		report_row(k->cli, &k->r, &piece->targets[i]);
	print_piece(k->sec, piece);
	k->n[S_TARGETS] += piece->n_targets;
	k->n[S_TASKS] += piece->n_tasks;
	k->n[S_PHASES] += piece->n_phases;
	k->n[S_DUTIES] += piece->n_duties;
	k->n[S_RULES] += piece->n_rules;
	for (int i = 0; i < S_N; i++)
		if (ferror(k->sec[i]))
			return qc_error_set(err, QC_EIO,
					    "could not write the plan text to "
					    "a temporary file (disk full?)");
	return QC_OK;
}

static int extract_text(struct qc_cli *cli, const char *path,
			const struct qc_catalog *cat)
{
	struct text_sink k = { .cli = cli };
	struct qc_error err = { 0 };
	struct qc_plan head;
	int rc = EXIT_OK;

	qc_plan_init(&head);
	if (open_sections(&k, &err) ||
	    qc_extract_stream(path, cat, 0, text_piece, &k, &head, &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	report_end(cli, &k.r);
	print_text(&head, k.sec, k.n);
out:
	for (int i = 0; i < S_N; i++)
		if (k.sec[i])
			fclose(k.sec[i]);
	report_close(&k.r);
	qc_plan_release(&head);
	return rc;
}

int cmd_plan_extract(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[1], *format = "json";
	bool import = false, replace = false;
	const struct cli_opt opts[] = {
		{ "format", &format, NULL },
		{ "import", NULL, &import },
		{ "replace", NULL, &replace },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_catalog cat = { 0 };
	struct qc_plan plan;
	struct qc_store *s;
	long long id = 0;
	int n, rc;

	qc_plan_init(&plan);
	if ((rc = cli_parse("plan extract", argc, argv, opts, pos, 1, &n)))
		goto out;
	if (n != 1) {
		rc = cli_usage("plan extract", "give one plan document");
		goto out;
	}
	if (strcmp(format, "json") && strcmp(format, "text")) {
		rc = cli_usage("plan extract",
			       "--format is json or text, not '%s'", format);
		goto out;
	}
	if (qc_catalog_load(&cat, cli_data_path(cli, "indicators.json"),
			    &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	if (!import) {
		rc = strcmp(format, "json") ? extract_text(cli, pos[0], &cat) :
					      extract_json(cli, pos[0], &cat);
		goto out;
	}
	/* Read as the other formats are (one window of the text in memory),
	 * kept whole: importing validates and versions the whole plan. */
	qc_plan_release(&plan);
	if (qc_extract_stream(pos[0], &cat, 0, NULL, NULL, &plan, &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	{
		struct report r = { { 0 }, false, stderr };
		for (size_t i = 0; i < plan.n_targets; i++)
			report_row(cli, &r, &plan.targets[i]);
		report_end(cli, &r);
	}
	if (!(s = cli_store(cli))) {
		rc = EXIT_DB;
		goto out;
	}
	if (qc_plan_import(s, &plan, replace, cli->actor, &id, &err)) {
		qc_error_prefix(&err, "%s", pos[0]);
		rc = cli_fail(&err);
		goto out;
	}
	plan.id = id;
	fprintf(stderr,
		_("imported %s as draft plan %lld (%zu targets, %zu tasks, %zu "
		  "outline headings)\n"),
		pos[0], id, plan.n_targets, qc_plan_items(&plan),
		plan.n_tasks - qc_plan_items(&plan));
	rc = EXIT_OK;
out:
	qc_plan_release(&plan);
	qc_catalog_release(&cat);
	return rc;
}
