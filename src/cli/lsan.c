/* Leaks that are not ours, for LeakSanitizer in sanitizer builds: cairo
 * 1.16 (Debian 12) leaks 768 bytes per font subset it embeds when a PDF
 * surface finishes (fixed in cairo 1.17). Its frames have no frame
 * pointers, so the stack is matched by the library's name, which also
 * hides a cairo object we forget to destroy: the unit tests (valgrind)
 * check our own cairo use. The runtime reads this weak hook at start;
 * other builds never call it. */
const char *__lsan_default_suppressions(void);

const char *__lsan_default_suppressions(void)
{
	return "leak:libcairo.so\n";
}

/* ... and without the table of suppressions used on stderr. */
const char *__lsan_default_options(void);

const char *__lsan_default_options(void)
{
	return "print_suppressions=0";
}
