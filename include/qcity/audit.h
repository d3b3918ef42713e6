/* The audit log every write goes through: who, when, what, and the
 * row before and after, in the writer's transaction. */
#ifndef QCITY_AUDIT_H
#define QCITY_AUDIT_H

#include <stddef.h>
#include <stdint.h>

#include "qcity/error.h"

struct qc_store;

/* Append an entry inside the caller's transaction. before/after are JSON
 * text or NULL. */
enum qc_rc qc_audit_add(struct qc_store *s, const char *actor,
			const char *action, const char *entity, const char *key,
			const char *before, const char *after,
			struct qc_error *err);

/* The same with the rows as JSON values, which the call takes over (it
 * releases them; either may be NULL), written compactly. */
struct json_t;
enum qc_rc qc_audit_add_json(struct qc_store *s, const char *actor,
			     const char *action, const char *entity,
			     const char *key, struct json_t *before,
			     struct json_t *after, struct qc_error *err);

struct qc_audit_entry {
	int64_t id;
	char *at, *actor, *action, *entity, *key, *before, *after;
};

struct qc_audit_list {
	struct qc_audit_entry *v;
	size_t n, alloc;
};

/* The newest `limit` entries, newest first (entity NULL: all). */
enum qc_rc qc_audit_list(struct qc_store *s, const char *entity, int limit,
			 struct qc_audit_list *out, struct qc_error *err);
void qc_audit_list_release(struct qc_audit_list *l);

/* An entry's action ("create", "publish" ...) and entity ("value",
 * "complaint" ...) as people read them, in the chosen language; an
 * unknown code is returned as it is (static strings). */
const char *qc_audit_action_label(const char *code);
const char *qc_audit_entity_label(const char *code);

#endif
