// Attachments, progress reports with files, the entry checks and review
// with the data in view over HTTP (issue 16), on the engine QCITY_TEST_PG
// chooses: upload limits (an announced size over the cap is refused
// before the body is read; a streamed one as it passes the cap), type
// checks by content, permissions (a unit reads only its own unit's files
// and submissions; viewers and region users upload nothing; anonymous
// users nothing at all), files kept once by content, the server's jump
// check, and per-item decisions with their reasons.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { execFileSync } from 'node:child_process';
import { demoDb, startServer, cleanup, QCITY } from './server.mjs';

const PW = 'qcity-demo';
let base;
let n = 0;
const ok = (what) => console.log(`ok ${++n} - ${what}`);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< >>\nendobj\n%%EOF\n');

async function call(method, path, { body, token, raw, headers = {} } = {}) {
  const h = { ...headers };
  if (token) h.Authorization = `Bearer ${token}`;
  if (body !== undefined) h['Content-Type'] = 'application/json';
  const opts = { method, headers: h };
  if (raw !== undefined) { opts.body = raw; if (raw instanceof ReadableStream) opts.duplex = 'half'; }
  else if (body !== undefined) opts.body = JSON.stringify(body);
  const res = await fetch(base + path, opts);
  const buf = Buffer.from(await res.arrayBuffer());
  let json = null;
  try { json = JSON.parse(buf.toString()); } catch { /* a file */ }
  return { status: res.status, json, buf, headers: res.headers, text: buf.toString().slice(0, 300) };
}

const { dir, db, env } = demoDb();
const files = join(dir, 'files');
// An office bound to a county (新兴区): the demo's units are the city's,
// so none is in its scope.
const COUNTY_PW = 'amber-kettle-seventy';
execFileSync(QCITY, ['--db', db, 'user', 'add', 'county', '--role', 'office', '--region', '230902', '--password-stdin'],
  { env, input: `${COUNTY_PW}\n`, stdio: ['pipe', 'ignore', 'inherit'] });
const server = await startServer(db, env, ['--files', files, '--upload-max', '1']);
base = server.base;
try {
  const tok = {};
  const who = {};
  for (const role of ['viewer', 'unit', 'region', 'office', 'county']) {
    const res = await fetch(`${base}/api/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: role, password: role === 'county' ? COUNTY_PW : PW }) });
    const j = await res.json();
    who[role] = { ...j.user, cookie: res.headers.get('set-cookie').split(';')[0], csrf: j.csrf };
    const t = await fetch(`${base}/api/tokens`, { method: 'POST', headers: { 'Content-Type': 'application/json',
      Cookie: who[role].cookie, 'X-CSRF-Token': j.csrf }, body: JSON.stringify({ name: 'attach' }) });
    tok[role] = (await t.json()).token;
  }
  const unitId = who.unit.unit_id;

  // ---- types and limits ----
  let r = await call('POST', '/api/attachments?name=%E6%80%BB%E7%BB%93.pdf', { raw: PDF, token: tok.unit });
  assert.equal(r.status, 201, r.text);
  const own = r.json;
  assert.equal(own.mime, 'application/pdf');
  assert.equal(own.name, '总结.pdf');
  assert.equal(own.unit_id, unitId);
  assert.equal(own.sha256, createHash('sha256').update(PDF).digest('hex'));
  r = await call('POST', '/api/attachments?name=again.pdf', { raw: PDF, token: tok.unit });
  assert.equal(r.status, 201);
  assert.equal(r.json.sha256, own.sha256);
  const shard = readdirSync(files).filter((d) => d !== 'tmp');
  assert.deepEqual(shard, [own.sha256.slice(0, 2)]);
  assert.deepEqual(readdirSync(join(files, shard[0])), [own.sha256], 'the same content is stored once');
  ok('a PDF is stored by its sha256 under the data directory, once for the same content');

  for (const [name, raw, want, msg] of [
    ['a.pdf', Buffer.from('just text'), 415, /只接受 PDF/],
    ['a.docx', PDF, 415, /\.docx/],
    ['a.exe', PDF, 415, /\.pdf、\.docx/],
    ['a.pdf', Buffer.alloc(0), 415, /空/],
    ['a.png', Buffer.from('<svg onload=alert(1)>'), 415, /只接受/],
  ]) {
    r = await call('POST', `/api/attachments?name=${name}`, { raw, token: tok.unit });
    assert.equal(r.status, want, `${name}: ${r.text}`);
    assert.match(r.json.error, msg);
  }
  r = await call('POST', '/api/attachments', { raw: PDF, token: tok.unit });
  assert.equal(r.status, 400);
  assert.match(r.json.error, /文件名/);
  ok('the type is judged by content: text, a PDF named .docx or .exe, an empty file, an SVG named .png are refused (415, in Chinese)');

  const big = Buffer.alloc((1 << 20) + 1, 0x20);
  PDF.copy(big);
  r = await call('POST', '/api/attachments?name=big.pdf', { raw: big, token: tok.unit });
  assert.equal(r.status, 413, r.text);
  assert.match(r.json.error, /1 MB/);
  // The same refusal, three times in a row: the body is read and
  // dropped before the answer, so a client that writes it all first
  // reads a 413, never a reset (EPIPE) of a connection closed under it.
  for (let i = 0; i < 3; i++) {
    r = await call('POST', '/api/attachments?name=big.pdf', { raw: big, token: tok.unit });
    assert.equal(r.status, 413, r.text);
  }
  // A client that asks "Expect: 100-continue" gets the refusal before it
  // sends a byte of the body (it is never told to continue).
  const early = await new Promise((resolve, reject) => {
    const u = new URL(base + '/api/attachments?name=big.pdf');
    const q = request({ host: u.hostname, port: u.port, path: u.pathname + u.search, method: 'POST',
      headers: { Authorization: `Bearer ${tok.unit}`, 'Content-Length': big.length, Expect: '100-continue' } });
    let continued = false;
    q.on('continue', () => { continued = true; q.end(big); });
    q.on('response', (res) => { res.resume(); res.on('end', () => resolve({ status: res.statusCode, continued })); });
    q.on('error', reject);
    q.flushHeaders();
  });
  assert.deepEqual(early, { status: 413, continued: false });
  // Streamed without a length: refused once the cap is passed.
  const chunks = [big.subarray(0, 600000), big.subarray(600000)];
  const stream = new ReadableStream({ pull(c) { const x = chunks.shift(); if (x) c.enqueue(x); else c.close(); } });
  r = await call('POST', '/api/attachments?name=big.pdf', { raw: stream, token: tok.unit });
  assert.equal(r.status, 413, r.text);
  r = await call('POST', '/api/attachments?name=cap.pdf', { raw: big.subarray(0, 1 << 20), token: tok.unit });
  assert.equal(r.status, 201, 'exactly the cap is taken');
  assert.deepEqual(readdirSync(join(files, 'tmp')), [], 'no temporary file is left behind');
  ok('over the cap (--upload-max 1): 413 whether the size is announced (read and dropped, or refused before the body with Expect: 100-continue) or streamed; exactly the cap is taken; nothing left in tmp/');

  // ---- permissions ----
  const forestry = (await call('GET', '/api/units?region=230900', { token: tok.office })).json.find((u) => u.name === '市林业局').id;
  r = await call('POST', `/api/attachments?name=other.pdf&unit=${forestry}`, { raw: PDF, token: tok.office });
  assert.equal(r.status, 201, r.text);
  const other = r.json;
  assert.equal(other.unit_id, forestry);
  r = await call('GET', `/api/attachments/${own.id}`, { token: tok.unit });
  assert.equal(r.status, 200);
  assert.deepEqual(r.buf, PDF);
  assert.equal(r.headers.get('content-type'), 'application/pdf');
  assert.match(r.headers.get('content-disposition'), /^attachment; filename\*=UTF-8''%E6%80%BB%E7%BB%93\.pdf$/);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  r = await call('GET', `/api/attachments/${other.id}`, { token: tok.unit });
  assert.equal(r.status, 403, 'a unit cannot read another unit\'s attachment');
  assert.match(r.json.error, /其他单位/);
  r = await call('GET', `/api/attachments/${other.id}`, { token: tok.office });
  assert.equal(r.status, 200, 'the office reads every unit\'s files');
  for (const role of ['viewer', 'region']) {
    assert.equal((await call('GET', `/api/attachments/${own.id}`, { token: tok[role] })).status, 403);
    assert.equal((await call('POST', '/api/attachments?name=x.pdf', { raw: PDF, token: tok[role] })).status, 403);
  }
  assert.equal((await call('GET', `/api/attachments/${own.id}`)).status, 401);
  assert.equal((await call('POST', '/api/attachments?name=x.pdf', { raw: PDF })).status, 401);
  assert.equal((await call('GET', '/api/attachments/999999', { token: tok.office })).status, 404);
  // An office bound to a region reads the files of its region's units
  // only; one filed for no unit only its uploader or an office of every
  // region reads.
  r = await call('POST', '/api/attachments?name=office.pdf', { raw: Buffer.concat([PDF, Buffer.from('%no unit\n')]), token: tok.office });
  assert.equal(r.status, 201, r.text);
  const loose = r.json;
  assert.equal(loose.unit_id, null, r.text);
  for (const a of [own, other, loose])
    assert.equal((await call('GET', `/api/attachments/${a.id}`, { token: tok.county })).status, 403, `county office, file ${a.name}`);
  assert.equal((await call('GET', `/api/attachments/${loose.id}`, { token: tok.office })).status, 200);
  assert.equal((await call('GET', `/api/attachments/${loose.id}`, { token: tok.unit })).status, 403);
  // A browser session must send its CSRF token to upload.
  r = await call('POST', '/api/attachments?name=x.pdf', { raw: PDF, headers: { Cookie: who.unit.cookie } });
  assert.equal(r.status, 403);
  r = await call('POST', '/api/attachments?name=x.pdf', { raw: PDF, headers: { Cookie: who.unit.cookie, 'X-CSRF-Token': who.unit.csrf } });
  assert.equal(r.status, 201);
  ok('a unit reads its own files only (403 for another unit\'s), the office all; viewers, region users and anonymous users neither read nor upload; a session upload needs its CSRF token');

  // ---- a report with files, submitted and reviewed ----
  const task = (await call('GET', '/api/plans/1/tasks', { token: tok.unit })).json.find((t) => t.unit === who.unit.unit).key;
  r = await call('POST', '/api/progress', { token: tok.unit, body: { plan: 1, task, period: '2020-H1', status: 'in_progress',
    text: '上半年总结', attachments: [other.id] } });
  assert.equal(r.status, 404, 'another unit\'s file cannot be attached');
  assert.ok(!r.text.includes('other.pdf'), `another unit's file is not named: ${r.text}`);
  const unknown = await call('POST', '/api/progress', { token: tok.unit, body: { plan: 1, task, period: '2020-H1', status: 'in_progress',
    text: '上半年总结', attachments: [999999] } });
  assert.equal(unknown.status, 404);
  assert.equal(unknown.json.error.replace('999999', 'N'), r.json.error.replace(String(other.id), 'N'),
    'another unit\'s file and none are refused alike');
  r = await call('POST', '/api/progress', { token: tok.unit, body: { plan: 1, task, period: '2020-H1', status: 'in_progress',
    text: '上半年总结', attachments: ['1'] } });
  assert.equal(r.status, 400);
  r = await call('POST', '/api/progress', { token: tok.unit, body: { plan: 1, task, period: '2020-H1', status: 'in_progress',
    text: '上半年总结', attachments: [own.id] } });
  assert.equal(r.status, 200, r.text);
  const reportId = r.json.id;
  r = await call('GET', '/api/progress?plan=1&period=2020-H1', { token: tok.unit });
  assert.deepEqual(r.json.map((x) => x.attachments.map((a) => a.id)), [[own.id]]);
  assert.equal((await call('GET', `/api/progress?unit=${forestry}`, { token: tok.unit })).status, 403);

  // An answer to a 督查 item takes the item's unit's files only, as a
  // report does: not another unit's, not an id that names none.
  r = await call('POST', '/api/supervision', { token: tok.office, body: { plan: 1, unit_id: unitId,
    finding: '附件督查', rectify: '整改', deadline: '2030-12-31' } });
  assert.equal(r.status, 201, r.text);
  const item = r.json.id;
  const said = {};
  for (const [att, want] of [[String(other.id), 404], ['999999', 404], ['sha256:ab', 400], [String(loose.id), 404]]) {
    r = await call('POST', `/api/supervision/${item}/answer`, { token: tok.unit, body: { text: '已整改', attachments: [att] } });
    assert.equal(r.status, want, `${att}: ${r.text}`);
    assert.ok(!r.text.includes('other.pdf') && !r.text.includes('office.pdf'), `no file is named: ${r.text}`);
    said[att] = r.json.error.replace(att, 'N');
  }
  assert.equal(said[String(other.id)], said['999999'], 'another unit\'s file and none are refused alike');
  assert.match(said['999999'], /不是本单位的文件或不存在/);
  // An office bound to a county sees the city unit's item (the office
  // reads all) but may not answer it, as it may not close it.
  r = await call('POST', `/api/supervision/${item}/answer`, { token: tok.county, body: { text: '代答' } });
  assert.equal(r.status, 403, `county office answers: ${r.text}`);
  r = await call('GET', `/api/supervision/${item}`, { token: tok.unit });
  assert.equal(r.json.state, 'open', 'a refused answer writes nothing');
  r = await call('POST', `/api/supervision/${item}/answer`, { token: tok.unit, body: { text: '已整改', attachments: [String(own.id)] } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.state, 'answered');

  // The server enforces the entry checks: a jump needs a note.
  const entry = (await call('GET', '/api/plans/1/entry', { token: tok.unit })).json;
  assert.equal(entry.period, '2020', 'no period: the latest year that has ended');
  assert.ok(entry.calendar.some((c) => c.period === '2020-H1' && c.kind === 'half_year'));
  const t = entry.targets.find((x) => x.previous != null && x.previous > 10);
  r = await call('POST', '/api/values', { token: tok.unit, body: { indicator: t.canonical, period: '2020', value: Math.round(t.previous * 0.3) } });
  assert.equal(r.status, 400);
  assert.match(r.json.error, /请在备注中说明原因/);
  r = await call('POST', '/api/values', { token: tok.unit, body: { indicator: t.canonical, period: '2020-H1', value: 77.7 } });
  assert.equal(r.status, 200, r.text);
  r = await call('POST', '/api/plans/1/entry-rules', { token: tok.office, body: { jump_factor: -1 } });
  assert.equal(r.status, 400);
  assert.equal((await call('POST', '/api/plans/1/entry-rules', { token: tok.unit, body: { jump_factor: 2 } })).status, 403);
  ok('a report and an answer to a 督查 item take their own unit\'s files only; the server refuses a jump without a note, in Chinese');

  r = await call('POST', '/api/submissions', { token: tok.unit, body: { period: '2020-H1' } });
  assert.equal(r.status, 201, r.text);
  const sid = r.json.id;
  r = await call('GET', `/api/submissions/${sid}`, { token: tok.office });
  assert.equal(r.status, 200);
  assert.equal(r.json.person, 'unit');
  const value = r.json.items.find((x) => x.kind === 'value' && x.label === t.canonical);
  assert.equal(value.value, 77.7);
  assert.ok(value.requirement);
  const rep = r.json.items.find((x) => x.kind === 'report');
  assert.equal(rep.id, reportId);
  assert.equal(rep.attachments[0].url, `/api/attachments/${own.id}`);
  assert.equal((await call('GET', `/api/submissions/${sid}`, { token: tok.unit })).status, 200);
  r = await call('POST', `/api/submissions/${sid}/items`, { token: tok.unit, body: { kind: 'value', id: value.id, decision: 'accepted' } });
  assert.equal(r.status, 403, 'a unit does not decide');
  r = await call('POST', `/api/submissions/${sid}/items`, { token: tok.office, body: { kind: 'value', id: value.id, decision: 'returned' } });
  assert.equal(r.status, 400, 'a return needs a reason');
  r = await call('POST', `/api/submissions/${sid}/items`, { token: tok.office, body: { kind: 'value', id: value.id, decision: 'returned', reason: '请核实' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.state, 'returned');
  assert.equal(r.json.reason, `${t.canonical}：请核实`);
  const back = r.json.items.find((x) => x.id === value.id && x.kind === 'value');
  assert.equal(back.decision, 'returned');
  assert.deepEqual(back.history.map((e) => e.what), ['value', 'returned']);
  // The reason is where reminders can find it: the queue lists it.
  r = await call('GET', '/api/submissions?state=returned', { token: tok.unit });
  assert.ok(r.json.some((x) => x.id === sid && x.reason.includes('请核实')));
  ok('the office sees value, target, submitter and files, returns one value with a reason; the submission is returned and the reason listed');
} finally {
  await server.stop();
  cleanup(dir);
}
