#!/usr/bin/env python3
"""Unreadable, empty, binary and truncated documents get one message and a
non-zero exit (6 EXIT_IO or 7 EXIT_UNSUPPORTED), never a crash.

usage: check_bad_input.py QCITY SEED.txt"""
import io, os, subprocess, sys, tempfile, zipfile

qcity, seed = sys.argv[1:3]
text = open(seed, "rb").read()
gb = text.decode("utf-8").encode("gb18030")
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w") as z:
    z.writestr("word/document.xml", "<w:document/>" * 200)
docx = buf.getvalue()
cases = {
    "empty.txt": b"",
    "binary.bin": bytes(range(256)) * 8,
    "elf": open(sys.executable, "rb").read(4096),
    "truncated.docx": docx[: len(docx) // 2],
    "nodoc.docx": b"PK\x03\x04" + b"\0" * 100,
    "old.doc": b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\0" * 600,
    "paper.pdf": b"%PDF-1.4\n%\xe2\xe3\n1 0 obj\n",
    "latin1.txt": "caf\xe9 \xff\xfe\xfd".encode("latin-1") * 3,
    "utf16.txt": "质量".encode("utf-16"),
    "gbcut.txt": gb[:-1] if gb[-1] >= 0x80 else gb[:-3] + b"\xd6",
    # text for three 1 MiB windows (its targets already handed on
    # when the NUL is read): still one message, no catalogue rows
    "late_binary.txt": (text + b"\n") * (1 + (3 << 20) // len(text)) + b"\0\1\n",
}
failed = []
with tempfile.TemporaryDirectory() as d:
    for name, data in cases.items():
        path = os.path.join(d, name)
        with open(path, "wb") as f:
            f.write(data)
        for fmt in ["json", "text"] if name.startswith("late") else ["json"]:
            out = subprocess.run([qcity, "plan", "extract", path, "--format", fmt],
                                 capture_output=True, timeout=120)
            err = out.stderr.decode(errors="replace").strip()
            ok = (out.returncode in (6, 7) and err.startswith(("qcity:", "qcity："))
                  and len(err.splitlines()) == 1 and not out.stdout)
            print(f"{name:16} exit {out.returncode}  {err[:120]}")
            if not ok:
                failed.append(name)
    out = subprocess.run([qcity, "plan", "extract", os.path.join(d, "missing.txt")],
                         capture_output=True)
    print(f"missing.txt      exit {out.returncode}")
    if out.returncode != 6:
        failed.append("missing.txt")
if failed:
    sys.exit(f"not refused cleanly: {failed}")
