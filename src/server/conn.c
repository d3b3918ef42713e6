/* Connection deadlines. libmicrohttpd's own timeout restarts on every byte,
 * so a client trickling a header line every few seconds could hold a
 * connection for ever. Here each connection gets an absolute deadline by
 * which its request (headers and body) must be in; a reaper thread shuts
 * down the socket of any connection past it, and libmicrohttpd then sees
 * the connection fail and closes it. The per-address limit is MHD's. */
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

#include <microhttpd.h>

#include "qcity/alloc.h"
#include "src/server/conn.h"
#include "banned.h"

struct entry {
	struct entry *prev, *next;
	int fd;
	bool answered; /* the request is in; no deadline until done */
	bool shut;     /* shut down once already */
	struct timespec deadline;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake_up = PTHREAD_COND_INITIALIZER;
static struct {
	pthread_t thread;
	bool running, stop;
	struct entry *head; /* every open connection */
} st;

static void set_deadline(struct entry *e, int secs)
{
	clock_gettime(CLOCK_MONOTONIC, &e->deadline);
	e->deadline.tv_sec += secs;
}

static bool past(const struct timespec *now, const struct timespec *t)
{
	return now->tv_sec > t->tv_sec ||
	       (now->tv_sec == t->tv_sec && now->tv_nsec >= t->tv_nsec);
}

/* MHD_OPTION_NOTIFY_CONNECTION. CLOSED comes before libmicrohttpd closes
 * the socket, and the entry leaves the list under the lock, so the reaper
 * never shuts down a descriptor that was reused by a new connection. */
void qc_conn_notify(void *cls, struct MHD_Connection *c, void **ctx,
		    enum MHD_ConnectionNotificationCode code)
{
	const union MHD_ConnectionInfo *ci;
	struct entry *e;

	(void)cls;
	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		ci = MHD_get_connection_info(c,
					     MHD_CONNECTION_INFO_CONNECTION_FD);
		e = qc_xcalloc(1, sizeof(*e));
		e->fd = ci ? ci->connect_fd : -1;
		set_deadline(e, QC_CONN_REQUEST_SECS);
		pthread_mutex_lock(&lock);
		e->next = st.head;
		if (st.head)
			st.head->prev = e;
		st.head = e;
		pthread_mutex_unlock(&lock);
		*ctx = e;
		return;
	}
	if (!(e = *ctx))
		return;
	pthread_mutex_lock(&lock);
	if (e->prev)
		e->prev->next = e->next;
	else
		st.head = e->next;
	if (e->next)
		e->next->prev = e->prev;
	pthread_mutex_unlock(&lock);
	free(e);
	*ctx = NULL;
}

static struct entry *entry_of(struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return ci ? ci->socket_context : NULL;
}

void qc_conn_answered(struct MHD_Connection *c)
{
	struct entry *e = entry_of(c);
	if (!e)
		return;
	pthread_mutex_lock(&lock);
	e->answered = true;
	pthread_mutex_unlock(&lock);
}

void qc_conn_done(struct MHD_Connection *c)
{
	struct entry *e = entry_of(c);
	if (!e)
		return;
	/* The next request on a kept-alive connection: idle time (which
	 * libmicrohttpd's timeout ends) and then the request's own time. */
	pthread_mutex_lock(&lock);
	e->answered = false;
	set_deadline(e, QC_CONN_IDLE_SECS + QC_CONN_REQUEST_SECS);
	pthread_mutex_unlock(&lock);
}

static void *reaper(void *arg)
{
	struct timespec now, wake;

	(void)arg;
	pthread_mutex_lock(&lock);
	while (!st.stop) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		for (struct entry *e = st.head; e; e = e->next)
			if (!e->answered && !e->shut && e->fd >= 0 &&
			    past(&now, &e->deadline)) {
				shutdown(e->fd, SHUT_RDWR);
				e->shut = true;
			}
		clock_gettime(CLOCK_REALTIME, &wake);
		wake.tv_sec += 1;
		pthread_cond_timedwait(&wake_up, &lock, &wake);
	}
	pthread_mutex_unlock(&lock);
	return NULL;
}

bool qc_conn_start(void)
{
	st.stop = false;
	st.running = !pthread_create(&st.thread, NULL, reaper, NULL);
	return st.running;
}

void qc_conn_stop(void)
{
	if (!st.running)
		return;
	pthread_mutex_lock(&lock);
	st.stop = true;
	pthread_cond_signal(&wake_up);
	pthread_mutex_unlock(&lock);
	pthread_join(st.thread, NULL);
	st.running = false;
}

/* libmicrohttpd's messages, at most one a second: a client refused a
 * thousand times must not fill the log (the count of the rest is said). */
void qc_conn_log(void *cls, const char *fmt, va_list ap)
{
	static time_t last;
	static unsigned skipped;
	time_t now = time(NULL);

	(void)cls;
	pthread_mutex_lock(&lock);
	if (now == last) {
		skipped++;
		pthread_mutex_unlock(&lock);
		return;
	}
	last = now;
	if (skipped)
		fprintf(stderr, "qcity serve: (%u more messages)\n", skipped);
	skipped = 0;
	fputs("qcity serve: ", stderr);
	vfprintf(stderr, fmt, ap);
	pthread_mutex_unlock(&lock);
}
