#!/usr/bin/env bash
# Values and progress through the real binary, and bad input that must
# leave the database exactly as it was.
. "$(dirname "$0")/lib.sh"

shared_db init
run 0 plan import "$SRC/data/demo/qitaihe.plan.json"
run 0 value set 产品质量监督抽查合格率 七台河市 2019 97.2 --reporter 市市场监管局
run 0 value set 产品质量监督抽查合格率 七台河市 2020 98.4
contains "$out" "= 98.4%" "value set: the value with its unit"
run 0 status
contains "$out" "98.4%（2020）" "latest value shown with its unit"
run 0 status --json
printf '%s' "$out" | python3 -c '
import json, sys
plans = json.load(sys.stdin)
row = [r for r in plans[0]["targets"] if r["indicator"] == "产品质量监督抽查合格率"][0]
assert row["verdict"] == "met", row
assert row["values"] == 2, row' || fail "status json"

cat > good.csv <<'CSV'
指标,地区,期间,数值,报送单位,备注
森林覆盖率,230900,2018,47.1,市林业局,
森林覆盖率,230900,2019,"47.9",市林业局,"含 ""三北"" 工程"
CSV
run 0 value import good.csv;  contains "$out" "导入 2 个数值" "csv import"
iconv -f UTF-8 -t GB18030 good.csv > gb.csv
run 0 value import gb.csv;    contains "$out" "导入 2 个数值" "gb18030 csv"

# One bad row among good ones: nothing is written, the row is named.
{ echo "indicator,region,period,value"
  for y in 2001 2002 2003 2004 2005; do echo "森林覆盖率,230900,$y,40.$y"; done
  echo "森林覆盖率,230900,2006,四十"
  echo "森林覆盖率,230900,2007,41"; } > bad.csv
before=$(db_digest)
run 3 value import bad.csv
contains "$errout" "第 7 行" "bad row line"
contains "$errout" "“value”列" "bad row column"
contains "$errout" "未导入任何内容" "all or nothing said"
[ "$(db_digest)" = "$before" ] || fail "bad csv changed the database"
run 4 value set 不存在的指标 230900 2019 1;  contains "$errout" "没有名为“不存在的指标”的指标" "unknown indicator"
contains "$errout" "指标：没有名为" "the field by its name, not 'indicator'"
run 0 value set 森林覆盖率 230900 2019 47.9
contains "$out" "森林覆盖率 七台河市 2019 = 47.9%" "value set: the place by its name, the value with its unit"
run 3 value set 森林覆盖率 230900 2019-13 1;  contains "$errout" "不是报送期" "bad period"
run 3 value set 森林覆盖率 230900 2019 abc;   contains "$errout" "不是数字" "bad number"

run 0 progress add --plan 1 --task '三.(一)' --unit 市市场监管局 --period 2018-H1 --status done --text 已成立
run 3 progress add --plan 1 --task '三.(一)' --unit 市市场监管局 --period 2018-H1 --status finished
contains "$errout" "状态：" "bad status, the field by its name"
run 4 progress add --plan 1 --task '九' --unit 市市场监管局 --period 2018-H1 --status done
run 0 audit --entity progress --json
contains "$out" '"after": "{\"unit\":\"市市场监管局\"' "progress audited"
ok "values"
