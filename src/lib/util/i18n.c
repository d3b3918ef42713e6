/* GNU gettext for qcity's messages: the language is chosen here, once,
 * not by the process locale, so that zh_CN is the default everywhere. */
#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "qc_config.h"
#include "qcity/i18n.h"
#include "banned.h"

static const char *chosen = "en";
static bool bound; /* a catalogue was bound: LANGUAGE is ours */
/* glibc's count of catalogue changes; a change empties its cache of
 * translations (the gettext manual's way to switch LANGUAGE). */
extern int _nl_msg_cat_cntr;

static bool has_catalog(const char *dir, const char *lang)
{
	char path[4096];
	int n = snprintf(path, sizeof(path), "%s/%s/LC_MESSAGES/%s.mo", dir,
			 lang, QC_TEXTDOMAIN);
	return n > 0 && (size_t)n < sizeof(path) && access(path, R_OK) == 0;
}

bool qc_i18n_init(const char *lang)
{
	/* ../share/locale beside the binary: an installed tree that was
	 * staged or moved (DESTDIR, a package unpacked elsewhere). */
	static char beside[4096 + 32];
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	beside[0] = '\0';
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			snprintf(beside, sizeof(beside), "%s/../share/locale",
				 exe);
		}
	}
	const char *dirs[4] = { getenv("QCITY_LOCALEDIR"), QC_BUILD_LOCALEDIR,
				beside, QC_LOCALEDIR };
	const char *dir = NULL;

	if (!lang || !*lang)
		lang = getenv("QCITY_LANG");
	if (!lang || !*lang || !strcmp(lang, "zh") || !strcmp(lang, "zh_CN") ||
	    !strcmp(lang, "zh_CN.UTF-8") || !strcmp(lang, "zh-CN"))
		lang = "zh_CN";
	else if (!strcmp(lang, "en") || !strncmp(lang, "en_", 3) ||
		 !strcmp(lang, "C") || !strcmp(lang, "POSIX"))
		lang = "en";
	else
		return false;
	for (int i = 0; i < 4 && !dir; i++)
		if (dirs[i] && *dirs[i] && has_catalog(dirs[i], lang))
			dir = dirs[i];
	chosen = lang;
	/* Called again (a test reads one document in two languages):
	 * gettext keeps what it found, so tell it the catalogues changed,
	 * and name the new one even when it has none. */
	if (bound) {
		setenv("LANGUAGE", lang, 1);
		++_nl_msg_cat_cntr;
	}
	/* English is the msgids themselves: it needs no catalogue. A known
	 * language whose catalogue is missing also speaks the msgids rather
	 * than refusing to run. */
	if (!dir)
		return true;
	bound = true;
	/* glibc ignores LANGUAGE in the "C" locale, and the machine may have
	 * no zh_CN locale at all: messages alone switch to C.UTF-8 (numbers
	 * keep the C locale, so JSON and CSV stay as they were), and
	 * LANGUAGE names the catalogue. */
	if (!setlocale(LC_MESSAGES, "C.UTF-8"))
		setlocale(LC_MESSAGES, "C.utf8");
	setenv("LANGUAGE", lang, 1);
	bindtextdomain(QC_TEXTDOMAIN, dir);
	bind_textdomain_codeset(QC_TEXTDOMAIN, "UTF-8");
	/* Messages qcity passes on from the C library (strerror) and from
	 * libpwquality come in the same language; in UTF-8, not the "C"
	 * locale's ASCII (which would print them as question marks). */
	bind_textdomain_codeset("libc", "UTF-8");
	bind_textdomain_codeset("libpwquality", "UTF-8");
	return true;
}

const char *qc_i18n_lang(void)
{
	return chosen;
}

const char *qc_tr(const char *msgid)
{
	if (!msgid || !*msgid)
		return msgid ? msgid : "";
	return dgettext(QC_TEXTDOMAIN, msgid);
}
