#!/usr/bin/env bash
# A large sampling import on PostgreSQL reads its file and stages the rows
# (COPY into a temporary table) without the write lock: another writer
# carries on meanwhile instead of queueing behind it. The import still
# writes all or nothing (cli_crash kills it at random moments).
. "$(dirname "$0")/lib.sh"

if [ "$DB_BACKEND" != postgres ]; then
	ok "skipped on SQLite: one writer at a time (BEGIN IMMEDIATE)"
	exit 0
fi
run 0 init
run 0 plan import "$SRC/data/demo/qitaihe.plan.json"
run 0 sampling bind 产品质量监督抽查合格率
python3 - > results.csv <<'PY'
print("序号,产品名称,（标称）生产企业名称,抽查时间,检验结论,不合格项目")
for i in range(150000):
    bad = i % 17 == 0
    print(f"{i + 1},电线电缆,第{i % 900}电缆厂,20{10 + i % 10}-0{1 + i % 9}-1{i % 9},"
          f"{'不合格' if bad else '合格'},{'导体电阻' if bad else '/'}")
PY
"$QCITY" sampling import results.csv --region 七台河市 >import.out 2>import.err &
pid=$!
# Wait until the import is staging its rows.
staging=0
for _ in $(seq 1 600); do
	n=$(db_sql "SELECT COUNT(*) FROM pg_stat_activity WHERE query LIKE 'COPY \"sampling_stage\"%'")
	[ "$n" -ge 1 ] && { staging=1; break; }
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.1
done
[ "$staging" = 1 ] || fail "the import never staged rows: $(cat import.err)"
# Another writer, allowed to wait one second at most for the lock.
QCITY_LOCK_TIMEOUT=1 run 0 value set 森林覆盖率 230900 2019 47.9
kill -0 "$pid" 2>/dev/null || fail "the import ended before the other writer ran: make the file larger"
wait "$pid" || fail "the import failed: $(cat import.err)"
[ "$(db_sql 'SELECT COUNT(*) FROM sampling_results')" = 150000 ] || fail "not every result imported"
[ "$(db_sql 'SELECT SUM(samples) FROM sampling_counts')" = 150000 ] || fail "counts do not sum to the results"
[ "$(db_sql "SELECT COUNT(*) FROM indicator_values WHERE period = '2019' AND value = 47.9")" -ge 1 ] || fail "the other writer's value is missing"
# Written set-based from the stage (migration 0022): every result counted
# under its province in the enterprise years, every failure with a
# follow-up due when its objection window closes, the sampled unit and
# the date's precision columns filled.
[ "$(db_sql "SELECT SUM(samples) FROM sampling_enterprise_years WHERE length(area) = 2")" = 150000 ] || fail "enterprise years do not sum to the results"
[ "$(db_sql "SELECT SUM(failed) FROM sampling_enterprise_years WHERE length(area) = 2")" = "$(db_sql 'SELECT COUNT(*) FROM sampling_results WHERE passed = 0')" ] || fail "enterprise years' failures differ from the results'"
[ "$(db_sql "SELECT COUNT(*) FROM sampling_followups f JOIN sampling_results r ON r.id = f.result_id WHERE f.due_on = to_char(CAST(r.sampled_on AS date) + 15, 'YYYY-MM-DD') AND f.alarm_on = f.due_on AND f.region_code = r.region_code")" = "$(db_sql 'SELECT COUNT(*) FROM sampling_results WHERE passed = 0')" ] || fail "follow-ups without their deadline"
[ "$(db_sql "SELECT COUNT(*) FROM sampling_results WHERE date_precision <> 'day'")" = 0 ] || fail "date precision"
ok "a value was written while a 150 000-row sampling import was staging; both are whole"
