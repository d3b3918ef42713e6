#!/usr/bin/env bash
# What a person is told when the database cannot be written: a read-only
# database file, a read-only file system, a full disk (and, in
# test_sessions.sh, a busy database) each have their own message and exit
# code, and reads still work. And no audit row without a change.
. "$(dirname "$0")/lib.sh"

shared_db demo

# A sampling import refreshes the rates of the region, its prefecture and
# its province; a rate that comes out the same is not written again, so
# the audit log holds no "update" whose before and after agree.
db_sql "SELECT before_json, after_json FROM audit_log WHERE action = 'update' AND entity = 'value'" >updates
python3 - updates <<'PY' || fail "audit rows without a change"
import json, sys
same = 0
for line in open(sys.argv[1], encoding="utf-8"):
    before, after = (json.loads(x) for x in line.rstrip("\n").split("|", 1))
    before.pop("submitted_at"); after.pop("submitted_at")
    if before == after and "samples" in (after.get("note") or ""):
        same += 1
assert same == 0, f"{same} sampling rate updates change nothing"
PY
ok "no audit row for a sampling rate that did not change on $DB_BACKEND"

read_works() { # read_works WHAT CMD...: a read that must still work
	local what=$1; shift
	"$@" plan list >"$WORK/out" 2>"$WORK/err" || fail "$what: plan list failed: $(cat "$WORK/err")"
	contains "$(cat "$WORK/out")" "七台河" "$what: plan list"
	"$@" status --plan 1 >"$WORK/out" 2>"$WORK/err" || fail "$what: status failed: $(cat "$WORK/err")"
}
write_fails() { # write_fails CODE WORDS WHAT CMD...
	local code=$1 words=$2 what=$3 got; shift 3
	"$@" value set 森林覆盖率 230900 2031 1 >"$WORK/out" 2>"$WORK/err"
	got=$?
	[ "$got" -eq "$code" ] || fail "$what: a write exited $got, expected $code: $(cat "$WORK/err")"
	contains "$(cat "$WORK/err")" "$words" "$what: message"
}

if [ "$DB_BACKEND" = postgres ]; then
	# A server that only allows reads (a standby, or this setting).
	db=${QCITY_DB##*/}
	psql "$QCITY_DB" -XqAt -c "ALTER DATABASE $db SET default_transaction_read_only = on"
	before=$(db_digest)
	read_works "read-only PostgreSQL" "$QCITY"
	write_fails 10 "只允许读取" "read-only PostgreSQL" "$QCITY"
	[ "$(db_digest)" = "$before" ] || fail "a refused write changed the database"
	psql "$QCITY_TEST_PG/postgres" -XqAt -c "ALTER DATABASE $db SET default_transaction_read_only = off"
	run 0 value set 森林覆盖率 230900 2031 1
	ok "a read-only PostgreSQL database: reads work, a write exits 10 and says why"
	exit 0
fi
before=$(db_digest)

# A read-only database file: the mode bits, or for root (who passes them)
# the immutable attribute.
if [ "$(id -u)" != 0 ]; then
	chmod a-w "$QCITY_DB"; undo() { chmod u+w "$QCITY_DB"; }
elif chattr +i "$QCITY_DB" 2>/dev/null; then
	undo() { chattr -i "$QCITY_DB"; }
	trap 'chattr -i "$QCITY_DB" 2>/dev/null; rm_behind "$WORK"' EXIT
else
	undo=
fi
if [ "$(type -t undo)" = function ]; then
	read_works "read-only file" "$QCITY"
	write_fails 10 "为只读" "read-only file" "$QCITY"
	undo
	[ "$(db_digest)" = "$before" ] || fail "a refused write changed the database"
	ok "a read-only database file: reads work, a write exits 10 and says why"
else
	ok "# SKIP read-only file: chattr +i is not supported here"
fi

# A read-only file system: the scratch directory bind-mounted read-only in
# a private mount namespace (a user namespace, so also without root).
ro() {
	unshare -rm bash -c 'mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" && shift && exec "$@"' \
	  _ "$WORK" "$@"
}
if ro true 2>/dev/null; then
	read_works "read-only file system" ro "$QCITY"
	write_fails 9 "只读文件系统" "read-only file system" ro "$QCITY"
	write_fails 9 "只读文件系统" "new database on a read-only file system" \
	  ro "$QCITY" --db "$WORK/new.db"
	[ "$(db_digest)" = "$before" ] || fail "a refused write changed the database"
	ok "a read-only file system: reads work, a write exits 9 and says why"
else
	ok "# SKIP read-only file system: no mount namespace here"
fi

# A full disk, simulated by a file-size limit the import runs into (the
# limit leaves room for the -shm a reader needs).
python3 - >big.csv <<'PY'
print("indicator,region,period,value")
for y in range(1950, 2050):
    for m in range(1, 13):
        for r in ("230900", "230902", "230903", "230904", "230921"):
            print(f"森林覆盖率,{r},{y}-{m:02d},{(y * 7 + m) % 100}.5")
PY
full() { ( ulimit -f 256; trap '' XFSZ; exec "$@" ); }
read_works "full disk" full "$QCITY"
full "$QCITY" value import big.csv >/dev/null 2>"$WORK/err"
rc=$?
[ "$rc" -eq 11 ] || fail "an import on a full disk exited $rc, expected 11: $(cat "$WORK/err")"
contains "$(cat "$WORK/err")" "磁盘已满" "full disk message"
contains "$(cat "$WORK/err")" "未写入任何内容" "full disk message"
[ "$(db_digest)" = "$before" ] || fail "database changed after a full disk"
run 0 value set 森林覆盖率 230900 2031 1
ok "a full disk: reads work, a write exits 11 and says nothing was written"
