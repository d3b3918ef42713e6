#!/usr/bin/env python3
"""Fail on an upward #include in libqcity, or on a consumer that reaches
a private header of it.

The layers and their order are the diagram in docs/architecture.md: in
its code block, the lines "  NAME/" under "src/lib/" are layers, lowest
first; consecutive lines "  = NAME/" sit side by side (one rank) and may
not include one another. A public header include/qcity/X.h belongs to
the layer whose .c files define the functions it declares (the highest,
if several do); a header of types only belongs to none. A private header
belongs to its folder. A file in src/lib/L may include headers of L and
of the layers listed before it. The consumers (src/cli, src/server,
src/common, tests, bench, fuzz) may include any public header and no
private one of src/lib. Every folder of src/lib must be in the diagram
and every layer there a folder. EXCEPTIONS lists the upward includes not yet
moved, each with why; one that is gone must leave the list.
Usage: check_layers.py SOURCE_ROOT
"""
import os, re, sys

root = sys.argv[1] if len(sys.argv) > 1 else "."
os.chdir(root)

def diagram():
    text = open("docs/architecture.md", encoding="utf-8").read()
    block = re.search(r"```\n(.*?src/lib/.*?)```", text, re.S).group(1)
    ranks, rank, inside, side = {}, 0, False, False
    for line in block.splitlines():
        if line.startswith("src/lib/"):
            inside = True
            continue
        if not inside:
            continue
        m = re.match(r"^  (= )?([a-z]+)/", line)
        if not m:
            continue
        if not (m.group(1) and side):
            rank += 1
        side = bool(m.group(1))
        ranks[m.group(2)] = rank
    return ranks

RANK = diagram()
errors = []
# The diagram and the tree name the same folders: one the diagram lacks
# would be checked against nothing.
for d in sorted(os.listdir("src/lib")):
    if os.path.isdir(os.path.join("src/lib", d)) and d not in RANK:
        errors.append(f"src/lib/{d}/: not in the diagram of "
                      "docs/architecture.md")
for d in sorted(RANK):
    if not os.path.isdir(os.path.join("src/lib", d)):
        errors.append(f"docs/architecture.md: the diagram names src/lib/{d}/,"
                      " which does not exist")
# "file:included header" -> why it is still there. Remove an entry when
# its cause moves; an entry that no longer matches fails the check.
EXCEPTIONS = {
}
used = set()

def defs_by_layer():
    """function name -> set of layers whose .c files define it"""
    out = {}
    for layer in RANK:
        d = os.path.join("src/lib", layer)
        for f in sorted(os.listdir(d)):
            if not f.endswith(".c"):
                continue
            for m in re.finditer(r"^(?!static)[a-z][\w *]*?\b(qc_\w+)"
                                 r"\([^;{]*?\)\s*\n\{",
                                 open(os.path.join(d, f),
                                      encoding="utf-8").read(), re.M):
                out.setdefault(m.group(1), set()).add(layer)
    return out

DEFS = defs_by_layer()

def header_layer(name):
    """layer of include/qcity/NAME, or None for a header of types only"""
    text = open(os.path.join("include/qcity", name), encoding="utf-8").read()
    layers = set()
    for fn in set(re.findall(r"\b(qc_\w+)\s*\(", text)):
        layers |= DEFS.get(fn, set())
    if not layers:
        return None
    return max(layers, key=lambda l: RANK[l])

HDR = {h: header_layer(h) for h in os.listdir("include/qcity")
       if h.endswith(".h")}
INC = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)

def check(path, layer):
    src = open(path, encoding="utf-8").read()
    for m in INC.finditer(src):
        inc = m.group(1)
        line = src.count("\n", 0, m.start()) + 1
        if inc.startswith("qcity/"):
            to = HDR.get(inc[len("qcity/"):])
        else:
            rel = os.path.normpath(os.path.join(os.path.dirname(path), inc))
            if not os.path.exists(rel):
                rel = os.path.normpath(inc)   # the source root is on the path
            if os.path.exists(rel) and rel.startswith("src/lib/"):
                to = rel.split("/")[2]
                if layer is None:
                    errors.append(f"{path}:{line}: includes {inc}, a private"
                                  f" header of src/lib/{to}")
                    continue
            else:
                continue   # banned.h, generated, system or local to a face
        if to is None or layer is None or to == layer:
            continue
        if RANK[to] >= RANK[layer]:
            if f"{path}:{inc}" in EXCEPTIONS:
                used.add(f"{path}:{inc}")
                continue
            errors.append(f"{path}:{line}: {layer} includes {inc} of "
                          f"{to}, which is not below it")

for layer in RANK:
    d = os.path.join("src/lib", layer)
    for f in sorted(os.listdir(d)):
        if f.endswith((".c", ".h")):
            check(os.path.join(d, f), layer)
for top in ("src/cli", "src/server", "src/common", "tests", "bench", "fuzz"):
    for dp, _, fs in os.walk(top):
        for f in sorted(fs):
            if f.endswith((".c", ".h")):
                check(os.path.join(dp, f), None)
for k in sorted(set(EXCEPTIONS) - used):
    errors.append(f"{k}: listed in EXCEPTIONS but no longer included "
                  "upward; remove the entry")
for e in errors:
    print(e, file=sys.stderr)
if errors:
    print(f"check_layers: {len(errors)} upward includes (layers: "
          f"docs/architecture.md)", file=sys.stderr)
    sys.exit(1)
print(f"check_layers: layers {', '.join(sorted(RANK, key=RANK.get))}: "
      f"no upward include ({len(used)} known exceptions)")
