// The metrology register over HTTP (docs/metrology.md "Web and API"), on
// the demo with six instruments imported by the command line and the
// server's clock at 15 June 2025 (QCITY_NOW): the list overdue and failed
// first, paged by the database (keyset) and filtered as `metrology list`
// is; the figures as `metrology figures`; one instrument by number or id;
// a verification with every bad field named at once and nothing written,
// then good ones (a date given; the office's period) audited with before
// and after; who may do what (no sign-in: 401; a unit reporter: 403; a
// county account: its own county only).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoDb, startServer, cleanup, client, hasChinese, QCITY } from './server.mjs';

const NOW = '2025-06-15';
let n = 0;
const ok = (what) => console.log(`ok ${++n} - ${what}`);

const { dir, db, env } = demoDb({ QCITY_NOW: NOW });
const cli = (...args) => execFileSync(QCITY, ['--db', db, ...args], { env, stdio: ['ignore', 'ignore', 'inherit'] });
const csv = join(dir, 'metrology.csv');
writeFileSync(csv, `器具编号,器具名称,规格型号,出厂编号,用途,使用单位,所在区县,有效期至,器具状态,状态日期
JL001,电子计价秤,ACS-15,1001,贸易结算,甲农贸市场,230903,2025-05-01,在用,
JL002,燃油加油机,JJY-2,1002,贸易结算,乙加油站,230903,2025-07-01,在用,
JL003,血压计,XY-1,1003,医疗卫生,丙卫生院,230903,2025-12-01,在用,
JL004,压力表,Y-100,1004,安全防护,丁锅炉房,230903,2024-06-01,报废,2024-05-01
JL005,电子计价秤,ACS-30,1005,贸易结算,戊超市,230904,2025-06-01,在用,
JL006,电子计价秤,ACS-15,1006,贸易结算,己商场,610102,2025-05-01,在用,
`);
cli('metrology', 'import', csv);
const server = await startServer(db, env);
const { call, getOk, tokenOf } = client(server.base);

try {
  const office = await tokenOf('office');
  const admin = await tokenOf('admin');
  const get = (path, token = office) => getOk(path, token);
  const codes = (l) => l.items.map((m) => m.code);

  // ---- the list: overdue first (most days first), then by code -------------------
  const all = await get('/api/metrology?region=230900');
  assert.deepEqual(codes(all), ['JL001', 'JL005', 'JL002', 'JL003', 'JL004']);
  assert.equal(all.total, 5);
  assert.equal(all.next, null);
  const [a, e] = all.items;
  assert.deepEqual([a.overdue, a.failed, a.days_overdue, a.next_due, a.status], [true, false, 45, '2025-05-01', 'in_use']);
  assert.deepEqual([e.overdue, e.days_overdue], [true, 14]);
  assert.equal(all.items[4].status_name, '报废');
  assert.equal(a.purpose, 'trade');
  ok('the list of 七台河: overdue first (45, 14 days), then by code');

  const pages = [];
  let after = null;
  do {
    const p = await get(`/api/metrology?region=230900&limit=2${after ? `&after=${encodeURIComponent(after)}` : ''}`);
    assert.equal(p.total, 5);
    assert.ok(p.items.length <= 2);
    pages.push(codes(p));
    after = p.next;
  } while (after);
  assert.deepEqual(pages, [['JL001', 'JL005'], ['JL002', 'JL003'], ['JL004']]);
  assert.deepEqual(codes(await get('/api/metrology?region=230900&state=overdue')), ['JL001', 'JL005']);
  assert.deepEqual(codes(await get('/api/metrology?region=230900&state=due')), ['JL002']);
  assert.deepEqual(codes(await get('/api/metrology?region=230900&state=due&within=10')), []);
  assert.deepEqual(codes(await get('/api/metrology?region=230900&state=scrapped')), ['JL004']);
  assert.deepEqual(codes(await get(`/api/metrology?region=230900&kind=${encodeURIComponent('电子计价秤')}`)), ['JL001', 'JL005']);
  const past = await get('/api/metrology?region=230900&on=2025-01-01');
  assert.deepEqual(codes(past), ['JL001', 'JL002', 'JL003', 'JL004', 'JL005']);
  assert.ok(past.items.every((m) => !m.overdue));
  assert.equal((await get('/api/metrology')).total, 6, 'the office: every region');
  for (const [q, word] of [['state=late', 'late'], ['after=nonsense', 'after'], ['on=明天', 'on'], ['limit=0', 'limit']]) {
    const r = await call('GET', `/api/metrology?${q}`, { token: office });
    assert.equal(r.status, 400, `${q}: ${r.text}`);
    assert.equal(r.json.code, 'bad_request');
    assert.ok(hasChinese(r.json.error) && r.json.error.includes(word), r.text);
  }
  ok('paged with after and limit (three pages make the list); state, kind, within and on filter; bad ones named in Chinese');

  const fig = await get('/api/metrology/figures?region=230903&year=2025');
  assert.deepEqual([fig.in_use, fig.due, fig.on_time, fig.overdue, fig.failed, fig.verified, fig.passed, fig.due_soon],
    [3, 1, 0, 1, 0, 0, 0, 1]);
  assert.equal(fig.verification_rate, 0);
  assert.equal(fig.pass_rate, null);
  const cliFig = JSON.parse(execFileSync(QCITY, ['--db', db, '--json', 'metrology', 'figures', '--region', '230903', '--year', '2025'], { env }));
  for (const k of ['in_use', 'due', 'on_time', 'overdue', 'failed', 'verified', 'passed', 'verification_rate', 'pass_rate'])
    assert.equal(fig[k], cliFig[k], k);
  assert.equal((await call('GET', '/api/metrology/figures', { token: office })).status, 400, 'the region is required');
  ok('figures of 桃山区 2025 as the command line gives them: 3 in use, 1 due, 受检率 0, 合格率 none, 1 overdue, 1 due within 30 days');

  // ---- one instrument, by number or id -------------------------------------------------
  const one = await get('/api/metrology/JL001');
  assert.deepEqual([one.code, one.model, one.serial_no, one.period, one.verifications], ['JL001', 'ACS-15', '1001', null, []]);
  assert.equal((await get(`/api/metrology/${one.id}`)).code, 'JL001');
  const none = await call('GET', '/api/metrology/JL999', { token: office });
  assert.equal(none.status, 404);
  assert.equal(none.json.code, 'not_found');
  assert.ok(hasChinese(none.json.error), none.text);
  ok('one instrument by its number or its id; an unknown one 404 in Chinese');

  // ---- a verification: every bad field at once, nothing written ---------------------------
  const lastAudit = async () => (await get('/api/audit?limit=1', admin))[0].id;
  const audit0 = await lastAudit();
  const post = (code, body, token = office) => call('POST', `/api/metrology/${code}/verifications`, { token, body });
  const fields = (r) => r.json.errors.map((x) => [x.field, x.reason]);
  const bad = await post('JL001', { date: '2025-07-01', result: '好', next: '明年', certificate: 7 });
  assert.equal(bad.status, 400, bad.text);
  assert.equal(bad.json.code, 'bad_request');
  assert.deepEqual(fields(bad), [['certificate', 'not_text'], ['date', 'in_future'], ['result', 'not_a_result'], ['next', 'not_a_date']]);
  for (const x of bad.json.errors) assert.ok(hasChinese(x.message), x.message);
  assert.ok(hasChinese(bad.json.error), bad.text);
  assert.deepEqual(fields(await post('JL001', {})), [['date', 'required'], ['result', 'required']]);
  assert.deepEqual(fields(await post('JL001', { date: '2025-06-10', result: '合格' })), [['next', 'required']]);
  assert.deepEqual(fields(await post('JL001', { date: '2025-06-10', result: '不合格', next: '2026-06-10' })), [['next', 'not_allowed']]);
  assert.deepEqual(fields(await post('JL001', { date: '2025-06-10', result: '合格', next: '2025-06-01' })), [['next', 'not_after_date']]);
  assert.deepEqual(fields(await post('JL001', { date: '2025-06-10', result: '合格', next: '2026-06-10', certificate: 'x'.repeat(101) })),
    [['certificate', 'too_long']]);
  const notJson = await call('POST', '/api/metrology/JL001/verifications', { token: office, body: ['2025-06-10'] });
  assert.equal(notJson.status, 400);
  const scrapped = await post('JL004', { date: '2025-06-10', result: '合格', next: '2026-06-10' });
  assert.equal(scrapped.status, 409, scrapped.text);
  assert.ok(hasChinese(scrapped.json.error), scrapped.text);
  assert.equal(await lastAudit(), audit0);
  assert.equal((await get('/api/metrology/JL001')).verifications.length, 0);
  ok('bad verifications: each bad field named with a stable reason and a Chinese message; a scrapped one 409; nothing written');

  const good = await post('JL001', { date: '2025-06-10', result: '合格', next: '2026-06-10', certificate: 'JD2025-0001' });
  assert.equal(good.status, 201, good.text);
  assert.deepEqual([good.json.next_due, good.json.overdue, good.json.last_result], ['2026-06-10', false, 'pass']);
  assert.deepEqual(good.json.verifications.map((x) => [x.verified_on, x.due_on, x.result, x.next_due, x.certificate, x.actor]),
    [['2025-06-10', '2025-05-01', 'pass', '2026-06-10', 'JD2025-0001', 'web:office']]);
  const rows = (await get('/api/audit?limit=20', admin)).filter((x) => x.id > audit0);
  assert.deepEqual(rows.map((x) => [x.action, x.entity, x.key, x.actor]), [['verify', 'metrology', 'JL001', 'web:office']]);
  const [before, afterRow] = [JSON.parse(rows[0].before), JSON.parse(rows[0].after)];
  assert.deepEqual([before.next_due, afterRow.next_due, afterRow.certificate, afterRow.verified_on],
    ['2025-05-01', '2026-06-10', 'JD2025-0001', '2025-06-10']);
  assert.ok(rows[0].at, 'when');
  const fig2 = await get('/api/metrology/figures?region=230903&year=2025');
  assert.deepEqual([fig2.overdue, fig2.due, fig2.on_time, fig2.verified, fig2.passed, fig2.pass_rate], [0, 1, 0, 1, 1, 100]);
  assert.deepEqual(fields(await post('JL001', { date: '2025-06-01', result: '合格', next: '2026-06-01' })),
    [['date', 'before_last_verification']]);
  ok('a good verification: recorded, audited once (who, when, before and after), overdue 1 → 0, 合格率 100');

  // The office's period for the kind gives the date when none is given.
  cli('metrology', 'period', '燃油加油机', '--months', '12', '--basis', 'JJG 443-2023');
  assert.deepEqual((await get('/api/metrology/JL002')).period, { months: 12, basis: 'JJG 443-2023' });
  const byPeriod = await post('JL002', { date: '2025-06-12', result: 'pass' });
  assert.equal(byPeriod.status, 201, byPeriod.text);
  assert.equal(byPeriod.json.next_due, '2026-06-12');
  ok('with the office\'s period for the kind set, a pass without a date takes 12 months on');

  // ---- who may: no sign-in 401, a unit reporter 403, a county its own county ----------------
  const unit = await tokenOf('unit');
  const body = { date: '2025-06-12', result: '合格', next: '2026-06-12' };
  for (const [m, p, b] of [['GET', '/api/metrology'], ['GET', '/api/metrology/figures?region=230903'],
    ['GET', '/api/metrology/JL003'], ['POST', '/api/metrology/JL003/verifications', body]]) {
    const r = await call(m, p, { token: unit, body: b });
    assert.equal(r.status, 403, `unit ${m} ${p}: ${r.text}`);
    assert.ok(hasChinese(r.json.error) && r.json.code, r.text);
    const anon = await call(m, p, { body: b });
    assert.equal(anon.status, 401, `no sign-in ${m} ${p}: ${anon.text}`);
  }
  const made = await call('POST', '/api/users', { token: admin, body: { name: 'qiezihe', password: 'amber-kettle-seventy',
    role: 'region', region: '230904' } });
  assert.equal(made.status, 201, made.text);
  const county = await tokenOf('qiezihe', 'amber-kettle-seventy');
  assert.deepEqual(codes(await get('/api/metrology', county)), ['JL005']);
  assert.equal((await call('GET', '/api/metrology?region=230903', { token: county })).status, 403);
  assert.equal((await call('GET', '/api/metrology/figures?region=230900', { token: county })).status, 403);
  assert.equal((await call('GET', '/api/metrology/JL003', { token: county })).status, 404);
  assert.equal((await post('JL003', body, county)).status, 404);
  assert.equal((await get('/api/metrology/JL003')).verifications.length, 0);
  const own = await post('JL005', { date: '2025-06-12', result: '不合格' }, county);
  assert.equal(own.status, 201, own.text);
  assert.deepEqual([own.json.failed, own.json.overdue, own.json.days_overdue, own.json.next_due], [true, true, 3, null]);
  assert.deepEqual(codes(await get('/api/metrology?state=failed', county)), ['JL005']);
  const rows2 = (await get('/api/audit?limit=5', admin)).filter((x) => x.entity === 'metrology' && x.key === 'JL005');
  assert.deepEqual(rows2.map((x) => [x.action, x.actor]), [['verify', 'web:qiezihe']]);
  ok('no sign-in 401, a unit reporter 403; a county account reads and writes its own county only (403/404 elsewhere)');

  // ---- a register's file over the web, as `metrology import` takes it ----------------------
  const imp = (csv, token = office, q = 'name=%E5%8F%B0%E8%B4%A6.csv') =>
    call('POST', `/api/metrology/import?${q}`, { token, raw: csv, type: 'text/csv' });
  const head = '器具编号,器具名称,使用单位,所在区县,有效期至\n';
  const audit1 = await lastAudit();
  const badFile = await imp(`${head}JL101,电子计价秤,庚市场,230903,2026-01-01\nJL102,电子计价秤,辛市场,230903,明年\n`);
  assert.equal(badFile.status, 400, badFile.text);
  assert.ok(hasChinese(badFile.json.error) && badFile.json.error.includes('3'), `the line is named: ${badFile.text}`);
  assert.equal((await call('GET', '/api/metrology/JL101', { token: office })).status, 404, 'nothing of a bad file written');
  assert.equal(await lastAudit(), audit1);
  const empty = await imp('');
  assert.equal(empty.status, 400, empty.text);
  const foreign = await imp(`${head}JL103,电子计价秤,壬市场,230904,2026-01-01\nJL104,电子计价秤,癸市场,230903,2026-01-01\n`, county);
  assert.equal(foreign.status, 403, `a row outside the county account's region: ${foreign.text}`);
  assert.ok(hasChinese(foreign.json.error) && foreign.json.error.includes('230903'), foreign.text);
  assert.equal((await call('GET', '/api/metrology/JL103', { token: office })).status, 404, 'its own row is not written either');
  const good2 = await imp(`${head}JL101,电子计价秤,庚市场,230903,2026-01-01\nJL001,电子计价秤,甲农贸市场,230903,2026-06-10\n`);
  assert.equal(good2.status, 200, good2.text);
  assert.deepEqual([good2.json.added, good2.json.updated + good2.json.unchanged], [1, 1]);
  assert.equal((await get('/api/metrology/JL101')).owner_name, '庚市场');
  const imported = (await get('/api/audit?limit=20', admin)).filter((x) => x.id > audit1 && x.action === 'import');
  assert.deepEqual(imported.map((x) => [x.entity, x.key, x.actor]), [['metrology', '台账.csv', 'web:office']]);
  const byCounty = await imp('器具编号,器具名称,使用单位,有效期至\nJL105,电子计价秤,子市场,2026-01-01\n', county, 'name=z.csv&region=230904');
  assert.equal(byCounty.status, 200, byCounty.text);
  assert.equal((await get('/api/metrology/JL105', county)).region, '230904');
  assert.equal((await imp(`${head}JL106,电子计价秤,丑市场,230903,2026-01-01\n`, unit)).status, 403, 'a unit reporter');
  ok('a register file over the web: all rows or none (a bad date names its line; a county account\'s row outside its county 403), audited under the file\'s name');
} finally {
  await server.stop();
  cleanup(dir);
}
