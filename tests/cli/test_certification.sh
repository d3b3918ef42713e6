#!/usr/bin/env bash
# The certification register on the command line (docs/certification.md):
# import with the national platform's headings (all or nothing, again
# without duplicates, exit 3 with the line and field), the list as of a
# date with stable codes in --json, the figures of a region, and a plan
# indicator bound to a figure and kept current.
. "$(dirname "$0")/lib.sh"

shared_db init
export QCITY_NOW=2024-06-30

cat > certs.csv <<'CSV'
证书编号,获证组织名称,统一社会信用代码,认证项目,认证范围,认证机构,发证日期,证书到期日期,证书状态
C-1,甲食品公司,,质量管理体系认证,糕点生产,中国质量认证中心,2022-01-10,2025-01-09,有效
C-2,甲食品公司,,HACCP体系认证,糕点生产,中国质量认证中心,2023-03-01,2026-02-28,有效
C-3,乙农业合作社,,有机产品,大米,某有机认证中心,2024-01-01,2024-12-31,有效
C-4,丙电器厂,,CCC,电热水壶,中国质量认证中心,2020-05-01,2025-04-30,暂停
C-5,丁茶场,,绿色食品,绿茶,中国绿色食品发展中心,2023/6/1,2026年5月31日,有效
C-6,戊机械公司,,ISO 14001,机械加工,某认证公司,2021-01-01,2027-01-01,撤销
CSV
run 0 --json certification import certs.csv --region 桃山区
[ "$(printf '%s' "$out" | jq -c '[.added, .updated, .unchanged]')" = "[6,0,0]" ] || fail "added: $out"
run 0 certification import certs.csv --region 桃山区
contains "$out" "6 张未变" "a second import changes nothing, said in Chinese"
[ "$(db_sql "SELECT COUNT(*) FROM certificates")" = 6 ] || fail "no duplicates"
[ "$(db_sql "SELECT COUNT(*) FROM audit_log WHERE entity = 'certification' AND action = 'insert'")" = 6 ] || fail "each certificate audited once"

# A bad row refuses the whole file, naming its line and field.
before=$(db_digest)
printf '证书编号,获证组织名称,认证项目,认证机构,证书到期日期\nX1,甲,CCC,某机构,2027-01-01\nX2,乙,CCC,某机构,明年\n' > bad.csv
run 3 certification import bad.csv --region 桃山区
contains "$errout" "第 3 行" "the bad row's line"
contains "$errout" "证书到期日期" "the bad field"
contains "$errout" "未导入任何内容" "nothing imported"
printf '证书编号,获证组织名称,认证项目,认证机构,证书到期日期\nX1,甲,五星认证,某机构,2027-01-01\n' > kind.csv
run 3 certification import kind.csv --region 桃山区
contains "$errout" "认证项目" "the unknown kind's field"
contains "$errout" "绿色食品" "the accepted kinds listed"
printf '证书编号,获证组织名称,认证项目,认证机构,证书到期日期\nX1,甲,CCC,某机构,\n' > noexp.csv
run 3 certification import noexp.csv --region 桃山区
contains "$errout" "第 2 行" "the row without an expiry"
printf '证书编号,获证组织名称,认证项目,认证机构,证书到期日期\nX1,甲,CCC,某机构,2027-01-01\n' > nocounty.csv
run 3 certification import nocounty.csv
contains "$errout" "--region" "a holder with no county asks for --region"
[ "$(db_digest)" = "$before" ] || fail "a refused import wrote rows"
ok "certification import: all or nothing, idempotent on $DB_BACKEND"

run 0 --json certification list --region 七台河市
[ "$(printf '%s' "$out" | jq -c '[.[].number]')" = '["C-3","C-1","C-2","C-5","C-4","C-6"]' ] || fail "order: $out"
[ "$(printf '%s' "$out" | jq -c '[.[0].kind, .[0].state, .[4].state, .[5].state]')" = '["organic","valid","suspended","revoked"]' ] || fail "codes: $out"
run 0 certification list --state expired --as-of 2025-01-01
contains "$out" "C-3" "expired on the day asked"
contains "$out" "已过期" "the state in Chinese"
case "$out" in *C-1*) fail "C-1 is valid through 2025-01-09: $out";; esac
run 0 --json certification list --kind 绿色食品
[ "$(printf '%s' "$out" | jq -c '[.[].number]')" = '["C-5"]' ] || fail "by kind: $out"
run 2 certification list --as-of 明天
run 3 certification list --state lapsed
run 3 certification list --kind 五星
ok "certification list on $DB_BACKEND"

run 0 --json certification figures --region 七台河市
[ "$(printf '%s' "$out" | jq -c '[.certificates, .holders, .system.holders, .agri.certificates, .by_kind.ccc, .suspended, .revoked]')" = "[4,3,1,2,0,1,1]" ] || fail "figures: $out"
run 0 --json certification figures --region 七台河市 --as-of 2025-01-10
[ "$(printf '%s' "$out" | jq -c '[.certificates, .holders, .expired, .as_of]')" = '[2,2,2,"2025-01-10"]' ] || fail "figures as of a date: $out"
run 0 certification figures --region 七台河市 --as-of 2024-10-02
contains "$out" "有效证书" "figures in Chinese"
contains "$out" "1 张将在 90 天内到期" "C-3 expiring within 90 days of 2 October"
run 2 certification figures --as-of 2024-11-01
run 4 certification figures --region 火星市
ok "certification figures on $DB_BACKEND"

cat > plan.json <<'JSON'
{"format": "qcity-plan/1", "plan": {"title": "七台河市质量强市实施方案", "region": {"code": "230900", "name": "七台河市"}, "period": {"start": 2024, "end": 2025}, "status": "active"},
 "goals": [{"key": "g1", "domain": "product", "name": "产品质量"}],
 "targets": [{"goal": "g1", "indicator": "绿色食品、有机食品和无公害农产品认证数量", "op": ">=", "value": 260, "unit": "个", "year": 2025, "owners": ["市市场监管局"]}]}
JSON
run 0 plan import plan.json
run 3 certification bind 绿色食品、有机食品和无公害农产品认证数量 --measure speed
run 0 certification bind 绿色食品、有机食品和无公害农产品认证数量 --measure agri_certificates
contains "$out" "认证登记" "bound, said in Chinese"
value() {
	db_sql "SELECT value FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id WHERE i.name = '$1' AND v.region_code = '$2' AND v.period = '2024'"
}
[ "$(value 绿色食品、有机食品和无公害农产品认证数量 230900 | cut -d. -f1)" = 2 ] || fail "bound value: $(value 绿色食品、有机食品和无公害农产品认证数量 230900)"
printf '证书编号,获证组织名称,认证项目,认证机构,发证日期,证书到期日期\nC-7,己蔬菜基地,无公害农产品,某中心,2024-05-01,2027-04-30\n' > more.csv
run 0 certification import more.csv --region 桃山区
[ "$(value 绿色食品、有机食品和无公害农产品认证数量 230900 | cut -d. -f1)" = 3 ] || fail "value after the import: $(value 绿色食品、有机食品和无公害农产品认证数量 230900)"
ok "certification bind keeps plan indicators current on $DB_BACKEND"
