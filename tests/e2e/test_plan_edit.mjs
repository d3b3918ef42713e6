// 方案编辑 in Debian's chromium (issue 11 item 4): the office edits a
// target's value, splits the target into two counties, enters a value for
// one of them and sees the parent's roll-up change; the change is a new
// version whose diff the page shows. A reporting unit is kept out.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { demoDb, startServer, cleanup, SRC } from '../api/server.mjs';
import { launch, signIn as signInAt } from './browser.mjs';

const artifacts = join(SRC, 'tests/artifacts');
mkdirSync(artifacts, { recursive: true });
const shot = (page, name) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });

const { dir, db, env } = demoDb();
const server = await startServer(db, env);
const browser = await launch();
let n = 0;
const ok = (what) => console.log(`ok ${++n} - ${what}`);
const long = { timeout: 90000 };

const signIn = (page, name) => signInAt(page, server.base, name);

try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); d.dismiss(); });

  // A unit reporter has no 方案编辑 link and the page refuses it.
  await signIn(page, 'unit');
  assert.ok(await page.locator('nav a[href="#/plan-edit"]').isHidden(), 'no link for a unit');
  await page.goto(server.base + '/#/plan-edit');
  await page.locator('p.error', { hasText: '只有领导小组办公室和管理员' }).waitFor(long);
  await page.click('#logout');
  await page.waitForSelector('#login');
  ok('a unit reporter cannot open 方案编辑');

  await signIn(page, 'office');
  await page.click('nav a[href="#/plan-edit"]');
  const row = page.locator('#targets tr[data-ref="1"]');
  await row.waitFor(long);
  const indicator = await row.locator('input[name=indicator]').inputValue();
  const planId = await page.locator('#plan').inputValue();

  // Edit the target: a new value and year.
  await row.locator('input[name=value]').fill('96');
  await row.locator('input[name=year]').fill('2021');
  await row.locator('button.save').click();
  await page.locator('#targets tr[data-ref="1"] input[name=year][value="2021"]').waitFor(long);
  const plan = await (await page.request.get(`${server.base}/api/plans/${planId}`)).json();
  assert.equal(plan.targets[0].value, 96);
  assert.equal(plan.targets[0].year, 2021);
  assert.equal(plan.targets[0].key, 't1', 'the target keeps its key');
  ok(`the office edits target 1 (${indicator}): ≥ 96 by 2021`);

  // Split it into two counties of 七台河.
  await page.locator('#targets tr[data-ref="1"] button.split').click();
  const parts = page.locator('.parts[data-target="1"]');
  await parts.waitFor(long);
  assert.match(await parts.locator('.rollup').textContent(), /未分解/);
  const add = async (region, value) => {
    const r = page.locator('.parts[data-target="1"] tr.add');
    await r.locator('input[name=region]').fill(region);
    await r.locator('input[name=value]').fill(value);
    await r.locator('button.add').click();
  };
  await add('230902', '95');
  await page.locator('.parts[data-target="1"] tr[data-ref="target:1/1"]').waitFor(long);
  await add('桃山区', '90');
  await page.locator('.parts[data-target="1"] tr[data-ref="target:1/2"]').waitFor(long);
  const rollup = page.locator('.parts[data-target="1"] .rollup');
  // The demo has both counties' series (latest 100): both parts met.
  await rollup.filter({ hasText: '分解 2 项，已达标 2 项，暂无数据 0 项' }).waitFor(long);
  assert.equal(await page.locator('.parts[data-target="1"] tr[data-ref="target:1/2"] input[name=region]').inputValue(), '230903',
    'a county given by name is stored by its code');
  await shot(page, 'plan-edit-1-split');
  ok('the target is split into 新兴区 (230902) and 桃山区 (by name)');

  // A later value for 新兴区 falls below its part: the parent's roll-up
  // changes to one of two met, 新兴区 the weakest.
  await parts.locator('select[name=value-region]').selectOption('230902');
  await parts.locator('input[name=value-period]').fill('2021');
  await parts.locator('input[name=value-value]').fill('80');
  await parts.locator('button.put-value').click();
  await rollup.filter({ hasText: '分解 2 项，已达标 1 项，暂无数据 0 项；最弱：新兴区' }).waitFor(long);
  await page.locator('#targets tr[data-ref="1"] .rollup', { hasText: '已达标 1 项' }).waitFor(long);
  await shot(page, 'plan-edit-2-rollup');
  ok('a value entered for 新兴区 changes the parent\'s roll-up from 2 to 1 of 2 met');

  // Versions: each edit is one; the diff reads the change.
  const versions = await (await page.request.get(`${server.base}/api/plans/${planId}/versions`)).json();
  const last = versions.versions.at(-1).version;
  assert.ok(last >= 4, `an edit and two parts are versions (${last})`);
  await page.locator('#versions select[name=from]').selectOption(String(last - 2));
  await page.locator('#versions select[name=to]').selectOption(String(last - 1));
  await page.click('#show-diff');
  await page.locator('#diff li', { hasText: indicator }).first().waitFor(long);
  await page.locator('#versions select[name=from]').selectOption('1');
  await page.click('#show-diff');
  await page.locator('#diff li', { hasText: '修改 指标目标' }).first().waitFor(long);
  ok('the versions list and a readable diff');

  // A member added and removed, a bad value refused in place.
  const members = page.locator('#members tr.add');
  await members.locator('input[name=name]').fill('市政府督查室');
  await members.locator('button.add').click();
  await page.locator('#members tr[data-ref="市政府督查室"]').waitFor(long);
  await page.locator('#members tr[data-ref="市政府督查室"] button.remove').click();
  await page.locator('#members tr[data-ref="市政府督查室"]').waitFor({ state: 'detached', ...long });
  await page.locator('#targets tr[data-ref="1"] input[name=value]').fill('九十');
  await page.locator('#targets tr[data-ref="1"] button.save').click();
  await page.locator('#targets p.error', { hasText: '九十' }).waitFor(long);
  ok('a member added and removed; a bad number is refused with the field named');
  assert.deepEqual(errors, [], 'no script errors in the page');
} finally {
  await browser.close();
  await server.stop();
  cleanup(dir);
}
