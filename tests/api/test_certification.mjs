// The certification register over HTTP (docs/certification.md "Web and
// API"), on the demo with five certificates imported by the command line
// and the server's clock at 30 June 2024 (QCITY_NOW): the list valid first
// (the soonest expiry first), paged by the database (keyset) and filtered
// as `certification list` is, judged as of another day; the figures as
// `certification figures --json`; bad parameters 400; who may read (no
// sign-in: 401; a unit reporter: 403; a county account: its own county).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoDb, startServer, cleanup, client, hasChinese, QCITY } from './server.mjs';

let n = 0;
const ok = (what) => console.log(`ok ${++n} - ${what}`);

const { dir, db, env } = demoDb({ QCITY_NOW: '2024-06-30' });
const cli = (...args) => execFileSync(QCITY, ['--db', db, ...args], { env, stdio: ['ignore', 'ignore', 'inherit'] });
const csv = join(dir, 'certification.csv');
writeFileSync(csv, `证书编号,获证组织名称,认证项目,认证机构,所在区县,发证日期,证书到期日期,证书状态
C-1,甲食品公司,质量管理体系认证,中国质量认证中心,230903,2022-01-10,2025-01-09,有效
C-2,乙农业合作社,有机产品,某有机认证中心,230903,2024-01-01,2024-12-31,有效
C-3,丙电器厂,CCC,中国质量认证中心,230903,2020-05-01,2025-04-30,暂停
C-4,丁茶场,绿色食品,中国绿色食品发展中心,230904,2023-06-01,2026-05-31,有效
C-5,戊商场,服务认证,某认证公司,610102,2023-01-01,2026-01-01,有效
`);
cli('certification', 'import', csv);
const server = await startServer(db, env);
const { call, getOk, tokenOf } = client(server.base);

try {
  const office = await tokenOf('office');
  const admin = await tokenOf('admin');
  const get = (path, token = office) => getOk(path, token);
  const numbers = (l) => l.items.map((c) => c.number);

  const all = await get('/api/certification?region=230900');
  assert.deepEqual(numbers(all), ['C-2', 'C-1', 'C-4', 'C-3']);
  assert.equal(all.total, 4);
  assert.equal(all.next, null);
  assert.deepEqual([all.items[0].kind, all.items[0].state, all.items[0].days_left], ['organic', 'valid', 184]);
  assert.deepEqual([all.items[3].state, all.items[3].state_name], ['suspended', '已暂停']);
  const pages = [];
  let after = null;
  do {
    const p = await get(`/api/certification?region=230900&limit=3${after ? `&after=${encodeURIComponent(after)}` : ''}`);
    assert.equal(p.total, 4);
    pages.push(numbers(p));
    after = p.next;
  } while (after);
  assert.deepEqual(pages, [['C-2', 'C-1', 'C-4'], ['C-3']]);
  const expired = await get('/api/certification?region=230900&state=expired&as_of=2025-01-01');
  assert.deepEqual(numbers(expired), ['C-2']);
  assert.deepEqual(numbers(await get('/api/certification?kind=绿色食品')), ['C-4']);
  ok('the list of 七台河: valid first by expiry, pages of 3 by the keyset, expired as of a day, by kind');

  for (const q of ['as_of=明天', 'state=lapsed', 'kind=五星', 'limit=0', 'after=9|x|y']) {
    const r = await call('GET', `/api/certification?${q}`, { token: office });
    assert.equal(r.status, 400, `${q}: ${r.text}`);
    assert.ok(hasChinese(r.json.error), r.text);
  }
  assert.equal((await call('GET', '/api/certification/figures', { token: office })).status, 400, 'the region is required');
  ok('a bad as_of, state, kind, limit or cursor is 400; the figures need a region');

  const fig = await get('/api/certification/figures?region=230900');
  const want = JSON.parse(execFileSync(QCITY, ['--db', db, '--json', 'certification', 'figures', '--region', '230900'], { env }).toString());
  assert.deepEqual(fig, want);
  assert.deepEqual([fig.certificates, fig.holders, fig.suspended, fig.agri.certificates, fig.by_kind.iso9001], [3, 3, 1, 2, 1]);
  const later = await get('/api/certification/figures?region=230900&as_of=2025-01-10');
  assert.deepEqual([later.certificates, later.expired, later.as_of], [1, 2, '2025-01-10']);
  ok('the figures as `certification figures --json`, and as of a later day');

  const unit = await tokenOf('unit');
  for (const p of ['/api/certification', '/api/certification/figures?region=230903']) {
    const r = await call('GET', p, { token: unit });
    assert.equal(r.status, 403, `unit ${p}: ${r.text}`);
    assert.equal((await call('GET', p, {})).status, 401, `no sign-in ${p}`);
  }
  const made = await call('POST', '/api/users', { token: admin, body: { name: 'qiezihe', password: 'amber-kettle-seventy',
    role: 'region', region: '230904' } });
  assert.equal(made.status, 201, made.text);
  const county = await tokenOf('qiezihe', 'amber-kettle-seventy');
  assert.deepEqual(numbers(await get('/api/certification', county)), ['C-4']);
  assert.equal((await call('GET', '/api/certification?region=230903', { token: county })).status, 403);
  assert.equal((await call('GET', '/api/certification/figures?region=230900', { token: county })).status, 403);
  ok('no sign-in 401, a unit reporter 403; a county account reads its own county only');
} finally {
  await server.stop();
  cleanup(dir);
}
