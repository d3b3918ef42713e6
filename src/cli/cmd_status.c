/* qcity status: each target with its latest value, its progress status
 * (docs/progress-method.md) and the value projected for its due year. */
#include <limits.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/plan_store.h"
#include "qcity/status.h"
#include "qcity/strbuf.h"
#include "cli.h"
#include "src/common/parts_json.h"
#include "banned.h"

static json_t *num_or_null(bool has, double v)
{
	return has ? json_real(v) : json_null();
}

static json_t *row_json(const struct qc_status_row *r)
{
	const struct qc_progress_result *p = &r->p;
	char base[8] = "";

	if (p->has_base)
		qc_period_format(p->base_t, 12, base, sizeof(base));
	json_t *o = qc_xjson_pack(
		"{s:I, s:s?, s:s, s:s, s:s, s:o, s:s?, s:s?, s:o,"
		" s:i, s:s, s:s?, s:s?, s:o, s:s?, s:o, s:o, s:o,"
		" s:o, s:s, s:o, s:o, s:s, s:s}",
		"target", (json_int_t)r->target_id, "goal", r->goal,
		"indicator", r->indicator, "op", qc_op_name(r->op),
		"requirement", r->requirement, "year",
		r->year ? json_integer(r->year) : json_null(), "owners",
		r->owners, "latest_period",
		*r->latest_period ? r->latest_period : NULL, "current",
		num_or_null(p->has_current, p->current), "values", r->n_values,
		"status", qc_progress_name(p->status), "previous_status",
		r->has_prev ? qc_progress_name(r->prev) : NULL,
		"previous_period", r->has_prev ? r->prev_period : NULL, "base",
		num_or_null(p->has_base, p->base), "base_period",
		p->has_base ? base : NULL, "required",
		num_or_null(p->has_required, p->required), "ratio",
		num_or_null(p->has_ratio, p->ratio), "growth",
		num_or_null(p->has_ratio || p->trend, p->growth),
		"required_growth",
		num_or_null(p->has_ratio, p->required_growth), "model",
		p->linear ? "linear" : "exponential", "projected",
		num_or_null(p->has_projection, p->projected), "projected_met",
		p->has_projection ? json_boolean(p->projected_met) :
				    json_null(),
		"reason", p->reason,
		/* The first status table's verdict, kept for scripts. */
		"verdict",
		p->status == QC_PROGRESS_MET     ? "met" :
		p->status == QC_PROGRESS_NO_DATA ? "no data" :
						   "not met");
	/* "trend": judged by the growth alone (no level, or due at or
	 * before the base); "capped": the level was kept in range
	 * (docs/progress-method.md §2). */
	json_object_set_new(o, "method",
			    json_string(p->trend ? "trend" : "ratio"));
	json_object_set_new(o, "capped", json_boolean(p->capped));
	/* Beside the codes, the words people read (docs/i18n.md). */
	json_object_set_new(o, "status_label",
			    json_string(qc_progress_label(p->status)));
	json_object_set_new(o, "reason_code",
			    json_string(
				    qc_progress_reason_name(p->reason_code)));
	json_t *parts = qc_json_parts(r);
	if (parts)
		json_object_set_new(o, "parts", parts);
	return o;
}

/* A decomposed target's roll-up, then each part. */
static void print_parts(const struct qc_status_row *r)
{
	if (!r->n_parts)
		return;
	printf(_("  parts: %zu of %zu met, %zu without data"), r->parts_met,
	       r->n_parts, r->parts_no_data);
	if (r->weakest >= 0)
		printf(_("; weakest %s (%s)"), r->parts[r->weakest].label,
		       qc_progress_label(r->parts[r->weakest].p.status));
	printf("\n");
	for (size_t k = 0; k < r->n_parts; k++) {
		const struct qc_part_status *q = &r->parts[k];
		char latest[32] = "-";
		if (q->p.has_current)
			snprintf(latest, sizeof(latest), "%.12g", q->p.current);
		printf(_("    %s: %s%s%.0d, latest %s, %s%s%s\n"), q->label,
		       q->requirement, q->year ? _(" by ") : "", q->year,
		       latest, qc_progress_label(q->p.status),
		       *q->owners ? " — " : "", q->owners);
	}
}

static void print_table(const struct qc_status_table *t, const char *title)
{
	char latest[48], proj[48];

	/* TRANSLATORS: the plan, its region's name and code. */
	printf(_("%s — %s (%s)\n"), title, t->region_name ? t->region_name : "",
	       t->region);
	cli_print_cell(stdout, _("indicator"), 34);
	cli_print_cell(stdout, _(" target"), 17);
	cli_print_cell(stdout, _(" latest"), 18);
	cli_print_cell(stdout, _(" status"), 21);
	printf("%s\n", _(" projected"));
	for (size_t i = 0; i < t->n; i++) {
		const struct qc_status_row *r = &t->v[i];
		const struct qc_progress_result *p = &r->p;
		if (p->has_current && *r->latest_period)
			snprintf(latest, sizeof(latest), _("%.12g%s (%s)"),
				 p->current,
				 qc_value_unit(
					 qc_target_series_unit(r->op, r->unit)),
				 r->latest_period);
		else
			snprintf(latest, sizeof(latest), "-");
		if (p->has_projection && p->status != QC_PROGRESS_MET)
			/* TRANSLATORS: value, its unit, the year, ✓ or ✗. */
			snprintf(proj, sizeof(proj), _("%.4g%s in %d%s"),
				 p->projected,
				 qc_value_unit(
					 qc_target_series_unit(r->op, r->unit)),
				 r->year ? r->year : (int)p->due_t,
				 p->projected_met ? " ✓" : " ✗");
		else
			snprintf(proj, sizeof(proj), "-");
		cli_print_name(stdout, r->indicator, 34, 0);
		printf(" ");
		cli_print_cell(stdout, r->requirement, 16);
		printf(" ");
		cli_print_cell(stdout, latest, 17);
		printf(" ");
		cli_print_cell(stdout, qc_progress_label(p->status), 20);
		printf(" %s\n", proj);
		print_parts(r);
	}
	printf(_("%zu targets:"), t->n);
	for (int k = QC_PROGRESS_MET; k < QC_PROGRESS__COUNT; k++)
		printf(_(" %zu %s,"), t->count[k], qc_progress_label(k));
	printf(_(" %zu %s\n\n"), t->count[QC_PROGRESS_NO_DATA],
	       qc_progress_label(QC_PROGRESS_NO_DATA));
}

/* One line per region: how many targets stand in each status. */
static int print_regions(struct qc_cli *cli, const struct qc_plan_data *d,
			 long long id, const char *title, json_t *all)
{
	struct qc_error err = { 0 };
	json_t *rows = all ? json_array() : NULL;

	if (!all) {
		printf(_("%s — targets by status in each region\n"), title);
		cli_print_cell(stdout, _("region"), 22);
		for (int k = 1; k <= QC_PROGRESS__COUNT; k++) {
			printf(" ");
			cli_print_cell(stdout,
				       qc_progress_label(k %
							 QC_PROGRESS__COUNT),
				       12);
		}
		printf("\n");
	}
	for (size_t i = 0; i < qc_plan_data_n_regions(d); i++) {
		struct qc_status_table t;
		if (qc_status_table_from(cli->store, d,
					 qc_plan_data_region_at(d, i), &t,
					 &err))
			return cli_fail(&err);
		if (rows) {
			json_t *o = qc_xjson_pack("{s:s, s:s?}", "region",
						  t.region, "name",
						  t.region_name);
			for (int k = 0; k < QC_PROGRESS__COUNT; k++)
				json_object_set_new(o, qc_progress_name(k),
						    json_integer(
							    (json_int_t)t
								    .count[k]));
			json_array_append_new(rows, o);
		} else {
			char name[64];
			snprintf(name, sizeof(name), "%s %s", t.region,
				 t.region_name ? t.region_name : "");
			cli_print_cell(stdout, name, 22);
			for (int k = 1; k <= QC_PROGRESS__COUNT; k++)
				printf(" %-12zu",
				       t.count[k % QC_PROGRESS__COUNT]);
			printf("\n");
		}
		qc_status_table_release(&t);
	}
	if (rows)
		json_array_append_new(all,
				      qc_xjson_pack("{s:I, s:s, s:o}", "plan",
						    (json_int_t)id, "title",
						    title, "regions", rows));
	else
		printf("\n");
	return EXIT_OK;
}

int cmd_status(struct qc_cli *cli, int argc, char **argv)
{
	const char *plan = NULL, *region = NULL, *version = NULL, *pos[1];
	bool regions = false;
	const struct cli_opt opts[] = {
		{ .name = "plan", .val = &plan },
		{ .name = "region", .val = &region },
		{ .name = "regions", .flag = &regions },
		{ .name = "version", .val = &version },
		{ .name = NULL },
	};
	struct qc_plan_summary_list plans;
	struct qc_error err = { 0 };
	struct qc_store *s;
	json_t *all = NULL;
	int64_t plan_id = 0, version_no = 0;
	int n, rc = EXIT_OK;
	size_t shown = 0;

	if ((rc = cli_parse("status", argc, argv, opts, pos, 0, &n)))
		return rc;
	if (plan && !cli_int("--plan", plan, 1, INT64_MAX, &plan_id))
		return EXIT_USAGE;
	if (version &&
	    (!plan || !cli_int("--version", version, 1, INT_MAX, &version_no)))
		return plan ? EXIT_USAGE :
			      cli_usage("status",
					"--version N "
					"needs --plan ID (see `qcity plan versions ID`)");
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_plan_list(s, &plans, &err))
		return cli_fail(&err);
	if (cli->json)
		all = json_array();
	for (size_t i = 0; i < plans.n && !rc; i++) {
		const struct qc_plan_summary *p = &plans.v[i];
		struct qc_plan_data *d;
		struct qc_status_table t;
		if (plan ? p->id != plan_id : (!p->region_code && !region))
			continue;
		if (version ?
			    qc_plan_data_load_version(s, p->id, (int)version_no,
						      regions ? NULL : region,
						      &d, &err) :
			    qc_plan_data_load(s, p->id, regions ? NULL : region,
					      &d, &err)) {
			rc = cli_fail(&err);
			break;
		}
		shown++;
		if (regions) {
			rc = print_regions(cli, d, p->id, p->title, all);
		} else if (qc_status_table_from(s, d, region, &t, &err)) {
			rc = cli_fail(&err);
		} else {
			if (cli->json) {
				json_t *rows = json_array();
				for (size_t k = 0; k < t.n; k++)
					json_array_append_new(rows,
							      row_json(
								      &t.v[k]));
				json_array_append_new(
					all,
					qc_xjson_pack("{s:I, s:s,"
						      " s:s, s:s?, s:o}",
						      "plan", (json_int_t)p->id,
						      "title", p->title,
						      "region", t.region,
						      "region_name",
						      t.region_name, "targets",
						      rows));
			} else {
				print_table(&t, p->title);
			}
			qc_status_table_release(&t);
		}
		qc_plan_data_free(d);
	}
	if (all && !rc)
		cli_print_json(all);
	else if (all)
		json_decref(all);
	if (!rc && !shown && plan) {
		fprintf(stderr,
			_("qcity: no plan %s (see `qcity plan list`)\n"), plan);
		rc = EXIT_NOTFOUND;
	} else if (!rc && !shown && !cli->json) {
		puts(_("no plans with a region yet: import one with `qcity plan "
		       "import FILE` or build the demo with `qcity demo`"));
	}
	qc_plan_summary_list_release(&plans);
	return rc;
}
