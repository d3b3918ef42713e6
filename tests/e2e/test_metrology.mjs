// The metrology register in Chromium (docs/metrology.md "Web and API"):
// two scales of 桃山区 imported by the command line, one 20 days past the
// date its certificate is valid until and one due in 10 days (dates from
// today: the page shows this year). The office opens 计量器具: the
// figures say 1 may not be used and 1 due within 30 days, and the list of
// what may not be used leads with the overdue one. It records a
// verification: without the date the certificate gives (no period set
// for the kind) the field is named and nothing is written; with it the
// history shows the verification and the figure falls to 0. The page
// fits a phone.
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
const day = (k) => new Date(Date.now() + k * 86400000).toISOString().slice(0, 10);

const { dir, db, env } = demoDb();
const csv = join(dir, 'metrology.csv');
writeFileSync(csv, `器具编号,器具名称,用途,使用单位,所在区县,有效期至
JL101,电子计价秤,贸易结算,某农贸市场,230903,${day(-20)}
JL102,电子计价秤,贸易结算,某超市,230903,${day(10)}
`);
execFileSync(QCITY, ['--db', db, 'metrology', 'import', csv], { env, stdio: ['ignore', 'ignore', 'inherit'] });
const server = await startServer(db, env);
const browser = await launch();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await signIn(page, server.base, 'office');
  await page.click('nav a[href="#/metrology"]');
  await page.waitForSelector('#mt-overdue tr[data-code]', { timeout: 60000 });
  assert.equal(await page.locator('#fig-overdue strong').textContent(), '1 件');
  assert.equal(await page.locator('#fig-due strong').textContent(), '1 件');
  const codes = await page.locator('#mt-overdue tr[data-code]').evaluateAll((rows) => rows.map((r) => r.dataset.code));
  assert.deepEqual(codes, ['JL101'], 'the overdue instrument');
  assert.match(await page.locator('#mt-overdue tr[data-code="JL101"] .standing').textContent(), /超过有效期 20 天/);
  assert.equal(await page.locator('#mt-due tr[data-code="JL102"]').count(), 1);
  await page.locator('#mt-list tr[data-code]').first().waitFor();
  assert.equal(await page.locator('#mt-list tr[data-code]').count(), 2);
  await page.screenshot({ path: join(artifacts, 'metrology.png'), fullPage: true });
  ok('计量器具 from the nav: figures 1 may not be used and 1 due within 30 days; the overdue one leads');

  await page.click('#mt-overdue a[href="#/metrology/JL101"]');
  await page.waitForSelector('#mt-verify');
  assert.equal(await page.locator('#mt-verifications tr.empty').count(), 1);
  await page.fill('#v-date', day(0));
  await page.click('#mt-verify button[type=submit]');
  await page.locator('#v-next-error', { hasText: 'next' }).waitFor();
  assert.equal(await page.locator('#mt-verifications tr.empty').count(), 1, 'nothing recorded');
  await page.fill('#v-next', day(365));
  await page.fill('#v-certificate', 'JD-0001');
  await page.click('#mt-verify button[type=submit]');
  await page.locator('#mt-verifications td', { hasText: 'JD-0001' }).waitFor();
  assert.equal(await page.locator('#mt-standing').count(), 0, 'no longer overdue');
  ok('a verification without the certificate\'s date names the field and records nothing; with it, the history shows it');

  await page.goto(server.base + '/#/metrology');
  await page.waitForSelector('#mt-figures');
  await page.locator('#mt-overdue tr.empty').waitFor();
  assert.equal(await page.locator('#fig-overdue strong').textContent(), '0 件');
  ok('back on the register: the figure is 0 and the instrument has left the list');

  // The register's file from the page: a bad date refuses the whole file
  // with its line; a good one adds its rows to the list.
  const bad = join(dir, 'bad.csv'), good = join(dir, 'good.csv');
  writeFileSync(bad, `器具编号,器具名称,使用单位,所在区县,有效期至\nJL201,电子计价秤,甲市场,230903,${day(100)}\nJL202,电子计价秤,乙市场,230903,明年\n`);
  writeFileSync(good, `器具编号,器具名称,使用单位,有效期至\nJL201,电子计价秤,甲市场,${day(100)}\nJL202,电子计价秤,乙市场,${day(200)}\n`);
  await page.setInputFiles('#mt-import-file', bad);
  await page.click('#mt-import button[type=submit]');
  await page.locator('#mt-import-msg', { hasText: '第 3 行' }).waitFor();
  assert.match(await page.locator('#mt-import-msg').textContent(), /^未导入任何记录：.*有效期至/);
  assert.equal(await page.locator('#mt-list tr[data-code="JL201"]').count(), 0, 'nothing of the bad file');
  await page.setInputFiles('#mt-import-file', good);
  await page.selectOption('#mt-import-county', '230903');
  await page.click('#mt-import button[type=submit]');
  await page.locator('#mt-import-msg', { hasText: '新增 2 条' }).waitFor();
  await page.locator('#mt-list tr[data-code="JL202"]').waitFor();
  assert.equal(await page.locator('#mt-list tr[data-code]').count(), 4);
  ok('a register file imported from the page: a bad one names its line and adds nothing; a good one (its county picked) adds two');

  const width = await phoneWidth(context, server.base + '/#/metrology', '#mt-list tr[data-code]', join(artifacts, 'metrology-phone.png'));
  assert.ok(width <= 392, `the page fits a phone: ${width}px wide`);
  assert.deepEqual(errors, []);
  ok(`on a phone (390 px) the page is ${width}px wide: tables scroll in their box`);
} finally {
  await browser.close();
  await server.stop();
  cleanup(dir);
}
