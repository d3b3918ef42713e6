// The special-equipment register over HTTP (docs/equipment.md "Web and
// API"), on the demo with five units imported by the command line and the
// server's clock at 15 June 2025 (QCITY_NOW): the list overdue first, then
// due within a calendar month (第四十条), paged; the figures; one unit; an
// inspection with every bad field named at once and nothing written, then
// a good one that clears the overdue count; an accident; who may do what
// (a unit reporter: nothing; a county account: its own county only); and
// the reminders of units coming due and overdue, each once, to the county.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoDb, startServer, cleanup, client, hasChinese, QCITY } from './server.mjs';

const NOW = '2025-06-15';
let n = 0;
const ok = (what) => console.log(`ok ${++n} - ${what}`);

const { dir, db, env } = demoDb({ QCITY_NOW: NOW });
const csv = join(dir, 'equipment.csv');
writeFileSync(csv, `注册代码,设备类别,使用单位,所在区县,使用登记日期,下次检验日期
3110230903001,电梯,甲物业,230903,2015-03-02,2025-05-01
3110230903002,电梯,乙商场,230903,2016-03-02,2025-07-10
3110230903003,锅炉,丙热力,230903,2016-03-02,2025-12-01
3110230904001,起重机械,丁机械厂,230904,2012-01-09,2025-06-01
3110610102001,电梯,戊商场,610102,2015-03-02,2025-05-01
`);
execFileSync(QCITY, ['--db', db, 'equipment', 'import', csv], { env, stdio: ['ignore', 'ignore', 'inherit'] });
const server = await startServer(db, env);
const base = server.base;

const { call, getOk, tokenOf } = client(base);

try {
  const office = await tokenOf('office');
  const admin = await tokenOf('admin');
  const get = (path, token = office) => getOk(path, token);

  // ---- the list: overdue first (most days first), then due within a month
  const all = await get('/api/equipment?region=230900');
  assert.deepEqual(all.items.map((u) => u.code), ['3110230903001', '3110230904001', '3110230903002', '3110230903003']);
  assert.equal(all.total, 4);
  assert.equal(all.next, null);
  const [a, d, b, c] = all.items;
  assert.deepEqual([a.overdue, a.days_overdue, a.request_by], [true, 45, '2025-04-01']);
  assert.deepEqual([d.overdue, d.days_overdue], [true, 14]);
  // Due 10 July: a calendar month before is 10 June, passed: due soon.
  assert.deepEqual([b.overdue, b.due_soon, b.request_by], [false, true, '2025-06-10']);
  assert.deepEqual([c.overdue, c.due_soon], [false, false]);
  assert.equal(a.category_name, '电梯');
  ok('the list: overdue first (45, 14 days), then due within a month, then the rest');

  const p1 = await get('/api/equipment?region=230900&limit=3');
  assert.equal(p1.items.length, 3);
  assert.equal(p1.total, 4);
  assert.ok(p1.next);
  const p2 = await get(`/api/equipment?region=230900&limit=3&after=${encodeURIComponent(p1.next)}`);
  assert.deepEqual([...p1.items, ...p2.items].map((u) => u.code), all.items.map((u) => u.code));
  assert.equal(p2.next, null);
  assert.deepEqual((await get('/api/equipment?region=230900&state=overdue')).items.map((u) => u.code),
    ['3110230903001', '3110230904001']);
  assert.deepEqual((await get('/api/equipment?region=230900&state=due')).items.map((u) => u.code), ['3110230903002']);
  assert.deepEqual((await get('/api/equipment?region=230900&category=锅炉')).items.map((u) => u.code), ['3110230903003']);
  const badState = await call('GET', '/api/equipment?state=late', { token: office });
  assert.equal(badState.status, 400);
  assert.ok(hasChinese(badState.json.error) && badState.json.error.includes('late'), badState.text);
  ok('paged with after and limit (two pages make the whole list); state and category filter; a bad state named in Chinese');

  const fig = await get('/api/equipment/figures?region=230903&year=2025');
  assert.deepEqual([fig.in_use, fig.overdue, fig.due_soon, fig.accidents], [3, 1, 1, 0]);
  assert.equal(fig.due, 1);            // A's 1 May; B's and C's are still ahead
  assert.equal(fig.inspection_rate, 0);
  ok('figures of 桃山区 2025: 3 in use, 1 overdue, 1 due within a month, 定期检验率 0 of 1 due');

  // ---- an inspection: every bad field at once, nothing written ------------------
  const audit0 = (await get('/api/audit?limit=1', admin))[0].id;
  const bad = await call('POST', '/api/equipment/3110230903001/inspections', { token: office,
    body: { date: '2025-07-01', result: '好', next: '明年' } });
  assert.equal(bad.status, 400, bad.text);
  assert.equal(bad.json.code, 'bad_request');
  assert.deepEqual(bad.json.errors.map((e) => [e.field, e.reason]),
    [['date', 'in_future'], ['result', 'not_a_result'], ['next', 'not_a_date']]);
  for (const e of bad.json.errors) assert.ok(hasChinese(e.message), e.message);
  const noNext = await call('POST', '/api/equipment/3110230903001/inspections', { token: office,
    body: { date: '2025-06-10', result: '合格' } });
  assert.deepEqual(noNext.json.errors.map((e) => [e.field, e.reason]), [['next', 'required']]);
  const failNext = await call('POST', '/api/equipment/3110230903001/inspections', { token: office,
    body: { date: '2025-06-10', result: '不合格', next: '2026-06-10' } });
  assert.deepEqual(failNext.json.errors.map((e) => [e.field, e.reason]), [['next', 'not_allowed']]);
  assert.deepEqual(await get('/api/audit?limit=1', admin).then((x) => x[0].id), audit0);
  assert.equal((await get('/api/equipment/3110230903001')).inspections.length, 0);
  ok('bad inspections: each bad field named with a stable reason and a Chinese message; nothing written');

  const good = await call('POST', '/api/equipment/3110230903001/inspections', { token: office,
    body: { date: '2025-06-10', result: '合格', next: '2026-06-10' } });
  assert.equal(good.status, 201, good.text);
  assert.equal(good.json.next_due, '2026-06-10');
  assert.equal(good.json.overdue, false);
  assert.deepEqual(good.json.inspections.map((i) => [i.inspected_on, i.due_on, i.result]), [['2025-06-10', '2025-05-01', 'pass']]);
  const rows = (await get('/api/audit?limit=20', admin)).filter((e) => e.id > audit0 && e.entity === 'equipment');
  assert.deepEqual(rows.map((e) => [e.action, e.key, e.actor]), [['inspect', '3110230903001', 'web:office']]);
  const fig2 = await get('/api/equipment/figures?region=230903&year=2025');
  assert.deepEqual([fig2.overdue, fig2.due, fig2.on_time, fig2.inspection_rate], [0, 1, 0, 0]);
  const before = await call('POST', '/api/equipment/3110230903001/inspections', { token: office,
    body: { date: '2025-06-01', result: '合格', next: '2026-06-01' } });
  assert.deepEqual(before.json.errors.map((e) => [e.field, e.reason]), [['date', 'before_last_inspection']]);
  ok('a good inspection: recorded, audited as web:office, the overdue count 1 → 0 (done late: the rate stays 0)');

  // ---- an accident -----------------------------------------------------------------
  const acc = await call('POST', '/api/equipment/accidents', { token: office,
    body: { date: '2025-06-01', code: '3110230903002', deaths: 1, injuries: 2 } });
  assert.equal(acc.status, 201, acc.text);
  const fig3 = await get('/api/equipment/figures?region=230903&year=2025');
  assert.deepEqual([fig3.accidents, fig3.deaths, fig3.injuries], [1, 1, 2]);
  assert.ok(Math.abs(fig3.deaths_per_10k - 10000 / 3) < 0.01, String(fig3.deaths_per_10k));
  assert.equal((await get('/api/equipment/3110230903002')).accidents.length, 1);
  const badAcc = await call('POST', '/api/equipment/accidents', { token: office, body: { date: '2025-06-01', deaths: -1 } });
  assert.deepEqual(badAcc.json.errors.map((e) => [e.field, e.reason]), [['deaths', 'not_a_count'], ['region', 'required']]);
  ok('an accident of a unit: 1 death in 3 units in use is 3333.33 a 10 000; a bad one names deaths and region');

  // ---- who may: a unit reporter nothing, a county account its own county ------------
  const unit = await tokenOf('unit');
  for (const [m, p, body] of [['GET', '/api/equipment'], ['GET', '/api/equipment/figures?region=230903'],
    ['GET', '/api/equipment/3110230903003'],
    ['POST', '/api/equipment/3110230903003/inspections', { date: '2025-06-10', result: '合格', next: '2026-06-10' }]]) {
    const r = await call(m, p, { token: unit, body });
    assert.equal(r.status, 403, `unit ${m} ${p}: ${r.text}`);
  }
  const made = await call('POST', '/api/users', { token: admin, body: { name: 'qiezihe', password: 'amber-kettle-seventy',
    role: 'region', region: '230904' } });
  assert.equal(made.status, 201, made.text);
  const county = await tokenOf('qiezihe', 'amber-kettle-seventy');
  assert.deepEqual((await get('/api/equipment', county)).items.map((u) => u.code), ['3110230904001']);
  assert.equal((await call('GET', '/api/equipment?region=230903', { token: county })).status, 403);
  assert.equal((await call('GET', '/api/equipment/figures?region=230900', { token: county })).status, 403);
  assert.equal((await call('GET', '/api/equipment/3110230903003', { token: county })).status, 404);
  assert.equal((await call('POST', '/api/equipment/3110230903003/inspections', { token: county,
    body: { date: '2025-06-10', result: '合格', next: '2026-06-10' } })).status, 404);
  assert.equal((await call('POST', '/api/equipment/accidents', { token: county,
    body: { date: '2025-06-01', region: '230903', deaths: 0 } })).status, 403);
  assert.equal((await get('/api/equipment/3110230903003')).inspections.length, 0);
  const own = await call('POST', '/api/equipment/3110230904001/inspections', { token: county,
    body: { date: '2025-06-12', result: '不合格' } });
  assert.equal(own.status, 201, own.text);
  assert.deepEqual([own.json.overdue, own.json.last_result, own.json.next_due], [true, 'fail', null]);
  ok('a unit reporter is refused (403); a county account reads and writes its own county only (403/404 elsewhere)');

  // ---- reminders (第四十条): due within a month and overdue, once, to the county -------
  const run = await call('POST', '/api/remind/run', { token: office, body: {} });
  assert.equal(run.status, 200, run.text);
  const box = (await get('/api/inbox', office)).items.filter((x) => x.kind.startsWith('equipment_'));
  assert.deepEqual(box.map((x) => [x.kind, x.link]).sort(), [
    ['equipment_due', '#/equipment/3110230903002'],
    ['equipment_overdue', '#/equipment/3110230904001']]);   // E: 45 days overdue, past the 30 a reminder looks back
  const due = box.find((x) => x.kind === 'equipment_due');
  assert.ok(hasChinese(due.title) && due.body.includes('2025-06-10') && due.body.includes('第四十条'), due.body);
  const mine = (await get('/api/inbox', county)).items.filter((x) => x.kind.startsWith('equipment_'));
  assert.deepEqual(mine.map((x) => x.link), ['#/equipment/3110230904001']);
  await call('POST', '/api/remind/run', { token: office, body: {} });
  assert.equal((await get('/api/inbox', office)).items.filter((x) => x.kind.startsWith('equipment_')).length, 2);
  ok('reminders: B due within a month (request by 10 June, 第四十条), D failed; each once; the county sees its own');
} finally {
  await server.stop();
  cleanup(dir);
}
