// One language for users (issue 16): every API error body carries its
// message in Chinese (no English words outside tests/i18n-allow.txt) and a
// stable code beside it; the status rows carry the code, a zh label and a
// reason code; a server started with QCITY_LANG=en answers in English.
import assert from 'node:assert/strict';
import { demoDb, startServer, cleanup, SRC } from './server.mjs';
import { allowList, englishWords } from '../i18n-scan.mjs';

const allow = allowList(SRC);
const CODE = { 400: 'bad_request', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found',
  405: 'method_not_allowed', 409: 'conflict', 413: 'too_large', 415: 'unsupported' };
let n = 0;
const ok = (what) => console.log(`ok ${++n} - ${what}`);

function client(base) {
  return async (method, path, { body, raw, token, type } = {}) => {
    const headers = {};
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined || raw !== undefined) headers['Content-Type'] = type || 'application/json';
    const res = await fetch(base + path, { method, headers,
      body: raw !== undefined ? raw : body !== undefined ? JSON.stringify(body) : undefined });
    const text = await res.text();
    let json = null;
    try { json = JSON.parse(text); } catch { /* not JSON */ }
    return { status: res.status, json, text, headers: res.headers };
  };
}

async function signIn(call, name) {
  const r = await call('POST', '/api/login', { body: { name, password: 'qcity-demo' } });
  assert.equal(r.status, 200, r.text);
  const cookie = r.headers.get('set-cookie').split(';')[0];
  const t = await fetch(call.base + '/api/tokens', { method: 'POST',
    headers: { Cookie: cookie, 'X-CSRF-Token': r.json.csrf, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: '测试' }) });
  assert.equal(t.status, 201);
  return (await t.json()).token;
}

const { dir, db, env } = demoDb();
const server = await startServer(db, { ...env, LANG: 'en_US.UTF-8', QCITY_LANG: '' });
try {
  const call = client(server.base);
  call.base = server.base;
  const office = await signIn(call, 'office');
  const unit = await signIn(call, 'unit');
  const entry = (await call('GET', '/api/plans/1/entry?period=2019', { token: unit })).json;
  const indicator = entry.targets[0].canonical;
  const region = entry.region;

  // The review lock: the unit's 2019 values accepted, then written again.
  assert.equal((await call('POST', '/api/values', { token: unit, body: { indicator, region, period: '2019', value: 77.5 } })).status, 200);
  const sub = await call('POST', '/api/submissions', { token: unit, body: { period: '2019' } });
  assert.equal(sub.status, 201, sub.text);
  assert.equal((await call('POST', `/api/submissions/${sub.json.id}/accept`, { token: office, body: {} })).status, 200);

  const cases = [
    ['GET', '/api/plans', {}, 401, 'not signed in'],
    ['POST', '/api/login', { body: { name: 'office', password: 'wrong password here' } }, 403, 'wrong password'],
    ['GET', '/api/plans/1x/status', { token: office }, 400, 'an id that is not one'],
    ['GET', '/api/plans/99/status', { token: office }, 404, 'no such plan'],
    ['GET', '/api/nothing', { token: office }, 404, 'no such route'],
    ['DELETE', '/api/units', { token: office }, 405, 'a method the route lacks'],
    ['POST', '/api/values', { token: office, raw: '{"indicator": "x",' }, 400, 'broken JSON'],
    ['POST', '/api/values', { token: office, raw: '[1,2]' }, 400, 'JSON that is no object'],
    ['POST', '/api/values', { token: office, raw: 'indicator=x', type: 'application/x-www-form-urlencoded' }, 415, 'a form body'],
    ['POST', '/api/values', { token: office, raw: JSON.stringify({ note: 'x'.repeat(100 * 1024) }) }, 413, 'an oversized body'],
    ['POST', '/api/values', { token: office, body: { indicator, region, period: '2016', value: '98%' } }, 400, 'a number with a unit'],
    ['POST', '/api/values', { token: office, body: { indicator, region, period: '2016年', value: 1 } }, 400, 'a free-text period'],
    ['POST', '/api/values', { token: office, body: { indicator, region, period: '2016', value: 130 } }, 400, 'a rate over 100'],
    ['POST', '/api/values', { token: office, body: { indicator: '不存在的指标', region, period: '2016', value: 1 } }, 404, 'an unknown indicator'],
    ['POST', '/api/values', { token: unit, body: { indicator: '森林覆盖率', region, period: '2016', value: 1 } }, 403, 'another unit\'s indicator'],
    ['POST', '/api/values', { token: unit, body: { indicator, region, period: '2019', value: 78 } }, 409, 'the review lock'],
    ['POST', '/api/submissions/1/return', { token: office, body: {} }, 400, 'a return without reason'],
    ['POST', '/api/units', { token: unit, body: { name: '某局', region } }, 403, 'a unit adding units'],
    ['GET', '/api/sampling?limit=99999999999999999999', { token: office }, 400, 'a number out of range'],
    ['PATCH', '/api/plans/1/edit/target/1', { token: office, body: { value: '九十' } }, 400, 'a plan edit with a bad number'],
    ['POST', '/api/users', { token: null, body: {} }, 401, 'an anonymous write'],
  ];
  const english = [];
  for (const [method, path, opts, status, what] of cases) {
    const r = await call(method, path, opts);
    assert.equal(r.status, status, `${what}: ${method} ${path}: ${r.text}`);
    assert.ok(r.json && typeof r.json.error === 'string' && r.json.error.length > 0, `${what}: an error message`);
    assert.equal(r.json.code, CODE[status], `${what}: the stable code`);
    const words = englishWords(r.json.error, allow);
    if (words.length) english.push(`${what} (${status}): ${r.json.error}\n    ${words.join('; ')}`);
    assert.match(r.json.error, /[\u4e00-\u9fff]/, `${what}: the message is Chinese: ${r.json.error}`);
  }
  assert.deepEqual(english, [], `API errors read English:\n${english.join('\n')}`);
  ok(`${cases.length} kinds of API error read Chinese, each with its stable code`);

  // Status rows: the code for programs, the label and reason for people.
  const st = (await call('GET', '/api/plans/1/status', { token: office })).json;
  const label = { met: '已达标', on_track: '进展顺利', acceleration_needed: '需加快推进',
    limited_progress: '进展有限', deteriorating: '出现倒退', no_data: '暂无数据' };
  for (const t of st.targets) {
    assert.equal(t.status_label, label[t.status], JSON.stringify(t));
    assert.ok(t.reason_code, JSON.stringify(t));
    assert.deepEqual(englishWords(t.reason, allow), [], `reason of ${t.indicator}: ${t.reason}`);
  }
  assert.ok(st.targets.some((t) => t.reason_code === 'ratio' && /^实际增速为所需增速的 [0-9.]+ 倍（R）：.*年均/.test(t.reason)));
  const alerts = (await call('GET', '/api/plans/1/alerts', { token: office })).json;
  assert.ok(alerts.length > 0);
  for (const a of alerts) {
    assert.ok(a.kind && a.kind_label && a.kind_label !== a.kind, JSON.stringify(a));
    assert.deepEqual(englishWords(a.reason, allow), [], `alert reason: ${a.reason}`);
    assert.ok(!/limited_progress|acceleration_needed|on_track/.test(a.reason), a.reason);
  }
  const assess = await call('GET', '/api/plans/1/assessment?year=2020', { token: office });
  if (assess.status === 200) {
    const lines = JSON.stringify(assess.json);
    for (const s of assess.json.subjects || assess.json.units || [])
      for (const l of s.items || []) assert.deepEqual(englishWords(l.reason || '', allow), [], `assessment reason: ${l.reason}`);
    assert.ok(!/acceleration_needed|limited_progress/.test(lines), 'assessment reasons name statuses in zh');
  }
  ok('status rows carry code, zh label and reason code; alert and assessment reasons read Chinese');
  for (const path of ['/', '/public/']) {
    const page = await call('GET', path);
    assert.equal(page.status, 200);
    assert.match(page.text, /^<!doctype html>\n<html lang="zh-CN">/, `${path} as written`);
  }
  ok('the pages say zh-CN as written');
} finally {
  await server.stop();
  cleanup(dir);
}

// English on request: the same server started with QCITY_LANG=en.
const en = demoDb();
const serverEn = await startServer(en.db, { ...en.env, QCITY_LANG: 'en' });
try {
  const call = client(serverEn.base);
  const r = await call('GET', '/api/plans');
  assert.equal(r.status, 401);
  assert.equal(r.json.code, 'unauthorized');
  assert.match(r.json.error, /sign in first/);
  ok('QCITY_LANG=en: the same error in English, with the same code');
  // The pages carry the server's language, so web/i18n.js need not ask;
  // the security headers stay.
  for (const path of ['/', '/public/', '/index.html']) {
    const page = await call('GET', path);
    assert.equal(page.status, 200);
    assert.match(page.text, /^<!doctype html>\n<html lang="en">\n<head>/, path);
    assert.ok(!page.text.includes('lang="zh-CN"'), path);
    assert.match(page.headers.get('content-security-policy'), /default-src 'self'/);
    assert.equal(Number(page.headers.get('content-length')), Buffer.byteLength(page.text), path);
  }
  ok('QCITY_LANG=en: the pages are served with <html lang="en">');
} finally {
  await serverEn.stop();
  cleanup(en.dir);
}
