#!/usr/bin/env python3
"""Seed 000 in other clothes must give the same targets as the original:
traditional characters (OpenCC s2t), GB18030, a .docx, an HTML page, CRLF
line ends and full-width digits.

usage: check_variants.py QCITY SEED.txt"""
import html, json, os, subprocess, sys, tempfile, zipfile

qcity, seed = sys.argv[1:3]
text = open(seed, encoding="utf-8").read()


def extract(path):
    out = subprocess.run([qcity, "plan", "extract", "--format", "json", path],
                         capture_output=True, timeout=120)
    if out.returncode != 0:
        sys.exit(f"{path}: exit {out.returncode}: {out.stderr.decode(errors='replace')}")
    plan = json.loads(out.stdout)
    return sorted((t["line"], t["value"], t.get("value_max") or 0, t["unit"], t["op"],
                   t.get("year") or 0, len(t.get("owners") or []))
                  for t in plan["targets"]), plan


def docx(lines, path):
    body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{html.escape(l)}</w:t></w:r></w:p>'
                   for l in lines)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Override PartName="/word/document.xml" ContentType="application/'
                   'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("word/document.xml",
                   '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w='
                   '"http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                   f"<w:body>{body}</w:body></w:document>")


want, orig = extract(seed)
if len(want) < 10:
    sys.exit(f"the original gives only {len(want)} targets")
lines = text.split("\n")
with tempfile.TemporaryDirectory() as d:
    variants = {}
    trad = subprocess.run(["opencc", "-c", "s2t.json"], input=text.encode(),
                          capture_output=True, check=True).stdout
    variants["traditional.txt"] = trad
    variants["gb18030.txt"] = text.encode("gb18030")
    variants["crlf.txt"] = text.replace("\n", "\r\n").encode()
    variants["fullwidth.txt"] = text.translate(
        {ord(c): ord(c) + 0xFEE0 for c in "0123456789%"}).encode()
    page = "<!DOCTYPE html><html><head><meta charset='utf-8'><title></title></head><body>" + \
        "".join(f"<p>{html.escape(l)}</p>" for l in lines) + "</body></html>"
    variants["page.html"] = page.encode()
    for name, data in variants.items():
        with open(os.path.join(d, name), "wb") as f:
            f.write(data)
    docx(lines, os.path.join(d, "plan.docx"))
    variants["plan.docx"] = None
    bad = []
    for name in variants:
        got, plan = extract(os.path.join(d, name))
        # HTML drops the empty title line, so compare without line numbers
        # there; everything else must match exactly.
        if name == "page.html":
            g = sorted(x[1:] for x in got)
            w = sorted(x[1:] for x in want)
        else:
            g, w = got, want
        status = "ok" if g == w else "DIFFERENT"
        print(f"{name:18} {len(got):3} targets  {status}")
        if g != w:
            bad.append(name)
            print("  missing:", [x for x in w if x not in g][:5])
            print("  extra:  ", [x for x in g if x not in w][:5])
    if bad:
        sys.exit(f"variants differ: {bad}")
