/* Leaks that are not ours, for LeakSanitizer in sanitizer builds: cairo
 * 1.16 (Debian 12) leaks 768 bytes per font subset it embeds when a PDF
 * surface finishes (fixed in cairo 1.17); fontconfig 2.14 now and then
 * leaks 288 bytes (a 256-byte string and its 32-byte list, allocated
 * inside libfontconfig with no caller of ours on the stack) when pango
 * first lays out text, seen in `doc export --format html` and `credit
 * report` on a fresh machine. Their frames have no frame pointers, so
 * the stack is matched by the library's name, which also hides an
 * object of theirs we forget to destroy: the unit tests (valgrind) check
 * our own cairo and pango use. The runtime reads this weak hook at
 * start; other builds never call it. */
const char *__lsan_default_suppressions(void);

const char *__lsan_default_suppressions(void)
{
	return "leak:libcairo.so\nleak:libfontconfig.so\n";
}

/* ... and without the table of suppressions used on stderr. */
const char *__lsan_default_options(void);

const char *__lsan_default_options(void)
{
	return "print_suppressions=0";
}
