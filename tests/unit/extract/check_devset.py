#!/usr/bin/env python3
"""Score the extractor on the development set of other places' plans
(tests/data/plans, issue 22) with ../shared/tools/score-extract and fail
below the floor. The floor sits under today's figures so that a change
that loses accuracy on unseen plans fails here, not only on the
maintainers' held-out set.

usage: check_devset.py SCORE-EXTRACT PLANS-DIR QCITY"""
import json, os, shlex, subprocess, sys

score, plans, qcity = sys.argv[1:4]
if not os.path.exists(score):
    print(f"skipped: {score} is not here")
    sys.exit(77)
cmd = f"{shlex.quote(qcity)} plan extract --format json {{}}"
out = subprocess.run([sys.executable, score, "--docs", plans,
                      "--gold", f"{plans}/gold", "--cmd", cmd, "--json"],
                     capture_output=True, text=True, timeout=600)
sys.stdout.write(out.stdout)
sys.stderr.write(out.stderr)
if out.returncode != 0:
    sys.exit(f"score-extract exited {out.returncode}")
summary = next(json.loads(l) for l in out.stdout.splitlines() if l.startswith("{"))
bars = {"f1": 0.95, "precision": 0.95, "recall": 0.95, "op_acc": 0.95,
        "name_acc": 0.95}
low = {k: summary[k] for k, v in bars.items() if summary[k] < v}
if low:
    sys.exit(f"below the floor: {low}")
print("ok:", {k: round(summary[k], 3) for k in bars})
