#!/usr/bin/env bash
# Start-up (issue 20, part 6): qcity links only what every call may need;
# PDF and charts, xlsx, PostgreSQL, curl, HTTP and HTML/docx are loaded on
# the first call that uses them (src/lazy); traditional text converts
# without OpenCC (its dictionaries are built in). Checks what the
# binary links and what the dynamic loader initialises for calls that
# need none of them, and that a call that does need one loads it. Times
# nothing: bench/start prints the figures.
. "$(dirname "$0")/lib.sh"

heavy='lib(pq|curl|cairo|pango|pangocairo|fontconfig|xlsxwriter|microhttpd|xml2|zip|opencc)[.-]'

needed=$(readelf -d "$QCITY" | grep NEEDED)
[ -n "$needed" ] || fail "readelf lists no NEEDED entries for $QCITY"
if grep -E "\[$heavy" <<<"$needed"; then
	fail "qcity links a library it should load on first use"
fi
ok "qcity does not link the libraries loaded on first use"

# inits CMD...: the libraries the loader initialises for qcity CMD.
inits() {
	LD_DEBUG=files "$QCITY" "$@" 2>&1 >/dev/null |
		grep -o 'calling init: [^ ]*' || true
}

printf '到2025年,产品质量合格率达到95%%以上。\n' >simp.txt
printf '到2025年,產品質量合格率達到95%%以上。\n' >trad.txt
for cmd in "--version" "--help" "plan extract simp.txt" \
	"plan extract trad.txt"; do
	# shellcheck disable=SC2086
	loaded=$(inits $cmd)
	grep -q 'libc.so' <<<"$loaded" ||
		fail "LD_DEBUG=files shows no library for qcity $cmd"
	if grep -E "/$heavy" <<<"$loaded"; then
		fail "qcity $cmd loads a library it does not need"
	fi
done
ok "--version, --help and extracting a text load none of them"

run 0 plan extract trad.txt
grep -q '"canonical":"产品质量监督抽查合格率"' <<<"$out" ||
	fail "the traditional text was not converted: $out"
grep -q '"indicator":"產品質量合格率"' <<<"$out" ||
	fail "the traditional text lost its written form: $out"
ok "a traditional text is read through the conversion, names as written"

# A call that needs a library loads it then: an HTML plan, libxml2.
printf '<html><body><p>到2025年,产品质量合格率达到95%%以上。</p></body></html>\n' >plan.html
loaded=$(inits plan extract plan.html)
grep -q '/libxml2' <<<"$loaded" ||
	fail "extracting an HTML plan did not load libxml2: $loaded"
run 0 plan extract plan.html
grep -q '"value":95' <<<"$out" || fail "the HTML plan was not read: $out"
ok "reading an HTML plan loads libxml2 on first use"
