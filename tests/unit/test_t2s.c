/* qc_text_t2s converts as OpenCC's t2s profile does (src/lib/text/t2s.c
 * reads OpenCC's dictionaries built in): compared with OpenCC itself on
 * every key of the installed dictionaries (dumped with opencc_dict), each
 * in context, on the traditional seed, and on random mixtures of keys,
 * their parts and other text. A dictionary that changed with OpenCC
 * fails here: run scripts/gen-t2s. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <opencc/opencc.h>

#include "qcity/strbuf.h"
#include "qcity/text.h"

static opencc_t cc;
static char **keys;
static size_t n_keys;

static void same(const char *s, size_t n)
{
	struct qc_buf b;
	struct qc_error err = { 0 };
	char *want = opencc_convert_utf8(cc, s, n);

	assert_non_null(want);
	qc_buf_init(&b, 0);
	assert_int_equal(qc_text_t2s(s, n, &b, &err), QC_OK);
	if (strcmp(qc_buf_str(&b), want) != 0) {
		print_error("input    %.*s\nopencc   %s\nqc_t2s   %s\n", (int)n,
			    s, want, qc_buf_str(&b));
		fail();
	}
	opencc_convert_utf8_free(want);
	qc_buf_release(&b);
}

static void same_str(const char *s)
{
	same(s, strlen(s));
}

/* The keys of an OpenCC dictionary, added to keys[]. */
static void load_keys(const char *dir, const char *dict)
{
	char cmd[512], path[256], line[1024];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s.txt", dir, dict);
	snprintf(cmd, sizeof(cmd),
		 "opencc_dict -i /usr/share/opencc/%s.ocd2 -o %s -f ocd2 "
		 "-t text",
		 dict, path);
	assert_int_equal(system(cmd), 0);
	assert_non_null(f = fopen(path, "r"));
	while (fgets(line, sizeof(line), f)) {
		char *tab = strchr(line, '\t');
		if (!tab) {
			fail_msg("%s: a line without a tab: %s", path, line);
			abort();
		}
		*tab = '\0';
		keys = realloc(keys, (n_keys + 1) * sizeof(*keys));
		assert_non_null(keys);
		assert_non_null(keys[n_keys++] = strdup(line));
	}
	fclose(f);
	unlink(path);
}

static int setup(void **state)
{
	char dir[] = "/tmp/test_t2s_XXXXXX";

	(void)state;
	cc = opencc_open(OPENCC_DEFAULT_CONFIG_TRAD_TO_SIMP);
	if (cc == (opencc_t)-1 || !mkdtemp(dir))
		return -1;
	load_keys(dir, "TSPhrases");
	load_keys(dir, "TSCharacters");
	rmdir(dir);
	return n_keys > 4000 ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	for (size_t i = 0; i < n_keys; i++)
		free(keys[i]);
	free(keys);
	opencc_close(cc);
	return 0;
}

static void every_key_alone_and_in_context(void **state)
{
	char buf[256];

	(void)state;
	for (size_t i = 0; i < n_keys; i++) {
		same_str(keys[i]);
		snprintf(buf, sizeof(buf), "質量%s發展,%s%s", keys[i], keys[i],
			 keys[(i * 7919) % n_keys]);
		same_str(buf);
	}
}

static void the_traditional_seed(void **state)
{
	FILE *f = fopen(QC_SEED_004, "rb");
	static char text[1 << 17];
	size_t n;

	(void)state;
	assert_non_null(f);
	n = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	assert_true(n > 1000);
	same(text, n);
}

/* Random text of keys, halves of keys (a phrase cut short) and other
 * characters, seeded so a failure repeats. */
static void random_mixtures(void **state)
{
	static const char *const other[] = { "的", "，", "。",   "9",  "a",
					     "\n", " ",  "产品", "質", "發" };
	char buf[1024];

	(void)state;
	srand(20);
	for (int r = 0; r < 20000; r++) {
		size_t len = 0;
		int parts = 1 + rand() % 12;
		for (int j = 0; j < parts; j++) {
			const char *k = keys[(size_t)rand() % n_keys];
			size_t kl = strlen(k);
			switch (rand() % 4) {
			case 0:
				k = other[rand() % 10];
				kl = strlen(k);
				break;
			case 1: kl = kl > 3 ? kl / 3 / 2 * 3 : kl; break;
			default: break;
			}
			if (len + kl >= sizeof(buf))
				break;
			memcpy(buf + len, k, kl);
			len += kl;
		}
		same(buf, len);
	}
}

/* OpenCC reads up to a NUL; a byte no character starts with is refused
 * and leaves the output as it was. */
static void nul_and_bad_bytes(void **state)
{
	struct qc_buf b;
	struct qc_error err = { 0 };

	(void)state;
	same("質量\0發展", 9);
	qc_buf_init(&b, 0);
	qc_buf_adds(&b, "kept");
	assert_int_equal(qc_text_t2s("質\x80量", 7, &b, &err), QC_EUNSUPPORTED);
	assert_string_equal(qc_buf_str(&b), "kept");
	qc_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_key_alone_and_in_context),
		cmocka_unit_test(the_traditional_seed),
		cmocka_unit_test(random_mixtures),
		cmocka_unit_test(nul_and_bad_bytes),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
