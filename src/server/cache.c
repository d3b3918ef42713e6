/* The status route's answers, kept per key and data version. A small
 * table with replacement in turn: a district has a handful of plans and
 * regions, and a stale entry is never served because the version is part
 * of every lookup and keys are compared whole. */
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "qcity/alloc.h"
#include "qcity/auth.h"
#include "src/server/cache.h"
#include "banned.h"

#define SLOTS 64

static struct {
	char *key; /* whole, never cut */
	int64_t version;
	char *body;
} slots[SLOTS];
static size_t next_slot;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

char *qc_cache_get(const char *key, int64_t version)
{
	char *out = NULL;
	if (!version)
		return NULL;
	pthread_mutex_lock(&lock);
	for (size_t i = 0; i < SLOTS && !out; i++)
		if (slots[i].body && slots[i].version == version &&
		    !strcmp(slots[i].key, key))
			out = qc_xstrdup(slots[i].body);
	pthread_mutex_unlock(&lock);
	return out;
}

void qc_cache_put(const char *key, int64_t version, const char *body)
{
	size_t i;
	if (!version)
		return;
	pthread_mutex_lock(&lock);
	for (i = 0; i < SLOTS; i++)
		if (slots[i].body && !strcmp(slots[i].key, key))
			break;
	if (i == SLOTS)
		i = next_slot++ % SLOTS;
	free(slots[i].body);
	free(slots[i].key);
	slots[i].key = qc_xstrdup(key);
	slots[i].version = version;
	slots[i].body = qc_xstrdup(body);
	pthread_mutex_unlock(&lock);
}

static void users_release(void);

void qc_cache_release(void)
{
	pthread_mutex_lock(&lock);
	for (size_t i = 0; i < SLOTS; i++) {
		free(slots[i].body);
		free(slots[i].key);
		slots[i].body = slots[i].key = NULL;
	}
	users_release();
	pthread_mutex_unlock(&lock);
}

#define USERS 64

/* A credential is kept as its BLAKE2b hash (hex), like in the database:
 * a memory dump of the server does not hand out sessions or tokens. */
#define CRED_HASH 65

static struct {
	char cred[CRED_HASH];
	char csrf[QC_TOKEN_LEN + 1];
	int64_t version;
	time_t at;
	struct qc_user u;
} users[USERS];
static size_t next_user;

static void user_copy(struct qc_user *to, const struct qc_user *from)
{
	*to = *from;
	to->name = qc_xstrdup(from->name);
	to->unit_name = qc_xstrdup(from->unit_name);
}

static void cred_hash(const char *cred, char *out)
{
	unsigned char h[32];
	crypto_generichash(h, sizeof(h), (const unsigned char *)cred,
			   strlen(cred), NULL, 0);
	sodium_bin2hex(out, CRED_HASH, h, sizeof(h));
}

bool qc_cache_user_get(const char *cred_text, int64_t version,
		       struct qc_user *u, char *csrf)
{
	time_t now = time(NULL);
	char cred[CRED_HASH];
	bool hit = false;

	if (!version || strlen(cred_text) != QC_TOKEN_LEN)
		return false;
	cred_hash(cred_text, cred);
	pthread_mutex_lock(&lock);
	for (size_t i = 0; i < USERS && !hit; i++)
		if (users[i].version == version &&
		    now - users[i].at < QC_CACHE_USER_SECS &&
		    !strcmp(users[i].cred, cred)) {
			user_copy(u, &users[i].u);
			memcpy(csrf, users[i].csrf, QC_TOKEN_LEN + 1);
			hit = true;
		}
	pthread_mutex_unlock(&lock);
	return hit;
}

void qc_cache_user_put(const char *cred_text, int64_t version,
		       const struct qc_user *u, const char *csrf)
{
	char cred[CRED_HASH];
	size_t i;
	if (!version || strlen(cred_text) != QC_TOKEN_LEN)
		return;
	cred_hash(cred_text, cred);
	pthread_mutex_lock(&lock);
	for (i = 0; i < USERS; i++)
		if (!strcmp(users[i].cred, cred))
			break;
	if (i == USERS)
		i = next_user++ % USERS;
	qc_user_release(&users[i].u);
	snprintf(users[i].cred, sizeof(users[i].cred), "%s", cred);
	snprintf(users[i].csrf, sizeof(users[i].csrf), "%s", csrf ? csrf : "");
	users[i].version = version;
	users[i].at = time(NULL);
	user_copy(&users[i].u, u);
	pthread_mutex_unlock(&lock);
}

static void users_release(void)
{
	for (size_t i = 0; i < USERS; i++) {
		qc_user_release(&users[i].u);
		memset(&users[i], 0, sizeof(users[i]));
	}
}
