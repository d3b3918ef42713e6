#!/usr/bin/env bash
# Sixteen unit reporters writing at once: each sets the same value five
# times (conflicting writes) and one value of its own. Nothing may be lost
# or duplicated: every write a writer was told succeeded is in the audit
# log exactly once, each audit row's "before" is the previous row's
# "after" (no write hid another), and the stored value is the last one
# logged. On SQLite the writers queue on the busy timeout; on PostgreSQL
# on the driver's write lock.
. "$(dirname "$0")/lib.sh"

shared_db init
run 0 plan import "$SRC/data/demo/qitaihe.plan.json"

writers=16 rounds=5
for w in $(seq 1 $writers); do
	(
		for r in $(seq 1 $rounds); do
			"$QCITY" value set 森林覆盖率 230900 2019 "$w.$r" \
			  --note "w$w r$r" >>"told.$w" 2>>"err.$w" || echo "failed $w $r" >>"err.$w"
		done
		"$QCITY" value set 森林覆盖率 230900 "$((2000 + w))" "$w.25" >>"told.$w" 2>>"err.$w" ||
		  echo "failed own $w" >>"err.$w"
	) &
done
wait
cat err.* >errors 2>/dev/null
[ ! -s errors ] || fail "some writers failed: $(head -5 errors)"
cat told.* >told
[ "$(wc -l <told)" -eq $((writers * (rounds + 1))) ] || fail "writers were told $(wc -l <told) results"

db_sql "SELECT id, action, entity_key, COALESCE(before_json, ''), after_json
        FROM audit_log WHERE entity = 'value' ORDER BY id" >audit
db_sql "SELECT period, value, note FROM indicator_values ORDER BY period" >values
python3 - told audit values "$writers" "$rounds" <<'PY' || fail "audit log and values disagree with what writers were told"
import json, sys
told_f, audit_f, values_f, writers, rounds = sys.argv[1:4] + [int(x) for x in sys.argv[4:]]
told = {}
for line in open(told_f, encoding="utf-8"):
    # "已录入 森林覆盖率 七台河市 2019 = 11.5%": the value with its unit
    w = line.split()
    told.setdefault(w[3], []).append(float(w[5].rstrip("%")))
rows = [l.rstrip("\n").split("|", 4) for l in open(audit_f, encoding="utf-8")]
contested = [r for r in rows if r[2].endswith("/230900/2019")]
assert len(contested) == writers * rounds, f"{len(contested)} audit rows for the contested value"
assert contested[0][1] == "create" and contested[0][3] == "", contested[0]
prev = None
for r in contested:
    after = json.loads(r[4])
    if prev is not None:
        assert r[1] == "update", r
        before = json.loads(r[3])
        assert before["value"] == prev["value"], f"row {r[0]}: before {before} but the previous write left {prev}"
    prev = after
logged = sorted(json.loads(r[4])["value"] for r in contested)
assert logged == sorted(told["2019"]), "logged writes differ from the writes told"
assert len(set(logged)) == len(logged), "a write logged twice"
values = {l.split("|")[0]: l.rstrip("\n").split("|") for l in open(values_f, encoding="utf-8")}
assert float(values["2019"][1]) == prev["value"], f"stored {values['2019']}, last logged {prev}"
assert values["2019"][2] == prev["note"], "note of the last write"
for w in range(1, writers + 1):
    p = str(2000 + w)
    own = [r for r in rows if r[2].endswith("/230900/" + p)]
    assert len(own) == 1 and own[0][1] == "create", f"writer {w}: {own}"
    assert float(values[p][1]) == w + 0.25, values[p]
print(f"{len(contested)} conflicting writes chained, {writers} own writes, last {prev['value']}")
PY
ok "16 concurrent writers on $DB_BACKEND: nothing lost or duplicated"

# PostgreSQL: eight more writers while a sampling import writes its
# results set-based (sampling_stage.c): their writes land while the
# import's statement runs (it holds no write lock then), none fails, and
# the import is whole. Another session holds sampling_results (pg_hold),
# so the import's statement waits inside its insert until every writer
# has landed: the overlap is certain, not a matter of the machine's pace
# or of the file's size. 3 000 rows: every import on PostgreSQL is
# staged and written set-based, whatever its size (it had 150 000, from
# before the hold; a quarter of this test's time on PostgreSQL).
[ "$DB_BACKEND" = postgres ] || exit 0
python3 - > results.csv <<'PY'
print("序号,产品名称,（标称）生产企业名称,抽查时间,检验结论,不合格项目")
for i in range(3000):
    bad = i % 17 == 0
    print(f"{i + 1},电线电缆,第{i % 900}电缆厂,20{10 + i % 10}-0{1 + i % 9}-1{i % 9},"
          f"{'不合格' if bad else '合格'},{'导体电阻' if bad else '/'}")
PY
writing() { db_sql "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'WITH ins AS%' AND state = 'active'"; }
landed() { db_sql "SELECT COUNT(*) FROM audit_log WHERE entity = 'value' AND entity_key LIKE '%/230900/198_'"; }
pg_hold sampling_results
"$QCITY" sampling import results.csv --region 七台河市 >import.out 2>import.err &
pid=$!
for _ in $(seq 1 2400); do
	[ "$(writing)" -ge 1 ] && break
	kill -0 "$pid" 2>/dev/null || fail "the import ended before its set-based write: $(cat import.err)"
	sleep 0.05
done
[ "$(writing)" -ge 1 ] || fail "the import never reached its set-based write"
rm -f err.*
for w in $(seq 1 8); do
	"$QCITY" value set 森林覆盖率 230900 "$((1980 + w))" "$w.5" >/dev/null 2>>"err.$w" || echo "failed $w" >>"err.$w" &
	pids="${pids-} $!"
done
# shellcheck disable=SC2086 # the writers' pids, one word each
wait $pids
cat err.* >errors 2>/dev/null
[ ! -s errors ] || fail "writers failed during the import: $(head -5 errors)"
[ "$(landed)" = 8 ] || fail "$(landed) of 8 writes during the import"
[ "$(writing)" -ge 1 ] || fail "the import's set-based write ended before the writers landed"
[ "$(db_sql 'SELECT COUNT(*) FROM sampling_results')" = 0 ] || fail "a reader saw results of an import not committed"
pg_release
wait "$pid" || fail "the import failed: $(cat import.err)"
[ "$(db_sql 'SELECT COUNT(*) FROM sampling_results')" = 3000 ] || fail "the import is not whole: $(cat import.err)"
ok "8 writers on PostgreSQL during a 3 000-row sampling import: their writes landed while it wrote; all whole"
