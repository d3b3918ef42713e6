/* qc_extract_stream against qc_extract_file: the plan read in windows of
 * lines and handed on in pieces must be the plan read whole, byte for
 * byte as JSON, whatever the chunk size: the seeds, the development set,
 * a long concatenation (outline numbers repeat, sections cross chunks),
 * CR LF with a BOM and no last LF, pinyin readings, GB18030 (read whole);
 * kept whole without a piece function (plan extract --import); a file
 * that stops being text past its first windows starts over whole; and
 * the one JSON writer against jansson's own layouts. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <dirent.h>
#include <iconv.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <jansson.h>

#include "qcity/catalog.h"
#include "qcity/extract.h"
#include "qcity/plan.h"
#include "qcity/strbuf.h"
#include "qc_config.h"
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#else
#define RUNNING_ON_VALGRIND 0
#endif

static struct qc_catalog cat;

struct sink {
	struct qc_plan_jsonw w;
	size_t pieces, max_tasks, restarts;
};

static enum qc_rc on_piece(void *ctx, const struct qc_plan *piece,
			   struct qc_error *err)
{
	struct sink *k = ctx;

	if (!piece) { /* starting over: forget what came */
		k->restarts++;
		k->pieces = k->max_tasks = 0;
		return qc_plan_jsonw_add(&k->w, NULL, err);
	}
	k->pieces++;
	if (piece->n_tasks > k->max_tasks)
		k->max_tasks = piece->n_tasks;
	return qc_plan_jsonw_add(&k->w, piece, err);
}

static char *whole_json(const char *path)
{
	struct qc_plan p;
	struct qc_error err = { 0 };
	char *out = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);

	assert_non_null(f);
	if (qc_extract_file(path, &cat, &p, &err) != QC_OK)
		fprintf(f, "error: %s\n", err.msg);
	else
		assert_int_equal(qc_plan_write_json(&p, f, &err), QC_OK);
	qc_plan_release(&p);
	fclose(f);
	return out;
}

static char *stream_json(const char *path, size_t chunk, struct sink *k)
{
	struct qc_plan head;
	struct qc_error err = { 0 };
	char *out = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);

	assert_non_null(f);
	memset(k, 0, sizeof(*k));
	assert_int_equal(qc_plan_jsonw_init(&k->w, &err), QC_OK);
	if (qc_extract_stream(path, &cat, chunk, on_piece, k, &head, &err) !=
	    QC_OK)
		fprintf(f, "error: %s\n", err.msg);
	else
		assert_int_equal(qc_plan_jsonw_finish(&k->w, &head, f, &err),
				 QC_OK);
	qc_plan_jsonw_release(&k->w);
	qc_plan_release(&head);
	fclose(f);
	return out;
}

/* The stream without a piece function: the whole plan kept in out. */
static char *gather_json(const char *path, size_t chunk)
{
	struct qc_plan p;
	struct qc_error err = { 0 };
	char *out = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);

	assert_non_null(f);
	if (qc_extract_stream(path, &cat, chunk, NULL, NULL, &p, &err) != QC_OK)
		fprintf(f, "error: %s\n", err.msg);
	else
		assert_int_equal(qc_plan_write_json(&p, f, &err), QC_OK);
	qc_plan_release(&p);
	fclose(f);
	return out;
}

static void must_equal(const char *want, char *got, const char *path,
		       size_t chunk, const char *how)
{
	if (strcmp(want, got)) {
		fprintf(stderr, "%s, chunk %zu: %s JSON differs\n", path, chunk,
			how);
		fail_msg("stream differs");
		abort();
	}
	free(got);
}

/* Stream path with each chunk size (and kept whole at the last), and
 * compare with the whole read; returns the pieces (and in *restarts the starts
 * over) of the last. */
static size_t same_r(const char *path, const size_t *chunks, size_t n,
		     size_t *restarts)
{
	char *want = whole_json(path);
	struct sink k = { 0 };

	for (size_t i = 0; i < n; i++)
		must_equal(want, stream_json(path, chunks[i], &k), path,
			   chunks[i], "streamed");
	/* kept whole, at the last chunk size (not 1 byte: valgrind) */
	must_equal(want, gather_json(path, chunks[n - 1]), path, chunks[n - 1],
		   "gathered");
	free(want);
	if (restarts)
		*restarts = k.restarts;
	return k.pieces;
}

static size_t same(const char *path, const size_t *chunks, size_t n)
{
	size_t restarts;
	size_t pieces = same_r(path, chunks, n, &restarts);

	assert_int_equal(restarts, 0);
	return pieces;
}

static void add_file(struct qc_buf *b, const char *path)
{
	FILE *f = fopen(path, "rb");
	char buf[8192];
	size_t n;

	assert_non_null(f);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		qc_buf_add(b, buf, n);
	fclose(f);
}

static void write_tmp(char *path, const char *s, size_t n)
{
	int fd = mkstemps(path, 4);
	FILE *f;

	assert_true(fd >= 0);
	f = fdopen(fd, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(s, 1, n, f), n);
	fclose(f);
}

/* Each .txt of dir, in name order. */
static size_t list_txt(const char *dir, char ***out)
{
	struct dirent **v;
	int n = scandir(dir, &v, NULL, alphasort);
	size_t k = 0;

	assert_true(n > 0);
	*out = calloc((size_t)n, sizeof(char *));
	for (int i = 0; i < n; i++) {
		size_t l = strlen(v[i]->d_name);
		if (l > 4 && !strcmp(v[i]->d_name + l - 4, ".txt")) {
			char p[4096];
			snprintf(p, sizeof(p), "%s/%s", dir, v[i]->d_name);
			(*out)[k++] = strdup(p);
		}
		free(v[i]);
	}
	free(v);
	return k;
}

static void free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void seeds_and_devset(void **state)
{
	static const size_t chunks[] = { 1, 333, 0 };
	const char *dirs[] = { QC_SOURCE_ROOT "/data/seeds",
			       QC_SOURCE_ROOT "/tests/data/plans" };
	(void)state;
	for (size_t d = 0; d < 2; d++) {
		char **v;
		size_t n = list_txt(dirs[d], &v);
		assert_true(n >= 5);
		for (size_t i = 0; i < n; i++)
			same(v[i], chunks, 3);
		free_list(v, n);
	}
}

/* The seeds and the development set three times over: a long document
 * whose outline numbers repeat (keys "一#2" …), read in chunks much
 * smaller than it, so sections, goals and the group cross windows. */
static void long_concatenation(void **state)
{
	static const size_t chunks[] = { 65536, 4096 };
	char path[] = "/tmp/test_stream_XXXXXX.txt";
	const char *dirs[] = { QC_SOURCE_ROOT "/data/seeds",
			       QC_SOURCE_ROOT "/tests/data/plans" };
	struct qc_buf b;
	struct sink k;
	char *js;

	(void)state;
	qc_buf_init(&b, 0);
	for (int r = 0; r < 3; r++)
		for (size_t d = 0; d < 2; d++) {
			char **v;
			size_t n = list_txt(dirs[d], &v);
			for (size_t i = 0; i < n; i++) {
				add_file(&b, v[i]);
				qc_buf_addch(&b, '\n');
			}
			free_list(v, n);
		}
	assert_true(qc_buf_len(&b) > 4 * 65536);
	write_tmp(path, qc_buf_str(&b), qc_buf_len(&b));
	/* many pieces: the plan was handed on as it went */
	assert_true(same(path, chunks, 2) > 10);
	js = stream_json(path, 4096, &k);
	assert_non_null(strstr(js, "#3\""));
	/* no piece holds more than a section's tasks */
	assert_true(k.max_tasks < 200);
	free(js);
	unlink(path);
	qc_buf_release(&b);
}

/* A seed as other editors save it: BOM, CR LF, no last line end, and
 * readings in brackets after characters; then in GB18030, which is read
 * whole and handed on in one piece. */
static void variants(void **state)
{
	static const size_t chunks[] = { 1, 100, 0 };
	char p1[] = "/tmp/test_stream_XXXXXX.txt";
	char p2[] = "/tmp/test_stream_XXXXXX.txt";
	struct qc_buf seed, crlf, gb;
	const char *s;
	size_t n;

	(void)state;
	qc_buf_init(&seed, 0);
	qc_buf_init(&crlf, 0);
	qc_buf_init(&gb, 0);
	add_file(&seed, QC_SOURCE_ROOT "/data/seeds/000_da3f1a9ac43ee785.txt");
	s = qc_buf_str(&seed);
	n = qc_buf_len(&seed);
	while (n > 0 && s[n - 1] == '\n')
		n--;
	qc_buf_adds(&crlf, "\xEF\xBB\xBF");
	for (size_t i = 0, lines = 0; i < n; i++) {
		if (s[i] == '\n')
			qc_buf_addch(&crlf, '\r');
		qc_buf_addch(&crlf, s[i]);
		/* a lone CR ends a line too */
		if (s[i] == '\n' && ++lines == 10)
			qc_buf_adds(&crlf, "第十行后\r");
	}
	qc_buf_adds(&crlf, "\r\n质(zhì)量(liàng)强市\r\n业（yè）");
	write_tmp(p1, qc_buf_str(&crlf), qc_buf_len(&crlf));
	same(p1, chunks, 3);
	{
		iconv_t cd = iconv_open("GB18030", "UTF-8");
		char *in = (char *)s, *o;
		size_t il = n, ol = 4 * n + 16;
		char *out = malloc(ol);
		assert_true(cd != (iconv_t)-1);
		o = out;
		assert_true(iconv(cd, &in, &il, &o, &ol) != (size_t)-1);
		iconv_close(cd);
		qc_buf_add(&gb, out, (size_t)(o - out));
		free(out);
	}
	write_tmp(p2, qc_buf_str(&gb), qc_buf_len(&gb));
	assert_int_equal(same(p2, chunks, 3), 1);
	unlink(p1);
	unlink(p2);
	qc_buf_release(&seed);
	qc_buf_release(&crlf);
	qc_buf_release(&gb);
}

/* Documents of lines drawn at random from the seeds and the development
 * set (a fixed seed): headings, goal labels, group lines and owners in
 * orders no plan has, read in chunks of random sizes. Under valgrind the
 * first 4 of the 12 (the sanitizer build reads all 12): the 12 were
 * over half of extract_stream's time, a long test under valgrind. */
static void shuffled_lines(void **state)
{
	const char *dirs[] = { QC_SOURCE_ROOT "/data/seeds",
			       QC_SOURCE_ROOT "/tests/data/plans" };
	struct qc_buf all;
	const char **line = NULL;
	size_t *len = NULL, n = 0, cap = 0;
	unsigned long long r = 20261130;
	const char *s, *e;

	(void)state;
	qc_buf_init(&all, 0);
	for (size_t d = 0; d < 2; d++) {
		char **v;
		size_t k = list_txt(dirs[d], &v);
		for (size_t i = 0; i < k; i++) {
			add_file(&all, v[i]);
			qc_buf_addch(&all, '\n');
		}
		free_list(v, k);
	}
	s = qc_buf_str(&all);
	e = s + qc_buf_len(&all);
	for (const char *p = s; p < e; p++)
		cap += *p == '\n';
	line = malloc(cap * sizeof(*line));
	len = malloc(cap * sizeof(*len));
	if (!line || !len) {
		fail_msg("out of memory");
		abort();
	}
	while (s < e && n < cap) {
		const char *nl = memchr(s, '\n', (size_t)(e - s));
		if (!nl)
			break;
		line[n] = s;
		len[n++] = (size_t)(nl - s) + 1;
		s = nl + 1;
	}
	assert_true(n > 100);
	for (int doc = 0, docs = RUNNING_ON_VALGRIND ? 4 : 12; doc < docs;
	     doc++) {
		char path[] = "/tmp/test_stream_XXXXXX.txt";
		struct qc_buf b;
		size_t chunks[2];

		qc_buf_init(&b, 0);
		for (int i = 0; i < 600; i++) {
			size_t k;
			r = r * 6364136223846793005ULL + 1442695040888963407ULL;
			k = (size_t)(r >> 33) % n;
			qc_buf_add(&b, line[k], len[k]);
		}
		write_tmp(path, qc_buf_str(&b), qc_buf_len(&b));
		chunks[0] = 1;
		chunks[1] = 1 + (size_t)(r >> 40) % 5000;
		same(path, chunks, 2);
		unlink(path);
		qc_buf_release(&b);
	}
	free(line);
	free(len);
	qc_buf_release(&all);
}

/* Files the whole-file reader refuses are refused the same way. */
static void refused_alike(const char *data, size_t n)
{
	char path[] = "/tmp/test_stream_XXXXXX.txt";
	struct sink k;
	char *want, *got;

	write_tmp(path, data, n);
	want = whole_json(path);
	got = stream_json(path, 1, &k);
	assert_string_equal(want, got);
	assert_non_null(strstr(got, "error"));
	free(want);
	free(got);
	unlink(path);
}

/* Files that are UTF-8 text in their first windows and not after (a
 * binary tail, too many controls, GB18030 after a UTF-8 or an ASCII
 * start): what was handed on is taken back and the file read whole, to
 * the same plan or error as the whole-file reader. */
static void late_not_text(void **state)
{
	static const size_t chunks[] = { 4096 };
	struct qc_buf seed, b, gb;
	size_t restarts;

	(void)state;
	qc_buf_init(&seed, 0);
	qc_buf_init(&gb, 0);
	add_file(&seed, QC_SOURCE_ROOT "/data/seeds/000_da3f1a9ac43ee785.txt");
	assert_true(qc_buf_len(&seed) > 3 * 4096);
	{
		iconv_t cd = iconv_open("GB18030", "UTF-8");
		char *in = (char *)qc_buf_str(&seed), *o;
		size_t il = qc_buf_len(&seed), ol = 2 * il + 16;
		char *out = malloc(ol);
		assert_true(cd != (iconv_t)-1 && out);
		o = out;
		assert_true(iconv(cd, &in, &il, &o, &ol) != (size_t)-1);
		iconv_close(cd);
		qc_buf_add(&gb, out, (size_t)(o - out));
		free(out);
	}
	for (int t = 0; t < 5; t++) {
		char path[] = "/tmp/test_stream_XXXXXX.txt";
		char *want;

		qc_buf_init(&b, 0);
		if (t == 4) /* ASCII first: nothing handed on before */
			for (int i = 0; i < 400; i++)
				qc_buf_adds(&b, "plain ascii text, line\n");
		else
			qc_buf_add(&b, qc_buf_str(&seed), qc_buf_len(&seed));
		if (t == 0)
			qc_buf_add(&b,
				   "\n\xFF\x00\x01"
				   "binary\n",
				   11);
		if (t == 1) /* more than 64 controls */
			for (int i = 0; i < 70; i++)
				qc_buf_adds(&b, "\x01");
		if (t >= 2 && t != 3)
			qc_buf_add(&b, qc_buf_str(&gb), qc_buf_len(&gb));
		if (t == 3) /* not UTF-8, nor GB18030 */
			qc_buf_adds(&b, "\n\xFF\xFF\xFF\n");
		write_tmp(path, qc_buf_str(&b), qc_buf_len(&b));
		want = whole_json(path);
		same_r(path, chunks, 1, &restarts);
		/* the seed's targets were handed on before the tail */
		assert_int_equal(restarts, t == 4 ? 0 : 1);
		if (t == 0 || t == 1)
			assert_non_null(strstr(want, "binary"));
		if (t == 4)
			assert_non_null(strstr(want, "\"format\""));
		free(want);
		unlink(path);
		qc_buf_release(&b);
	}
	qc_buf_release(&seed);
	qc_buf_release(&gb);
}

static void refusals(void **state)
{
	(void)state;
	refused_alike("", 0);
	refused_alike("\xEF\xBB\xBF", 3);
	refused_alike("abc\0def\n", 8);
	refused_alike("\xFF\xFE"
		      "a\0b\0",
		      6);
}

/* The items are written as text directly (plan_json_text.c): each
 * must be what jansson's compact dump of it gives, for awkward strings
 * and numbers too. Parsed back and dumped by jansson, every item must
 * appear as written. */
static void items_as_jansson_writes(void **state)
{
	static const double vals[] = {
		0.1,  2.7,  98,    -0.0,  1e20,
		1e-7, 1e15, -3.25, 1e300, 123456789012345.5
	};
	struct qc_plan p;
	struct qc_error err = { 0 };
	char *doc = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&doc, &n);
	json_t *root;
	const char *arrays[] = { "goals",  "targets",   "tasks",
				 "phases", "reporting", "assessment" };

	(void)state;
	qc_plan_init(&p);
	qc_set_str(&p.title, "t");
	for (size_t i = 0; i < sizeof(vals) / sizeof(*vals); i++) {
		struct qc_target *t = qc_plan_add_target(&p);
		qc_set_str(&t->indicator,
			   "引号\"反斜杠\\制表\t控制\x01\x1f/斜杠");
		t->op = QC_OP_BETWEEN;
		t->has_value = i != 3;
		t->value = vals[i];
		t->has_value_max = true;
		t->value_max = vals[(i + 1) % 10];
		t->baseline_year = i == 2 ? 2015 : 0;
		t->baseline_previous = i == 4;
		t->year = (int)i;
		t->line = (int)i + 1;
		qc_owner_list_add(&t->owners, "市市场监管局", "市场监管局",
				  i % 2 ? QC_ROLE_CO : QC_ROLE_LEAD);
		/* a nameless owner is none: the JSON would say null */
		qc_owner_list_add(&t->owners, NULL, "市场监管局", QC_ROLE_LEAD);
		assert_int_equal(t->owners.n, 1);
		if (i == 5) {
			struct qc_target_part *q = qc_target_add_part(t);
			qc_set_str(&q->region, "新城区");
			q->has_value = true;
			q->value = 0.3;
		}
	}
	qc_set_str(&qc_plan_add_task(&p)->title, "任务\n换行");
	qc_set_str(&qc_plan_add_goal(&p)->name, "目标");
	qc_plan_add_phase(&p);
	qc_set_str(&qc_plan_add_duty(&p)->text, "每月报送");
	qc_set_str(&qc_plan_add_rule(&p)->text, "纳入考核");
	assert_int_equal(qc_plan_write_json(&p, f, &err), QC_OK);
	fclose(f);
	root = json_loads(doc, 0, NULL);
	assert_non_null(root);
	for (size_t a = 0; a < 6; a++) {
		json_t *arr = json_object_get(root, arrays[a]), *it;
		size_t i;
		assert_true(json_array_size(arr) > 0);
		json_array_foreach(arr, i, it)
		{
			char *js = json_dumps(it, JSON_COMPACT |
							  JSON_PRESERVE_ORDER);
			if (!strstr(doc, js)) {
				fprintf(stderr,
					"not as jansson writes it: %s\n", js);
				fail_msg("item differs");
				abort();
			}
			free(js);
		}
	}
	json_decref(root);
	free(doc);
	/* the whole document, indented: as jansson lays it out */
	doc = qc_plan_to_json(&p);
	root = json_loads(doc, 0, NULL);
	assert_non_null(root);
	{
		char *js = json_dumps(root,
				      JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		assert_string_equal(doc, js);
		free(js);
	}
	json_decref(root);
	free(doc);
	qc_plan_release(&p);
}

/* What JSON cannot hold is written null, in both layouts: a string that
 * is not UTF-8, a number that is not finite, an owner without a name. */
static void null_when_not_json(void **state)
{
	struct qc_plan p;
	struct qc_error err = { 0 };
	struct qc_target *t;
	char *doc = NULL, *whole;
	size_t n = 0;
	FILE *f = open_memstream(&doc, &n);
	json_t *root, *tg;

	(void)state;
	qc_plan_init(&p);
	qc_set_str(&p.title, "not \xFF UTF-8");
	t = qc_plan_add_target(&p);
	qc_set_str(&t->indicator, "合格率");
	t->has_value = true;
	t->value = NAN;
	t->has_value_max = true;
	t->value_max = INFINITY;
	qc_owner_list_add(&t->owners, "市局", NULL, QC_ROLE_LEAD);
	free(t->owners.v[0].written);
	t->owners.v[0].written = NULL;
	assert_int_equal(qc_plan_write_json(&p, f, &err), QC_OK);
	fclose(f);
	whole = qc_plan_to_json(&p);
	for (int i = 0; i < 2; i++) {
		root = json_loads(i ? whole : doc, 0, NULL);
		assert_non_null(root);
		assert_true(json_is_null(
			json_object_get(json_object_get(root, "plan"),
					"title")));
		tg = json_array_get(json_object_get(root, "targets"), 0);
		assert_string_equal(json_string_value(
					    json_object_get(tg, "indicator")),
				    "合格率");
		assert_true(json_is_null(json_object_get(tg, "value")));
		assert_true(json_is_null(json_object_get(tg, "value_max")));
		assert_true(json_is_null(
			json_array_get(json_object_get(tg, "owners"), 0)));
		json_decref(root);
	}
	free(doc);
	free(whole);
	qc_plan_release(&p);
}

int main(void)
{
	struct qc_error err = { 0 };
	const char *dir = getenv("QCITY_DATA");
	char path[1024];
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(seeds_and_devset),
		cmocka_unit_test(long_concatenation),
		cmocka_unit_test(variants),
		cmocka_unit_test(shuffled_lines),
		cmocka_unit_test(refusals),
		cmocka_unit_test(items_as_jansson_writes),
		cmocka_unit_test(late_not_text),
		cmocka_unit_test(null_when_not_json),
	};
	int rc;

	snprintf(path, sizeof(path), "%s/indicators.json", dir ? dir : "data");
	if (qc_catalog_load(&cat, path, &err))
		return 1;
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	qc_catalog_release(&cat);
	return rc;
}
