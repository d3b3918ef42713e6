// The traceability register over HTTP (docs/traceability.md "API and page"), on
// the demo with five rows imported by the command line and the server's
// clock at 30 June 2024 (QCITY_NOW): the list active first (the earliest
// enrolment first), paged by the database (keyset) and filtered as
// `traceability list` is; the figures as `traceability figures --json`;
// bad parameters 400; who may read (no sign-in: 401; a unit reporter:
// 403; a county account: its own county); a platform's file imported
// over the web, all rows or none, a county account's row outside its
// county 403, audited under the file's name.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoDb, startServer, cleanup, client, hasChinese, QCITY } from './server.mjs';

let n = 0;
const ok = (what) => console.log(`ok ${++n} - ${what}`);

const { dir, db, env } = demoDb({ QCITY_NOW: '2024-06-30' });
const cli = (...args) => execFileSync(QCITY, ['--db', db, ...args], { env, stdio: ['ignore', 'ignore', 'inherit'] });
const csv = join(dir, 'traceability.csv');
const head = '追溯平台,主体名称,主体类型,行业类别,追溯产品,追溯产品数,入驻日期,状态,所在区县\n';
writeFileSync(csv, `${head}省食品安全追溯平台,甲食品公司,生产,食品,月饼,3,2023-03-01,正常,230903
省食品安全追溯平台,甲食品公司,生产,食品,糕点,2,2024-02-01,正常,230903
国家农产品质量安全追溯管理信息平台,乙合作社,生产经营,食用农产品,大米,1,2022-05-10,正常,230903
重要产品追溯平台,丙农资店,经营,农资,,4,2021-01-01,注销,230904
省食品安全追溯平台,丁超市,经营,食品,,6,2023-07-01,正常,610102
`);
cli('traceability', 'import', csv);
const server = await startServer(db, env);
const { call, getOk, tokenOf } = client(server.base);

try {
  const office = await tokenOf('office');
  const admin = await tokenOf('admin');
  const get = (path, token = office) => getOk(path, token);
  const names = (l) => l.items.map((c) => `${c.subject_name}${c.product}`);

  const all = await get('/api/traceability?region=230900');
  assert.deepEqual(names(all), ['乙合作社大米', '甲食品公司月饼', '甲食品公司糕点', '丙农资店']);
  assert.equal(all.total, 4);
  assert.equal(all.next, null);
  assert.deepEqual([all.items[0].category, all.items[0].subject_type, all.items[0].category_name], ['edible_agri', 'producer', '食用农产品']);
  assert.deepEqual([all.items[3].status, all.items[3].status_name], ['cancelled', '已注销']);
  const pages = [];
  let after = null;
  do {
    const p = await get(`/api/traceability?region=230900&limit=3${after ? `&after=${encodeURIComponent(after)}` : ''}`);
    assert.equal(p.total, 4);
    pages.push(names(p));
    after = p.next;
  } while (after);
  assert.deepEqual(pages, [['乙合作社大米', '甲食品公司月饼', '甲食品公司糕点'], ['丙农资店']]);
  assert.deepEqual(names(await get('/api/traceability?region=230900&as_of=2023-12-31&state=active')), ['乙合作社大米', '甲食品公司月饼']);
  assert.deepEqual(names(await get('/api/traceability?category=农资')), ['丙农资店']);
  ok('the list of 七台河: active first by enrolment, pages of 3 by the keyset, as of a day, by category');

  for (const q of ['as_of=明天', 'state=paused', 'category=服装', 'limit=0', 'after=9|x|y']) {
    const r = await call('GET', `/api/traceability?${q}`, { token: office });
    assert.equal(r.status, 400, `${q}: ${r.text}`);
    assert.ok(hasChinese(r.json.error), r.text);
  }
  assert.equal((await call('GET', '/api/traceability/figures', { token: office })).status, 400, 'the region is required');
  ok('a bad as_of, state, category, limit or cursor is 400; the figures need a region');

  const fig = await get('/api/traceability/figures?region=230900');
  const want = JSON.parse(execFileSync(QCITY, ['--db', db, '--json', 'traceability', 'figures', '--region', '230900'], { env }).toString());
  assert.deepEqual(fig, want);
  assert.deepEqual([fig.subjects, fig.lines, fig.products, fig.by_category.food.products, fig.cancelled], [2, 3, 6, 5, 1]);
  const rate = fig.food_coverage.rate;
  assert.ok(rate === null || (rate >= 0 && rate <= 100), `a rate in [0, 100]: ${rate}`);
  assert.ok(fig.food_coverage.covered <= fig.food_coverage.producers);
  const before = await get('/api/traceability/figures?region=230900&as_of=2022-12-31');
  assert.deepEqual([before.subjects, before.products, before.as_of], [1, 1, '2022-12-31']);
  ok('the figures as `traceability figures --json`, and as of an earlier day');

  const unit = await tokenOf('unit');
  for (const p of ['/api/traceability', '/api/traceability/figures?region=230903']) {
    const r = await call('GET', p, { token: unit });
    assert.equal(r.status, 403, `unit ${p}: ${r.text}`);
    assert.equal((await call('GET', p, {})).status, 401, `no sign-in ${p}`);
  }
  const made = await call('POST', '/api/users', { token: admin, body: { name: 'qiezihe', password: 'amber-kettle-seventy',
    role: 'region', region: '230904' } });
  assert.equal(made.status, 201, made.text);
  const county = await tokenOf('qiezihe', 'amber-kettle-seventy');
  assert.deepEqual(names(await get('/api/traceability', county)), ['丙农资店']);
  assert.equal((await call('GET', '/api/traceability?region=230903', { token: county })).status, 403);
  assert.equal((await call('GET', '/api/traceability/figures?region=230900', { token: county })).status, 403);
  ok('no sign-in 401, a unit reporter 403; a county account reads its own county only');

  // ---- a platform's file over the web, as `traceability import` takes it ----
  const imp = (text, token = office, q = 'name=%E8%BF%BD%E6%BA%AF.csv') =>
    call('POST', `/api/traceability/import?${q}`, { token, raw: text, type: 'text/csv' });
  const lastAudit = async () => (await get('/api/audit?limit=1', admin))[0]?.id ?? 0;
  const count = async () => (await get('/api/traceability?limit=1000')).total;
  const audit1 = await lastAudit();
  const rows1 = await count();
  const bad = await imp(`${head}P,戊,生产,食品,饼,1,2024-01-01,正常,230903\nP,己,生产,食品,饼,1,下月,正常,230903\n`);
  assert.equal(bad.status, 400, bad.text);
  assert.ok(hasChinese(bad.json.error) && bad.json.error.includes('3') && bad.json.error.includes('入驻日期'), `the line and field: ${bad.text}`);
  const cat = await imp(`${head}P,戊,生产,服装,衬衫,1,2024-01-01,正常,230903\n`);
  assert.equal(cat.status, 400, cat.text);
  assert.ok(cat.json.error.includes('农业生产资料'), `the accepted categories: ${cat.text}`);
  assert.equal(await count(), rows1, 'nothing of a bad file written');
  assert.equal(await lastAudit(), audit1);
  const foreign = await imp(`${head}P,庚,生产,食品,饼,1,2024-01-01,正常,230904\nP,辛,生产,食品,饼,1,2024-01-01,正常,230903\n`, county);
  assert.equal(foreign.status, 403, `a row outside the county account's region: ${foreign.text}`);
  assert.ok(hasChinese(foreign.json.error) && foreign.json.error.includes('230903'), foreign.text);
  assert.equal(await count(), rows1, 'its own row is not written either');
  const good = await imp(`${head}P,戊,生产,食品,饼,1,2024-01-01,正常,230903\n省食品安全追溯平台,甲食品公司,生产,食品,月饼,3,2023-03-01,正常,230903\n`);
  assert.equal(good.status, 200, good.text);
  assert.deepEqual([good.json.added, good.json.unchanged], [1, 1]);
  const imported = (await get('/api/audit?limit=20', admin)).filter((x) => x.id > audit1 && x.action === 'import');
  assert.deepEqual(imported.map((x) => [x.entity, x.key, x.actor]), [['traceability', '追溯.csv', 'web:office']]);
  const byCounty = await imp('追溯平台,主体名称,主体类型,行业类别,入驻日期\nP,壬,生产,食品,2024-01-01\n', county, 'name=z.csv&region=230904');
  assert.equal(byCounty.status, 200, byCounty.text);
  assert.ok(names(await get('/api/traceability', county)).includes('壬'));
  assert.equal((await imp(`${head}P,癸,生产,食品,饼,1,2024-01-01,正常,230903\n`, unit)).status, 403, 'a unit reporter');
  ok('a platform\'s file over the web: all rows or none (a bad date names its line and field; a county account\'s row outside its county 403), audited under the file\'s name');
} finally {
  await server.stop();
  cleanup(dir);
}
