#!/usr/bin/env bash
# The quality index, publication and open data through the real binary
# on the demo database (issue 17 parts 3-5): the index per region with
# contributions; nothing is exported before the office publishes; the
# SDMX-CSV has the 2.0 header and codes (read with Python's csv module)
# and round-trips to the stored values and to the JSON export; a value
# changed after publication is not seen until published again; unpublish
# empties the open data; every step is audited.
. "$(dirname "$0")/lib.sh"

run 0 demo --force

# ---- the index ---------------------------------------------------------------
run 0 index qitaihe-quality --year 2019
contains "$out" "七台河市质量指数 — 2019" "index title and year"
contains "$out" "敏感性：各权重分别 ×0.8 和 ×1.2" "sensitivity line"
run 0 --json index mqci --year 2020
printf '%s' "$out" > "$WORK/mqci.json"
python3 - "$WORK/mqci.json" <<'PY' || fail "mqci index JSON"
import json, math, sys
[res] = json.load(open(sys.argv[1], encoding="utf-8"))
d = res["definition"]
assert res["year"] == 2020
groups = {i["group"] for i in d["indicators"]}
assert groups == {"质量水平/标准与技术水平", "质量水平/质量管理水平", "质量水平/质量监督与检验水平",
                  "发展能力/研发与技术改造能力", "发展能力/核心技术能力", "发展能力/市场适应能力"}, groups
regions = res["regions"]
assert sorted(r["code"] for r in regions) == ["230902", "230903", "230904", "230921"]
assert sorted(r["rank"] for r in regions) == [1, 2, 3, 4]
for r in regions:
    parts = [p["contribution"] for p in r["indicators"] if p["contribution"] is not None]
    assert abs(sum(parts) - r["index"]) < 1e-4, (r["code"], sum(parts), r["index"])
    # 研发投入占GDP比重 has no values in 七台河: left out (reweight).
    m41 = next(p for p in r["indicators"] if p["key"] == "M41")
    assert m41["value"] is None and m41["contribution"] is None
best = min(regions, key=lambda r: r["rank"])
assert all(best["index"] >= r["index"] for r in regions)
assert res["sensitivity"]["cases"] == 2 * len(d["indicators"])
PY
run 2 index
run 6 index no-such-index
contains "$errout" "qitaihe-quality" "an unknown index names the definitions there are"
contains "$errout" "no-such-index.json" "a missing definition is named"
ok "index: ranks, contributions adding up to the index, missing series left out, sensitivity"

# ---- nothing published: the open data is empty ---------------------------------
run 0 export values.sdmx.csv
[ "$(printf '%s' "$out" | tr -d '\r')" = "STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,TARGET_STATUS,PUBLISHED" ] \
  || fail "unpublished data exported: $(printf '%s' "$out" | head -c 300)"
run 0 export codelist-regions.csv
[ "$(printf '%s' "$out" | tr -d '\r')" = "CODE,NAME" ] || fail "codelist before publishing: $out"
ok "before publishing, the open data holds nothing"

# ---- publish plan 1 ---------------------------------------------------------------
run 0 publish list
contains "$out" "尚未发布任何内容" "an empty publish list says so"
run 0 publish plan 1 --as-of 2020-12-31
contains "$out" "已发布计划 1" "publish names the kind in Chinese"
run 0 publish index qitaihe-quality --year 2020 --as-of 2021-01-15
# The list is what stands published now: an option that would seem to
# filter it is refused, not ignored.
run 2 publish list --as-of 2020-12-31
contains "$errout" "list 不带选项" "publish list refuses --as-of"
run 0 publish list
contains "$out" "质量指数" "publish list: the kind by its name"
contains "$out" "标题（发布人）" "publish list: its headings"
case "$out" in *"index "*|*"plan "*) fail "publish list shows kind codes: $out";; esac
run 0 --json publish list
contains "$out" '"as_of": "2020-12-31"' "as-of date kept"
for f in values.sdmx.csv values.csv values.json codelist-indicators.csv codelist-regions.csv; do
	run 0 export "$f" --output "$WORK/$f"
done
run 0 export values.xlsx --output "$WORK/values.xlsx"
run 2 export values.xlsx
db_sql "SELECT DISTINCT 'S' || CAST(i.id AS TEXT), v.region_code, v.period, v.value FROM targets t
        JOIN indicators i ON i.id = t.indicator_id JOIN indicator_values v ON v.indicator_id = i.id
        WHERE t.plan_id = 1 AND v.region_code >= '2309' AND v.region_code < '2309:'" > "$WORK/db.txt"
python3 - "$WORK" <<'PY' || fail "SDMX-CSV 2.0"
import csv, json, re, sys, zipfile
w = sys.argv[1]
rows = list(csv.reader(open(f"{w}/values.sdmx.csv", encoding="utf-8", newline="")))
head = rows[0]
assert head[:3] == ["STRUCTURE", "STRUCTURE_ID", "ACTION"], head
assert head[3:6] == ["REF_AREA", "INDICATOR", "TIME_PERIOD"] and head[6] == "OBS_VALUE", head
assert head[7:] == ["UNIT_MEASURE", "TARGET_STATUS", "PUBLISHED"], head
body = [dict(zip(head, r)) for r in rows[1:]]
assert len(body) > 100, len(body)
regions = {r[0]: r[1] for r in csv.reader(open(f"{w}/codelist-regions.csv", encoding="utf-8", newline=""))}
inds = {r[0]: r[1] for r in csv.reader(open(f"{w}/codelist-indicators.csv", encoding="utf-8", newline=""))}
assert regions.pop("CODE") == "NAME" and inds.pop("CODE") == "NAME"
assert regions["230900"] == "七台河市" and regions["230921"] == "勃利县", regions
statuses = {"met", "on_track", "acceleration_needed", "limited_progress", "deteriorating", "no_data", ""}
for r in body:
    assert r["STRUCTURE"] == "dataflow" and r["STRUCTURE_ID"] == "QCITY:DF_QUALITY_TARGETS(1.0)" and r["ACTION"] == "I", r
    assert re.fullmatch(r"\d{6}", r["REF_AREA"]) and r["REF_AREA"] in regions, r
    assert r["INDICATOR"] in inds, r
    assert re.fullmatch(r"\d{4}(-(S[12]|Q[1-4]|\d{2}))?", r["TIME_PERIOD"]), r
    assert r["TARGET_STATUS"] in statuses, r
    assert r["PUBLISHED"] == "2020-12-31", r
sdmx = {(r["REF_AREA"], r["INDICATOR"], r["TIME_PERIOD"]): float(r["OBS_VALUE"]) for r in body}
assert len(sdmx) == len(body), "one observation per key"
# Round trip: the same values as the JSON export, exactly ...
js = json.load(open(f"{w}/values.json", encoding="utf-8"))["observations"]
per = lambda p: p[:5] + "S" + p[6:] if len(p) == 7 and p[5] == "H" else p
assert {(o["region_code"], o["indicator_code"], per(o["period"])): o["value"] for o in js} == sdmx
# ... and as the database stores them (the sqlite3 shell prints 15 digits).
db = {}
for line in open(f"{w}/db.txt", encoding="utf-8"):
    code, region, period, value = line.rstrip("\n").split("|")
    db[(region, code, per(period))] = float(value)
assert db.keys() == sdmx.keys(), set(db) ^ set(sdmx)
for k, v in db.items():
    assert abs(sdmx[k] - v) <= 1e-12 * max(1, abs(v)), (k, sdmx[k], v)
plain = list(csv.DictReader(open(f"{w}/values.csv", encoding="utf-8", newline="")))
assert len(plain) == len(body)
with zipfile.ZipFile(f"{w}/values.xlsx") as z:
    sheet = z.read("xl/worksheets/sheet1.xml").decode()
assert sheet.count("<row ") == len(body) + 1, sheet.count("<row ")
PY
ok "SDMX-CSV 2.0 header, codes in the codelists, round trip to JSON and to the stored values; CSV and XLSX hold the same rows"

# ---- after publishing, changes stay out until published again -------------------------
before=$(cat "$WORK/values.sdmx.csv")
run 0 value set 森林覆盖率 230902 2020 47.25
run 0 export values.sdmx.csv --output "$WORK/again.csv"
[ "$(cat "$WORK/again.csv")" = "$before" ] || fail "a value set after publication leaked into the open data"
run 0 publish plan 1 --as-of 2021-02-01
run 0 export values.csv
contains "$out" "47.25" "published again: the new value"
ok "the open data is the snapshot: a later value shows only after publishing again"

# ---- unpublish --------------------------------------------------------------------------
run 0 unpublish plan 1
run 4 unpublish plan 1
run 0 export values.csv
[ "$(printf '%s' "$out" | tr -d '\r')" = "region_code,region,indicator_code,indicator,period,value,unit,status,as_of" ] \
  || fail "unpublished plan still exported"
[ "$(db_sql "SELECT COUNT(*) FROM audit_log WHERE entity = 'publication' AND action = 'publish'")" -eq 3 ] \
  || fail "publish audit rows"
[ "$(db_sql "SELECT COUNT(*) FROM audit_log WHERE entity = 'publication' AND action = 'unpublish' AND entity_key = 'plan:1'")" -eq 1 ] \
  || fail "unpublish audit row"
run 4 publish plan 999
ok "unpublish empties the open data; publish and unpublish are audited"

# ---- an issued 通报 is published with its kept .docx and PDF -----------------------------
run 0 --json doc generate assessment --plan 1 --year 2020
doc=$(printf '%s' "$out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
run 3 publish document "$doc"
contains "$errout" "qcity doc issue $doc" "a draft is refused, saying how to issue it"
[ "$(db_sql "SELECT COUNT(*) FROM publications WHERE kind = 'document'")" -eq 0 ] || fail "a draft was published"
run 0 --json doc issue "$doc"
number=$(printf '%s' "$out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["number"])')
run 0 publish document "$doc" --as-of 2021-03-01
[ "$(db_sql "SELECT ref FROM publications WHERE kind = 'document'")" = "$number" ] \
  || fail "the publication is under the 文号"
run 0 doc export "$doc" --format pdf --output "$WORK/issued.pdf"
run 0 doc export "$doc" --format docx --output "$WORK/issued.docx"
db_sql "SELECT f.name || '|' || f.media_type || '|' || f.data FROM publication_files f
  JOIN publications p ON p.id = f.publication_id WHERE p.kind = 'document' ORDER BY f.name" > "$WORK/files.txt"
db_sql "SELECT snapshot FROM publications WHERE kind = 'document'" > "$WORK/snap.json"
python3 - "$WORK" "$number" <<'PY' || fail "the published files"
import base64, hashlib, json, sys
w, number = sys.argv[1:3]
rows, snap = open(f"{w}/files.txt", encoding="utf-8").read().strip(), open(f"{w}/snap.json", encoding="utf-8").read()
files = {}
for line in rows.split("\n"):
    name, media, data = line.split("|")
    files[name] = (media, base64.b64decode(data))
assert sorted(files) == [number + ".docx", number + ".pdf"], sorted(files)
assert files[number + ".pdf"][0] == "application/pdf"
for ext in ("pdf", "docx"):
    kept = open(f"{w}/issued.{ext}", "rb").read()
    assert files[f"{number}.{ext}"][1] == kept, ext       # the bytes kept at issue
snap = json.loads(snap)
assert snap["number"] == number and snap["kind"] == "assessment" and snap["as_of"] == "2021-03-01", snap
assert snap["sha256"][number + ".pdf"] == hashlib.sha256(files[number + ".pdf"][1]).hexdigest()
PY
run 0 unpublish document "$number"
[ "$(db_sql "SELECT COUNT(*) FROM publication_files")" -eq 0 ] || fail "files left after unpublish"
[ "$(db_sql "SELECT COUNT(*) FROM audit_log WHERE entity = 'publication' AND entity_key = 'document:$number'")" -eq 2 ] \
  || fail "document publish/unpublish audit rows"
run 4 publish document 999
ok "an issued document is published under its 文号 with the .docx and PDF kept at issue; a draft is refused; unpublished and audited"
