#!/usr/bin/env bash
# Reminder mail through a real SMTP server: Debian's python3-aiosmtpd,
# started here as a sink that writes each message to a maildir. A mail
# refused while the sink is down is logged and retried after its backoff;
# once the sink is up each message arrives once, and later runs send
# nothing again. Also the 督查 and accountability commands.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
"$PY" -c 'import aiosmtpd' 2>/dev/null || fail "python3-aiosmtpd is missing (scripts/install-deps)"

shared_db demo
port=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# No server yet: no port or TLS for it, and Chinese punctuation.
run 0 remind config
contains "$out" "未设置，仅发站内提醒" "remind config without a server"
case "$out" in *":25"*|*"TLS"*) fail "remind config shows a port of no server: $out";; esac
run 0 remind config --host 127.0.0.1 --port "$port" --tls none --from qcity@example.org --due-days 5
contains "$out" "127.0.0.1:$port" "remind config shows the server"
printf 'smtp-secret-1\n' | "$QCITY" remind config --user qcity --password-stdin >/dev/null ||
	fail "remind config --password-stdin"
run 0 --json remind config
contains "$out" '"password_set": true' "a password is set"
case "$out" in *smtp-secret-1*) fail "the password is shown back";; esac
run 0 user email unit unit@example.org
run 0 user email office office@example.org
run 3 user email unit 'not-an-address'
ok "SMTP settings and addresses"

# A 督查 item for the demo unit: opened, listed, answered, closed.
run 0 --json supervision open --plan 1 --unit 230900/市市场监管局 --task 一 \
	--finding 抽查不合格产品未跟踪处置 --rectify 月底前完成后处理 --deadline 2026-02-20
id=$(printf '%s' "$out" | jq -r .id)
run 4 supervision open --plan 1 --unit 230900/市市场监管局 --task 不存在 \
	--finding x --rectify y --deadline 2026-02-20
run 0 supervision list --unit 230900/市市场监管局
contains "$out" "抽查不合格产品未跟踪处置" "supervision list"
contains "$out" "待整改" "supervision list: the state by its name"
contains "$out" "整改期限" "supervision list: its headings"
case "$out" in *open*) fail "supervision list shows the state code: $out";; esac
# Attachments: stored files' ids, each the item's unit's (as over HTTP,
# test_attach.mjs); the rows stand in for uploads (the check reads rows).
file_of() { # file_of UNIT-NAME: a stored file's id
	db_sql "INSERT INTO attachments (sha256, size, mime, name, unit_id, uploaded_by, uploaded_at)
		SELECT '$(printf '0%.0s' $(seq 64))', 1, 'application/pdf', '整改报告.pdf', id, 'unit',
		'2026-02-01T00:00:00Z' FROM units WHERE region_code = '230900' AND name = '$1' RETURNING id"
}
own=$(file_of 市市场监管局)
theirs=$(file_of 市公安局)
[ -n "$own" ] && [ -n "$theirs" ] || fail "attachment rows: '$own' '$theirs'"
before=$(db_rows_digest)
run 1 supervision answer "$id" --text 已完成后处理 --attachment "$own" --attachment "$theirs"
contains "$errout" "是其他单位上传的" "another unit's file refused"
case "$errout" in *整改报告.pdf*) fail "another unit's file named: $errout";; esac
run 4 supervision answer "$id" --text 已完成后处理 --attachment 999999
run 3 supervision answer "$id" --text 已完成后处理 --attachment sha256:0f1e
contains "$errout" "sha256:0f1e" "a content hash is not an id"
[ "$(db_rows_digest)" = "$before" ] || fail "a refused answer wrote something"
run 0 supervision answer "$id" --text 已完成后处理 --attachment "$own"
run 0 --json supervision show "$id"
[ "$(printf '%s' "$out" | jq -r .state)" = answered ] || fail "answered: $out"
[ "$(printf '%s' "$out" | jq -r '.steps[1].attachments[0]')" = "$own" ] || fail "attachment id kept: $out"
run 0 accountability add --unit 230900/市市场监管局 --year 2020 --kind 约谈 --item "$id" --note 约谈主要负责人
cat > scheme.json <<'JSON'
{"format": "qcity-scheme/1", "year": 2020, "items": [
 {"key": "T1", "kind": "target", "target": "产品质量监督抽查合格率达到98%", "points": 10},
 {"key": "A", "kind": "accountability", "points": 10, "per_interview": 2}]}
JSON
run 0 --json assess --plan 1 --year 2020 --scheme scheme.json
printf '%s' "$out" | jq -e '.subjects[] | select(.name == "市市场监管局") | .deduction == 2 and
	([.items[] | select(.item == "A" and .points == -2)] | length == 1)' >/dev/null ||
	fail "the assessment deducts 2 for the 约谈: $(printf '%s' "$out" | head -c 600)"
ok "督查 item opened, answered; accountability flows into the assessment"

# The sink is down: every mail fails, is logged and waits 1 minute.
run 0 --json remind run --now 2026-03-02T08:00:00Z
queued=$(printf '%s' "$out" | jq .queued)
[ "$queued" -ge 2 ] || fail "mail queued for the unit and the office: $out"
[ "$(printf '%s' "$out" | jq .failed)" = "$queued" ] || fail "all failed with no server: $out"
[ "$(printf '%s' "$out" | jq .sent)" = 0 ] || fail "nothing sent: $out"
run 0 --json remind log
printf '%s' "$out" | jq -e 'all(.[]; .state == "pending" and .attempts == 1 and (.last_error | length) > 0 and .next_at == "2026-03-02T08:01:00Z")' >/dev/null ||
	fail "failures logged with the error and the next try: $out"
ok "refused mail is logged and retried later ($queued mails)"

# The sink makes the maildir itself (an existing empty folder it refuses).
"$PY" -m aiosmtpd -n -l "127.0.0.1:$port" -c aiosmtpd.handlers.Mailbox "$WORK/mail" &
sink=$!
trap 'kill $sink 2>/dev/null; wait $sink 2>/dev/null; rm_behind "$WORK"' EXIT
for _ in $(seq 50); do
	"$PY" -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)" 2>/dev/null && break
	sleep 0.2
done
# Before the retry time nothing is tried; after it, each mail is sent once.
run 0 --json remind run --now 2026-03-02T08:00:30Z
[ "$(printf '%s' "$out" | jq .sent)" = 0 ] || fail "too early to retry: $out"
run 0 --json remind run --now 2026-03-02T08:01:00Z
[ "$(printf '%s' "$out" | jq .sent)" = "$queued" ] || fail "all sent on retry: $out"
got=$(ls "$WORK/mail/new" | wc -l)
[ "$got" -eq "$queued" ] || fail "the sink holds $got messages, expected $queued"
run 0 --json remind run --now 2026-03-02T09:00:00Z
[ "$(printf '%s' "$out" | jq '.sent + .events')" = 0 ] || fail "nothing new, nothing resent: $out"
run 0 --json remind run --now 2026-03-03T09:00:00Z
got=$(ls "$WORK/mail/new" | wc -l)
[ "$got" -eq "$queued" ] || fail "after more runs the sink holds $got messages, expected $queued"
ok "each message arrived once ($got), nothing sent twice"

# The messages: to the unit and the office, subject and body in UTF-8.
msg=$(grep -l '^To: <unit@example.org>' "$WORK"/mail/new/* | head -1)
[ -n "$msg" ] || fail "no message to unit@example.org"
"$PY" - "$WORK/mail/new" <<'PYCHECK' || fail "message contents"
import email, email.header, email.policy, os, sys
d = sys.argv[1]
seen = {}
for f in os.listdir(d):
    m = email.message_from_binary_file(open(os.path.join(d, f), 'rb'), policy=email.policy.default)
    seen.setdefault(str(m['To']).strip('<>'), []).append((str(m['Subject']), m.get_content()))
unit = seen['unit@example.org']
assert any('督查事项' in s and '月底前完成后处理' in b for s, b in unit), unit
office = seen['office@example.org']
assert any('每周汇总' in s for s, b in office), office
print('ok')
PYCHECK
run 0 remind log
contains "$out" "已发送" "the log shows sent mail, its state in Chinese"
case "$out" in *"	sent	"*) fail "remind log shows the state code 'sent'";; esac
ok "messages carry the reminder in Chinese, to the right people"

run 0 inbox unit
contains "$out" "督查事项" "the unit's inbox"
contains "$out" "unit：" "the inbox's count after a Chinese colon"
run 0 inbox unit --read all
run 0 --json inbox unit --unread
[ "$(printf '%s' "$out" | jq length)" = 0 ] || fail "all read: $out"
run 0 supervision close "$id" --note 整改到位
run 3 supervision close "$id"
run 0 supervision show "$id"
contains "$out" "（已办结）" "supervision show: the state by its name"
contains "$out" "答复：已完成后处理" "supervision show: the steps by their names"
contains "$out" "问题：" "supervision show: Chinese colons"
case "$out" in *[0-9]T[0-9][0-9]:*Z*) fail "supervision show shows a raw UTC time: $out";; esac
case "$out" in *closed*|*" answer"*) fail "supervision show shows codes: $out";; esac
ok "inbox read; item closed once"
