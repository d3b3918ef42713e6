#!/usr/bin/env bash
# Sessions that recover: another process holds the write lock longer than
# the lock timeout (QCITY_LOCK_TIMEOUT, 1 s here), until every writer has
# been answered. The writers that wait it
# out, on the command line and on every worker of `qcity serve`, are told
# "the database is busy … try again" with their own exit code or a 503,
# and nothing is written; once the lock is free, every worker answers
# reads, sign-ins and writes again (on PostgreSQL a failed lock used to
# leave the worker's session "idle in transaction (aborted)" for good).
. "$(dirname "$0")/lib.sh"

shared_db demo
export QCITY_LOCK_TIMEOUT=1
threads=4

"$QCITY" serve --listen 127.0.0.1:0 --threads "$threads" >serve.out 2>serve.err &
spid=$!
# The server stops with the test, whichever way it ends.
fail() { touch "$WORK/release"; kill "$spid" 2>/dev/null; echo "FAIL: $*" >&2; exit 1; }
for _ in $(seq 1 200); do
	base=$(sed -n 's/.*serving \(http:\/\/[0-9.:]*\)\/.*/\1/p' serve.out)
	[ -n "$base" ] && break
	sleep 0.1
done
[ -n "$base" ] || fail "the server did not start: $(cat serve.err)"

# call METHOD PATH [BODY]: prints the HTTP status, a space and the body.
call() {
	local code f="resp.$BASHPID"
	code=$(curl -s -o "$f" -w '%{http_code}' -X "$1" -H "Authorization: Bearer $tok" \
	  -H 'Content-Type: application/json' ${3:+--data "$3"} "$base$2")
	echo "$code $(cat "$f")"
}
login() {
	local code f="login.$BASHPID"
	code=$(curl -s -o "$f" -w '%{http_code}' -H 'Content-Type: application/json' \
	  --data '{"name": "office", "password": "qcity-demo"}' "$base/api/login")
	echo "$code $(cat "$f")"
}
csrf=$(curl -s -c jar -H 'Content-Type: application/json' \
  --data '{"name": "office", "password": "qcity-demo"}' "$base/api/login" | jq -r .csrf)
tok=$(curl -s -b jar -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
  --data '{"name": "sessions"}' "$base/api/tokens" | jq -r .token)
[ -n "$tok" ] && [ "$tok" != null ] || fail "no API token"
value() { echo "{\"indicator\": \"森林覆盖率\", \"region\": \"230900\", \"period\": \"$1\", \"value\": $2}"; }
r=$(call POST /api/values "$(value 2040 1)")
[ "${r%% *}" = 200 ] || fail "a write before the lock: $r"

# Hold the write lock from outside qcity until the test lets go (the file
# "release"; 300 s at most), however slowly the writers below run.
wait_release="for i in \$(seq 3000); do [ -e $WORK/release ] && break; sleep 0.1; done"
if [ "$DB_BACKEND" = postgres ]; then
	psql "$QCITY_DB" -XqAt -c "BEGIN" -c "SELECT pg_advisory_xact_lock(x'71636974'::int)" \
	  -c "\\! touch $WORK/held" -c "\\! $wait_release" -c "COMMIT" >/dev/null &
else
	python3 -c "import os, sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute('BEGIN IMMEDIATE'); open(sys.argv[2], 'w').close()
for _ in range(3000):
    if os.path.exists(sys.argv[3]): break
    time.sleep(0.1)
c.execute('ROLLBACK')" "$QCITY_DB" "$WORK/held" "$WORK/release" &
fi
holder=$!
for _ in $(seq 1 600); do [ -e held ] && break; sleep 0.1; done
[ -e held ] || fail "the lock holder did not start"
before=$(db_digest)

# Two writes per worker, all at once: each waits out the timeout.
for i in $(seq 1 $((threads * 2))); do
	call POST /api/values "$(value $((2050 + i)) 2)" >"busy.$i" &
done
run 8 value set 森林覆盖率 230900 2049 3
contains "$errout" "数据库忙" "a command-line writer past the timeout"
contains "$errout" "请重试" "a command-line writer past the timeout"
wait $(jobs -p | grep -v "^$spid$" | grep -v "^$holder$")
touch release
for f in busy.*; do
	r=$(cat "$f")
	[ "${r%% *}" = 503 ] || fail "a write past the lock timeout answered $r"
	contains "$r" "数据库忙" "503 body"
done
wait "$holder"
[ "$(db_digest)" = "$before" ] || fail "a busy write changed the database"
ok "$((threads * 2)) web writes and a command past the lock timeout on $DB_BACKEND: busy, try again, nothing written"

# Now every worker answers: rounds of parallel reads, sign-ins and writes,
# more requests than workers, so each worker serves several.
for round in 1 2 3; do
	for i in $(seq 1 $((threads * 2))); do
		(
			r=$(call GET /api/plans); [ "${r%% *}" = 200 ] || echo "read $r"
			r=$(login); [ "${r%% *}" = 200 ] || echo "sign-in $r"
			r=$(call POST /api/values "$(value $((2100 + round * 10 + i)) 4)")
			[ "${r%% *}" = 200 ] || echo "write $r"
		) >"after.$round.$i" &
	done
	wait $(jobs -p | grep -v "^$spid$")
done
cat after.* >after
[ ! -s after ] || fail "after the lock timeout: $(head -3 after)"
[ "$(db_sql "SELECT COUNT(*) FROM indicator_values WHERE period >= '2110' AND period < '2200'")" = $((3 * threads * 2)) ] ||
	fail "writes after the timeout are missing"
kill -0 "$spid" || fail "the server died"
ok "after the timeout every worker on $DB_BACKEND answers reads, sign-ins and writes"
kill "$spid"
wait "$spid" || fail "the server did not stop cleanly: $(cat serve.err)"
