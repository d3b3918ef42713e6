#!/usr/bin/env bash
# A large import killed with SIGKILL, or stopped by a full disk, must leave
# the database exactly as it was before: every import is one transaction.
. "$(dirname "$0")/lib.sh"

shared_db init
run 0 plan import "$SRC/data/demo/qitaihe.plan.json"
run 0 value set 森林覆盖率 230900 2019 47.9
before=$(db_digest)

# 43 series of the plan × 5 regions × months 1950-01 … : ~165 000 rows
# (the plan measures 55 series since each target has its own).
sqlite3 "$QCITY_DB" "SELECT name FROM indicators i WHERE EXISTS (SELECT 1 FROM targets t WHERE t.indicator_id = i.id) ORDER BY id LIMIT 43" > indicators.txt
python3 - indicators.txt > big.csv <<'PY'
import sys
names = [l.strip() for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
print("indicator,region,period,value")
for y in range(1950, 2000):
    for m in range(1, 13):
        for r in ("230900", "230902", "230903", "230904", "230921"):
            for n in names:
                print(f"{n},{r},{y}-{m:02d},{(y * 7 + m) % 100}.5")
PY
rows=$(($(wc -l < big.csv) - 1))
[ "$rows" -gt 100000 ] || fail "only $rows rows generated"

killed_mid=0
for delay in 0.5 1 2; do
	"$QCITY" value import big.csv >/dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	if kill -0 "$pid" 2>/dev/null; then
		kill -9 "$pid"
		killed_mid=$((killed_mid + 1))
	fi
	wait "$pid" 2>/dev/null
	[ "$(db_digest)" = "$before" ] || fail "database changed after kill -9 at ${delay}s"
	[ "$(sqlite3 "$QCITY_DB" 'PRAGMA integrity_check')" = ok ] || fail "integrity after kill"
done
[ "$killed_mid" -ge 1 ] || fail "the import finished before every kill: make it larger"
ok "kill -9 mid-import ($killed_mid kills while writing) left the database as it was"

# The sampling importer streams its file, keeps counts and bound pass
# rates and opens follow-ups as it goes: all of it one transaction too.
run 0 sampling bind 产品质量监督抽查合格率
before=$(db_digest)
python3 - > results.csv <<'PY'
print("序号,产品名称,（标称）生产企业名称,抽查时间,检验结论,不合格项目")
for i in range(120000):
    bad = i % 17 == 0
    print(f"{i + 1},电线电缆,第{i % 900}电缆厂,20{10 + i % 10}-0{1 + i % 9}-1{i % 9},"
          f"{'不合格' if bad else '合格'},{'导体电阻' if bad else '/'}")
PY
# Killed while it writes: a file the importer cannot finish before the
# kills (on SQLite it writes some 10^5 rows a second).
{ cat results.csv; python3 - <<'PY'
for i in range(120000, 600000):
    print(f"{i + 1},电线电缆,第{i % 900}电缆厂,20{10 + i % 10}-0{1 + i % 9}-1{i % 9},合格,/")
PY
} > results-big.csv
killed_mid=0
for delay in 0.5 1.5; do
	"$QCITY" sampling import results-big.csv --region 七台河市 >/dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	if kill -0 "$pid" 2>/dev/null; then
		kill -9 "$pid"
		killed_mid=$((killed_mid + 1))
	fi
	wait "$pid" 2>/dev/null
	[ "$(db_digest)" = "$before" ] || fail "sampling import: database changed after kill -9 at ${delay}s"
done
[ "$killed_mid" -ge 1 ] || fail "the sampling import finished before every kill"
ok "kill -9 mid sampling import ($killed_mid kills while writing) left the database as it was"

# PostgreSQL: killed while it writes the staged rows set-based (results,
# follow-ups, enterprise years and counts, before the write lock:
# sampling_stage.c), then once all that is written and it waits for the
# lock (held meanwhile by another session): nothing of it is visible
# meanwhile, nor after. The set-based write must last long enough to be
# caught: 120 000 rows. The wait for the lock lasts until the holder
# goes, and the whole import after shows only that the kills left
# nothing in the way: 20 000 rows each (they were the 120 000 too).
if [ "$DB_BACKEND" = postgres ]; then
	head -n 20001 results.csv >results-20k.csv
	n0=$(db_sql "SELECT COUNT(*) FROM sampling_results")
	active() { db_sql "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE '$1' AND state = 'active'"; }
	for phase in 'WITH ins AS%' 'SELECT pg_advisory_xact_lock%'; do
		holder= file=results.csv
		if [ "$phase" != 'WITH ins AS%' ]; then
			file=results-20k.csv
			# The write lock of store_pg.c ("qcit"), held by another
			# session until it is killed.
			psql "$QCITY_DB" -XqAt -c "SELECT pg_advisory_lock(1902340468)" -c "SELECT pg_sleep(600)" >/dev/null 2>&1 &
			holder=$!
			for _ in $(seq 1 100); do
				[ "$(db_sql "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")" -ge 1 ] && break
				sleep 0.1
			done
		fi
		"$QCITY" sampling import "$file" --region 七台河市 >/dev/null 2>&1 &
		pid=$!
		writing=0
		for _ in $(seq 1 2400); do
			[ "$(active "$phase")" -ge 1 ] && { writing=1; break; }
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.05
		done
		[ "$writing" = 1 ] || fail "the sampling import never reached '$phase'"
		[ "$(db_sql "SELECT COUNT(*) FROM sampling_results")" = "$n0" ] ||
			fail "a reader saw results of an import not committed"
		kill -9 "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
		if [ -n "$holder" ]; then
			db_sql "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'SELECT pg_sleep%'" >/dev/null
			wait "$holder" 2>/dev/null || true
		fi
		# The server rolls the killed client's transaction back when
		# the statement ends and it finds the client gone.
		for _ in $(seq 1 900); do
			[ "$(active "$phase")" = 0 ] && [ "$(active 'SELECT pg_sleep%')" = 0 ] && break
			sleep 0.1
		done
		[ "$(db_digest)" = "$before" ] || fail "sampling import: database changed after kill -9 in '$phase'"
	done
	run 0 sampling import results-20k.csv --region 七台河市
	[ "$(db_sql "SELECT SUM(samples) FROM sampling_enterprise_years WHERE length(area) = 2")" = 20000 ] || fail "enterprise years after a whole import"
	ok "kill -9 in the set-based write of a PostgreSQL sampling import, and waiting for the write lock after it, left the database as it was; the import then ran whole"
fi

# A full disk, made by a file-size limit the import hits while writing:
# SQLite only (a client's file limit cannot fill a server's disk). The
# first 10 000 rows of big.csv write some 3.5 MiB (20 000 wrote 7.4), 7
# times the limit, instead of taking all 165 000 into the cache before
# the first write (some 150 s of CPU under ASan, most of this test).
[ "$DB_BACKEND" = sqlite ] || exit 0
head -n 10001 big.csv >disk.csv
set +e
( ulimit -f 512; trap '' XFSZ; exec "$QCITY" value import disk.csv ) >/dev/null 2>"$WORK/err"
rc=$?
set -e
[ "$rc" -ne 0 ] || fail "import under a 512 KiB file limit succeeded"
grep -q "未导入任何内容" "$WORK/err" || fail "no clear message on a full disk: $(cat "$WORK/err")"
[ "$(db_digest)" = "$before" ] || fail "database changed after a full disk"
run 0 value set 森林覆盖率 230900 2020 48.2
ok "full disk mid-import left the database as it was and usable"
