/* Users, roles, sessions and API tokens of the web platform.
 *
 * Passwords are stored as argon2id strings (libsodium crypto_pwhash_str);
 * session and API tokens are random, handed to the caller once, and only
 * their hash is stored. Sign-in is rate-limited per name and per address.
 * Every write is audited. Structs filled here are released with
 * qc_user_release / qc_user_list_release, also after an error. */
#ifndef QCITY_AUTH_H
#define QCITY_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "qcity/error.h"
#include "qcity/region_code.h"

struct qc_store;

/* Roles, as bits so that a route can allow several. */
enum qc_user_role {
	QC_USER_ADMIN = 1 << 0,  /* manages users; may do everything */
	QC_USER_OFFICE = 1 << 1, /* the leading group's office: sees and
				     reviews all */
	QC_USER_UNIT = 1 << 2,   /* a member unit's reporter */
	QC_USER_REGION = 1 << 3, /* a lower government: sees its region */
	QC_USER_VIEWER = 1 << 4, /* sees what is published */
};
#define QC_USER_ANY                                                       \
	(QC_USER_ADMIN | QC_USER_OFFICE | QC_USER_UNIT | QC_USER_REGION | \
	 QC_USER_VIEWER)

/* "admin", "office", "unit", "region", "viewer". */
const char *qc_user_role_name(enum qc_user_role r);
bool qc_user_role_parse(const char *s, enum qc_user_role *out);

struct qc_user {
	int64_t id;
	char *name;
	enum qc_user_role role;
	int64_t unit_id; /* unit reporters: their unit, else 0 */
	char *unit_name; /* NULL unless unit_id */
	/* region users: their region; unit reporters: their unit's region */
	char region[QC_REGION_CODE_SIZE];
};
void qc_user_release(struct qc_user *u);

struct qc_user_list {
	struct qc_user *v;
	size_t n, alloc;
};
void qc_user_list_release(struct qc_user_list *l);

/* Password rules, for every account (admin too): at least
 * QC_PASSWORD_MIN bytes, not based on a dictionary word nor on the user's
 * name (libpwquality with cracklib's dictionary). A password that breaks
 * them is QC_EINVAL with libpwquality's reason. The demo's accounts alone
 * keep QC_DEMO_PASSWORD: they are made by qc_user_add_demo and marked
 * as demo accounts (users.demo = 1) until their password is changed. */
#define QC_PASSWORD_MIN 12
#define QC_PASSWORD_MAX 256
enum qc_rc qc_password_check(const char *name, const char *password,
			     struct qc_error *err);

/* Add a user. A unit reporter names its unit as "REGION/UNIT NAME" or a
 * unit id; a region user names a region (code or name). A name taken is
 * QC_ECONFLICT. *id (may be NULL) receives the new id. */
enum qc_rc qc_user_add(struct qc_store *s, const char *name,
		       const char *password, enum qc_user_role role,
		       const char *unit, const char *region, const char *actor,
		       int64_t *id, struct qc_error *err);
/* Replace a user's password; ends the user's sessions and revokes every
 * API token of the user. */
enum qc_rc qc_user_passwd(struct qc_store *s, const char *name,
			  const char *password, const char *actor,
			  struct qc_error *err);
enum qc_rc qc_user_list(struct qc_store *s, struct qc_user_list *out,
			struct qc_error *err);
enum qc_rc qc_user_get(struct qc_store *s, const char *name,
		       struct qc_user *out, struct qc_error *err);

/* Sign-in limits: this many failures for one name (or QC_LOGIN_MAX_ADDR
 * from one address) within QC_LOGIN_WINDOW_MIN minutes refuse further
 * attempts until the window has passed. */
#define QC_LOGIN_MAX_FAILS 5
#define QC_LOGIN_MAX_ADDR 30
#define QC_LOGIN_WINDOW_MIN 15
/* Sessions last this long. */
#define QC_SESSION_HOURS 12
/* Tokens are 32 random bytes as 64 hex digits. */
#define QC_TOKEN_LEN 64

/* Check name and password (addr: the client's address, for the rate
 * limit). On success fills *user, writes a new session token and its
 * CSRF token (each QC_TOKEN_LEN + 1 bytes) and records the attempt. A
 * wrong name or password is QC_EPERM with one message for both, and an
 * unknown name costs the same hash check as a known one; too many
 * failures is QC_EPERM saying when to try again. */
enum qc_rc qc_auth_login(struct qc_store *s, const char *name,
			 const char *password, const char *addr,
			 struct qc_user *user, char *session, char *csrf,
			 struct qc_error *err);
/* The user of a live session token, and its CSRF token (QC_TOKEN_LEN + 1
 * bytes). An unknown or expired token is QC_ENOTFOUND. */
enum qc_rc qc_auth_session(struct qc_store *s, const char *token,
			   struct qc_user *user, char *csrf,
			   struct qc_error *err);
/* End a session (audited as actor). An unknown token is not an error. */
enum qc_rc qc_auth_logout(struct qc_store *s, const char *token,
			  const char *actor, struct qc_error *err);
/* API tokens live this many days unless told (at most the maximum). */
#define QC_TOKEN_DAYS 90
#define QC_TOKEN_DAYS_MAX 365

struct qc_token {
	int64_t id;
	int64_t user_id;
	char *user;                      /* the owner's name */
	char *name;                      /* what the token is for */
	char *created_at, *expires_at;   /* ISO 8601 UTC */
	char *last_used_at, *revoked_at; /* NULL: never */
};
struct qc_token_list {
	struct qc_token *v;
	size_t n, alloc;
};
void qc_token_list_release(struct qc_token_list *l);

/* Make an API token for user_id, named for the person's own records, that
 * expires in `days` (0: QC_TOKEN_DAYS). The token (QC_TOKEN_LEN + 1
 * bytes) is shown once and never stored, only its hash. Audited as actor
 * with addr (the client's address, may be NULL). *id and expires (32
 * bytes) may be NULL. */
enum qc_rc qc_auth_token_new(struct qc_store *s, int64_t user_id,
			     const char *name, int days, const char *actor,
			     const char *addr, char *token, int64_t *id,
			     char *expires, struct qc_error *err);
/* The user a live API token belongs to (not expired, not revoked);
 * QC_ENOTFOUND if none. Records when it was last used (to the minute,
 * outside any transaction: not audited, not a data change). */
enum qc_rc qc_auth_token_user(struct qc_store *s, const char *token,
			      struct qc_user *user, struct qc_error *err);
/* The tokens of user_id (0: of every user), newest first, revoked and
 * expired ones too. Never the token itself. */
enum qc_rc qc_auth_token_list(struct qc_store *s, int64_t user_id,
			      struct qc_token_list *out, struct qc_error *err);
/* Revoke token id. owner: the user it must belong to (0: any user's, for
 * administrators); a token of someone else is QC_ENOTFOUND, like an
 * unknown one. Revoking a revoked token changes nothing. Audited as actor
 * with addr. */
enum qc_rc qc_auth_token_revoke(struct qc_store *s, int64_t id, int64_t owner,
				const char *actor, const char *addr,
				struct qc_error *err);

/* Whether region `code` is `root` or lies below it. */
bool qc_region_within(struct qc_store *s, const char *code, const char *root);

/* A demo account (qc_demo_users, qcity/demo.h): as qc_user_add with
 * password QC_DEMO_PASSWORD, which the password rules would refuse, and
 * marked as a demo account (users.demo) until its password changes. */
#define QC_DEMO_PASSWORD "qcity-demo"
enum qc_rc qc_user_add_demo(struct qc_store *s, const char *name,
			    enum qc_user_role role, const char *unit,
			    const char *region, const char *actor,
			    struct qc_error *err);

#endif
