// Issue 16 in Chromium (playwright-core): entry that cannot lose work,
// progress reports with attachments, and review with the data in view.
// - A period kept from before that is not a period ("2020年") does not
//   trap the page: the calendar's default shows, as a chosen list.
// - A jump from the previous period asks for a note, in place.
// - A typed value survives a reload as a draft.
// - The unit enters a value, writes its half-year summary, uploads a PDF
//   and presses 提交审核 without saving: the value, the report and the
//   file are all in the submission.
// - The office opens the submission: value, previous period, target,
//   the submitter as unit and person, the attachment (downloadable); it
//   returns the value with a reason, and the unit sees the reason.
// - The entry form at 390 px: no sideways scrolling, inputs usable.
// Screenshots at 1400 px and 390 px go to BUILD/e2e-entry-review/.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { demoDb, startServer, cleanup, SRC } from '../api/server.mjs';
import { launch, signIn as signInAt } from './browser.mjs';

const shots = join(process.env.BUILD || join(SRC, 'build'), 'e2e-entry-review');
mkdirSync(shots, { recursive: true });
const shot = (page, name) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });

const { dir, db, env } = demoDb();
const server = await startServer(db, env, ['--files', join(dir, 'files')]);
const browser = await launch();
let n = 0;
const ok = (what) => console.log(`ok ${++n} - ${what}`);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

const signIn = (page, name) => signInAt(page, server.base, name);

async function newPage(width, height) {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  page.on('dialog', (d) => { page.errors.push(`dialog: ${d.message()}`); d.dismiss(); });
  return page;
}

// The API as the signed-in page sees it.
const get = (page, path) => page.evaluate(async (p) => (await fetch(p)).json(), path);

try {
  const page = await newPage(1400, 900);
  await signIn(page, 'unit');

  // ---- the period trap of issue 16 is gone ----
  await page.evaluate(() => localStorage.setItem('period', '2020年'));
  await page.goto(server.base + '/#/entry');
  await page.waitForSelector('table.entry input.value');
  assert.equal(await page.locator('#period').evaluate((e) => e.tagName), 'SELECT', 'the period is chosen, not typed');
  assert.equal(await page.inputValue('#period'), '2020');
  const options = await page.locator('#period option').allTextContents();
  assert.ok(options.includes('2020年上半年') && options.includes('2020年3月'), `calendar: ${options.slice(0, 8)}`);
  assert.equal(await page.evaluate(() => localStorage.getItem('period')), null, 'the bad period is forgotten');
  assert.equal(await page.locator('p.error').count(), 0);
  ok('a stored "2020年" does not trap the page: periods are chosen from the plan\'s calendar');

  // ---- a jump from the previous period asks for a note ----
  const first = page.locator('table.entry tbody tr').first();
  const input = first.locator('input.value');
  const original = await input.inputValue();
  const previous = await first.locator('td.previous').textContent();
  assert.match(previous, /2019年/, 'the previous period is shown');
  await input.fill('30');
  await first.locator('.field-error', { hasText: '请在备注中说明原因' }).waitFor();
  await shot(page, '1-entry-jump-1400');
  await first.locator('input.note').fill('统计口径调整');
  assert.equal(await first.locator('.field-error').textContent(), '');
  await input.fill('１３０');
  await first.locator('.field-error', { hasText: '不能大于 100' }).waitFor();
  await input.fill(original);
  await first.locator('input.note').fill('');
  ok('values are checked as typed: a jump past the factor asks for a note, the range is enforced (full-width digits read)');

  // ---- the half-year: a draft survives a reload ----
  await page.selectOption('#period', '2020-H1');
  await page.locator('h2', { hasText: '2020年上半年' }).waitFor();
  await page.locator('h3', { hasText: '半年工作总结' }).waitFor();
  const value = page.locator('table.entry tbody tr').first().locator('input.value');
  const indicator = await page.locator('table.entry tbody tr').first().locator('strong').textContent();
  await value.fill('77.7');
  await page.reload();
  await page.waitForSelector('table.entry input.value');
  assert.equal(await value.inputValue(), '77.7', 'the typed value came back after a reload');
  await page.locator('#entry-msg', { hasText: '已恢复' }).waitFor();
  ok('a typed value survives a reload as a draft (and the page says so)');

  // ---- enter, write, upload, and submit without saving ----
  const report = page.locator('.card.report').first();
  const task = await report.getAttribute('data-task');
  await report.locator('select.report-status').selectOption('in_progress');
  await report.locator('textarea.report-text').fill('上半年完成了重点产品质量提升行动的部署。');
  await report.locator('input[type=file]').setInputFiles({ name: '上半年工作总结.pdf', mimeType: 'application/pdf', buffer: PDF });
  await report.locator('a.file', { hasText: '上半年工作总结.pdf' }).waitFor();
  await shot(page, '2-entry-before-submit-1400');
  await page.click('#submit');
  await page.locator('#entry-state', { hasText: '已提交' }).waitFor();
  assert.ok(await page.locator('#save').isDisabled(), 'submitted data cannot be edited');
  const f = await get(page, '/api/plans/1/entry?period=2020-H1');
  const row = f.targets.find((t) => t.indicator === indicator);
  assert.equal(row.value, 77.7, 'the typed value was saved with the submission');
  const reports = await get(page, '/api/progress?plan=1&period=2020-H1');
  const mine = reports.find((r) => r.task === task);
  assert.ok(mine, `the report on ${task} was saved`);
  assert.match(mine.text, /重点产品质量提升/);
  assert.deepEqual(mine.attachments.map((a) => a.name), ['上半年工作总结.pdf']);
  assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('draft:')).length), 0, 'no draft left');
  await shot(page, '3-entry-submitted-1400');
  ok('the unit enters 77.7, writes its summary, uploads a PDF and submits without saving first: nothing is lost');

  // ---- the office reviews with the data in view ----
  const office = await newPage(1400, 900);
  await signIn(office, 'office');
  await office.goto(server.base + '/#/review');
  const queued = office.locator('#review tr[data-id]').filter({ hasText: '2020年上半年' }).filter({ hasText: '已提交' }).first();
  await queued.waitFor();
  assert.match(await queued.textContent(), /市市场监管局 · unit/, 'the submitter as unit and person');
  await queued.locator('button.view').click();
  const detail = office.locator('#review-detail');
  const vrow = detail.locator('table.review-values tbody tr').filter({ hasText: indicator });
  await vrow.waitFor();
  assert.match(await vrow.locator('td.value').textContent(), /77\.7/);
  assert.match(await vrow.locator('td[data-label="目标"]').textContent(), /100/);
  await detail.getByText('提交人：市市场监管局 · unit').waitFor();
  const link = detail.locator('a.file', { hasText: '上半年工作总结.pdf' });
  await link.waitFor();
  const dl = await office.request.get(server.base + await link.getAttribute('href'));
  assert.equal(dl.status(), 200);
  assert.equal(dl.headers()['content-type'], 'application/pdf');
  assert.deepEqual(Buffer.from(await dl.body()), PDF, 'the file comes back as uploaded');
  await shot(office, '4-review-detail-1400');
  await vrow.locator('input.reason').fill('与统计年鉴数据不一致，请核实');
  await vrow.locator('button.item-return').click();
  await detail.getByText('已退回：与统计年鉴数据不一致，请核实').first().waitFor();
  await office.locator('#review td.state', { hasText: '已退回' }).first().waitFor();
  await detail.locator('details.history').first().click();
  await detail.locator('details.history li', { hasText: '退回' }).first().waitFor();
  await shot(office, '5-review-returned-1400');
  assert.deepEqual(office.errors, []);
  ok('the office sees the value (77.7), the target, the submitter and the file, and returns the value with a reason');

  // ---- the unit sees the reason in place ----
  await page.goto(server.base + '/#/review');
  await page.goto(server.base + '/#/entry');
  await page.locator('#entry-state', { hasText: '已退回' }).waitFor();
  await page.locator('table.entry .decision', { hasText: '与统计年鉴数据不一致' }).waitFor();
  assert.ok(!(await page.locator('#submit').isDisabled()), 'a returned period can be corrected');
  assert.deepEqual(page.errors, []);
  ok('the unit sees the return reason next to the value and can correct it');

  // ---- a phone ----
  const phone = await newPage(390, 844);
  await signIn(phone, 'unit');
  await phone.goto(server.base + '/#/entry');
  await phone.waitForSelector('table.entry input.value');
  const width = await phone.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `no sideways scrolling at 390 px (page is ${width} px wide)`);
  const box = await phone.locator('table.entry input.value').first().boundingBox();
  assert.ok(box && box.x >= 0 && box.x + box.width <= 390 && box.height >= 20, `the value input is on screen: ${JSON.stringify(box)}`);
  const sub = await phone.locator('#submit').boundingBox();
  assert.ok(sub && sub.width >= 200, 'the submit button spans the phone');
  await phone.locator('table.entry input.value').first().fill('97.6');
  assert.equal(await phone.locator('table.entry .field-error').first().textContent(), '');
  await shot(phone, '6-entry-phone-390');
  await phone.goto(server.base + '/#/review');
  await phone.waitForSelector('#review');
  await shot(phone, '7-review-phone-390');
  assert.deepEqual(phone.errors, []);
  ok('the entry form is usable at 390 px: no sideways scrolling, inputs and buttons on screen');
} finally {
  await browser.close();
  await server.stop();
  cleanup(dir);
}
