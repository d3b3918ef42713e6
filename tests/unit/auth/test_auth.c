/* Users, sign-in, sessions, API tokens and the sign-in rate limit. */
#include "testutil.h"

#include "qcity/auth.h"

/* The migrations must have made the table: a missing one is a failure
 * of the schema, not a reason to skip. */
static void require_tables(struct qc_store *s)
{
	struct qc_stmt *st;
	struct qc_error err = { 0 };
	if (qc_stmt_prepare(s, "SELECT COUNT(*) FROM users", &st, &err)) {
		fail_msg("table users missing after migrations: %s", err.msg);
		return;
	}
	qc_stmt_free(st);
}

static int64_t add_unit(struct qc_store *s)
{
	int64_t id;
	assert_int_equal(qc_unit_add(s, "230900", "市市场监管局", "member",
				     "test", &id, NULL),
			 QC_OK);
	return id;
}

static void users_and_roles(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_user_list l;
	struct qc_audit_list a;
	int64_t unit;

	require_tables(f->s);
	unit = add_unit(f->s);
	assert_int_equal(qc_user_add(f->s, "zhang", "amber-kettle-seventy",
				     QC_USER_UNIT, "七台河市/市市场监管局",
				     NULL, "admin", NULL, &err),
			 QC_OK);
	assert_int_equal(qc_user_add(f->s, "taoshan", "amber-kettle-seventy",
				     QC_USER_REGION, NULL, "桃山区", "admin",
				     NULL, &err),
			 QC_OK);
	assert_int_equal(qc_user_add(f->s, "zhang", "amber-kettle-seventy",
				     QC_USER_VIEWER, NULL, NULL, "admin", NULL,
				     &err),
			 QC_ECONFLICT);
	assert_non_null(strstr(err.msg, "exists"));
	assert_int_equal(qc_user_add(f->s, "li", "short", QC_USER_VIEWER, NULL,
				     NULL, "admin", NULL, &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "password"));
	/* The password rules hold for every role, the administrator's too:
	 * 12 characters, no dictionary word, not the user's name. */
	assert_int_equal(qc_user_add(f->s, "root", "12345678", QC_USER_ADMIN,
				     NULL, NULL, "admin", NULL, &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "12"));
	assert_int_equal(qc_user_add(f->s, "root", "baseball1234",
				     QC_USER_ADMIN, NULL, NULL, "admin", NULL,
				     &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "dictionary"));
	assert_int_equal(qc_user_add(f->s, "zhangwei", "zhangwei-larch-tundra",
				     QC_USER_ADMIN, NULL, NULL, "admin", NULL,
				     &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "password: "));

	assert_int_equal(qc_password_check("root", QC_DEMO_PASSWORD, &err),
			 QC_EINVAL);
	assert_int_equal(qc_user_add(f->s, "wang", "amber-kettle-seventy",
				     QC_USER_UNIT, NULL, NULL, "admin", NULL,
				     &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "--unit"));
	assert_int_equal(qc_user_add(f->s, "a b", "amber-kettle-seventy",
				     QC_USER_VIEWER, NULL, NULL, "admin", NULL,
				     &err),
			 QC_EINVAL);

	assert_int_equal(qc_user_list(f->s, &l, &err), QC_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0].name, "zhang");
	assert_int_equal(l.v[0].role, QC_USER_UNIT);
	assert_int_equal(l.v[0].unit_id, unit);
	assert_string_equal(l.v[0].unit_name, "市市场监管局");
	assert_string_equal(l.v[0].region, "230900");
	assert_string_equal(l.v[1].region, "230903");
	qc_user_list_release(&l);

	/* Audited, and the hash never reaches the log. */
	assert_int_equal(qc_audit_list(f->s, "user", 10, &a, &err), QC_OK);
	assert_int_equal(a.n, 2);
	assert_string_equal(a.v[0].actor, "admin");
	assert_null(strstr(a.v[0].after, "argon2"));
	assert_non_null(strstr(a.v[0].after, "\"role\":\"region\""));
	qc_audit_list_release(&a);
	assert_true(qc_region_within(f->s, "230903", "230900"));
	assert_true(qc_region_within(f->s, "230900", "230900"));
	assert_false(qc_region_within(f->s, "230900", "230903"));
	assert_false(qc_region_within(f->s, "440705", "230000"));
}

static void sessions_and_tokens(void **state)
{
	struct fixture *f = *state;
	char session[QC_TOKEN_LEN + 1], csrf[QC_TOKEN_LEN + 1];
	char csrf2[QC_TOKEN_LEN + 1], token[QC_TOKEN_LEN + 1], first;
	struct qc_error err = { 0 };
	struct qc_user u;

	require_tables(f->s);
	assert_int_equal(qc_user_add(f->s, "office", "larch-tundra-ninety",
				     QC_USER_OFFICE, NULL, NULL, "admin", NULL,
				     &err),
			 QC_OK);
	assert_int_equal(qc_auth_login(f->s, "office", "wrong-pass", "1.2.3.4",
				       &u, session, csrf, &err),
			 QC_EPERM);
	assert_string_equal(err.msg, "wrong user name or password");
	assert_int_equal(qc_auth_login(f->s, "nobody", "larch-tundra-ninety",
				       "1.2.3.4", &u, session, csrf, &err),
			 QC_EPERM);
	assert_string_equal(err.msg, "wrong user name or password");
	assert_int_equal(qc_auth_login(f->s, "office", "larch-tundra-ninety",
				       "1.2.3.4", &u, session, csrf, &err),
			 QC_OK);
	assert_int_equal(strlen(session), QC_TOKEN_LEN);
	assert_string_not_equal(session, csrf);
	assert_int_equal(u.role, QC_USER_OFFICE);
	qc_user_release(&u);

	assert_int_equal(qc_auth_session(f->s, session, &u, csrf2, &err),
			 QC_OK);
	assert_string_equal(u.name, "office");
	assert_string_equal(csrf, csrf2);
	assert_int_equal(qc_auth_token_new(f->s, u.id, "script", 0, "office",
					   "1.2.3.4", token, NULL, NULL, &err),
			 QC_OK);
	qc_user_release(&u);
	/* Only hashes are stored: the tokens are not in the database. */
	assert_int_equal(count_rows(f->s, "sessions"), 1);
	assert_int_equal(qc_auth_token_user(f->s, token, &u, &err), QC_OK);
	assert_string_equal(u.name, "office");
	qc_user_release(&u);
	first = token[0];
	token[0] = token[0] == 'a' ? 'b' : 'a';
	assert_int_equal(qc_auth_token_user(f->s, token, &u, &err),
			 QC_ENOTFOUND);
	assert_int_equal(qc_auth_token_user(f->s, "short", &u, &err),
			 QC_ENOTFOUND);

	assert_int_equal(qc_auth_logout(f->s, session, "web:office", &err),
			 QC_OK);
	assert_int_equal(qc_auth_session(f->s, session, &u, csrf2, &err),
			 QC_ENOTFOUND);
	/* A new password ends every session and revokes every token. */
	assert_int_equal(qc_auth_login(f->s, "office", "larch-tundra-ninety",
				       "1.2.3.4", &u, session, csrf, &err),
			 QC_OK);
	qc_user_release(&u);
	token[0] = first;
	assert_int_equal(qc_auth_token_user(f->s, token, &u, &err), QC_OK);
	qc_user_release(&u);
	assert_int_equal(qc_user_passwd(f->s, "office", "short", "admin", &err),
			 QC_EINVAL);
	assert_int_equal(qc_user_passwd(f->s, "office",
					"cobalt-river-forty-one", "admin",
					&err),
			 QC_OK);
	assert_int_equal(qc_auth_session(f->s, session, &u, csrf2, &err),
			 QC_ENOTFOUND);
	assert_int_equal(qc_auth_token_user(f->s, token, &u, &err),
			 QC_ENOTFOUND);
}

static void token_life(void **state)
{
	struct fixture *f = *state;
	char t1[QC_TOKEN_LEN + 1], t2[QC_TOKEN_LEN + 1], expires[32];
	struct qc_error err = { 0 };
	struct qc_token_list l;
	struct qc_audit_list a;
	struct qc_user u;
	int64_t uid, other, id1, id2;

	require_tables(f->s);
	assert_int_equal(qc_user_add(f->s, "script", "amber-kettle-seventy",
				     QC_USER_OFFICE, NULL, NULL, "admin", &uid,
				     &err),
			 QC_OK);
	assert_int_equal(qc_user_add(f->s, "other", "amber-kettle-seventy",
				     QC_USER_VIEWER, NULL, NULL, "admin",
				     &other, &err),
			 QC_OK);
	assert_int_equal(qc_auth_token_new(f->s, uid, "nightly", 400, "script",
					   NULL, t1, NULL, NULL, &err),
			 QC_EINVAL);
	assert_int_equal(qc_auth_token_new(f->s, uid, "nightly", 7, "script",
					   "10.0.0.9", t1, &id1, expires, &err),
			 QC_OK);
	assert_int_equal(strlen(expires), 20);
	assert_int_equal(qc_auth_token_new(f->s, uid, "backup", 0, "script",
					   "10.0.0.9", t2, &id2, NULL, &err),
			 QC_OK);
	/* Listed newest first, never with the token; not used yet. */
	assert_int_equal(qc_auth_token_list(f->s, uid, &l, &err), QC_OK);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.v[0].id, id2);
	assert_string_equal(l.v[1].name, "nightly");
	assert_string_equal(l.v[1].expires_at, expires);
	assert_null(l.v[1].last_used_at);
	assert_null(l.v[1].revoked_at);
	qc_token_list_release(&l);
	/* Using it records when. */
	assert_int_equal(qc_auth_token_user(f->s, t1, &u, &err), QC_OK);
	assert_string_equal(u.name, "script");
	qc_user_release(&u);
	assert_int_equal(qc_auth_token_list(f->s, uid, &l, &err), QC_OK);
	assert_non_null(l.v[1].last_used_at);
	qc_token_list_release(&l);
	/* Someone else cannot revoke it (nor learn it exists); its owner
	 * can, and then it no longer lets anyone in. */
	assert_int_equal(qc_auth_token_revoke(f->s, id1, other, "other", NULL,
					      &err),
			 QC_ENOTFOUND);
	assert_int_equal(qc_auth_token_revoke(f->s, id1, uid, "script",
					      "10.0.0.9", &err),
			 QC_OK);
	assert_int_equal(qc_auth_token_revoke(f->s, id1, uid, "script",
					      "10.0.0.9", &err),
			 QC_OK);
	assert_int_equal(qc_auth_token_user(f->s, t1, &u, &err), QC_ENOTFOUND);
	assert_int_equal(qc_auth_token_user(f->s, t2, &u, &err), QC_OK);
	qc_user_release(&u);
	/* An expired token lets no one in. */
	assert_int_equal(qc_store_exec(f->s,
				       "UPDATE api_tokens SET expires_at"
				       " = '2000-01-01T00:00:00Z'",
				       &err),
			 QC_OK);
	assert_int_equal(qc_auth_token_user(f->s, t2, &u, &err), QC_ENOTFOUND);
	/* Creation and revocation are audited with who and from where,
	 * never with the token. */
	assert_int_equal(qc_audit_list(f->s, "api_token", 10, &a, &err), QC_OK);
	assert_int_equal(a.n, 3);
	assert_string_equal(a.v[0].action, "revoke");
	assert_string_equal(a.v[0].actor, "script");
	assert_non_null(strstr(a.v[0].after, "10.0.0.9"));
	assert_string_equal(a.v[2].action, "create");
	assert_null(strstr(a.v[2].after, t1));
	qc_audit_list_release(&a);
	/* Every token of every user, for an administrator. */
	assert_int_equal(qc_auth_token_list(f->s, 0, &l, &err), QC_OK);
	assert_int_equal(l.n, 2);
	qc_token_list_release(&l);
}

static void data_version(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	int64_t v0, v1, v2;

	require_tables(f->s);
	assert_int_equal(qc_store_data_version(f->s, &v0, &err), QC_OK);
	/* Every write transaction moves it, a failed one does not. */
	assert_int_equal(qc_user_add(f->s, "dv", "amber-kettle-seventy",
				     QC_USER_VIEWER, NULL, NULL, "admin", NULL,
				     &err),
			 QC_OK);
	assert_int_equal(qc_store_data_version(f->s, &v1, &err), QC_OK);
	assert_true(v1 > v0);
	assert_int_equal(qc_user_add(f->s, "dv", "amber-kettle-seventy",
				     QC_USER_VIEWER, NULL, NULL, "admin", NULL,
				     &err),
			 QC_ECONFLICT);
	assert_int_equal(qc_store_data_version(f->s, &v2, &err), QC_OK);
	assert_int_equal(v2, v1);
	/* A transaction that only reads and audits (a refused request, as
	 * the server logs it) leaves it, so the caches survive. */
	assert_int_equal(qc_store_begin(f->s, &err), QC_OK);
	assert_int_equal(qc_audit_add(f->s, "web:anonymous", "denied",
				      "account", "dv", NULL, NULL, &err),
			 QC_OK);
	assert_int_equal(qc_store_commit(f->s, &err), QC_OK);
	assert_int_equal(qc_store_data_version(f->s, &v2, &err), QC_OK);
	assert_int_equal(v2, v1);
	/* Data written with SQL of the caller's own moves it too. */
	assert_int_equal(qc_store_begin(f->s, &err), QC_OK);
	assert_int_equal(qc_store_exec(f->s,
				       "UPDATE users SET demo = demo"
				       " WHERE name = 'dv'",
				       &err),
			 QC_OK);
	assert_int_equal(qc_store_commit(f->s, &err), QC_OK);
	assert_int_equal(qc_store_data_version(f->s, &v0, &err), QC_OK);
	assert_true(v0 > v2);
}

/* A stream of bad sign-ins keeps the caches warm: a failed sign-in writes
 * only its attempt and the refusals after the limit write nothing, so the
 * version stands; a value written moves it. */
static void data_version_sign_in(void **state)
{
	struct fixture *f = *state;
	char session[QC_TOKEN_LEN + 1], csrf[QC_TOKEN_LEN + 1];
	struct qc_error err = { 0 };
	struct qc_user u;
	int64_t v0, v1, id;

	require_tables(f->s);
	assert_int_equal(qc_user_add(f->s, "dv", "amber-kettle-seventy",
				     QC_USER_VIEWER, NULL, NULL, "admin", NULL,
				     &err),
			 QC_OK);
	assert_int_equal(qc_store_data_version(f->s, &v0, &err), QC_OK);
	for (int i = 0; i <= QC_LOGIN_MAX_FAILS; i++)
		assert_int_equal(qc_auth_login(f->s, "dv", "guess-pass",
					       "5.6.7.8", &u, session, csrf,
					       &err),
				 QC_EPERM);
	/* The attempts were kept (the limit holds), yet moved nothing. */
	assert_non_null(strstr(err.msg, "too many failed sign-ins"));
	assert_int_equal(count_rows(f->s, "login_attempts"),
			 QC_LOGIN_MAX_FAILS);
	assert_int_equal(qc_store_data_version(f->s, &v1, &err), QC_OK);
	assert_int_equal(v1, v0);
	assert_int_equal(qc_indicator_ensure(f->s, "森林覆盖率", "%", false,
					     &id, &err),
			 QC_OK);
	assert_int_equal(qc_store_data_version(f->s, &v0, &err), QC_OK);
	struct qc_value_in v = { .indicator = "森林覆盖率",
				 .region = "七台河市",
				 .period = "2019",
				 .value = 47.5 };
	assert_int_equal(qc_value_set(f->s, &v, "u1", &err), QC_OK);
	assert_int_equal(qc_store_data_version(f->s, &v1, &err), QC_OK);
	assert_true(v1 > v0);
}

static void rate_limit(void **state)
{
	struct fixture *f = *state;
	char session[QC_TOKEN_LEN + 1], csrf[QC_TOKEN_LEN + 1];
	struct qc_error err = { 0 };
	struct qc_user u;

	require_tables(f->s);
	assert_int_equal(qc_user_add(f->s, "viewer", "quartz-meadow-5150",
				     QC_USER_VIEWER, NULL, NULL, "admin", NULL,
				     &err),
			 QC_OK);
	for (int i = 0; i < QC_LOGIN_MAX_FAILS; i++)
		assert_int_equal(qc_auth_login(f->s, "viewer", "guess-pass",
					       "5.6.7.8", &u, session, csrf,
					       &err),
				 QC_EPERM);
	assert_int_equal(qc_auth_login(f->s, "viewer", "quartz-meadow-5150",
				       "5.6.7.8", &u, session, csrf, &err),
			 QC_EPERM);
	assert_non_null(strstr(err.msg, "too many failed sign-ins"));
	assert_int_equal(count_rows(f->s, "sessions"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(users_and_roles, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(sessions_and_tokens,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(rate_limit, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(token_life, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(data_version, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(data_version_sign_in,
						fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
