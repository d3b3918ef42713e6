// The traceability register in Chromium (docs/traceability.md "API and page"):
// three rows of 桃山区 imported by the command line, one deregistered.
// The office opens 追溯体系: the figures say 2 subjects and 4 products
// enrolled and 1 deregistered, the list shows the active rows first; the
// status filter keeps the deregistered one. It imports a platform's file:
// a row with an unknown category refuses the whole file naming its line
// and the accepted names; a good one (its county picked) adds its row.
// The page fits a phone.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoDb, startServer, cleanup, SRC, QCITY } from '../api/server.mjs';
import { launch, signIn, phoneWidth } from './browser.mjs';

const artifacts = join(SRC, 'build/screenshots');
mkdirSync(artifacts, { recursive: true });
let n = 0;
const ok = (what) => console.log(`ok ${++n} - ${what}`);

const { dir, db, env } = demoDb();
const csv = join(dir, 'traceability.csv');
writeFileSync(csv, `追溯平台,主体名称,主体类型,行业类别,追溯产品,追溯产品数,入驻日期,状态,所在区县
省食品安全追溯平台,甲食品公司,生产,食品,月饼,3,2023-03-01,正常,230903
国家农产品质量安全追溯管理信息平台,乙合作社,生产经营,食用农产品,大米,1,2024-04-01,正常,230903
重要产品追溯平台,丙农资店,经营,农资,,5,2021-01-01,注销,230903
`);
execFileSync(QCITY, ['--db', db, 'traceability', 'import', csv], { env, stdio: ['ignore', 'ignore', 'inherit'] });
const server = await startServer(db, env);
const browser = await launch();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await signIn(page, server.base, 'office');
  await page.click('nav a[href="#/traceability"]');
  await page.waitForSelector('#tr-list tr[data-id]', { timeout: 60000 });
  assert.equal(await page.locator('#fig-subjects strong').textContent(), '2 家');
  assert.equal(await page.locator('#fig-products strong').textContent(), '4 个');
  assert.equal(await page.locator('#fig-cancelled strong').textContent(), '1 条');
  const names = await page.locator('#tr-list tr[data-id] td:first-child').allTextContents();
  assert.deepEqual(names, ['甲食品公司', '乙合作社', '丙农资店'], 'active first, by enrolment');
  await page.screenshot({ path: join(artifacts, 'traceability.png'), fullPage: true });
  ok('追溯体系 from the nav: 2 subjects, 4 products, 1 deregistered; the active rows first');

  await page.selectOption('#tr-state', 'cancelled');
  await page.waitForFunction(() => document.querySelectorAll('#tr-list tr[data-id]').length === 1);
  assert.deepEqual(await page.locator('#tr-list tr[data-id] td:first-child').allTextContents(), ['丙农资店']);
  ok('the status filter keeps the deregistered row');

  const bad = join(dir, 'bad.csv'), good = join(dir, 'good.csv');
  writeFileSync(bad, '追溯平台,主体名称,主体类型,行业类别,入驻日期,所在区县\nP,丁,生产,食品,2024-01-01,230903\nP,戊,生产,服装,2024-01-01,230903\n');
  writeFileSync(good, '追溯平台,主体名称,主体类型,行业类别,追溯产品,入驻日期\nP,丁,生产,食品,酱油,2024-01-01\n');
  await page.setInputFiles('#tr-import-file', bad);
  await page.click('#tr-import button[type=submit]');
  await page.locator('#tr-import-msg', { hasText: '第 3 行' }).waitFor();
  assert.match(await page.locator('#tr-import-msg').textContent(), /^未导入任何记录：.*行业类别.*农业生产资料/);
  await page.setInputFiles('#tr-import-file', good);
  await page.selectOption('#tr-import-county', '230903');
  await page.click('#tr-import button[type=submit]');
  await page.locator('#tr-import-msg', { hasText: '新增 1 条' }).waitFor();
  await page.locator('#tr-list tr[data-id]', { hasText: '丁' }).waitFor();
  assert.equal(await page.locator('#fig-subjects strong').textContent(), '3 家');
  ok('a platform file from the page: an unknown category names its line and the accepted names, adds nothing; a good one adds its row');

  const width = await phoneWidth(context, server.base + '/#/traceability', '#tr-list tr[data-id]', join(artifacts, 'traceability-phone.png'));
  assert.ok(width <= 392, `the page fits a phone: ${width}px wide`);
  assert.deepEqual(errors, []);
  ok(`on a phone (390 px) the page is ${width}px wide: tables scroll in their box`);
} finally {
  await browser.close();
  await server.stop();
  cleanup(dir);
}
