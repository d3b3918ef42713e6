/* Answers kept between requests (inside src/server only).
 *
 * The status route's JSON is kept per key and reused while the database's
 * data version (qc_store_data_version: a counter every transaction that
 * changes data moves) is unchanged. Static files are kept as ready responses while their
 * modification time and size are unchanged. Both are bounded and safe to
 * use from every worker thread; qc_cache_release frees them at shutdown. */
#ifndef QC_CACHE_H
#define QC_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct qc_store;

/* The data version is QC_STORE_DATA_VERSION_SQL's answer + 1; 0 means
 * unknown, and nothing is cached or reused at version 0. Keys are kept
 * whole (any length). */
/* A copy (the caller frees it) of the body kept for key at version, or
 * NULL. */
char *qc_cache_get(const char *key, int64_t version);
/* Keep a copy of body for key at version. */
void qc_cache_put(const char *key, int64_t version, const char *body);
void qc_cache_release(void);

/* Who a credential (session cookie or API token) stands for, kept while
 * the data version stands — sign-in, sign-out, password changes and
 * token revocation write, so they move it — and at most QC_CACHE_USER_SECS, so that a
 * session's expiry is seen within that time. */
#define QC_CACHE_USER_SECS 60
/* Only a hash of the credential is kept. */
struct qc_user;
bool qc_cache_user_get(const char *cred, int64_t version, struct qc_user *u,
		       char *csrf);
void qc_cache_user_put(const char *cred, int64_t version,
		       const struct qc_user *u, const char *csrf);

#endif
