// End to end in Debian's chromium driven by playwright-core: a unit
// reporter signs in, enters a value (a wrong one first, to see the
// message in place), saves and submits; the office signs in and accepts;
// the target's status on the dashboard has changed. Screenshots go to
// tests/artifacts/ (git-ignored).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { demoDb, startServer, cleanup, SRC } from '../api/server.mjs';
import { launch, signIn as signInAt } from './browser.mjs';

const artifacts = join(SRC, 'tests/artifacts');
mkdirSync(artifacts, { recursive: true });
const shot = (page, name) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: false });

const { dir, db, env } = demoDb();
const server = await startServer(db, env);
const browser = await launch();
let n = 0;
const ok = (what) => console.log(`ok ${++n} - ${what}`);

const signIn = (page, name) => signInAt(page, server.base, name);

try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); d.dismiss(); });

  // The unit reporter's dashboard: pick the first target it leads.
  await signIn(page, 'unit');
  await page.goto(server.base + '/#/entry');
  await page.waitForSelector('table.entry input.value');
  const input = page.locator('table.entry input.value').first();
  const target = await input.getAttribute('data-target');
  const requirement = await page.locator('table.entry tbody tr').first().locator('td[data-label="目标值"]').textContent();
  const wanted = Number(requirement.match(/[0-9.]+/)[0]);
  await page.goto(server.base + '/#/');
  const card = page.locator(`article.target[data-target="${target}"]`);
  await card.waitFor();
  const before = await card.getAttribute('class');
  assert.ok(!before.includes('s-met'), `target ${target} starts not met (${before})`);
  await shot(page, '1-unit-dashboard');
  ok(`the unit reporter signs in and sees the dashboard (target ${target}: ${before})`);

  // Data entry: a wrong value is flagged in place, then the right one.
  await page.goto(server.base + '/#/entry');
  await input.waitFor();
  await input.fill('九十八');
  const fieldError = page.locator('table.entry .field-error').first();
  await assert.doesNotReject(fieldError.filter({ hasText: '请输入数字' }).waitFor());
  await page.click('#save');
  await page.locator('#entry-msg', { hasText: '需要更正' }).waitFor();
  await shot(page, '2-entry-validation');
  await input.fill(String(wanted));
  assert.equal(await fieldError.textContent(), '');
  await page.click('#save');
  await page.locator('#entry-msg', { hasText: '已保存 1 项' }).waitFor();
  await page.click('#submit');
  await page.locator('#entry-state', { hasText: '已提交' }).waitFor();
  assert.ok(await page.locator('#save').isDisabled(), 'submitted data cannot be edited');
  await shot(page, '3-entry-submitted');
  ok('the unit enters a value (a bad one is flagged in place), saves and submits');

  // The office accepts from its review queue.
  await page.click('#logout');
  await page.waitForSelector('#login');
  await signIn(page, 'office');
  await page.goto(server.base + '/#/review');
  const row = page.locator('#review tr[data-id]').filter({ hasText: '已提交' }).first();
  await row.waitFor();
  await shot(page, '4-office-review-queue');
  await row.locator('button.view').click();
  await page.locator('#review-detail table.review-values td.value').first().waitFor();
  await page.click('#accept-all');
  await page.locator('#review td.state', { hasText: '已审核通过' }).first().waitFor();
  ok('the office sees the submission in its queue and accepts it');

  // The dashboard shows the target met.
  await page.goto(server.base + '/#/');
  await card.waitFor();
  const after = await card.getAttribute('class');
  assert.ok(after.includes('s-met'), `target ${target} is met after acceptance (${after})`);
  await card.scrollIntoViewIfNeeded();
  await shot(page, '5-office-dashboard-met');
  ok(`the target's status changed on the dashboard: ${before} → ${after}`);

  // Other pages render without script errors.
  for (const [hash, sel] of [['#/tasks', 'ul.tasks'], ['#/alerts', 'h2'], ['#/assessment', 'details'],
    [`#/target/1/${target}`, '.chart.big svg']]) {
    await page.goto(server.base + '/' + hash);
    // A loaded machine (CI runs two tests at once) can take a while; if
    // the page shows an error instead, say which.
    await page.waitForSelector(sel, { timeout: 90000 }).catch(async (e) => {
      const shown = await page.locator('p.error').allTextContents();
      throw new Error(`${hash}: ${sel} did not appear (page error: ${shown.join(' ') || 'none'}): ${e.message}`);
    });
  }
  await shot(page, '6-target-page');

  // A page still loading when the user moves on must not overwrite the
  // next one: the alerts answer is held back 3 s, the user goes on to the
  // assessment, and the assessment is still what shows after the alerts
  // answer came in.
  // The user moves on only once the alerts request is out (on a loaded
  // machine the page may not have asked yet), and the held answer is
  // released even if the browser dropped the request meanwhile.
  let released, seen;
  const alertsDone = new Promise((res) => { released = res; });
  const alertsAsked = new Promise((res) => { seen = res; });
  await page.route(/\/api\/plans\/\d+\/alerts$/, async (r) => {
    seen();
    await new Promise((res) => setTimeout(res, 3000));
    try {
      await r.continue();
    } catch (e) {
      // the request was dropped: nothing is left to answer
    } finally {
      released();
    }
  });
  await page.goto(server.base + '/#/alerts');
  await alertsAsked;
  await page.goto(server.base + '/#/assessment');
  await page.waitForSelector('details', { timeout: 90000 });
  await alertsDone;
  await page.waitForTimeout(500);
  assert.ok(await page.locator('details').first().isVisible(), 'the assessment is still shown');
  assert.equal(await page.locator('h2', { hasText: '预警' }).count(), 0, 'the late alerts page did not replace it');
  await page.unroute(/\/api\/plans\/\d+\/alerts$/);
  ok('a page that answers late does not overwrite the page the user moved on to');

  // 监督抽查: the office imports a published table and sees the new
  // unqualified result on the follow-up board.
  await page.goto(server.base + '/#/sampling');
  await page.waitForSelector('#followup');
  const rowsBefore = await page.locator('#followup tr:not(.empty)').count();
  await page.fill('#table', '序号,产品名称,（标称）生产企业名称,抽查时间,检验结论,不合格项目\n'
    + '1,电线电缆,浏览器测试电缆厂,2026-11-01,不合格,导体电阻\n2,水泥,浏览器测试水泥厂,2026-11-02,合格,/\n');
  await page.click('#import button[type=submit]');
  await page.locator('#import pre', { hasText: '导入 2 / 2 条' }).waitFor();
  await page.locator('#followup td', { hasText: '浏览器测试电缆厂' }).waitFor();
  assert.equal(await page.locator('#followup tr:not(.empty)').count(), rowsBefore + 1, 'one more follow-up');
  await shot(page, '7-sampling');
  // One result by hand; a wrong credit code is refused in place.
  await page.fill('#one-product', '燃气灶具');
  await page.fill('#one-enterprise', '手工录入灶具厂');
  await page.fill('#one-uscc', '91350100M000100Y44');
  await page.fill('#one-date', '2026-11-03');
  await page.selectOption('#one-result', '不合格');
  await page.fill('#one-failed', '热效率');
  await page.click('#one button[type=submit]');
  await page.locator('#one p.error', { hasText: '按代码应为“3”' }).waitFor();
  // (A valid code would file the result under its own division, 福州:
  // without one it stays in the page's region.)
  await page.fill('#one-uscc', '');
  await page.click('#one button[type=submit]');
  await page.locator('#followup td', { hasText: '手工录入灶具厂' }).waitFor();
  ok('one result entered by hand; a wrong credit code is refused with the reason');
  // More open follow-ups than a page: the board shows 200, most urgent
  // first, and 显示更多 appends the next page (keyset) until none is left.
  const many = Array.from({ length: 201 }, (_, i) => `${i + 1},电线电缆,翻页测试厂${i},2026-11-20,不合格,标志`).join('\n');
  await page.fill('#table', '序号,产品名称,（标称）生产企业名称,抽查时间,检验结论,不合格项目\n' + many + '\n');
  await page.click('#import button[type=submit]');
  await page.locator('#import pre', { hasText: '导入 201 / 201 条' }).waitFor();
  await page.locator('#followup-more').waitFor();
  assert.equal(await page.locator('#followup tr').count(), 201, 'a page of 200 under its heading row');
  await page.click('#followup-more');
  await page.waitForFunction(() => document.querySelectorAll('#followup tr').length > 201);
  assert.ok(await page.locator('#followup-more').isHidden(), 'no button once the last page is shown');
  const shownIds = await page.locator('#followup tr td:first-child').allTextContents();
  assert.equal(new Set(shownIds).size, shownIds.length, 'no follow-up shown twice');
  ok('the follow-up board pages: 200 at a time, the next on request');

  // The office acknowledges an alert; it stays listed, marked as handled.
  await page.goto(server.base + '/#/alerts');
  await page.waitForSelector('#alerts button.ack');
  const handled = await page.locator('#alerts td.acked').count();
  await page.locator('#alerts button.ack').first().click();
  await page.locator('#alerts td.acked').nth(handled).waitFor();
  assert.equal(await page.locator('#alerts td.acked').count(), handled + 1, 'one more alert handled');
  ok('the office imports a sampling table and follows up the unqualified result');

  // 指标关联 (issue 11): the office links a series to the catalogue.
  await page.goto(server.base + '/#/indicators');
  const county = page.locator('tr[data-indicator="县公路优良路率"]');
  await county.waitFor();
  assert.match(await county.textContent(), /未关联/);
  await county.locator('input').fill('公路优良路率');
  await county.locator('button', { hasText: '关联' }).first().click();
  await page.locator('tr[data-indicator="县公路优良路率"] td', { hasText: '已确认' }).waitFor();
  ok('the office links 县公路优良路率 to the catalogue on the 指标关联 page');

  // API 令牌: made on the page, shown once, then revoked there.
  await page.goto(server.base + '/#/tokens');
  await page.fill('#token-name', '夜间同步');
  await page.click('form.record button[type=submit]');
  const shown = await page.locator('#token-new code.token').textContent();
  assert.match(shown, /^[0-9a-f]{64}$/);
  const res = await fetch(server.base + '/api/me', { headers: { Authorization: `Bearer ${shown}` } });
  assert.equal(res.status, 200);
  await page.locator('tr', { hasText: '夜间同步' }).locator('button').click();
  await page.locator('tr', { hasText: '已吊销' }).waitFor();
  assert.equal(await page.locator('#token-new code').count(), 0, 'the token is shown only once');
  assert.equal((await fetch(server.base + '/api/me', { headers: { Authorization: `Bearer ${shown}` } })).status, 401);
  ok('the API token page makes a token (shown once) and revokes it');
  // 信息发布 (issue 17): the office publishes plan 1 and the city index;
  // a visitor who is not signed in sees them on /public/, each page with
  // its 发布日期.
  await page.goto(server.base + '/#/publish');
  await page.locator('button', { hasText: '发布方案' }).click();
  await page.locator('td', { hasText: '工作方案' }).waitFor();
  await page.locator('input[aria-label="年份"]').fill('2020');
  await page.locator('button', { hasText: '发布指数' }).click();
  await page.locator('td', { hasText: '七台河市质量指数（2020年）' }).waitFor();
  // An assessment 通报: a draft made on 通报与报告, issued (through the API:
  // the page asks to confirm), then published on 信息发布.
  await page.goto(server.base + '/#/documents');
  await page.selectOption('#kind', 'assessment');
  await page.selectOption('#period', '2020');
  await page.locator('button', { hasText: '生成草稿' }).click();
  await page.waitForURL(/#\/documents\/\d+$/);
  const docId = Number(page.url().split('/').pop());
  const number = await page.evaluate(async (id) => {
    const me = await (await fetch('/api/me')).json();
    const res = await fetch(`/api/documents/${id}/issue`, { method: 'POST', body: '{}',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf } });
    return (await res.json()).number;
  }, docId);
  assert.match(number, /^质强办〔\d{4}〕\d+号$/);
  await page.goto(server.base + '/#/publish');
  await page.selectOption('#publish-doc', String(docId));
  await page.locator('button', { hasText: '发布文件' }).click();
  await page.locator('td', { hasText: '关于2020年度质量强市工作考核结果的通报' }).waitFor();
  const anon = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const pub = await anon.newPage();
  pub.on('pageerror', (e) => errors.push(`public: ${e.message}`));
  await pub.goto(server.base + '/public/');
  await pub.locator('a', { hasText: '七台河市质量强市' }).click();
  await pub.locator('td.status').first().waitFor();
  assert.match(await pub.locator('p.as-of').textContent(), /^发布日期：\d{4}-\d{2}-\d{2}$/);
  await pub.goto(server.base + '/public/#/');
  await pub.locator('a', { hasText: '七台河市质量指数' }).click();
  await pub.locator('.chart svg').first().waitFor();
  assert.equal(await pub.locator('tbody tr').count(), 4, 'four counties ranked');
  // the county map: the city's GeoJSON, the four counties coloured
  await pub.locator('#index-map[data-map] svg').waitFor();
  assert.equal(await pub.locator('#index-map').getAttribute('data-counties'), '4', 'four counties on the map');
  await shot(pub, 'public-index');
  await pub.goto(server.base + '/public/#/');
  await pub.locator('a', { hasText: '关于2020年度质量强市工作考核结果的通报' }).first().click();
  await pub.locator('p', { hasText: number }).first().waitFor();
  const pdf = await pub.locator('ul.files a', { hasText: `${number}.pdf` }).getAttribute('href');
  const got = await fetch(server.base + pdf);
  assert.equal(got.status, 200);
  assert.equal(Buffer.from(await got.arrayBuffer()).subarray(0, 4).toString('latin1'), '%PDF');
  await pub.goto(server.base + '/public/#/data');
  await pub.locator('a', { hasText: 'values.sdmx.csv' }).waitFor();
  await anon.close();
  ok('the office publishes plan 1, the city index and an issued 通报; the public portal shows them with 发布日期 ' +
     '(the index on the county map, the 通报 as a PDF to download), no sign-in');
  assert.deepEqual(errors, [], 'no script errors in the page');
  ok('tasks, alerts, assessment and target pages render without script errors');
} finally {
  await browser.close();
  await server.stop();
  cleanup(dir);
}
