// The complaint register in Chromium (issue 18): the office registers a
// complaint on the web on 8 Feb 2024, accepts it, mediates, records the
// agreement and closes it; a second complaint is left waiting. With the
// server's clock moved past the acceptance deadline (QCITY_NOW: the 7th
// working day after 8 Feb 2024 is 23 Feb, across the Spring Festival),
// the board shows it overdue and the alerts page lists it; 50 more make
// the overdue board two pages (显示更多). Personal data shows masked
// until the office asks for it.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { demoDb, startServer, cleanup, SRC } from '../api/server.mjs';
import { launch } from './browser.mjs';

const artifacts = join(SRC, 'build/screenshots');
mkdirSync(artifacts, { recursive: true });
const { dir, db, env } = demoDb();
const browser = await launch();
let n = 0;
const ok = (what) => console.log(`ok ${++n} - ${what}`);

async function session(now) {
  const server = await startServer(db, { ...env, QCITY_NOW: now });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.base + '/');
  await page.fill('#name', 'office');
  await page.fill('#password', 'qcity-demo');
  await page.click('#login button[type=submit]');
  // The dashboard drawn after sign-in: a watchdog, not a timed check (the
  // default 30 s ran out under ASan on a loaded 2-core machine).
  await page.waitForSelector('#counts', { timeout: 90000 });
  return { server, context, page, errors };
}

async function register(page, base, respondent) {
  await page.goto(base + '/#/complaints');
  await page.waitForSelector('#complaint-form');
  await page.fill('#c-region', '桃山区');
  await page.fill('#c-respondent', respondent);
  await page.fill('#c-name', '张三丰');
  await page.fill('#c-phone', '13812341234');
  await page.fill('#c-text', '购买的电热水壶漏电，要求退货');
  await page.click('#complaint-form button[type=submit]');
  await page.waitForSelector('#complaint');
  return Number(page.url().split('/').pop());
}

async function step(page, to, reason) {
  if (reason) await page.fill('#step-reason', reason);
  const before = await page.locator('#state').textContent();
  await page.locator(`button.step[data-state="${to}"]`).click();
  await page.waitForFunction((b) => document.querySelector('#state')?.textContent !== b, before);
  return page.locator('#state').textContent();
}

try {
  let s = await session('2024-02-08');
  const id = await register(s.page, s.server.base, '某电器商行');
  assert.match(await s.page.locator('#complaint').textContent(), /期限 2024-02-23/);
  assert.match(await s.page.locator('#person').textContent(), /张\*\* 138\*\*\*\*1234/);
  await s.page.click('#unmask');
  await s.page.locator('#person', { hasText: '13812341234' }).waitFor();
  ok(`complaint ${id} registered on the web, acceptance due 2024-02-23; personal data masked until asked`);
  assert.equal(await step(s.page, 'accepted'), '已受理');
  assert.equal(await step(s.page, 'mediating'), '调解中');
  // Ending mediation without its reason is refused in place.
  await s.page.locator('button.step[data-state="mediation_ended"]').click();
  await s.page.locator('#step-msg', { hasText: '理由' }).waitFor();
  assert.equal(await step(s.page, 'agreed'), '达成调解协议');
  assert.equal(await step(s.page, 'closed'), '已办结');
  await s.page.screenshot({ path: join(artifacts, 'complaint-closed.png') });
  ok('accepted, mediated, agreed and closed in the browser');
  const waiting = await register(s.page, s.server.base, '某超市');
  await s.page.goto(s.server.base + '/#/complaints');
  await s.page.locator(`#complaints tr[data-id="${waiting}"]`).waitFor();
  assert.equal(await s.page.locator(`#complaints tr[data-id="${id}"]`).count(), 0, 'a closed item leaves the board');
  assert.deepEqual(s.errors, []);
  await s.context.close();
  await s.server.stop();

  // The clock past the deadline: Monday 26 Feb is one working day late.
  s = await session('2024-02-26');
  await s.page.goto(s.server.base + '/#/complaints');
  const row = s.page.locator(`#complaints tr[data-id="${waiting}"]`);
  await row.waitFor();
  assert.match(await row.getAttribute('class'), /overdue/);
  assert.match(await row.textContent(), /已逾期 1 个工作日/);
  assert.match(await row.textContent(), /138\*\*\*\*1234/);
  await s.page.check('#only-alerts');
  await s.page.locator(`#complaints tr[data-id="${waiting}"]`).waitFor();
  await s.page.screenshot({ path: join(artifacts, 'complaints-overdue.png') });
  ok('with the clock past 23 Feb the waiting complaint is overdue on the board');
  // The same item on the alerts page of the 七台河 plan: the county, the
  // item (a link to it) and its deadline; the closed one raises none.
  await s.page.goto(s.server.base + '/#/alerts');
  const alert = s.page.locator(`#alerts tr[data-kind="complaint_overdue"]`, { hasText: `投诉 ${waiting}` });
  await alert.waitFor();
  assert.equal(await alert.getAttribute('data-region'), '230903');
  assert.match(await alert.textContent(), /桃山区/);
  assert.match(await alert.textContent(), /2024-02-23/);
  assert.match(await alert.textContent(), /某超市/);
  assert.equal(await s.page.locator('#alerts tr[data-kind^="complaint_"]', { hasText: `投诉 ${id}` }).count(), 0);
  await alert.scrollIntoViewIfNeeded();
  await s.page.screenshot({ path: join(artifacts, 'complaint-alert.png') });
  await alert.locator('a').click();
  await s.page.locator('#complaint').waitFor();
  assert.match(await s.page.locator('#complaint').textContent(), /已逾期 1 个工作日/);
  ok('the overdue complaint is on the alerts page with its county, and leads to the item');
  await s.page.goto(s.server.base + '/#/complaints');
  await s.page.locator(`#complaints tr[data-id="${waiting}"]`).waitFor();
  // Phone width: the board scrolls inside its box, the form stays usable.
  await s.page.setViewportSize({ width: 390, height: 844 });
  await s.page.locator('#c-respondent').fill('手机上登记');
  const box = await s.page.locator('#c-respondent').boundingBox();
  assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `the form fits a phone: ${JSON.stringify(box)}`);
  await s.page.screenshot({ path: join(artifacts, 'complaints-390.png'), fullPage: true });
  ok('the complaint form fits a 390 px phone');
  // The overdue board comes a page (50) at a time: 50 more overdue
  // complaints make 51, the second page follows on 显示更多.
  await s.page.goto(s.server.base + '/#/complaints');
  await s.page.locator('h2', { hasText: '逾期 1 件' }).waitFor();
  const made = await s.page.evaluate(async () => {
    const { csrf } = await (await fetch('/api/me')).json();
    const ids = [];
    for (let i = 0; i < 50; i++) {
      const res = await fetch('/api/complaints', { method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
        body: JSON.stringify({ kind: 'complaint', channel: '12315', region: '桃山区',
          respondent: `商户${i}`, text: '过期食品', received_on: '2024-02-07' }) });
      if (!res.ok) throw new Error(`POST ${res.status}: ${await res.text()}`);
      ids.push((await res.json()).id);
    }
    return ids;
  });
  await s.page.reload();
  await s.page.locator('h2', { hasText: '逾期 51 件' }).waitFor();
  const rows = s.page.locator('#complaints tr[data-id]');
  assert.equal(await rows.count(), 50, 'the first page holds 50 items');
  // By deadline: the 50 received on 7 Feb are due a day before the first.
  assert.equal(await s.page.locator(`#complaints tr[data-id="${waiting}"]`).count(), 0);
  assert.ok(await s.page.locator('#complaints-more').isVisible());
  await s.page.click('#complaints-more');
  await s.page.locator(`#complaints tr[data-id="${waiting}"]`).waitFor();
  assert.equal(await rows.count(), 51);
  assert.deepEqual(new Set(await rows.evaluateAll((tr) => tr.map((x) => Number(x.dataset.id)))),
    new Set([...made, waiting]), 'each overdue item once, across the two pages');
  assert.ok(await s.page.locator('#complaints-more').isHidden(), 'no more button after the last page');
  ok('the overdue board pages 50 at a time with 显示更多');
  assert.deepEqual(s.errors, []);
  await s.context.close();
  await s.server.stop();
} finally {
  await browser.close();
  cleanup(dir);
}
