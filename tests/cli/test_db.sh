#!/usr/bin/env bash
# Whole databases: a backup restored finds every row; a copy between
# SQLite and PostgreSQL (both ways, when a server is at hand) is verified
# row by row and gives back the same file; a copy never lands on data.
. "$(dirname "$0")/lib.sh"

shared_db demo
run 0 value set 森林覆盖率 230900 2031 12.5 --note "after the demo"
# Complaint events carry their complaint's province (0024), copied too.
run 0 --json complaint add 某超市 "电热水壶漏电" --region 230903 --received 2024-02-08
cid=$(printf '%s' "$out" | jq -r .id)
run 0 complaint move "$cid" accepted --date 2024-02-20
[ "$(db_sql "SELECT COUNT(*) FROM complaint_events WHERE province_code = '230000'")" -ge 2 ] ||
	fail "complaint events without their complaint's province"
# The registers' checks carry their unit's province (0033), copied too.
printf '注册代码,设备类别,使用单位,下次检验日期,设备状态\n3110230903001,电梯,某物业,2024-03-01,在用\n' >"$WORK/eqp.csv"
printf '器具编号,器具名称,使用单位,有效期至,器具状态\nJL001,电子计价秤,某市场,2024-03-01,在用\n' >"$WORK/mtr.csv"
run 0 equipment import "$WORK/eqp.csv" --region 230903
run 0 equipment inspect 3110230903001 2024-02-20 --result 合格 --next 2025-03-01
run 0 metrology import "$WORK/mtr.csv" --region 230903
run 0 metrology verify JL001 2024-02-20 --result 合格 --next 2025-03-01
[ "$(db_sql "SELECT COUNT(*) FROM equipment_inspections WHERE province_code = '230000'") $(db_sql "SELECT COUNT(*) FROM metrology_verifications WHERE province_code = '230000'")" = "1 1" ] ||
	fail "inspections or verifications without their unit's province"
before=$(db_rows_digest)
rows=$(db_sql "SELECT COUNT(*) FROM audit_log")

run 0 db backup "$WORK/bk.db"
contains "$out" "已逐行核对" "backup verified"
run 2 db backup "$WORK/bk.db"; contains "$errout" "已存在" "backup refuses to overwrite"
[ "$(command sqlite3 "$WORK/bk.db" "SELECT COUNT(*) FROM audit_log")" = "$rows" ] ||
	fail "the backup lacks audit rows"

run 2 db restore "$WORK/bk.db"; contains "$errout" "--force" "restore asks for --force"
run 0 value set 森林覆盖率 230900 2032 1   # a change the restore must undo
run 0 db restore --force "$WORK/bk.db"
contains "$out" "已恢复：" "restore"
[ "$(db_rows_digest)" = "$before" ] || fail "the restored database differs from the one backed up"
# Ids go on where they stopped: the next audit row is new, not reused.
run 0 value set 森林覆盖率 230900 2033 2
[ "$(db_sql "SELECT MAX(id) FROM audit_log")" -gt "$rows" ] || fail "audit ids reused"
ok "backup and restore on $DB_BACKEND"

# A restore that cannot work says why, exits with its own code and leaves
# the live database as it was, byte for byte (SQLite) or row for row.
live_state() {
	if [ "$DB_BACKEND" = postgres ]; then db_digest; else sha256sum <"$QCITY_DB"; fi
}
printf 'not a database, only text\n%.0s' $(seq 200) >"$WORK/notdb.db"
head -c $(($(stat -c %s "$WORK/bk.db") / 2)) "$WORK/bk.db" >"$WORK/trunc.db"
cp "$WORK/bk.db" "$WORK/newer.db"
command sqlite3 "$WORK/newer.db" "INSERT INTO schema_migrations VALUES (9999, 'future', '2031-01-01')"
if [ "$DB_BACKEND" = postgres ]; then
	# Another application's table in the same schema is never touched.
	db_sql "CREATE TABLE other_app (x integer); INSERT INTO other_app VALUES (42)"
fi
state=$(live_state)
for c in "4 nowhere.db 没有那个文件或目录" "7 notdb.db 不是数据库" \
	 "12 trunc.db 已损坏" "13 newer.db 更新版本"; do
	set -- $c
	run "$1" db restore --force "$WORK/$2"
	contains "$errout" "$3" "restore from $2"
	contains "$errout" "未恢复任何内容" "restore from $2"
	[ "$(live_state)" = "$state" ] || fail "a failed restore from $2 changed the live database"
done
if [ "$DB_BACKEND" = sqlite ]; then
	# A live file another process has open (qcity serve) is not swapped.
	python3 -c "import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1]); c.execute('SELECT COUNT(*) FROM regions').fetchall()
open(sys.argv[2], 'w').close(); time.sleep(60)" "$QCITY_DB" "$WORK/open" &
	holder=$!
	for _ in $(seq 1 100); do [ -e "$WORK/open" ] && break; sleep 0.1; done
	"$QCITY" db restore --force "$WORK/bk.db" >"$WORK/out" 2>"$WORK/err"
	got=$?
	kill "$holder"; wait "$holder" 2>/dev/null
	[ "$got" = 8 ] || fail "a restore onto a file in use exited $got: $(cat "$WORK/err")"
	contains "$(cat "$WORK/err")" "正在使用" "restore onto a file in use"
	[ "$(live_state)" = "$state" ] || fail "a restore onto a file in use changed it"
fi
[ -z "$(ls -a "$WORK" | grep restore-)" ] || fail "a failed restore left its temporary file"
run 0 db restore --force "$WORK/bk.db"
if [ "$DB_BACKEND" = postgres ]; then
	[ "$(db_sql "SELECT x FROM other_app")" = 42 ] || fail "restore touched another application's table"
	[ "$(db_sql "SELECT COUNT(*) FROM pg_namespace WHERE nspname LIKE 'qcity_restore%'")" = 0 ] ||
	  fail "restore left its schema behind"
	run 0 db backup "$WORK/bk2.db"   # other_app is not qcity's: not copied
	db_sql "DROP TABLE other_app"
else
	[ ! -e "$QCITY_DB-wal" ] || [ ! -s "$QCITY_DB-wal" ] || fail "a stale log beside the restored file"
fi
[ "$(db_rows_digest)" = "$before" ] || fail "restore after the failed ones"
[ ! -e "$WORK/bk.db-shm" ] || fail "checking the backup wrote beside it"
ok "a failed restore (missing, not a database, truncated, newer schema) leaves $DB_BACKEND as it was"

# A copy into a database with rows is refused and changes nothing.
run 0 --db "$WORK/other.db" init
run 3 db copy --from "$WORK/bk.db" --to "$WORK/other.db"
contains "$errout" "已有数据" "copy onto data refused"
run 4 db copy --from "$WORK/missing.db" --to "$WORK/new.db"
[ ! -e "$WORK/missing.db" ] || fail "copy created its missing source"

# A copy of a publishing province (every row held by 230000, also its
# results of 湖南's makers) into a server that does not publish: each row
# is held by its own province again, the counts summed as they were
# (docs/scaling.md "Held by, made in").
cp "$WORK/bk.db" "$WORK/pub.db"
command sqlite3 "$WORK/pub.db" "UPDATE enterprises SET held_by = '230000'; UPDATE sampling_results SET held_by = '230000'; UPDATE sampling_followups SET held_by = '230000'; UPDATE sampling_counts SET held_by = '230000'; UPDATE sampling_enterprise_years SET held_by = '230000'"
held() { command sqlite3 "$1" "SELECT (SELECT COUNT(*) FROM sampling_results WHERE held_by <> province_code) || ' ' || (SELECT SUM(samples) FROM sampling_counts) || ' ' || (SELECT SUM(failed) FROM sampling_enterprise_years)"; }
set -- $(held "$WORK/pub.db")
[ "$1" -gt 0 ] || fail "the demo should have results of other provinces than 230000"
run 0 db copy --from "$WORK/pub.db" --to "$WORK/settled.db"
contains "$out" "现按本服务器持有自身数据的方式持有" "copy settles the holders"
[ "$(held "$WORK/settled.db")" = "0 $2 $3" ] ||
	fail "the copy should hold each row by its own province, counts kept: $(held "$WORK/settled.db"), was $*"

if [ "$DB_BACKEND" = postgres ]; then
	pg2="${pgdb}_copy"
	psql "$QCITY_TEST_PG/postgres" -XqAt -c "CREATE DATABASE $pg2" >/dev/null || fail "create $pg2"
	trap '(psql "$QCITY_TEST_PG/postgres" -XqAt -c "DROP DATABASE IF EXISTS $pgdb WITH (FORCE)" -c "DROP DATABASE IF EXISTS $pg2 WITH (FORCE)" >/dev/null 2>&1 &); rm_behind "$WORK"' EXIT
	run 0 db copy --from "$WORK/bk.db" --to "$QCITY_TEST_PG/$pg2"
	contains "$out" "已逐行核对" "sqlite to postgres"
	run 0 db copy --from "$QCITY_TEST_PG/$pg2" --to "$WORK/back.db"
	a=$(QCITY_DB="$WORK/bk.db" DB_BACKEND=sqlite db_rows_digest)
	b=$(QCITY_DB="$WORK/back.db" DB_BACKEND=sqlite db_rows_digest)
	[ "$a" = "$b" ] || fail "SQLite → PostgreSQL → SQLite changed the database"
	ok "SQLite → PostgreSQL → SQLite gives back the same database"
fi

if [ "$DB_BACKEND" = postgres ]; then
	db_sql "CREATE TABLE other_app2 (x integer); INSERT INTO other_app2 VALUES (7)"
	run 0 demo --force
	[ "$(db_sql "SELECT x FROM other_app2")" = 7 ] || fail "demo --force dropped another application's table"
	[ "$(db_sql "SELECT COUNT(*) FROM plans")" -ge 1 ] || fail "demo --force"
	ok "demo --force replaces only qcity's tables on PostgreSQL"
fi
