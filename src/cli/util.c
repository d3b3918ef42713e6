/* Helpers every command uses: the store, errors to exit codes, options,
 * files, and table cells that line up with Chinese text. */
#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <utf8proc.h>

#include "qcity/alloc.h"
#include "qcity/json.h"
#include "qcity/region.h"
#include "qcity/store.h"
#include "qcity/text.h"
#include "cli.h"
#include "banned.h"

struct qc_store *cli_store(struct qc_cli *cli)
{
	struct qc_error err = { 0 };
	if (cli->store)
		return cli->store;
	if (qc_store_open(cli->db_path, &cli->store, &err)) {
		cli->open_exit = cli_fail(&err);
		return NULL;
	}
	return cli->store;
}

/* The library names the field a message is about by its code ("as_of:
 * not a date"), which the API's clients read; people read its name. */
static const struct {
	const char *code, *label;
} fields[] = {
	{ "as_of", N_("as-of date") },
	{ "received_on", N_("date received") },
	{ "date", N_("date of the step") },
	{ "region", N_("region") },
	{ "indicator", N_("indicator") },
	{ "reporter", N_("reporting unit") },
	{ "category", N_("category") },
	{ "channel", N_("channel") },
	{ "respondent", N_("respondent") },
	{ "text", N_("text") },
	{ "amount", N_("amount") },
	{ "platform_no", N_("platform number") },
	{ "reason", N_("reason") },
	{ "approver", N_("approver") },
	{ "satisfaction", N_("satisfaction") },
	{ "recovered", N_("loss recovered") },
	{ "month", N_("month") },
	{ "year", N_("year") },
	{ "unit", N_("unit") },
	{ "name", N_("name") },
	{ "kind", N_("kind") },
	{ "role", N_("role") },
	{ "plan", N_("plan") },
	{ "part", N_("part") },
	{ "status", N_("status") },
	{ "state", N_("state") },
	{ "period", N_("reporting period") },
	{ "value", N_("value") },
	{ "note", N_("note") },
	{ "deadline", N_("deadline") },
	{ "email", N_("email address") },
	{ "from", N_("sender") },
	{ "item", N_("item") },
	{ "key", N_("key") },
	{ "step", N_("scoring step") },
	{ "points", N_("points") },
	{ "now", N_("now") },
	{ "due_days", N_("days ahead") },
	{ "index", N_("index") },
	{ "id", N_("id") },
	{ "title", N_("title") },
	{ "attachments", N_("attachments") },
};

/* MSG with a leading field code ("as_of: …" or "as_of：…") read as the
 * field's name; any other message as it is. */
static void print_message(const char *msg)
{
	size_t n = strspn(msg, "abcdefghijklmnopqrstuvwxyz_");
	const char *rest = msg + n;
	if (n && (!strncmp(rest, ": ", 2) || !strncmp(rest, "：", 3)))
		for (size_t i = 0; i < sizeof(fields) / sizeof(*fields); i++)
			if (strlen(fields[i].code) == n &&
			    !strncmp(msg, fields[i].code, n)) {
				/* TRANSLATORS: the program's name before
				 * an error: the field's name and the rest. */
				fprintf(stderr, _("qcity: %s%s\n"),
					_(fields[i].label), rest);
				return;
			}
	/* TRANSLATORS: the program's name before an error message. */
	fprintf(stderr, _("qcity: %s\n"), msg);
}

int cli_fail(const struct qc_error *err)
{
	print_message(err->msg[0] ? err->msg : _(qc_rc_name(err->code)));
	switch (err->code) {
	case QC_OK:
	case QC_ROW:
	case QC_DONE: return EXIT_OK;
	case QC_EINVAL:
	case QC_ECONFLICT: return EXIT_DATA;
	case QC_ENOTFOUND: return EXIT_NOTFOUND;
	case QC_EDB: return EXIT_DB;
	case QC_EIO: return EXIT_IO;
	case QC_EUNSUPPORTED: return EXIT_UNSUPPORTED;
	case QC_EPERM: return EXIT_FAIL;
	case QC_EBUSY: return EXIT_BUSY;
	case QC_EROFS: return EXIT_ROFS;
	case QC_EREADONLY: return EXIT_READONLY;
	case QC_ENOSPC: return EXIT_NOSPC;
	case QC_ECORRUPT: return EXIT_CORRUPT;
	case QC_ENEWER: return EXIT_NEWER;
	}
	return EXIT_FAIL;
}

int cli_usage(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "qcity %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, _(fmt), ap);
	va_end(ap);
	fprintf(stderr, _(" (see 'qcity help %s')\n"), cmd);
	return EXIT_USAGE;
}

int cli_parse(const char *cmd, int argc, char **argv,
	      const struct cli_opt *opts, const char **pos, int max_pos,
	      int *n_pos)
{
	*n_pos = 0;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (a[0] == '-' && a[1] == '-' && a[2]) {
			const struct cli_opt *o = opts;
			for (; o && o->name; o++)
				if (!strcmp(a + 2, o->name))
					break;
			if (!o || !o->name)
				return cli_usage(cmd, "unknown option %s", a);
			if (o->flag) {
				*o->flag = true;
			} else {
				if (i + 1 >= argc)
					return cli_usage(cmd,
							 "%s needs a "
							 "value",
							 a);
				*o->val = argv[++i];
			}
			continue;
		}
		if (*n_pos >= max_pos)
			return cli_usage(cmd, "unexpected argument '%s'", a);
		pos[(*n_pos)++] = a;
	}
	return EXIT_OK;
}

int cli_take_repeated(const char *cmd, int *argc, char **argv, const char *name,
		      const char **vals, size_t max, size_t *n)
{
	int out = 0;
	*n = 0;
	for (int i = 0; i < *argc; i++) {
		if (strncmp(argv[i], "--", 2) || strcmp(argv[i] + 2, name)) {
			argv[out++] = argv[i];
			continue;
		}
		if (i + 1 >= *argc || *n >= max)
			return cli_usage(cmd,
					 "--%s needs a value (at most %zu "
					 "times)",
					 name, max);
		vals[(*n)++] = argv[++i];
	}
	*argc = out;
	return EXIT_OK;
}

int cli_read_file(const char *path, size_t max, char **out, size_t *len,
		  struct qc_error *err)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	char *buf;
	size_t n;

	*out = NULL;
	*len = 0;
	if (!f)
		return qc_error_set(err, QC_EIO, "%s: %s", path,
				    strerror(errno));
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(f);
		return qc_error_set(err, QC_EIO, "%s: is a directory", path);
	}
	buf = qc_xmalloc(max + 1);
	n = fread(buf, 1, max + 1, f);
	if (ferror(f)) {
		free(buf);
		fclose(f);
		return qc_error_set(err, QC_EIO, "%s: read error", path);
	}
	fclose(f);
	if (n > max) {
		free(buf);
		return qc_error_set(err, QC_EINVAL,
				    "%s: larger than %zu MB, "
				    "the limit for one file",
				    path, max >> 20);
	}
	buf = qc_xrealloc(buf, n + 1);
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return QC_OK;
}

const char *cli_data_path(const struct qc_cli *cli, const char *name)
{
	static char path[4096];
	snprintf(path, sizeof(path), "%s/%s", cli->datadir, name);
	return path;
}

int cli_text_width(const char *s)
{
	return qc_utf8_width(s);
}

const char *cli_region_name(struct qc_store *s, const char *code)
{
	/* Direct-mapped by the code's digits: a collision only asks again. */
	static struct {
		char code[QC_REGION_CODE_SIZE];
		char *name;
	} cache[256];
	struct qc_region r;
	unsigned h = 0;

	if (!code || !*code)
		return "-";
	for (const char *p = code; *p; p++)
		h = h * 31u + (unsigned char)*p;
	h %= sizeof(cache) / sizeof(*cache);
	if (cache[h].name && !strcmp(cache[h].code, code))
		return cache[h].name;
	if (strlen(code) >= QC_REGION_CODE_SIZE ||
	    qc_region_get(s, code, &r, NULL))
		return code;
	free(cache[h].name);
	snprintf(cache[h].code, sizeof(cache[h].code), "%s", code);
	cache[h].name = r.name; /* taken over from r */
	return cache[h].name;
}

void cli_print_cell(FILE *f, const char *s, int width)
{
	utf8proc_int32_t cp;
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)(s ? s : "");
	int w = 0;

	/* Cut a cell that does not fit, marking the cut with an ellipsis. */
	if (cli_text_width((const char *)p) > width) {
		while (*p) {
			utf8proc_ssize_t n = utf8proc_iterate(p, -1, &cp);
			int cw = n > 0 ? utf8proc_charwidth(cp) : 1;
			if (n <= 0)
				n = 1;
			if (w + cw > width - 1)
				break;
			fwrite(p, 1, (size_t)n, f);
			w += cw;
			p += n;
		}
		fputs("…", f);
		w++;
	} else {
		fputs((const char *)p, f);
		w = cli_text_width((const char *)p);
	}
	for (; w < width; w++)
		fputc(' ', f);
}

void cli_print_json(json_t *v)
{
	char *s = json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
					QC_JSON_DIGITS);
	if (s)
		puts(s);
	free(s);
	json_decref(v);
}

int cli_report(struct qc_cli *cli, json_t *json, const char *fmt, ...)
{
	va_list ap;
	if (cli->json) {
		cli_print_json(json);
		return EXIT_OK;
	}
	json_decref(json);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	return EXIT_OK;
}

int cli_import_failed(struct qc_error *err, const char *path)
{
	int rc;
	qc_error_prefix(err, "%s", path);
	rc = cli_fail(err);
	fprintf(stderr, _("qcity: nothing was imported\n"));
	return rc;
}

const char *cli_time(const char *iso, char out[CLI_TIME_SIZE])
{
	struct tm tm = { 0 };
	time_t t;
	char z = 0;

	if (!iso ||
	    sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2d%c", &tm.tm_year, &tm.tm_mon,
		   &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &z) != 7 ||
	    z != 'Z')
		return iso ? iso : "";
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	t = timegm(&tm);
	if (t == (time_t)-1 || !localtime_r(&t, &tm) ||
	    !strftime(out, CLI_TIME_SIZE, "%Y-%m-%d %H:%M", &tm))
		return iso;
	return out;
}

void cli_print_name(FILE *f, const char *s, int width, int indent)
{
	if (cli_text_width(s ? s : "") <= width) {
		cli_print_cell(f, s, width);
		return;
	}
	/* Whole, then the row goes on under its columns on the next line. */
	fprintf(f, "%s\n%*s", s, indent + width, "");
}
