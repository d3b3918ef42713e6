/* The server's stores, one per worker (pool.h). */
#include <pthread.h>

#include "src/server/pool.h"
#include "banned.h"

enum qc_rc qc_pool_open(struct qc_pool *p, const char *db, unsigned n,
			struct qc_error *err)
{
	enum qc_rc rc;

	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->free_one, NULL);
	for (p->n = 0; p->n < n; p->n++) {
		if ((rc = qc_store_open(db, &p->stores[p->n], err)))
			return rc;
		if ((rc = qc_stmt_prepare(p->stores[p->n],
					  QC_STORE_DATA_VERSION_SQL,
					  &p->version[p->n], err))) {
			p->n++;
			return rc;
		}
	}
	return QC_OK;
}

void qc_pool_close(struct qc_pool *p)
{
	for (unsigned i = 0; i < p->n; i++) {
		qc_stmt_free(p->version[i]);
		qc_store_close(p->stores[i]);
	}
	pthread_cond_destroy(&p->free_one);
	pthread_mutex_destroy(&p->lock);
}

struct qc_store *qc_pool_take(struct qc_pool *p, int64_t *version)
{
	struct qc_store *s = NULL;
	struct qc_stmt *st = NULL;
	pthread_mutex_lock(&p->lock);
	while (!s) {
		for (unsigned i = 0; i < p->n && !s; i++)
			if (!p->busy[i]) {
				p->busy[i] = true;
				s = p->stores[i];
				st = p->version[i];
			}
		if (!s)
			pthread_cond_wait(&p->free_one, &p->lock);
	}
	pthread_mutex_unlock(&p->lock);
	*version = 0;
	if (st && qc_stmt_next(st, NULL) == QC_ROW)
		*version = qc_stmt_int(st, 0) + 1; /* 0 stays "unknown" */
	if (st)
		qc_stmt_reset(st);
	return s;
}

void qc_pool_give(struct qc_pool *p, struct qc_store *s)
{
	pthread_mutex_lock(&p->lock);
	for (unsigned i = 0; i < p->n; i++)
		if (p->stores[i] == s)
			p->busy[i] = false;
	pthread_cond_signal(&p->free_one);
	pthread_mutex_unlock(&p->lock);
}
