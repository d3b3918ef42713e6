#!/usr/bin/env python3
"""`plan extract --format text` is written as the extractor goes, a
section per temporary file, the head last (issue 20 part 5): it must say
what --format json says. On the seed and on the seeds concatenated until
the text is larger than the 1 MiB window (read in several windows), the
head lines, the counts and every target and task line (line number,
indicator or key, value, year) are those of the JSON, in its order; and
a refused file is refused alike by both formats.

usage: check_text.py QCITY SEED-DIR"""
import json, os, subprocess, sys, tempfile

qcity, seeds = sys.argv[1:3]


def run(path, fmt):
    return subprocess.run([qcity, "plan", "extract", "--format", fmt, path],
                          capture_output=True, timeout=300)


def nz(v):
    return "-" if v is None else str(v)


def num(v):
    # %g of the text form
    return f"{v:g}"


def check(path):
    j, t = run(path, "json"), run(path, "text")
    if j.returncode or t.returncode:
        sys.exit(f"{path}: exit {j.returncode}/{t.returncode}: {t.stderr.decode(errors='replace')}")
    if j.stderr != t.stderr:
        sys.exit(f"{path}: the catalogue report differs between json and text")
    plan, lines = json.loads(j.stdout), t.stdout.decode().split("\n")
    h = plan["plan"]
    head = [f"标题: {nz(h.get('title'))}", f"文号: {nz(h.get('doc_number'))}",
            f"发文: {nz(h.get('issuer'))}  {nz(h.get('issue_date'))}",
            f"地区: {nz((h.get('region') or {}).get('name'))}"]
    if lines[:4] != head:
        sys.exit(f"{path}: head {lines[:4]} is not {head}")
    tg, tk = plan["targets"], plan["tasks"]
    i = lines.index(f"目标 ({len(tg)})")
    got = lines[i + 1:i + 1 + len(tg)]
    for t, l in zip(tg, got):
        want = f"  L{t['line']:<4} {t['indicator']} {t['op']} {num(t['value'])}"
        if not l.startswith(want) or (t.get("year") and f"  {t['year']}年" not in l):
            sys.exit(f"{path}: target line {l!r} is not {want!r}")
    if lines[i + 1 + len(tg)] != "":
        sys.exit(f"{path}: more target lines than targets")
    i = lines.index(f"任务 ({len(tk)})")
    for t, l in zip(tk, lines[i + 1:i + 1 + len(tk)]):
        want = f"  L{t['line']:<4} {t['key']} {nz(t['title'])}"
        if not l.startswith(want):
            sys.exit(f"{path}: task line {l!r} is not {want!r}")
    return len(tg), len(tk)


seed = sorted(f for f in os.listdir(seeds) if f.endswith(".txt"))
one = b"".join(open(os.path.join(seeds, f), "rb").read() + b"\n" for f in seed)
with tempfile.TemporaryDirectory() as d:
    big = os.path.join(d, "big.txt")
    with open(big, "wb") as f:
        f.write(one * (1 + (3 << 20) // len(one)))
    n1 = check(os.path.join(seeds, seed[0]))
    n2 = check(big)
    if n1[0] < 10 or n2[0] <= 3 * n1[0]:
        sys.exit(f"too few targets: {n1} and {n2}")
    bad = os.path.join(d, "bad.txt")
    with open(bad, "wb") as f:
        f.write(b"\x00\x01\x02" * 100)
    j, t = run(bad, "json"), run(bad, "text")
    if j.returncode == 0 or j.returncode != t.returncode or t.stdout:
        sys.exit(f"a binary file: exit {j.returncode}/{t.returncode}, text {t.stdout[:80]!r}")
print(f"text matches json: seed {n1} (targets, tasks), the seeds x{1 + (3 << 20) // len(one)} {n2}")
