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
				     "test", &id, NULL), QC_OK);
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
	assert_int_equal(qc_user_add(f->s, "zhang", "secret-pass",
				     QC_USER_UNIT, "七台河市/市市场监管局", NULL,
				     "admin", NULL, &err), QC_OK);
	assert_int_equal(qc_user_add(f->s, "taoshan", "secret-pass",
				     QC_USER_REGION, NULL, "桃山区", "admin",
				     NULL, &err), QC_OK);
	assert_int_equal(qc_user_add(f->s, "zhang", "secret-pass",
				     QC_USER_VIEWER, NULL, NULL, "admin", NULL,
				     &err), QC_ECONFLICT);
	assert_non_null(strstr(err.msg, "exists"));
	assert_int_equal(qc_user_add(f->s, "li", "short", QC_USER_VIEWER, NULL,
				     NULL, "admin", NULL, &err), QC_EINVAL);
	assert_non_null(strstr(err.msg, "password"));
	assert_int_equal(qc_user_add(f->s, "wang", "secret-pass", QC_USER_UNIT,
				     NULL, NULL, "admin", NULL, &err), QC_EINVAL);
	assert_non_null(strstr(err.msg, "--unit"));
	assert_int_equal(qc_user_add(f->s, "a b", "secret-pass",
				     QC_USER_VIEWER, NULL, NULL, "admin", NULL,
				     &err), QC_EINVAL);

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
	char csrf2[QC_TOKEN_LEN + 1], token[QC_TOKEN_LEN + 1];
	struct qc_error err = { 0 };
	struct qc_user u;

	require_tables(f->s);
	assert_int_equal(qc_user_add(f->s, "office", "office-pass",
				     QC_USER_OFFICE, NULL, NULL, "admin", NULL,
				     &err), QC_OK);
	assert_int_equal(qc_auth_login(f->s, "office", "wrong-pass", "1.2.3.4",
				       &u, session, csrf, &err), QC_EPERM);
	assert_string_equal(err.msg, "wrong user name or password");
	assert_int_equal(qc_auth_login(f->s, "nobody", "office-pass",
				       "1.2.3.4", &u, session, csrf, &err),
			 QC_EPERM);
	assert_string_equal(err.msg, "wrong user name or password");
	assert_int_equal(qc_auth_login(f->s, "office", "office-pass",
				       "1.2.3.4", &u, session, csrf, &err), QC_OK);
	assert_int_equal(strlen(session), QC_TOKEN_LEN);
	assert_string_not_equal(session, csrf);
	assert_int_equal(u.role, QC_USER_OFFICE);
	qc_user_release(&u);

	assert_int_equal(qc_auth_session(f->s, session, &u, csrf2, &err), QC_OK);
	assert_string_equal(u.name, "office");
	assert_string_equal(csrf, csrf2);
	assert_int_equal(qc_auth_token_new(f->s, u.id, "script", "office",
					   token, &err), QC_OK);
	qc_user_release(&u);
	/* Only hashes are stored: the tokens are not in the database. */
	assert_int_equal(count_rows(f->s, "sessions"), 1);
	assert_int_equal(qc_auth_token_user(f->s, token, &u, &err), QC_OK);
	assert_string_equal(u.name, "office");
	qc_user_release(&u);
	token[0] = token[0] == 'a' ? 'b' : 'a';
	assert_int_equal(qc_auth_token_user(f->s, token, &u, &err),
			 QC_ENOTFOUND);
	assert_int_equal(qc_auth_token_user(f->s, "short", &u, &err),
			 QC_ENOTFOUND);

	assert_int_equal(qc_auth_logout(f->s, session, "web:office", &err),
			 QC_OK);
	assert_int_equal(qc_auth_session(f->s, session, &u, csrf2, &err),
			 QC_ENOTFOUND);
	/* A new password ends every session. */
	assert_int_equal(qc_auth_login(f->s, "office", "office-pass",
				       "1.2.3.4", &u, session, csrf, &err), QC_OK);
	qc_user_release(&u);
	assert_int_equal(qc_user_passwd(f->s, "office", "new-office-pass",
					"admin", &err), QC_OK);
	assert_int_equal(qc_auth_session(f->s, session, &u, csrf2, &err),
			 QC_ENOTFOUND);
}

static void rate_limit(void **state)
{
	struct fixture *f = *state;
	char session[QC_TOKEN_LEN + 1], csrf[QC_TOKEN_LEN + 1];
	struct qc_error err = { 0 };
	struct qc_user u;

	require_tables(f->s);
	assert_int_equal(qc_user_add(f->s, "viewer", "viewer-pass",
				     QC_USER_VIEWER, NULL, NULL, "admin", NULL,
				     &err), QC_OK);
	for (int i = 0; i < QC_LOGIN_MAX_FAILS; i++)
		assert_int_equal(qc_auth_login(f->s, "viewer", "guess-pass",
					       "5.6.7.8", &u, session, csrf,
					       &err), QC_EPERM);
	assert_int_equal(qc_auth_login(f->s, "viewer", "viewer-pass",
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
						fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(rate_limit, fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
