/* Shared inside src/lib/auth only. */
#ifndef QC_AUTH_INTERNAL_H
#define QC_AUTH_INTERNAL_H

#include <stddef.h>
#include <time.h>

struct qc_stmt;
struct qc_user;

/* Fill u from the six user columns starting at col:
 * id, name, role, unit_id, unit name, region. */
void qc_auth_user_from_row(struct qc_stmt *st, int col, struct qc_user *u);

/* The real clock as ISO 8601 UTC (buf: 32 bytes). Sessions, tokens and
 * the rate limit run on it, not on QCITY_NOW: a fixed demo date must not
 * make every session expired or eternal. */
void qc_auth_iso_at(time_t t, char *buf, size_t n);
/* QC_TOKEN_LEN random hex digits (out: QC_TOKEN_LEN + 1 bytes). */
void qc_auth_random_token(char *out);
/* The BLAKE2b hash of a token as hex (out: 65 bytes): all that is kept. */
void qc_auth_token_hash(const char *token, char *out);
/* An argon2id hash of a random password, made once with the cost real
 * ones get: an unknown user's sign-in is checked against it. */
const char *qc_auth_dummy_hash(void);

#endif
