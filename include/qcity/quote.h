/* Identifiers pasted into SQL. Values are always bound (qcity/store.h);
 * the one thing SQL text takes from outside is a table or column name read
 * from a database's own catalogue when copying between databases, and
 * those names are quoted here. */
#ifndef QCITY_QUOTE_H
#define QCITY_QUOTE_H

#include <stdbool.h>

#include "qcity/strbuf.h"

/* Append name as a quoted SQL identifier: "name", with each embedded "
 * doubled (as both SQLite and PostgreSQL read it), so a name can never
 * end the quotes early. Returns false when b has failed (qcity/strbuf.h). */
bool qc_quote_ident(struct qc_buf *b, const char *name);

#endif
