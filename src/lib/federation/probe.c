/* Asking every followed province for its lag at once (federation
 * status). Each province is one libpq connection driven without blocking
 * (PQconnectStart/PQconnectPoll, then PQsendQueryParams), all of them
 * waited for together with poll() under one deadline: a status costs
 * about QC_FED_CONNECT_TIMEOUT seconds however many provinces are down or
 * hang, not that much per province. (libpq's connect_timeout does not
 * apply to PQconnectPoll; the deadline here is its replacement.) */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <time.h>

#include <libpq-fe.h>

#include "qcity/alloc.h"
#include "qcity/federation.h"
#include "qcity/store.h"
#include "federation_int.h"
#include "banned.h"

enum step { CONNECTING, QUERYING, DONE };

struct probe {
	PGconn *c;
	enum step step;
	PostgresPollingStatusType want; /* while CONNECTING */
};

static const char lag_sql[] =
	"SELECT CAST(pg_wal_lsn_diff(pg_current_wal_lsn(),"
	" confirmed_flush_lsn) AS BIGINT) FROM pg_replication_slots"
	" WHERE slot_name = 'qcity_' || $1";

static int64_t now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void finish(struct probe *p)
{
	p->step = DONE;
	if (p->c)
		PQfinish(p->c);
	p->c = NULL;
}

/* The connection is up: send the question. */
static void ask(struct probe *p, struct qc_fed_province *v)
{
	const char *params[1] = { v->code };

	v->reachable = true;
	if (!PQsendQueryParams(p->c, lag_sql, 1, NULL, params, NULL, NULL, 0)) {
		finish(p);
		return;
	}
	p->step = QUERYING;
}

/* Read what has come; the answer is one row or none (no slot there). */
static void read_answer(struct probe *p, struct qc_fed_province *v)
{
	PGresult *res;

	if (!PQconsumeInput(p->c)) {
		finish(p);
		return;
	}
	while (!PQisBusy(p->c)) {
		if (!(res = PQgetResult(p->c))) {
			finish(p);
			return;
		}
		if (PQresultStatus(res) == PGRES_TUPLES_OK &&
		    PQntuples(res) == 1 && !PQgetisnull(res, 0, 0))
			v->lag_bytes = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
		PQclear(res);
	}
}

static void advance(struct probe *p, struct qc_fed_province *v)
{
	if (p->step == QUERYING) {
		read_answer(p, v);
		return;
	}
	p->want = PQconnectPoll(p->c);
	if (p->want == PGRES_POLLING_FAILED)
		finish(p);
	else if (p->want == PGRES_POLLING_OK)
		ask(p, v);
}

void qc_fed_probe(struct qc_fed_province *v, char *const *conninfo, size_t n,
		  int timeout_s)
{
	struct probe *pr = qc_xcalloc(n ? n : 1, sizeof(*pr));
	struct pollfd *fds = qc_xcalloc(n ? n : 1, sizeof(*fds));
	int64_t deadline = now_ms() + (int64_t)timeout_s * 1000;
	size_t open = 0;

	for (size_t i = 0; i < n; i++) {
		v[i].reachable = false;
		v[i].lag_bytes = -1;
		pr[i].step = DONE;
		/* qc_fed_add subscribes with a postgres:// URI only. */
		if (!conninfo[i] || !qc_store_uri_is_pg(conninfo[i]))
			continue;
		pr[i].c = PQconnectStart(conninfo[i]);
		if (!pr[i].c || PQstatus(pr[i].c) == CONNECTION_BAD) {
			finish(&pr[i]);
			continue;
		}
		/* As libpq asks: begin as if PQconnectPoll said WRITING. */
		pr[i].step = CONNECTING;
		pr[i].want = PGRES_POLLING_WRITING;
		open++;
	}
	while (open > 0) {
		int64_t left = deadline - now_ms();
		if (left <= 0)
			break;
		for (size_t i = 0; i < n; i++) {
			/* The socket may change while connecting (another
			 * address of the host): ask for it each time. */
			fds[i].fd = pr[i].step == DONE ? -1 : PQsocket(pr[i].c);
			fds[i].events =
				pr[i].step == CONNECTING &&
						pr[i].want ==
							PGRES_POLLING_WRITING ?
					POLLOUT :
					POLLIN;
			fds[i].revents = 0;
		}
		int k = poll(fds, n, (int)left);
		if (k < 0 && errno != EINTR)
			break;
		for (size_t i = 0; k > 0 && i < n; i++) {
			if (pr[i].step == DONE || !fds[i].revents)
				continue;
			advance(&pr[i], &v[i]);
			if (pr[i].step == DONE)
				open--;
		}
	}
	/* Whatever has not answered by now stays unreachable (still
	 * connecting: reachable is set only once asked) or, asked but silent
	 * since, of unknown lag. */
	for (size_t i = 0; i < n; i++)
		if (pr[i].step != DONE)
			finish(&pr[i]);
	free(fds);
	free(pr);
}
