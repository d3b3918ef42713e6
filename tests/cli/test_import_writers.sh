#!/usr/bin/env bash
# A large sampling import on PostgreSQL reads its file, stages the rows
# (COPY into a temporary table) and writes the results, follow-ups,
# enterprise years and counts set-based without the write lock: another
# writer carries on meanwhile instead of queueing behind it, and sees
# nothing of the import until it commits. The import still writes all or
# nothing (cli_crash kills it at random moments); an enterprise another
# writer creates meanwhile refuses it whole.
. "$(dirname "$0")/lib.sh"

if [ "$DB_BACKEND" != postgres ]; then
	ok "skipped on SQLite: one writer at a time (BEGIN IMMEDIATE)"
	exit 0
fi
shared_db init
run 0 plan import "$SRC/data/demo/qitaihe.plan.json"
run 0 sampling bind 产品质量监督抽查合格率
# The import's staging held: another session holds the results' id
# sequence (ALTER SEQUENCE, its transaction left open, blocks nextval),
# from which each staged row takes its id as COPY stores it
# (sampling_stage.c), until pg_release (lib.sh). The import's COPY then
# waits in its first row, so the other writer below surely runs while
# the import is staging, however fast this machine is and whatever the
# file's size: 20 000 rows (it had 150 000, so that a poll every 0.1 s
# would see a COPY under way). The import takes no lock the other
# writer needs before its write lock.
python3 - > results.csv <<'PY'
print("序号,产品名称,（标称）生产企业名称,抽查时间,检验结论,不合格项目")
for i in range(20000):
    bad = i % 17 == 0
    print(f"{i + 1},电线电缆,第{i % 900}电缆厂,20{10 + i % 10}-0{1 + i % 9}-1{i % 9},"
          f"{'不合格' if bad else '合格'},{'导体电阻' if bad else '/'}")
PY
idseq=$(db_sql "SELECT pg_get_serial_sequence('sampling_results', 'id')")
PGAPPNAME=qcity-test-hold psql "$QCITY_DB" -XqAt -c "BEGIN" -c "ALTER SEQUENCE $idseq NO CYCLE" -c "SELECT pg_sleep(600)" >/dev/null 2>&1 &
pg_holder=$!
held=0
for _ in $(seq 1 100); do
	[ "$(db_sql "SELECT COUNT(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE a.datname = current_database() AND a.application_name = 'qcity-test-hold' AND l.relation = '$idseq'::regclass AND l.mode = 'ShareRowExclusiveLock' AND l.granted")" -ge 1 ] && { held=1; break; }
	sleep 0.1
done
[ "$held" = 1 ] || fail "could not hold $idseq"
"$QCITY" sampling import results.csv --region 七台河市 >import.out 2>import.err &
pid=$!
staging() { db_sql "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'COPY \"sampling_stage\"%' AND state = 'active'"; }
# Wait until the import is staging its rows.
for _ in $(seq 1 600); do
	[ "$(staging)" -ge 1 ] && break
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.1
done
[ "$(staging)" -ge 1 ] || fail "the import never staged rows: $(cat import.err)"
# Another writer, allowed to wait one second at most for the lock.
QCITY_LOCK_TIMEOUT=1 run 0 value set 森林覆盖率 230900 2019 47.9
kill -0 "$pid" 2>/dev/null || fail "the import ended before the other writer ran"
[ "$(staging)" -ge 1 ] || fail "the import's staging ended before the other writer's value"
pg_release
wait "$pid" || fail "the import failed: $(cat import.err)"
[ "$(db_sql 'SELECT COUNT(*) FROM sampling_results')" = 20000 ] || fail "not every result imported"
[ "$(db_sql 'SELECT SUM(samples) FROM sampling_counts')" = 20000 ] || fail "counts do not sum to the results"
[ "$(db_sql "SELECT COUNT(*) FROM indicator_values WHERE period = '2019' AND value = 47.9")" -ge 1 ] || fail "the other writer's value is missing"
# Written set-based from the stage (migration 0022): every result counted
# under its province in the enterprise years, every failure with a
# follow-up due when its objection window closes, the sampled unit and
# the date's precision columns filled.
[ "$(db_sql "SELECT SUM(samples) FROM sampling_enterprise_years WHERE length(area) = 2")" = 20000 ] || fail "enterprise years do not sum to the results"
[ "$(db_sql "SELECT SUM(failed) FROM sampling_enterprise_years WHERE length(area) = 2")" = "$(db_sql 'SELECT COUNT(*) FROM sampling_results WHERE passed = 0')" ] || fail "enterprise years' failures differ from the results'"
[ "$(db_sql "SELECT COUNT(*) FROM sampling_followups f JOIN sampling_results r ON r.id = f.result_id WHERE f.due_on = to_char(CAST(r.sampled_on AS date) + 15, 'YYYY-MM-DD') AND f.alarm_on = f.due_on AND f.region_code = r.region_code")" = "$(db_sql 'SELECT COUNT(*) FROM sampling_results WHERE passed = 0')" ] || fail "follow-ups without their deadline"
[ "$(db_sql "SELECT COUNT(*) FROM sampling_results WHERE date_precision <> 'day'")" = 0 ] || fail "date precision"
ok "a value was written while a 20 000-row sampling import was staging; both are whole"

# The set-based write (results, follow-ups, enterprise years and counts
# in one statement) also runs before the lock: a writer's value lands
# while it runs, and a reader sees none of the new results yet. The
# held SHARE lock keeps that statement waiting in its insert whatever
# the file's size: 20 000 rows. (At 20 000 it was once seen to end
# before the writer, bb5dcba: the tests then looked at every database
# of the server they share, and cli_crash, which starts with this test,
# ended every session in 'SELECT pg_sleep', this test's holder among
# them; each keeps to its own database since 68e352f.)
python3 - > more.csv <<'PY'
print("序号,产品名称,（标称）生产企业名称,统一社会信用代码,抽查时间,检验结论,不合格项目")
for i in range(20000):
    bad = i % 13 == 0
    code = "91350100M000100Y43" if i % 1000 == 7 else ""
    print(f"{i + 1},水泥,第{i % 700}水泥厂,{code},20{10 + i % 10}-0{1 + i % 9}-2{i % 9},"
          f"{'不合格' if bad else '合格'},{'强度' if bad else '/'}")
PY
writing() { db_sql "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'WITH ins AS%' AND state = 'active'"; }
wait_writing() { # wait_writing PID: until the import runs its set-based write
	for _ in $(seq 1 1200); do
		[ "$(writing)" -ge 1 ] && return 0
		kill -0 "$1" 2>/dev/null || return 1
		sleep 0.05
	done
	return 1
}
pg_hold sampling_results
"$QCITY" sampling import more.csv --region 七台河市 >import.out 2>import.err &
pid=$!
wait_writing "$pid" || fail "the import never reached its set-based write: $(cat import.err)"
QCITY_LOCK_TIMEOUT=1 run 0 value set 森林覆盖率 230900 2020 48.1
# The other writer landed after the set-based write began and before the
# import committed, the statement still held in its insert.
kill -0 "$pid" 2>/dev/null || fail "the import ended before the other writer's value: $(cat import.err)"
[ "$(writing)" -ge 1 ] || fail "the set-based write ended before the other writer's value: $(cat import.err)"
[ "$(db_sql 'SELECT COUNT(*) FROM sampling_results')" = 20000 ] || fail "a reader saw results of an import not committed"
pg_release
wait "$pid" || fail "the second import failed: $(cat import.err)"
[ "$(db_sql 'SELECT COUNT(*) FROM sampling_results')" = 40000 ] || fail "the second import is not whole"
[ "$(db_sql "SELECT COUNT(*) FROM indicator_values WHERE period = '2020' AND value = 48.1")" -ge 1 ] || fail "the value written during the set-based write is missing"
[ "$(db_sql "SELECT COUNT(*) FROM enterprises WHERE uscc = '91350100M000100Y43'")" = 1 ] || fail "the coded enterprise"
# The keys hold: every result's region, enterprise and category exists.
[ "$(db_sql "SELECT COUNT(*) FROM sampling_results r WHERE NOT EXISTS (SELECT 1 FROM regions g WHERE g.code = r.region_code) OR (r.enterprise_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM enterprises e WHERE e.id = r.enterprise_id)) OR (r.category_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM product_categories c WHERE c.id = r.category_id))")" = 0 ] || fail "results refer to rows that do not exist"
ok "a value was written while the set-based write of a 20 000-row import ran; readers saw the import only once it committed"

# An enterprise the file names for the first time, created by another
# writer while the import runs: the import is refused whole, saying to
# run it again, which then goes through. The other writer follows the
# library's protocol in SQL (the write lock "qcit", then its insert), so
# that it writes exactly after the import has done its unlocked part and
# waits for the lock.
# after_import_waits SQL OUT: in the background (pid in $writer), take
# the write lock, wait until an import waits for it, then run SQL and
# commit; psql's output goes to OUT.
after_import_waits() {
	PGAPPNAME=qcity-test-writer psql "$QCITY_DB" -XqAt -v ON_ERROR_STOP=1 -c "DO \$\$ BEGIN
  PERFORM pg_advisory_xact_lock(1902340468);
  FOR i IN 1..6000 LOOP
    PERFORM pg_stat_clear_snapshot();
    EXIT WHEN EXISTS (SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'SELECT pg_advisory_xact_lock%' AND wait_event_type = 'Lock');
    PERFORM pg_sleep(0.05);
  END LOOP;
  $1;
END \$\$" >"$2" 2>&1 &
	writer=$!
	# The import must find the lock taken: wait until it is.
	for _ in $(seq 1 200); do
		[ "$(db_sql "SELECT COUNT(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE a.datname = current_database() AND a.application_name = 'qcity-test-writer' AND l.locktype = 'advisory' AND l.granted")" -ge 1 ] && return 0
		kill -0 "$writer" 2>/dev/null || fail "the other writer ended before it took the lock: $(cat "$2")"
		sleep 0.05
	done
	fail "the other writer never took the write lock"
}
# The set-based write's file again: what is checked here (the refusal
# whole and the import again) waits on the write lock, whatever the
# file's size.
cp more.csv third.csv
sed -i 's/91350100M000100Y43/914403001922038216/; s/水泥厂/建材厂/' third.csv
before=$(db_sql 'SELECT COUNT(*) FROM sampling_results')
after_import_waits "INSERT INTO enterprises (uscc, verified, name, province_code, region_code, created_at)
    VALUES ('914403001922038216', 1, '某水泥有限公司', '440000', '440300', '2026-01-01T00:00:00Z')" writer.out
run 3 sampling import third.csv --region 七台河市
wait "$writer" || fail "the other writer failed: $(cat writer.out)"
printf '%s' "$errout" | grep -q "重新导入\|import the file again" || fail "no advice to import again: $errout"
[ "$(db_sql 'SELECT COUNT(*) FROM sampling_results')" = "$before" ] || fail "a refused import left results"
run 0 sampling import third.csv --region 七台河市
[ "$(db_sql 'SELECT COUNT(*) FROM sampling_results')" = $((before + 20000)) ] || fail "the third import is not whole"
[ "$(db_sql "SELECT COUNT(*) FROM enterprises WHERE uscc = '914403001922038216'")" = 1 ] || fail "one enterprise per code"
[ "$(db_sql "SELECT COUNT(*) FROM sampling_results r JOIN enterprises e ON e.id = r.enterprise_id WHERE e.uscc = '914403001922038216' AND e.name = '某水泥有限公司'")" = 20 ] || fail "the results of the coded enterprise"
ok "an enterprise created by another writer during the import refused it whole; imported again, it went through"

# `federation publish` during an import: publish takes the write lock
# first and makes every stored row its province's; an import that
# reaches the lock after it wrote its rows for the old holder (none: each
# row's own province), so it is refused whole and run again. Here the
# publication is made as publish's transaction makes it, under the lock,
# once the import waits for that lock.
cat > pub.csv <<'CSV'
序号,产品名称,（标称）生产企业名称,统一社会信用代码,抽查时间,检验结论,不合格项目
1,水泥,某水泥有限公司,914403001922038216,2022-05-11,合格,/
2,水泥,某水泥有限公司,914403001922038216,2022-05-12,不合格,强度
CSV
before=$(db_sql 'SELECT COUNT(*) FROM sampling_results')
maxid=$(db_sql 'SELECT MAX(id) FROM sampling_results')
after_import_waits "CREATE PUBLICATION qcity_230000 FOR TABLE regions" pub.out
run 3 sampling import pub.csv --region 七台河市
wait "$writer" || fail "the publishing writer failed: $(cat pub.out)"
contains "$errout" "230000" "the import names the province published meanwhile"
printf '%s' "$errout" | grep -q "重新导入\|import again" || fail "no advice to import again: $errout"
[ "$(db_sql 'SELECT COUNT(*) FROM sampling_results')" = "$before" ] || fail "an import refused for its holder left results"
run 0 sampling import pub.csv --region 七台河市
[ "$(db_sql "SELECT COUNT(*) || '/' || COUNT(*) FILTER (WHERE held_by = '230000') FROM sampling_results WHERE id > $maxid")" = 2/2 ] || fail "imported again, the rows are the published province's: $(db_sql "SELECT COUNT(*), MIN(held_by) FROM sampling_results WHERE id > $maxid")"
db_sql "DROP PUBLICATION qcity_230000" >/dev/null
ok "an import that outlived a publish of its server was refused whole; imported again, its rows are the province's"

# The enterprise years go in plainly where the import's snapshot shows no
# row for the key (sampling_stage.c, ey_sql). A row another import adds
# meanwhile, unseen by that snapshot, makes the plain insert a duplicate:
# the import then adds to it instead (the upsert, inside the same
# transaction), losing neither's counts. Here the other "import" holds
# such a row uncommitted until the import waits on it, then commits.
ent=$(db_sql "SELECT id FROM enterprises WHERE uscc = '914403001922038216'")
# The results' region (the enterprise's own, from its code): its province
# and city are the areas of the enterprise years.
reg=$(db_sql "SELECT region_code FROM sampling_results WHERE enterprise_id = $ent LIMIT 1")
prov=${reg:0:2}0000
cat > late.csv <<'CSV'
序号,产品名称,（标称）生产企业名称,统一社会信用代码,抽查时间,检验结论,不合格项目
1,水泥,某水泥有限公司,914403001922038216,2021-05-11,合格,/
2,水泥,某水泥有限公司,914403001922038216,2021-05-12,不合格,强度
3,水泥,某水泥有限公司,914403001922038216,2021-05-13,合格,/
CSV
[ "$(db_sql "SELECT COUNT(*) FROM sampling_enterprise_years WHERE enterprise_id = $ent AND year = 2021")" = 0 ] || fail "the key is new"
PGAPPNAME=qcity-test-ey psql "$QCITY_DB" -XqAt -v ON_ERROR_STOP=1 -c "BEGIN" \
	-c "INSERT INTO sampling_enterprise_years (province_code, area, enterprise_id, year, samples, failed) VALUES ('$prov', '${reg:0:2}', $ent, 2021, 5, 1)" \
	-c "DO \$\$ BEGIN
  FOR i IN 1..6000 LOOP
    PERFORM pg_stat_clear_snapshot();
    IF EXISTS (SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE '%FROM sampling_stage_ey s WHERE NOT EXISTS%' AND wait_event_type = 'Lock') THEN RETURN; END IF;
    PERFORM pg_sleep(0.05);
  END LOOP;
  RAISE EXCEPTION 'the import never waited on the row';
END \$\$" -c "COMMIT" >ey.out 2>&1 &
writer=$!
# Its row is in (uncommitted) once it runs the DO.
for _ in $(seq 1 200); do
	[ "$(db_sql "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'qcity-test-ey' AND query LIKE 'DO %'")" -ge 1 ] && break
	kill -0 "$writer" 2>/dev/null || fail "the other import ended early: $(cat ey.out)"
	sleep 0.05
done
run 0 sampling import late.csv --region 七台河市
wait "$writer" || fail "the other writer: $(cat ey.out)"
[ "$(db_sql "SELECT samples || '/' || failed FROM sampling_enterprise_years WHERE province_code = '$prov' AND area = '${reg:0:2}' AND enterprise_id = $ent AND year = 2021")" = 8/2 ] || fail "the enterprise year holds both imports' counts: $(db_sql "SELECT area || ' ' || samples || '/' || failed FROM sampling_enterprise_years WHERE enterprise_id = $ent AND year = 2021")"
[ "$(db_sql "SELECT samples || '/' || failed FROM sampling_enterprise_years WHERE province_code = '$prov' AND area = '${reg:0:4}' AND enterprise_id = $ent AND year = 2021")" = 3/1 ] || fail "the city's enterprise year"
ok "an enterprise year another import added meanwhile holds both imports' counts"
