/* The reminder scan inside qcity serve: one thread with its own store
 * runs qc_remind_run at start and then every `every` seconds, until the
 * server stops. A failed run is reported on stderr and tried again at
 * the next turn (the mail queue keeps its own retry times). */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <time.h>

#include "qcity/remind.h"
#include "qcity/store.h"
#include "src/server/remind_loop.h"
#include "banned.h"

static struct {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	bool running, stop;
	const char *db;
	unsigned every;
} loop = { .lock = PTHREAD_MUTEX_INITIALIZER,
	   .wake = PTHREAD_COND_INITIALIZER };

static void run_once(void)
{
	struct qc_remind_report rep = { 0 };
	struct qc_error err = { 0 };
	struct qc_store *s;
	if (qc_store_open(loop.db, &s, &err)) {
		fprintf(stderr, "qcity: reminders: %s\n", err.msg);
		return;
	}
	if (qc_remind_run(s, NULL, &rep, &err))
		fprintf(stderr, "qcity: reminders: %s\n", err.msg);
	qc_store_close(s);
}

static void *main_loop(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&loop.lock);
	while (!loop.stop) {
		pthread_mutex_unlock(&loop.lock);
		run_once();
		pthread_mutex_lock(&loop.lock);
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += loop.every;
		while (!loop.stop &&
		       pthread_cond_timedwait(&loop.wake, &loop.lock, &until) !=
			       ETIMEDOUT)
			;
	}
	pthread_mutex_unlock(&loop.lock);
	return NULL;
}

bool qc_remind_loop_start(const char *db, unsigned every)
{
	if (!every)
		return true;
	loop.db = db;
	loop.every = every;
	loop.stop = false;
	loop.running = pthread_create(&loop.thread, NULL, main_loop, NULL) == 0;
	return loop.running;
}

void qc_remind_loop_stop(void)
{
	if (!loop.running)
		return;
	pthread_mutex_lock(&loop.lock);
	loop.stop = true;
	pthread_cond_signal(&loop.wake);
	pthread_mutex_unlock(&loop.lock);
	pthread_join(loop.thread, NULL);
	loop.running = false;
}
