#!/usr/bin/env bash
# One importer per announcement across the nation (docs/scaling.md,
# migration 0029), on three PostgreSQL clusters (two provinces, 230000
# and 430000, and the nation; tests/cli/fed_lib.sh):
# - 230000 imports 宁夏's announcement before it publishes (not checked
#   then); `federation publish` publishes and warns, with a stable --json
#   code and the query that lists the row;
# - 430000 imports 湖南's provincial announcement; 230000's import of the
#   same table is refused (line, field 'level', exit 3; with --skip-bad
#   too, every row being left out), and of a table with a level column
#   only the national row of its own region goes in; the nation counts
#   湖南's results once;
# - a result's remarks (0030) reach the nation with it;
# - a province's value is refused up front at the nation (exit 3, HTTP
#   409) with the nation's words.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fed_lib.sh"

# Both provinces as `qcity init` leaves them: copies of one cluster that
# ran it.
cluster a init
cluster b init
# The nation as `db init --national` leaves it (a template cluster,
# fed_lib.sh): that command from nothing is cli_federation's subject;
# here it runs again below, on a nation that has it.
cluster n national

cat >nx.csv <<'CSV'
产品名称,（标称）生产企业名称,所在地,抽查时间,检验结论
枸杞,中卫丙厂,中卫市沙坡头区,2025-02-01,合格
CSV
cat >hn.csv <<'CSV'
产品名称,（标称）生产企业名称,所在地,抽查时间,检验结论,备注
电饭煲,长沙甲厂,长沙市,2025-03-05,合格,
电暖器,长沙乙厂,长沙市,2025-03-06,不合格,已责令下架
CSV
cat >hl.csv <<'CSV'
产品名称,（标称）生产企业名称,所在地,抽查时间,检验结论,抽查级别
电水壶,七台河丁厂,七台河市桃山区,2025-04-05,合格,国家
电热毯,长沙戊厂,长沙市,2025-04-06,不合格,省
CSV

# Before it publishes, 230000 is not checked: 宁夏's announcement goes in.
QCITY_DB=$uri_a run 0 sampling import nx.csv --region 宁夏回族自治区
[ "$(sql "$uri_a" "SELECT issuer FROM sampling_results")" = 640000 ] ||
	fail "issuer of 宁夏's result on 230000: $(sql "$uri_a" "SELECT issuer FROM sampling_results")"
QCITY_DB=$uri_a run 0 --json federation publish --province 230000
printf '%s' "$out" | jq -e '.province == "230000" and .warning.code == "other_importers_rows" and .warning.rows == 1 and .warning.other_issuer == 1 and .warning.national_elsewhere == 0' >/dev/null ||
	fail "publish with a row of another province's announcement: $out"
q=$(printf '%s' "$out" | jq -r .warning.query)
[ "$(sql "$uri_a" "$q" | cut -d'|' -f4)" = 640000 ] || fail "the warning's query lists: $(sql "$uri_a" "$q")"
QCITY_DB=$uri_a run 0 --lang en federation publish --province 230000
contains "$errout" "warning: 1 sampling results here are another server's to import" "publish again, in words"
contains "$errout" "$q" "the query in the warning"
QCITY_DB=$uri_b run 0 --json federation publish --province 430000
printf '%s' "$out" | jq -e 'has("warning") | not' >/dev/null || fail "publish of a province holding no such row: $out"
ok "publish counts the rows held against one importer per announcement, and publishes"

QCITY_DB=$uri_n run 0 db init --national --years 2018-2026
[ "$(sql "$uri_n" "SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'sampling_results' AND column_name = 'issuer'")" = 1 ] ||
	fail "the nation's sampling_results has no issuer"
QCITY_DB=$uri_n run 0 federation add-province "$uri_a"
QCITY_DB=$uri_n run 0 federation add-province "$uri_b"
same "$uri_a" 230000 "initial copy"
same "$uri_b" 430000 "initial copy"

# 湖南's announcement: 430000's to import, refused on 230000.
QCITY_DB=$uri_b run 0 sampling import hn.csv --region 湖南省
QCITY_DB=$uri_a run 3 --lang en sampling import hn.csv --region 湖南省
contains "$errout" "line 2" "a second importer's refusal names the line"
contains "$errout" "field 'level': a result of an announcement issued in 430000 (--region) is imported by that province's server, not by 230000" "a second importer of 湖南's announcement"
QCITY_DB=$uri_a run 3 sampling import hn.csv --region 湖南省
contains "$errout" "省份 430000 发布的通告" "the refusal in Chinese"
QCITY_DB=$uri_a run 3 --lang en sampling import hn.csv --region 湖南省 --skip-bad
contains "$errout" "none of the 2 rows" "every row left out"
QCITY_DB=$uri_a run 0 --json sampling import hl.csv --region 湖南省 --skip-bad
printf '%s' "$out" | jq -e '.imported == 1 and .rejected == 1' >/dev/null || fail "a table with a level column: $out"
[ "$(sql "$uri_a" "SELECT string_agg(level || ':' || region_code || ':' || issuer, ' ' ORDER BY id) FROM sampling_results WHERE product = '电水壶'")" = national:230903:national ] ||
	fail "the national row of 230000's region: $(sql "$uri_a" "SELECT level, region_code, issuer FROM sampling_results WHERE product = '电水壶'")"
same "$uri_a" 230000 "after the imports"
same "$uri_b" 430000 "after the imports"
[ "$(sql "$uri_n" "SELECT COUNT(*) FROM sampling_results WHERE province_code = '430000'")" = 2 ] ||
	fail "湖南's results at the nation: $(sql "$uri_n" "SELECT held_by, region_code, product FROM sampling_results WHERE province_code = '430000'")"
QCITY_DB=$uri_b run 0 --json sampling rates --region 430000 --year 2025
want=$out
QCITY_DB=$uri_n run 0 --json sampling rates --region 430000 --year 2025
[ "$out" = "$want" ] || fail "430000's pass rate at the nation: $out, the province's: $want"
printf '%s' "$out" | jq -e '.samples == 2' >/dev/null || fail "430000's samples at the nation: $out"
ok "the nation counts 湖南's announcement once"

# Remarks (0030) travel with their result: the nation's column, its
# rows and its list.
[ "$(sql "$uri_n" "SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'sampling_results' AND column_name = 'remarks'")" = 1 ] ||
	fail "the nation's sampling_results has no remarks"
[ "$(sql "$uri_n" "SELECT string_agg(product || ':' || COALESCE(remarks, '-'), ' ' ORDER BY product COLLATE \"C\") FROM sampling_results WHERE held_by = '430000'")" = "电暖器:已责令下架 电饭煲:-" ] ||
	fail "remarks at the nation: $(sql "$uri_n" "SELECT product, remarks FROM sampling_results WHERE held_by = '430000'")"
QCITY_DB=$uri_n run 0 --json sampling list --region 430000
printf '%s' "$out" | jq -e 'map(select(.product == "电暖器"))[0].remarks == "已责令下架"' >/dev/null ||
	fail "sampling list at the nation: $out"
ok "the nation receives a result's remarks"

# A province's value at the nation: refused up front, exit 3 / HTTP 409.
QCITY_DB=$uri_n run 3 --lang en value set 森林覆盖率 230900 2019 1
contains "$errout" "this is the national server: province data is written on the province's own server" "value set of a province at the nation"
printf 'indicator,region,period,value\n森林覆盖率,430100,2019,1\n' >v.csv
QCITY_DB=$uri_n run 3 --lang en value import v.csv
contains "$errout" "line 2" "value import of a province at the nation"
contains "$errout" "this is the national server" "value import of a province at the nation"
printf '%s\n' 'Zq7#vlm2Rk9!xw' | QCITY_DB=$uri_n "$QCITY" user add fed-office --role office --password-stdin >/dev/null 2>&1
QCITY_DB=$uri_n run 0 --json user token create fed-office --name fed
tok=$(printf '%s' "$out" | jq -r .token)
[ -n "$tok" ] && [ "$tok" != null ] || fail "no API token: $out"
QCITY_DB=$uri_n "$QCITY" serve --listen 127.0.0.1:0 --remind-every 0 >"$WORK/serve.out" 2>"$WORK/serve.err" &
spid=$!
base=""
for _ in $(seq 1 600); do
	base=$(sed -n 's/.*serving \(http:\/\/[0-9.:]*\)\/.*/\1/p' "$WORK/serve.out")
	[ -n "$base" ] && break
	sleep 0.1
done
[ -n "$base" ] || fail "qcity serve did not start: $(cat "$WORK/serve.err")"
code=$(curl -s -o "$WORK/resp" -w '%{http_code}' -H "Authorization: Bearer $tok" \
	-H 'Content-Type: application/json' -d '{"indicator":"森林覆盖率","region":"230900","period":"2019","value":1}' "$base/api/values")
[ "$code" = 409 ] || fail "POST /api/values of a province at the nation: $code $(cat "$WORK/resp")"
contains "$(cat "$WORK/resp")" "这是全国服务器" "POST /api/values at the nation"
code=$(curl -s -o "$WORK/resp" -w '%{http_code}' -H "Authorization: Bearer $tok" \
	-H 'Content-Type: application/json' -d '{"csv":"indicator,region,period,value\n森林覆盖率,230900,2019,1\n"}' "$base/api/values/import")
[ "$code" = 409 ] || fail "POST /api/values/import of a province at the nation: $code $(cat "$WORK/resp")"
kill "$spid"; wait "$spid" 2>/dev/null; spid=""
[ "$(sql "$uri_n" "SELECT COUNT(*) FROM indicator_values WHERE period = '2019' AND value = 1")" = 0 ] ||
	fail "a province's value was written at the nation"
ok "a province's value at the nation is refused up front (exit 3, HTTP 409)"
