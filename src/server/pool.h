/* The server's stores (inside src/server only): one per worker thread,
 * since a SQLite connection is not shared across threads, each handed to
 * one request at a time. */
#ifndef QC_POOL_H
#define QC_POOL_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "qcity/store.h"

#define QC_THREADS_MAX 64

struct qc_pool {
	pthread_mutex_t lock;
	pthread_cond_t free_one;
	struct qc_store *stores[QC_THREADS_MAX];
	/* The data version query, prepared once per store: it runs on
	 * every API request. */
	struct qc_stmt *version[QC_THREADS_MAX];
	bool busy[QC_THREADS_MAX];
	unsigned n;
};

/* Open n stores of db into p (n at most QC_THREADS_MAX). On failure the
 * stores opened so far stay in p: qc_pool_close closes them. */
enum qc_rc qc_pool_open(struct qc_pool *p, const char *db, unsigned n,
			struct qc_error *err);
/* Close p's stores (p itself is the caller's). */
void qc_pool_close(struct qc_pool *p);
/* A free store, waiting for one if all are taken, and the data version
 * read through it (0: unknown). The pool keeps it: give it back with
 * qc_pool_give. */
struct qc_store *qc_pool_take(struct qc_pool *p, int64_t *version);
void qc_pool_give(struct qc_pool *p, struct qc_store *s);

#endif
