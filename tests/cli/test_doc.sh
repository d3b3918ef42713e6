#!/usr/bin/env bash
# Documents out (docs/documents.md) for the demo plan: the progress and
# assessment 通报 and the annual quality report as .docx, PDF, HTML and
# the XLSX annex; the PDF's text holds the ranks and lists and embeds the
# CJK fonts; a page image of each goes under build/doc-pages for a
# reviewer; drafts are edited, issued documents are numbered in sequence
# and refuse every change.
. "$(dirname "$0")/lib.sh"
PAGES=${BUILD:?BUILD must name the build directory}/doc-pages
mkdir -p "$PAGES"
export QCITY_NOW=2026-03-02

run 0 demo
run 0 doc generate progress --plan 1 --period 2020-H1
contains "$out" "草稿 1：关于2020年上半年质量强市工作进展情况的通报" "progress draft"
run 0 doc generate assessment --plan 1 --year 2020
contains "$out" "草稿 2：关于2020年度质量强市工作考核结果的通报" "assessment draft"
run 0 doc generate report --plan 1 --year 2020
contains "$out" "草稿 3：七台河市2020年质量发展报告" "report draft"
run 2 doc generate progress --plan 1
contains "$errout" "--period" "progress needs a period"
run 3 doc generate progress --plan 1 --period 2020-H3
contains "$errout" "2020-H1" "a bad period names the forms"
run 4 doc generate assessment --plan 99 --year 2020

# Each document in each format.
for id in 1 2 3; do
	for f in docx pdf html; do
		run 0 doc export $id --format $f --output doc$id.$f
		[ -s doc$id.$f ] || fail "doc$id.$f is empty"
	done
done
run 0 doc export 3 --format xlsx --output annex.xlsx

# The .docx: a package whose document.xml (read by Python's XML parser)
# holds the expected paragraphs and tables.
python3 - doc1.docx doc2.docx doc3.docx <<'PY' || fail "docx content"
import sys, zipfile, xml.etree.ElementTree as ET
W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'
def paras(path):
    z = zipfile.ZipFile(path)
    assert z.testzip() is None
    for part in ('[Content_Types].xml', 'word/styles.xml', 'word/footer1.xml'):
        z.getinfo(part)
    root = ET.fromstring(z.read('word/document.xml'))
    ps = [''.join(t.text or '' for t in p.iter(W + 't')) for p in root.iter(W + 'p')]
    return ps, len(list(root.iter(W + 'tbl'))), z
p, t, _ = paras(sys.argv[1])
assert '一、目标总体进展' in p and '三、工作进展报送情况' in p and '四、滞后任务' in p, p[:12]
assert '各成员单位：' in p and t >= 2, t
p, t, _ = paras(sys.argv[2])
assert '二、通报表彰' in p and '三、通报批评' in p and t == 2, (t, p[:10])
assert '名次' in p and '市农牧局' in p
p, t, z = paras(sys.argv[3])
assert '一、总体情况' in p and '二、产品质量' in p, p[:20]
pngs = [n for n in z.namelist() if n.startswith('word/media/') and n.endswith('.png')]
assert len(pngs) >= 10, pngs
assert z.read(pngs[0])[:4] == b'\x89PNG'
PY

# The same documents read by libxml2 (xmllint): well-formed, and the
# paragraphs and tables where they should be.
for id in 1 2 3; do
	python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read("word/document.xml"))' \
		doc$id.docx > doc$id.xml
	xmllint --noout --nonet doc$id.xml || fail "doc$id.docx: libxml2 refuses word/document.xml"
done
W="namespace-uri()='http://schemas.openxmlformats.org/wordprocessingml/2006/main'"
xpath() { xmllint --nonet --xpath "$2" "$1"; }
[ "$(xpath doc2.xml "count(//*[local-name()='tbl' and $W])")" = 2 ] || fail "assessment: two tables"
[ "$(xpath doc2.xml "count(//*[local-name()='p' and $W and .='二、通报表彰'])")" = 1 ] || fail "assessment: 通报表彰"
[ "$(xpath doc2.xml "count(//*[local-name()='p' and $W and .='三、通报批评'])")" = 1 ] || fail "assessment: 通报批评"
[ "$(xpath doc1.xml "count(//*[local-name()='p' and $W and .='五、督查事项办理情况'])")" = 1 ] || fail "progress: 督查事项"
[ "$(xpath doc1.xml "count(//*[local-name()='tbl' and $W]//*[local-name()='tr'])")" -ge 10 ] || fail "progress: table rows"
[ "$(xpath doc3.xml "count(//*[local-name()='p' and $W and .='二、产品质量'])")" = 1 ] || fail "report: 产品质量"
ok "the .docx of each document read by libxml2: paragraphs and tables"

# The PDF: A4, the CJK fonts embedded, the ranks and both lists in its text.
pdfinfo doc2.pdf | grep -q "595.276 x 841.89 pts (A4)" || fail "A4"
fonts=$(pdffonts doc2.pdf)
for f in NotoSerifCJKsc-Bold NotoSerifCJKsc-Regular; do
	printf '%s\n' "$fonts" | grep "$f" | grep -q " yes yes " || fail "$f not embedded: $fonts"
done
run 0 assess --plan 1 --year 2020 --json
lists=$(printf '%s' "$out" | python3 -c '
import json, sys
a = json.load(sys.stdin)
units = sorted((s for s in a["subjects"] if s["kind"] == "unit"), key=lambda s: s["rank"])
print(units[0]["name"]); print(units[-1]["name"])
print(" ".join(a["commendation"])); print(" ".join(a["criticism"]))')
text=$(pdftotext -layout doc2.pdf - | tr -d ' ')
first=$(sed -n 1p <<<"$lists"); last=$(sed -n 2p <<<"$lists")
contains "$text" "1${first}" "rank 1 in the PDF"
contains "$text" "$last" "the last unit in the PDF"
for name in $(sed -n 3p <<<"$lists") $(sed -n 4p <<<"$lists"); do
	contains "$text" "$name" "commendation/criticism list"
done
contains "$text" "通报表彰" "commendation heading"
contains "$text" "—1—" "page number"
# A table cell is no narrower than its longest word: a latest value's
# （2019） stays whole (it broke as （2 and 019） in a squeezed column).
pdftotext doc1.pdf - | grep -qE '^[0-9]{1,3}）' && fail "a word broken inside a table cell of the PDF"
text=$(pdftotext doc1.pdf - | tr -d ' \n')
contains "$text" "进展有限" "progress statuses in the PDF"
contains "$text" "市市场监管局" "responsible units in the PDF"
contains "$text" "《实施方案》共设量化目标" "the plan named by the kind its title ends with, not 《规划》"
text=$(pdftotext doc3.pdf - | tr -d ' \n')
contains "$text" "《实施方案》设定的" "the report names the plan by its kind"
case "$text" in *[0-9]pp*) fail "a value in the report written with the unit code pp";; esac
contains "$text" "产品质量监督抽查合格率" "report indicator"
contains "$text" "监督抽查" "sampling chapter"
contains "$text" "质量信用截至2020年底，七台河市纳入质量信用评价的企业" "credit chapter"
for id in 1 2 3; do
	pdftoppm -r 60 -f 1 -l 2 -png doc$id.pdf "$PAGES/doc$id" || fail "pdftoppm"
done
ls "$PAGES"/doc2-*1.png >/dev/null || fail "no page image"
contains "$(cat doc2.html)" "<th>名次</th>" "html table"

# The annex: a workbook with a contents sheet and one per table and chart.
python3 - annex.xlsx <<'PY' || fail "annex"
import sys, zipfile, re
z = zipfile.ZipFile(sys.argv[1])
wb = z.read('xl/workbook.xml').decode()
names = re.findall(r'<sheet name="([^"]+)"', wb)
assert names[0] == '目录' and '表1' in names and '图1' in names, names
assert len([n for n in names if n.startswith('图')]) >= 10, names
PY

# A draft is edited as blocks; the text shows the change.
run 0 doc edit 1 --block 1 --text "经领导小组同意，现将有关情况通报如下。"
run 0 doc show 1
contains "$out" "[1] 经领导小组同意，现将有关情况通报如下。" "edited block"
# Headings and tables as people read them, not Markdown marks.
contains "$out" "] 一、目标总体进展" "a heading shows as its text"
case "$out" in *"] #"*|*" | "*) fail "doc show shows Markdown marks: $out";; esac
contains "$out" "序号  指标" "a table in columns"
run 0 doc edit 1 --insert-after 1 --text "补充说明。"
run 0 doc show 1 --json
printf '%s' "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["format"] == "qcity-doc/1" and d["blocks"][1]["text"] == "补充说明。", d["blocks"][:2]' ||
	fail "inserted paragraph"
run 3 doc edit 1 --block 5 --text "x"
contains "$errout" "是表格" "table cells are not edited"

# Issue: numbers in sequence per year, bytes kept with their hash.
run 0 doc issue 1
contains "$out" "质强办〔2026〕1号" "first number"
run 0 doc issue 2
contains "$out" "质强办〔2026〕2号" "second number"
run 0 doc issue 3 --prefix 七质强办
contains "$out" "七质强办〔2026〕1号" "a prefix has its own sequence"
run 0 doc list --issued
contains "$out" "质强办〔2026〕2号" "issued list"

# Issued: every change refused, nothing written.
before=$(db_digest)
run 3 doc edit 1 --block 1 --text "改"
contains "$errout" "不能修改" "edit refused"
run 3 doc issue 1
run 4 doc issue 99
contains "$errout" "qcity doc list" "no such document: where to look"
run 3 doc edit 2 --title "新标题"
[ "$(db_digest)" = "$before" ] || fail "a refused change wrote"

# The bytes given out are the ones kept, whatever the data does next.
run 0 doc export 2 --format pdf --output issued.pdf
kept=$(db_sql "SELECT sha256 FROM document_files WHERE document_id = 2 AND format = 'pdf'")
[ "$(sha256sum issued.pdf | cut -d' ' -f1)" = "$kept" ] || fail "issued bytes differ from the kept hash"
contains "$out" "$kept" "export names the hash"
run 0 value set "产品质量监督抽查合格率" 230900 2020 50
run 0 doc export 2 --format pdf --output again.pdf
cmp -s issued.pdf again.pdf || fail "an issued document changed"
contains "$(pdftotext issued.pdf - | tr -d ' ')" "质强办〔2026〕2号" "the number in the PDF"
n=$(db_sql "SELECT COUNT(*) FROM audit_log WHERE entity = 'document' AND action = 'issue'")
[ "$n" -eq 3 ] || fail "issue audited $n times"
ok "documents"

# A growth or change target's values are levels in their own unit (西安's
# 生产总值年均增长11%: 亿元), never "%", in the table and the text.
run 0 doc generate progress --plan 3 --period 2015
id=$(printf '%s' "$out" | sed -n 's/^草稿 \([0-9]*\)：.*/\1/p')
run 0 doc show "$id"
rows=$(printf '%s\n' "$out" | grep "生产总值")
contains "$rows" "年均增长" "the growth target is in the bulletin"
contains "$rows" "（2015）" "its latest value is there"
! printf '%s\n' "$rows" | grep -Eq '[0-9]%（2015）|最新值[0-9.]+%' || fail "a level in %: $rows"
rate=$(printf '%s\n' "$out" | grep "产品质量国家监督抽查合格率" | head -1)
contains "$rate" "%（2015）" "a rate keeps its %"
ok "documents: values in their series' unit"
