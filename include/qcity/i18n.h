/* Messages in the reader's language, through GNU gettext (domain
 * "qcity"). Simplified Chinese (zh_CN) is the default whatever LANG says;
 * "en" is the second language. Catalogues are po/<lang>.po, compiled by
 * the build (docs/i18n.md tells how to add a message or a language).
 *
 * Before qc_i18n_init, or in a program that never calls it (the unit
 * tests), qc_tr returns its argument: the msgid, in English. */
#ifndef QCITY_I18N_H
#define QCITY_I18N_H

#include <stdbool.h>

#define QC_TEXTDOMAIN "qcity"

/* Choose the language: lang, else $QCITY_LANG, else "zh_CN" ("zh" is
 * zh_CN). The catalogues are looked up in $QCITY_LOCALEDIR, else the
 * build tree's po/locale, else the installed share/locale. Returns false
 * (and changes nothing) for a language qcity has no catalogue for. Call
 * before threads start; a second call switches the language (the tests
 * read a document in both). */
bool qc_i18n_init(const char *lang);
/* The language chosen: "zh_CN" or "en". */
const char *qc_i18n_lang(void);
/* msgid in the chosen language (a static string; never NULL). */
const char *qc_tr(const char *msgid) __attribute__((format_arg(1)));

/* A stable code ("limited_progress", "report_overdue", "half_year",
 * "lead" ...) as people read it, in the chosen language; an unknown code
 * is returned as it is. */
const char *qc_label(const char *code);

/* _("...") translates; N_("...") only marks a string for xgettext (tables
 * of static strings translated where they are shown). */
#define _(s) qc_tr(s)
#define N_(s) (s)

#endif
