// The special-equipment register in Chromium (docs/equipment.md "Web and
// API"): two elevators of 桃山区 imported by the command line, one 20 days
// past its 下次检验日期 and one due in 10 days (dates from today: the page
// shows this year). The office opens 特种设备: the figures say 1 overdue
// and 1 due within a month, and the list of what to act on leads with the
// overdue unit. It records an inspection: without the next due date the
// field is named and nothing is written; with it the unit's history shows
// the inspection and the overdue figure falls to 0. The page fits a phone.
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
const csv = join(dir, 'equipment.csv');
writeFileSync(csv, `注册代码,设备类别,使用单位,所在区县,使用登记日期,下次检验日期
3110230903101,电梯,某小区物业服务中心,230903,2015-03-02,${day(-20)}
3110230903102,电梯,某商场,230903,2016-03-02,${day(10)}
`);
execFileSync(QCITY, ['--db', db, 'equipment', 'import', csv], { env, stdio: ['ignore', 'ignore', 'inherit'] });
const server = await startServer(db, env);
const browser = await launch();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await signIn(page, server.base, 'office');
  await page.goto(server.base + '/#/equipment');
  await page.waitForSelector('#eq-attention tr[data-code]', { timeout: 60000 });
  assert.equal(await page.locator('#fig-overdue strong').textContent(), '1 台');
  assert.equal(await page.locator('#fig-due strong').textContent(), '1 台');
  const codes = await page.locator('#eq-attention tr[data-code]').evaluateAll((rows) => rows.map((r) => r.dataset.code));
  assert.deepEqual(codes, ['3110230903101', '3110230903102'], 'the overdue unit first');
  assert.match(await page.locator('#eq-attention tr[data-code="3110230903101"] .standing').textContent(), /逾期 20 天/);
  assert.match(await page.locator('#eq-attention tr[data-code="3110230903102"] .standing').textContent(), /前应申请定期检验/);
  await page.screenshot({ path: join(artifacts, 'equipment.png'), fullPage: true });
  ok('特种设备: figures 1 overdue and 1 due within a month; the overdue unit leads the list');

  await page.click('#eq-attention a[href="#/equipment/3110230903101"]');
  await page.waitForSelector('#eq-inspect');
  assert.equal(await page.locator('#eq-inspections tr.empty').count(), 1);
  await page.fill('#i-date', day(0));
  await page.click('#eq-inspect button[type=submit]');
  await page.locator('#i-next-error', { hasText: 'next' }).waitFor();
  assert.equal(await page.locator('#eq-inspections tr.empty').count(), 1, 'nothing recorded');
  await page.fill('#i-next', day(365));
  await page.click('#eq-inspect button[type=submit]');
  await page.locator('#eq-inspections td', { hasText: '合格' }).waitFor();
  assert.equal(await page.locator('#eq-standing').count(), 0, 'no longer overdue');
  ok('an inspection without its next due date names the field and records nothing; with it, the history shows it');

  await page.goto(server.base + '/#/equipment');
  await page.waitForSelector('#eq-attention tr[data-code]');
  assert.equal(await page.locator('#fig-overdue strong').textContent(), '0 台');
  assert.equal(await page.locator('#eq-attention tr[data-code="3110230903101"]').count(), 0);
  ok('back on the register: the overdue figure is 0 and the unit has left the list');

  const width = await phoneWidth(context, server.base + '/#/equipment', '#eq-attention tr[data-code]', join(artifacts, 'equipment-phone.png'));
  assert.ok(width <= 392, `the page fits a phone: ${width}px wide`);
  assert.deepEqual(errors, []);
  ok(`on a phone (390 px) the page is ${width}px wide: tables scroll in their box`);
} finally {
  await browser.close();
  await server.stop();
  cleanup(dir);
}
