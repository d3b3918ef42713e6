/* Shared inside src/lib/auth only. */
#ifndef QC_AUTH_INTERNAL_H
#define QC_AUTH_INTERNAL_H

struct qc_stmt;
struct qc_user;

/* Fill u from the six user columns starting at col:
 * id, name, role, unit_id, unit name, region. */
void qc_auth_user_from_row(struct qc_stmt *st, int col, struct qc_user *u);

#endif
