/* qcity audit: the audit log, newest first. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "qcity/json.h"
#include "qcity/model.h"
#include "cli.h"
#include "banned.h"

/* A row as stored, its numbers as typed: entries written before the
 * log kept 15 digits read 48.200000000000003. Text that is not JSON is shown
 * as it is. */
static void print_row(const char *fmt, const char *text)
{
	json_t *v = json_loads(text, JSON_DECODE_ANY, NULL);
	char *s = v ? json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER |
					    JSON_ENCODE_ANY | QC_JSON_DIGITS) :
		      NULL;

	printf(fmt, s ? s : text);
	free(s);
	json_decref(v);
}

int cmd_audit(struct qc_cli *cli, int argc, char **argv)
{
	const char *entity = NULL, *limit = "50", *pos[1];
	const struct cli_opt opts[] = {
		{ "entity", &entity, NULL },
		{ "limit", &limit, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_audit_list l;
	struct qc_store *s;
	int64_t max;
	int n, rc;

	if ((rc = cli_parse("audit", argc, argv, opts, pos, 0, &n)))
		return rc;
	if (!cli_int("--limit", limit, 1, 1000000, &max))
		return EXIT_USAGE;
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_audit_list(s, entity, (int)max, &l, &err))
		return cli_fail(&err);
	if (cli->json) {
		json_t *a = json_array();
		for (size_t i = 0; i < l.n; i++) {
			const struct qc_audit_entry *e = &l.v[i];
			json_array_append_new(
				a,
				qc_xjson_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s,"
					      " s:s?, s:s?, s:s?}",
					      "id", (json_int_t)e->id, "at",
					      e->at, "actor", e->actor,
					      "action", e->action,
					      "action_label",
					      qc_audit_action_label(e->action),
					      "entity", e->entity,
					      "entity_label",
					      qc_audit_entity_label(e->entity),
					      "key", e->key, "before",
					      e->before, "after", e->after));
		}
		cli_print_json(a);
	} else {
		for (size_t i = 0; i < l.n; i++) {
			const struct qc_audit_entry *e = &l.v[i];
			char at[CLI_TIME_SIZE];

			printf("%lld  %s  %s  %s %s %s\n", (long long)e->id,
			       cli_time(e->at, at), e->actor,
			       qc_audit_action_label(e->action),
			       qc_audit_entity_label(e->entity),
			       e->key ? e->key : "");
			if (e->before)
				print_row(_("    before %s\n"), e->before);
			if (e->after)
				print_row(_("    after  %s\n"), e->after);
		}
	}
	qc_audit_list_release(&l);
	return EXIT_OK;
}
