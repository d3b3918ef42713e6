#!/usr/bin/env bash
# What the nation reads beyond the replicated rows themselves
# (docs/scaling.md, "Federation"), on three PostgreSQL clusters (two
# provinces, 230000 and 430000, and the nation; tests/cli/fed_lib.sh):
# - product categories by name: the two provinces make the same new
#   categories in another order (so with other ids); the nation's pass
#   rates by category and its lists of results equal each province's own;
# - complaint hot spots at the nation equal the union of the provinces'
#   own, also after new complaints in a province make a new one;
# - the nation restored from `pg_dump -Fc` as the documented procedure
#   says: its provinces re-synced, equal rows, new writes arrive.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fed_lib.sh"

# Both provinces hold the demo: copies of one cluster that ran it.
cluster a demo
cluster b demo
# The nation as `db init --national` leaves it (a template cluster,
# fed_lib.sh): that command from nothing is cli_federation's subject;
# here it runs again below, on a nation that has it.
cluster n national

# results FILE CATEGORY N FAILED YEAR: N results of CATEGORY, FAILED of
# them failed, as a regulator's table.
results() {
	python3 - "$@" <<'PY'
import sys
f, cat, n, bad, year = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
with open(f, "w") as o:
    o.write("序号,产品名称,（标称）生产企业名称,抽查时间,检验结论,不合格项目,产品类别\n")
    for i in range(n):
        failed = i < bad
        o.write(f"{i + 1},{cat}样品,{cat}第{i}厂,{year}-0{1 + i % 9}-1{i % 9},"
                f"{'不合格' if failed else '合格'},{'标签' if failed else '/'},{cat}\n")
PY
}
# 230000 makes 联邦甲类 first, 430000 联邦乙类 first: their ids differ.
results x-a.csv 联邦甲类 10 2 2025
results y-a.csv 联邦乙类 6 1 2025
results y-b.csv 联邦乙类 9 4 2025
results x-b.csv 联邦甲类 8 3 2025
QCITY_DB=$uri_a run 0 sampling import x-a.csv --region 七台河市
QCITY_DB=$uri_a run 0 sampling import y-a.csv --region 七台河市
QCITY_DB=$uri_b run 0 sampling import y-b.csv --region 长沙市
QCITY_DB=$uri_b run 0 sampling import x-b.csv --region 长沙市
ida=$(sql "$uri_a" "SELECT id FROM product_categories WHERE name = '联邦甲类'")
idb=$(sql "$uri_b" "SELECT id FROM product_categories WHERE name = '联邦甲类'")
[ -n "$ida" ] && [ -n "$idb" ] && [ "$ida" != "$idb" ] ||
	fail "联邦甲类 should have other ids in the two provinces: '$ida' and '$idb'"

QCITY_DB=$uri_a run 0 federation publish --province 230000
QCITY_DB=$uri_b run 0 federation publish --province 430000
QCITY_DB=$uri_n run 0 db init --national --years 2018-2026
[ "$(sql "$uri_n" "SELECT COUNT(*) FROM product_categories WHERE name LIKE '联邦%'")" = 0 ] ||
	fail "the nation's own catalogue should not know the provinces' new categories"
QCITY_DB=$uri_n run 0 federation add-province "$uri_a"
QCITY_DB=$uri_n run 0 federation add-province "$uri_b"
same "$uri_a" 230000 "initial copy"
same "$uri_b" 430000 "initial copy"
# The categories arrive with the initial copy, each by its province's id.
for _ in $(seq 1 360); do
	got=$(sql "$uri_n" "SELECT string_agg(province_code || ':' || id, ' ' ORDER BY province_code) FROM federation_categories WHERE name = '联邦甲类'")
	[ "$got" = "230000:$ida 430000:$idb" ] && break
	sleep 0.5
done
[ "$got" = "230000:$ida 430000:$idb" ] || fail "federation_categories of 联邦甲类 at the nation: '$got'"
ok "each province's categories are at the nation by its own ids"

# Pass rates by category at the nation equal each province's own; the
# same name counts both provinces' results over the nation.
for p in 230000 430000; do
	[ $p = 230000 ] && u=$uri_a || u=$uri_b
	for c in 联邦甲类 联邦乙类; do
		QCITY_DB=$u run 0 --json sampling rates --region $p --year 2025 --category $c
		want=$out
		QCITY_DB=$uri_n run 0 --json sampling rates --region $p --year 2025 --category $c
		[ "$out" = "$want" ] || fail "pass rate of $c in $p at the nation: $out, the province: $want"
	done
	# (Both provinces' rows of the region, each holder's: 0027.)
	list_union --region $p
	printf '%s' "$out" | jq -e 'map(select(.category == "联邦甲类")) | length > 0' >/dev/null ||
		fail "no result of $p shows 联邦甲类 at the nation"
done
QCITY_DB=$uri_a run 0 --json sampling rates --region 230000 --year 2025 --category 联邦甲类
printf '%s' "$out" | jq -e '.samples == 10 and .passed == 8' >/dev/null ||
	fail "联邦甲类 in 230000: $out"
QCITY_DB=$uri_n run 4 --lang en sampling rates --region 230000 --year 2025 --category 无此类别
contains "$errout" "no product category" "an unknown category at the nation"
ok "pass rates by category and the lists of results at the nation equal each province's, whatever its ids"

# A category a province makes after it is followed arrives too.
results z-b.csv 联邦丙类 5 1 2025
QCITY_DB=$uri_b run 0 sampling import z-b.csv --region 长沙市
QCITY_DB=$uri_b run 0 --json sampling rates --region 430000 --year 2025 --category 联邦丙类
want=$out
for _ in $(seq 1 360); do
	QCITY_DB=$uri_n "$QCITY" --json sampling rates --region 430000 --year 2025 --category 联邦丙类 >"$WORK/out" 2>/dev/null
	[ "$(cat "$WORK/out")" = "$want" ] && break
	sleep 0.5
done
[ "$(cat "$WORK/out")" = "$want" ] || fail "联邦丙类 at the nation: $(cat "$WORK/out"), the province: $want"
ok "a category made by an import after the province is followed reaches the nation"

# Complaint hot spots: at the nation the union of the provinces' own.
# hot URI MONTH [REGION]: the hot spots, sorted (the order by p ties).
hot() {
	QCITY_DB=$1 run 0 --json complaint hotspots "$2" ${3:+--region $3}
	printf '%s' "$out" | jq -cS 'sort_by(.region, .category)'
}
union_hot() { jq -ncS --argjson a "$(hot "$uri_a" "$1")" --argjson b "$(hot "$uri_b" "$1")" '$a + $b | sort_by(.region, .category)'; }
for m in 2024-01 2024-03 2024-06 2024-09 2024-12 2025-06; do
	want=$(union_hot $m)
	got=$(hot "$uri_n" $m)
	[ "$got" = "$want" ] || fail "hot spots of $m at the nation: $got, the provinces': $want"
done
before=$(hot "$uri_n" 2025-06)
# Three complaints about 联邦甲类 in one county in a month with no history:
# a hot spot in 230000, and at the nation once they have arrived.
for d in 02 03 04; do
	QCITY_DB=$uri_a run 0 complaint add 某商店 "联邦甲类样品起火" --region 230903 --received 2025-06-$d --category 联邦甲类
done
# And in 430000, about the category it made first (another id there).
for d in 05 06 07 08; do
	QCITY_DB=$uri_b run 0 complaint add 某商场 "联邦乙类样品破损" --region 430102 --received 2025-06-$d --category 联邦乙类
done
for p in 230000 430000; do
	[ $p = 230000 ] && u=$uri_a || u=$uri_b
	n_p=$(sql "$u" "SELECT COUNT(*) FROM complaints WHERE province_code = '$p'")
	for _ in $(seq 1 360); do
		[ "$(sql "$uri_n" "SELECT COUNT(*) FROM complaints WHERE province_code = '$p'")" = "$n_p" ] && break
		sleep 0.5
	done
done
hot "$uri_b" 2025-06 | jq -e 'map(select(.region == "430102" and .category == "联邦乙类" and .count == 4)) | length == 1' >/dev/null ||
	fail "no hot spot of 联邦乙类 in 430102 in the province: $(hot "$uri_b" 2025-06)"
hot "$uri_a" 2025-06 | jq -e 'map(select(.region == "230903" and .category == "联邦甲类" and .count == 3)) | length == 1' >/dev/null ||
	fail "no hot spot of 联邦甲类 in 230903 in the province: $(hot "$uri_a" 2025-06)"
want=$(union_hot 2025-06)
got=$(hot "$uri_n" 2025-06)
[ "$got" = "$want" ] || fail "hot spots of 2025-06 at the nation after new complaints: $got, the provinces': $want"
[ "$got" != "$before" ] || fail "the nation's hot spots did not change after the new complaints: $got"
want=$(hot "$uri_a" 2025-06 230000)
got=$(hot "$uri_n" 2025-06 230000)
[ "$got" = "$want" ] || fail "hot spots of 230000 at the nation: $got, the province's: $want"
ok "complaint hot spots at the nation are the provinces' own, and follow their new complaints"

# A series a province names itself (not in the catalogue: 黑龙江省名牌产品
# in the demo) is known at the nation by that province's name for its
# id: a quality index of it at the nation equals the province's own.
cat >"$WORK/own.json" <<'JSON'
{"id": "own", "title": "七台河自定系列", "normalisation": "minmax",
 "aggregation": "arithmetic", "missing": "reweight",
 "regions": ["230902", "230903", "230904", "230921"],
 "groups": [{"name": "品牌", "weight": 1, "indicators": [
   {"key": "B1", "name": "黑龙江省名牌产品", "direction": "higher", "weight": 1}]}]}
JSON
[ "$(sql "$uri_a" "SELECT in_catalog FROM indicators WHERE name = '黑龙江省名牌产品'")" = 0 ] ||
	fail "黑龙江省名牌产品 should be a series of the province's own"
[ "$(sql "$uri_n" "SELECT COUNT(*) FROM indicators WHERE name = '黑龙江省名牌产品'")" = 0 ] ||
	fail "the nation's own indicators should not know 黑龙江省名牌产品"
QCITY_DB=$uri_a run 0 --json index "$WORK/own.json" --year 2019
want=$out
QCITY_DB=$uri_n run 0 --json index "$WORK/own.json" --year 2019
[ "$out" = "$want" ] || fail "an index of a province's own series at the nation: $out, the province: $want"
printf '%s' "$out" | jq -e '(if type == "array" then .[0] else . end) | .regions | map(.indicators[0].value) | all(. != null)' >/dev/null ||
	fail "the index of a province's own series at the nation has no values: $out"
ok "a series a province names itself is read at the nation by the province's name for it (quality index)"

# The nation restored from its dump (docs/scaling.md "Backing up the
# nation"): pg_dump -Fc, the nation's cluster lost and made afresh, then
# pg_restore --no-subscriptions into an empty database, and each province
# forgotten (remove-province) and followed again (add-province), which
# copies it afresh.
pg_dump -Fc -f "$WORK/nation.dump" "$uri_n" || fail "pg_dump of the nation"
QCITY_DB=$uri_a run 0 value set 森林覆盖率 230900 2023 51.5
recluster n
pg_restore --no-subscriptions --exit-on-error -d "$uri_n" "$WORK/nation.dump" 2>"$WORK/restore.err" ||
	fail "pg_restore of the nation: $(cat "$WORK/restore.err")"
[ "$(sql "$uri_n" "SELECT relkind FROM pg_class WHERE relname = 'sampling_results'")" = p ] ||
	fail "the restored nation's tables are not partitioned"
[ "$(sql "$uri_n" "SELECT COUNT(*) FROM pg_subscription")" = 0 ] ||
	fail "the restored nation has subscriptions"
QCITY_DB=$uri_n run 0 --json federation status
printf '%s' "$out" | jq -e '.provinces | map(.province) | sort == ["230000", "430000"]' >/dev/null ||
	fail "the restored nation does not list its provinces: $out"
for p in 230000 430000; do
	[ $p = 230000 ] && u=$uri_a || u=$uri_b
	QCITY_DB=$uri_n run 0 federation remove-province $p
	# The old nation's slot on the province goes idle once the province
	# notices its subscriber is gone.
	for _ in $(seq 1 360); do
		[ "$(sql "$u" "SELECT COUNT(*) FROM pg_replication_slots WHERE active")" = 0 ] && break
		sleep 0.5
	done
	QCITY_DB=$uri_n run 0 federation add-province "$u"
done
same "$uri_a" 230000 "nation restored from pg_dump"
same "$uri_b" 430000 "nation restored from pg_dump"
[ "$(sql "$uri_n" "SELECT COUNT(*) FROM indicator_values WHERE province_code = '230000' AND region_code = '230900' AND period = '2023' AND value = 51.5")" = 1 ] ||
	fail "a value written after the dump is not at the restored nation"
QCITY_DB=$uri_b run 0 value set 森林覆盖率 430100 2023 66.5
same "$uri_b" 430000 "a write after the nation's restore"
QCITY_DB=$uri_n run 3 --lang en value set 森林覆盖率 230900 2019 1
contains "$errout" "this is the national server" "a write of a province row at the restored nation"
QCITY_DB=$uri_n run 0 --json sampling rates --region 430000 --year 2025 --category 联邦甲类
QCITY_DB=$uri_b run 0 --json sampling rates --region 430000 --year 2025 --category 联邦甲类
[ "$(QCITY_DB=$uri_n "$QCITY" --json sampling rates --region 430000 --year 2025 --category 联邦甲类)" = "$out" ] ||
	fail "pass rate by category at the restored nation"
ok "the nation restored from pg_dump -Fc follows its provinces again: equal rows, new writes arrive, read-only"

# Read by id at the nation (docs/scaling.md "Read by id at the nation"):
# both provinces numbered their new complaints from the same demo, so an
# id names an item in each; the nation shows each province's item as the
# province does, given its province, and refuses the id alone.
x=$(sql "$uri_n" "SELECT MAX(id) FROM (SELECT id FROM complaints WHERE province_code IN ('230000', '430000') GROUP BY id HAVING COUNT(DISTINCT province_code) = 2) t")
[ -n "$x" ] || fail "no complaint id numbered by both provinces at the nation"
QCITY_DB=$uri_n run 3 --lang en complaint show "$x"
contains "$errout" "230000, 430000" "a complaint id alone at the nation"
for p in 230000 430000; do
	[ $p = 230000 ] && u=$uri_a || u=$uri_b
	QCITY_DB=$u run 0 --json complaint show "$x"
	want=$out
	QCITY_DB=$uri_n run 0 --json complaint show "$x" --province $p
	[ "$out" = "$want" ] || fail "complaint $x of $p at the nation: $out, the province: $want"
	printf '%s' "$out" | jq -e --arg p $p '.province == $p' >/dev/null || fail "complaint $x at the nation lacks its province: $out"
	QCITY_DB=$u run 0 --json complaint list --region $p
	want=$out
	QCITY_DB=$uri_n run 0 --json complaint list --region $p
	[ "$out" = "$want" ] || fail "the open complaints of $p at the nation differ from the province's"
	printf '%s' "$out" | jq -e --arg p $p 'length > 0 and all(.province == $p)' >/dev/null ||
		fail "the open complaints of $p at the nation do not carry their province"
done
QCITY_DB=$uri_n run 0 --json complaint show "$x" --province 230000
printf '%s' "$out" | jq -e '.category == "联邦甲类"' >/dev/null || fail "230000's complaint $x: $out"
QCITY_DB=$uri_n run 0 --json complaint show "$x" --province 430000
printf '%s' "$out" | jq -e '.category == "联邦乙类"' >/dev/null || fail "430000's complaint $x: $out"
# The overdue board at the nation pages by DUE.ID.PROVINCE, each item once.
QCITY_DB=$uri_n run 0 --json complaint list --overdue --limit 1000
all=$(printf '%s' "$out" | jq -c '[.items[] | "\(.province):\(.id)"]')
seen='[]'
cursor=""
for _ in $(seq 1 200); do
	QCITY_DB=$uri_n run 0 --json complaint list --overdue --limit 7 ${cursor:+--after "$cursor"}
	seen=$(jq -nc --argjson a "$seen" --argjson b "$(printf '%s' "$out" | jq -c '[.items[] | "\(.province):\(.id)"]')" '$a + $b')
	cursor=$(printf '%s' "$out" | jq -r '.next // empty')
	[ -n "$cursor" ] || break
	[[ "$cursor" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}\.[0-9]+\.[0-9]{6}$ ]] || fail "the nation's overdue cursor: $cursor"
done
[ "$seen" = "$all" ] || fail "the overdue board a page at a time at the nation: $seen, in one page: $all"
ok "complaints at the nation are (province, id): each province's item, list and board as the province shows them"

# An enterprise held by both provinces (each server holds the whole
# demo): its record at the nation is its holder's, with the holder's
# results and grade, never the other's of the same id.
u=$(sql "$uri_a" "SELECT e.uscc FROM enterprises e JOIN sampling_results r ON r.enterprise_id = e.id WHERE e.uscc IS NOT NULL GROUP BY e.uscc HAVING MIN(r.province_code) = '230000' AND MAX(r.province_code) = '230000' AND SUM(1 - r.passed) > 0 ORDER BY e.uscc LIMIT 1")
[ -n "$u" ] || fail "no enterprise of the demo with a failed result sampled only in 230000"
QCITY_DB=$uri_n run 3 --lang en enterprise show "$u"
contains "$errout" "230000, 430000" "an enterprise held by two provinces, at the nation without one"
QCITY_DB=$uri_a run 0 --json enterprise show "$u"
want=$(printf '%s' "$out" | jq -c '[.samples, .failed]')
QCITY_DB=$uri_n run 0 --json enterprise show "$u" --province 230000
got=$(printf '%s' "$out" | jq -c '[.samples, .failed]')
[ "$got" = "$want" ] || fail "$u held by 230000 at the nation: $got results, the province: $want"
n430=$(sql "$uri_b" "SELECT COUNT(*) FROM sampling_results r JOIN enterprises e ON e.id = r.enterprise_id WHERE e.uscc = '$u' AND r.held_by = '430000'")
QCITY_DB=$uri_n run 0 --json enterprise show "$u" --province 430000
[ "$(printf '%s' "$out" | jq .samples)" = "$n430" ] || fail "$u held by 430000 at the nation: $out, 430000 has $n430"
QCITY_DB=$uri_n run 0 credit scheme
QCITY_DB=$uri_a run 0 --json credit grade "$u" --as-of 2025-12-31
want=$out
QCITY_DB=$uri_n run 0 --json credit grade "$u" --province 230000 --as-of 2025-12-31
[ "$out" = "$want" ] || fail "the grade of $u held by 230000 at the nation: $out, the province: $want"
# The report and the sanctions check take the holder as the grade does,
# and read its rows only (docs/scaling.md "Read by id at the nation").
QCITY_DB=$uri_n run 3 --lang en credit report "$u" --out "$WORK/r.html"
contains "$errout" "230000, 430000" "a credit report at the nation without the holder"
# fontconfig (not ours) once leaked 288 bytes here under load; our code on
# this path is valgrind-checked by the unit tests.
printf 'leak:libfontconfig.so\n' >"$WORK/lsan.supp"
lsan="suppressions=$WORK/lsan.supp:print_suppressions=0"
QCITY_DB=$uri_a LSAN_OPTIONS=$lsan run 0 credit report "$u" --as-of 2025-12-31 --out "$WORK/r-a.html"
QCITY_DB=$uri_n LSAN_OPTIONS=$lsan run 0 credit report "$u" --province 230000 --as-of 2025-12-31 --out "$WORK/r-n.html"
diff <(sed -n '/<body/,$p' "$WORK/r-a.html") <(sed -n '/<body/,$p' "$WORK/r-n.html") >/dev/null ||
	fail "the credit report of $u held by 230000 at the nation differs from the province's"
QCITY_DB=$uri_n run 3 --lang en credit check "$u" --purpose award
contains "$errout" "230000, 430000" "a sanctions check at the nation without the holder"
QCITY_DB=$uri_a run 0 --json credit check "$u" --purpose award --as-of 2025-12-31
want=$(printf '%s' "$out" | jq -c '[.restricted, .listing]')
QCITY_DB=$uri_n run 0 --json credit check "$u" --purpose award --as-of 2025-12-31 --province 230000
[ "$(printf '%s' "$out" | jq -c '[.restricted, .listing]')" = "$want" ] ||
	fail "the sanctions check of $u held by 230000 at the nation: $out, the province: $want"
# Writes of province data are refused up front, in words and exit 3.
for w in "credit event $u --kind penalty --date 2025-01-02 --title t" "credit regrade" \
	"complaint move $x accepted" "complaint extend $x --approver 局长"; do
	# shellcheck disable=SC2086
	QCITY_DB=$uri_n run 3 --lang en $w
	contains "$errout" "this is the national server: province data is written on the province's own server" "qcity $w at the nation"
done
QCITY_DB=$uri_n run 3 complaint move "$x" accepted
contains "$errout" "这是全国服务器" "a complaint step at the nation, in Chinese"
QCITY_DB=$uri_n run 0 --json credit candidates --region 230000 --as-of 2025-12-31
printf '%s' "$out" | jq -e '.rows | all(.province == "230000" or .province == "430000") and (map("\(.province):\(.uscc)") | length == (unique | length))' >/dev/null ||
	fail "red-list candidates at the nation: $out"
ok "an enterprise at the nation is (held_by, id): its results and grade are its holder's"

# The nation restored WITHOUT --no-subscriptions (docs/scaling.md
# "Backing up the nation"): pg_restore makes each subscription again,
# disabled and unconnected, pointing at the slot the province keeps for
# the old nation; remove-province drops it with that slot (the province
# reached, the old nation gone) and add-province copies the province
# afresh.
pg_dump -Fc -f "$WORK/nation2.dump" "$uri_n" || fail "pg_dump of the nation (second)"
QCITY_DB=$uri_a run 0 value set 森林覆盖率 230900 2022 52.5
recluster n
pg_restore --exit-on-error -d "$uri_n" "$WORK/nation2.dump" 2>"$WORK/restore.err" ||
	fail "pg_restore of the nation with its subscriptions: $(cat "$WORK/restore.err")"
[ "$(sql "$uri_n" "SELECT string_agg(subname || ':' || subenabled, ' ' ORDER BY subname) FROM pg_subscription")" = "qcity_230000:false qcity_430000:false" ] ||
	fail "the nation restored with subscriptions: $(sql "$uri_n" "SELECT subname, subenabled, subslotname FROM pg_subscription")"
for p in 230000 430000; do
	[ $p = 230000 ] && u=$uri_a || u=$uri_b
	for _ in $(seq 1 360); do
		[ "$(sql "$u" "SELECT COUNT(*) FROM pg_replication_slots WHERE active")" = 0 ] && break
		sleep 0.5
	done
	QCITY_DB=$uri_n run 0 federation remove-province $p
	[ "$(sql "$u" "SELECT COUNT(*) FROM pg_replication_slots WHERE slot_name = 'qcity_$p'")" = 0 ] ||
		fail "remove-province at the restored nation left the old slot on $p"
	QCITY_DB=$uri_n run 0 federation add-province "$u"
done
[ "$(sql "$uri_n" "SELECT COUNT(*) FROM pg_subscription WHERE subenabled")" = 2 ] ||
	fail "the restored nation's subscriptions are not enabled again"
same "$uri_a" 230000 "nation restored from pg_dump with its subscriptions"
same "$uri_b" 430000 "nation restored from pg_dump with its subscriptions"
[ "$(sql "$uri_n" "SELECT COUNT(*) FROM indicator_values WHERE province_code = '230000' AND region_code = '230900' AND period = '2022' AND value = 52.5")" = 1 ] ||
	fail "a value written after the second dump is not at the nation restored with its subscriptions"
QCITY_DB=$uri_b run 0 value set 森林覆盖率 430100 2022 67.5
same "$uri_b" 430000 "a write after the nation's restore with its subscriptions"
ok "the nation restored from pg_dump -Fc with its subscriptions follows its provinces again after remove-province and add-province"
