// What a Chinese office worker reads on the pages, each case one an office
// walk-through found shown wrong: a county's account under a city's plan
// (a script error, now an explanation); the units of a ratio target and of
// a relative change (年均增长 of 生产总值 is no "1458.89%"); the y axis
// named by its unit; periods in Chinese form (2020年下半年, not 2020-H2);
// regions by name, not GB/T 2260 code; when and by whom a plan version
// was recorded (local time in Chinese form, not "…T14:17:45Z cli:unknown");
// the county comparison's axis and map labels; an assessment item's
// source (系统计算, not computed); a button whose request fails;
// empty tables that say why; 退出 in sight on a phone; the public index
// page's method in words.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { demoDb, startServer, cleanup, QCITY } from '../api/server.mjs';
import { launch, signIn } from './browser.mjs';

const { dir, db, env } = demoDb();
const soft = process.env.SOFT ? (f) => { try { f(); } catch (e) { console.log("FAIL", e.message.split("\n")[0]); } } : (f) => f();
// A county's region account (新兴区 under the city's plans), a complaint
// in 桃山区, and the plan and its index on the public portal.
const county = 'county-reader', countyPw = 'Xq7!vRt9#Lm2$kPz-walk';
execFileSync(QCITY, ['--db', db, 'user', 'add', county, '--role', 'region', '--region', '新兴区', '--password-stdin'],
  { env, input: countyPw + '\n', stdio: ['pipe', 'ignore', 'inherit'] });
execFileSync(QCITY, ['--db', db, 'complaint', 'add', '某超市', '电热水壶漏电', '--region', '桃山区', '--phone', '13812341234'],
  { env, stdio: ['ignore', 'ignore', 'inherit'] });
// 西安's 生产总值 (年均增长 ≥ 11%, its 17th target) led by its office, so
// that the office's entry form holds a relative change.
execFileSync(QCITY, ['--db', db, 'plan', 'edit', '3', 'owner', 'add', 'target:17', '--unit', '质量工作领导小组办公室', '--role', 'lead'],
  { env, stdio: ['ignore', 'ignore', 'inherit'] });
// The reminders once: the office's inbox holds its weekly summary.
execFileSync(QCITY, ['--db', db, 'remind', 'run'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
execFileSync(QCITY, ['--db', db, 'publish', 'plan', '1'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
execFileSync(QCITY, ['--db', db, 'publish', 'index', 'qitaihe-quality', '--year', '2020'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
const server = await startServer(db, env);
const browser = await launch();
let n = 0;
const ok = (what) => console.log(`ok ${++n} - ${what}`);
const errors = [];

async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  return page;
}
const text = (page, sel) => page.locator(sel).innerText();

try {
  // ---- a county's account under a city's plan -------------------------------
  let page = await newPage();
  await page.goto(server.base + '/');
  await page.waitForSelector('#login');
  await page.fill('#name', county);
  await page.fill('#password', countyPw);
  await page.click('#login button[type=submit]');
  await page.waitForSelector('#no-plan', { timeout: 90000 });
  for (const hash of ['#/', '#/tasks', '#/alerts', '#/assessment', '#/sampling']) {
    await page.goto(server.base + '/' + hash);
    await page.waitForSelector('#no-plan', { timeout: 90000 });
    const t = await text(page, '#app');
    assert.match(t, /暂无可查看的实施方案/, `${hash}: says there is no plan to show`);
    assert.doesNotMatch(t, /Cannot read|undefined/, `${hash}: no script error shown: ${t}`);
  }
  ok('a county account with no plan of its own is told so on every plan page');
  await page.context().close();

  // ---- units: a ratio, a relative change, the axis --------------------------------
  page = await newPage();
  await signIn(page, server.base, 'office');
  const xian = await page.evaluate(async () => (await (await fetch('/api/plans')).json()).find((p) => p.region_name === '西安市').id);
  await page.evaluate((id) => localStorage.setItem('plan', String(id)), xian);
  await page.reload();
  const exactly = (name) => page.locator('article.target h4', { hasText: new RegExp(`^${name}$`) });
  await exactly('生产总值').waitFor({ timeout: 90000 });
  const card = (name) => page.locator('article.target').filter({ has: page.locator('h4', { hasText: new RegExp(`^${name}$`) }) });
  const ratio = await card('城镇居民人均可支配收入与农村居民人均收入').innerText();
  assert.doesNotMatch(ratio, /ratio/, `a ratio's gap reads no code: ${ratio}`);
  assert.match(ratio, /超出 0\.06(?!\S*百分点)/, `a ratio's gap is a bare number: ${ratio}`);
  const gdp = await card('生产总值').innerText();
  assert.match(gdp, /最新：1458\.89（2015年）/, `生产总值 (年均增长 11%) is a level, not a rate: ${gdp}`);
  assert.doesNotMatch(gdp, /1458\.89%|百分点/, `no % on the level of a relative change: ${gdp}`);
  const axis = await page.evaluate(async () => {
    const { echarts } = await import('/chart.js');
    const names = (a) => echarts.getInstanceByDom(a.querySelector('.chart')).getModel().getComponent('yAxis', 0).get('name');
    const cards = [...document.querySelectorAll('article.target')];
    const of = (s) => cards.find((a) => a.querySelector('h4').textContent === s);
    return { rate: names(of('森林覆盖率')), gdp: names(of('生产总值')) };
  });
  assert.equal(axis.rate, '%', 'a rate\'s chart names its axis %');
  assert.equal(axis.gdp, '', 'a relative change\'s level has no unit on its axis');
  ok('a ratio\'s gap and a relative change\'s level read no "ratio" and no %; a rate\'s axis says %');
  // The entry form of 西安's office: 生产总值 is entered in its own unit.
  await page.goto(server.base + '/#/entry');
  const gdpRow = page.locator('table.entry tr', { has: page.locator('td', { hasText: /^生产总值/ }) });
  await gdpRow.waitFor({ timeout: 90000 });
  const cell = (await gdpRow.locator('td[data-label="本期数值"]').innerText()).trim();
  assert.equal(cell, '', `no % beside the entry of 生产总值 (年均增长 ≥ 11%): '${cell}'`);
  ok('the entry form asks 生产总值 without a % sign');
  await page.evaluate(() => localStorage.removeItem('plan'));

  // ---- periods in Chinese form ----------------------------------------------
  await page.goto(server.base + '/#/tasks');
  await page.waitForSelector('ul.tasks', { timeout: 90000 });
  const tasks = await text(page, '#app');
  assert.doesNotMatch(tasks, /\d{4}-[HQ]\d/, 'tasks: no 2020-H2 codes');
  assert.match(tasks, /最近报送 \d{4}年[上下]半年/, 'tasks: the last report in Chinese form');
  await page.goto(server.base + '/#/alerts');
  await page.waitForSelector('#alerts', { timeout: 90000 });
  const periods = await page.locator('#alerts tr[data-kind] td:nth-child(5)').allInnerTexts();
  assert.ok(periods.length > 0, 'alerts are listed');
  assert.deepEqual(periods.filter((p) => !/^(\d{4}年(\d{1,2}月|[上下]半年|第\d季度)?)?$/.test(p)), [], 'alert periods in Chinese form');
  ok(`periods read 2020年下半年 and 2020年10月 (${periods.length} alerts)`);

  // ---- where an assessment item's points come from, in words -------------------
  await page.goto(server.base + '/#/assessment');
  await page.waitForSelector('details', { timeout: 90000 });
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  const sources = [...new Set(await page.locator('details td.source').allInnerTexts())];
  assert.ok(sources.includes('系统计算') && sources.includes('单位自评'), `sources in words: ${sources}`);
  assert.deepEqual(sources.filter((x) => /[A-Za-z]/.test(x)), [], 'no source code (computed, self)');
  ok(`assessment items say where their points come from (${sources.join('、')})`);

  // ---- regions by name ----------------------------------------------------------
  await page.goto(server.base + '/#/credit');
  await page.waitForSelector('#credit-awards', { timeout: 90000 });
  const regionCells = [...await page.locator('#credit-lists tbody td:nth-child(3)').allInnerTexts(),
    ...await page.locator('#credit-awards tbody td:nth-child(6)').allInnerTexts()];
  assert.ok(regionCells.length > 0, 'credit rows are listed');
  assert.deepEqual(regionCells.filter((c) => /^\d{6}$/.test(c)), [], 'credit rows name their region');
  await page.goto(server.base + '/#/complaints');
  await page.waitForSelector('#complaints tr[data-id]', { timeout: 90000 });
  assert.equal(await text(page, '#complaints tr[data-id] td:nth-child(3)'), '桃山区', 'a complaint names its county');
  ok('credit listings, awards and complaints name their region (新兴区, 桃山区), not its code');

  // ---- a message's day is the reader's (Beijing) day --------------------------------
  // Its stored moment rewritten to 23:30 UTC, 07:30 the next day in Beijing.
  await page.route('**/api/inbox?*', async (route) => {
    const res = await route.fetch();
    const body = await res.json();
    for (const x of body.items) x.created_at = '2026-12-02T23:30:00Z';
    await route.fulfill({ response: res, json: body });
  });
  await page.goto(server.base + '/#/inbox');
  await page.waitForSelector('main h2', { timeout: 90000 });
  const days = await page.locator('#inbox time').allInnerTexts();
  assert.ok(days.length > 0, 'the office has messages (remind run)');
  assert.deepEqual([...new Set(days)], ['2026年12月3日'], `a message of 07:30 Beijing time is of that day: ${days}`);
  ok(`a message stored at 23:30 UTC reads ${days[0]}`);
  await page.unroute('**/api/inbox?*');

  // ---- 各省数据 on a city's server: what it means, not a command -------------------
  await page.goto(server.base + '/#/federation');
  const fed = await page.locator('#fed-none').innerText({ timeout: 90000 });
  assert.doesNotMatch(fed, /qcity|--/, `the office reads no command: ${fed}`);
  ok(`各省数据 tells the office: ${fed}`);

  // ---- a plan version: when and by whom ------------------------------------------
  // One recorded here, by the office on the web (its actor "web:office").
  await page.goto(server.base + '/#/plan-edit');
  await page.waitForSelector('#versions', { timeout: 90000 });
  await page.fill('input[name=version-note]', '走查');
  await Promise.all([page.waitForEvent('load'), page.click('#record-version')]);
  await page.waitForSelector('#versions', { timeout: 90000 });
  const row = await page.locator('#versions tr').last().locator('td').allInnerTexts();
  assert.equal(row[3], '走查', 'the version recorded is the last row');
  assert.match(row[1], /^\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d$/, `the version's time in Chinese form: ${row[1]}`);
  assert.equal(row[2], 'office', `the version's author is the person: ${row[2]}`);
  ok(`a plan version reads ${row[1]}, ${row[2]}`);

  // ---- a button whose request fails says so ------------------------------------------
  await page.locator('#versions select[name=from] option').first().evaluate((o) => { o.value = '999'; });
  await page.selectOption('#versions select[name=from]', '999');
  await page.click('#show-diff');
  const flash = await page.locator('#flash').innerText({ timeout: 15000 });
  assert.match(flash, /^操作未完成：\S/, `the failed 比较 says why: ${flash}`);
  await page.context().clearCookies();
  await page.click('#show-diff');
  await page.waitForSelector('#login', { timeout: 15000 });
  ok(`a failed 比较 says "${flash}"; with the session gone it leads to the sign-in`);
  await signIn(page, server.base, 'office');

  // ---- the county comparison: its axis named, no label on another ----------------
  const tid = await page.evaluate(async () => (await (await fetch('/api/plans/1/status')).json())
    .targets.find((t) => t.indicator === '产品质量监督抽查合格率').target);
  await page.goto(`${server.base}/#/target/1/${tid}`);
  await page.waitForSelector('[data-map][data-counties]', { timeout: 90000 });
  await page.waitForTimeout(500);
  const cmp = await page.evaluate(async () => {
    const { echarts } = await import('/chart.js');
    const bars = echarts.getInstanceByDom(document.querySelector('[data-bars]')).getModel().getComponent('xAxis', 0).get('name');
    const r = [...document.querySelectorAll('[data-map] text')].filter((t) => t.textContent.trim())
      .map((t) => [t.textContent, t.getBoundingClientRect()]);
    const hits = [];
    for (let i = 0; i < r.length; i++) {
      for (let j = i + 1; j < r.length; j++) {
        const a = r[i][1], b = r[j][1];
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left), h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        // Boxes that touch are not labels that cover each other.
        if (w > 0 && h > 0 && w * h > 0.1 * Math.min(a.width * a.height, b.width * b.height)) hits.push(`${r[i][0]}/${r[j][0]}`);
      }
    }
    return { bars, labels: r.length, hits };
  });
  assert.equal(cmp.bars, '%', 'the county bars name their axis %');
  assert.ok(cmp.labels >= 2, `the county map names counties (${cmp.labels})`);
  assert.deepEqual(cmp.hits, [], 'no county name on the map covers another');
  ok(`the county comparison names its axis; ${cmp.labels} county names on the map, none covering another`);

  // ---- an index year without data is refused, with the reason --------------------
  await page.goto(server.base + '/#/publish');
  await page.locator('input[aria-label="年份"]').fill('2030');
  await page.locator('button', { hasText: '发布指数' }).click();
  const refused = await page.locator('main .field-error').filter({ hasText: /\S/ }).innerText({ timeout: 15000 });
  assert.match(refused, /2030 年没有任何地区的数据/, `publishing an empty year says why: ${refused}`);
  assert.equal(await page.locator('td', { hasText: '（2030年）' }).count(), 0, 'no 2030 index listed as published');
  ok(`an index for a year without data is not published: ${refused}`);

  // ---- empty tables say why --------------------------------------------------------
  for (const [hash, sel] of [['#/documents', 'main table'], ['#/supervision', '#supervision'], ['#/tokens', 'main table'],
    ['#/sampling', '#followup']]) {
    await page.goto(server.base + '/' + hash);
    await page.waitForSelector(sel, { timeout: 90000 });
    const empty = await page.locator(`${sel} tr.empty`).innerText();
    assert.ok(empty.trim().length > 4, `${hash}: the empty table says so (${empty})`);
  }
  ok('empty documents, 督查, token and follow-up tables say they are empty');

  // ---- a document's period is chosen by name, and read so --------------------------
  await page.goto(server.base + '/#/documents');
  await page.waitForSelector('#kind', { timeout: 90000 });
  assert.equal(await page.locator('#period').evaluate((e) => e.tagName), 'SELECT', 'the period is chosen, not typed as 2020-H1');
  const progress = await page.locator('#period option').allTextContents();
  assert.ok(progress.includes('2020年上半年') && progress.includes('2020年6月'), `half-years and months by name: ${progress.slice(0, 4)}`);
  assert.deepEqual(progress.filter((x) => /\d{4}-/.test(x)), [], 'no period codes among the choices');
  await page.selectOption('#kind', 'assessment');
  assert.deepEqual((await page.locator('#period option').allTextContents()).slice(0, 2), ['2020年', '2019年'], 'years for an annual document');
  await page.selectOption('#kind', 'progress');
  await page.selectOption('#period', '2020-H1');
  await page.click('text=生成草稿');
  await page.waitForSelector('.doc-body', { timeout: 90000 });
  assert.match(await text(page, 'main .card >> nth=0'), /工作进展通报 · 2020年上半年 · 草稿/, 'the draft names its period in Chinese');
  ok('a document\'s period is picked and read as 2020年上半年');
  await page.context().close();

  // ---- 退出 in sight on a phone -------------------------------------------------------------
  {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const phone = await context.newPage();
    phone.on('pageerror', (e) => errors.push(e.message));
    await signIn(phone, server.base, 'office');
    const reach = await phone.evaluate(() => {
      const b = document.getElementById('logout').getBoundingClientRect();
      const at = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
      return { left: b.left, right: b.right, width: innerWidth, on: at && at.id };
    });
    assert.ok(reach.left >= 0 && reach.right <= reach.width && reach.on === 'logout', `退出 is in sight at 390 px: ${JSON.stringify(reach)}`);
    await phone.click('#logout');
    await phone.waitForSelector('#login');
    ok('on a phone 退出 is in sight without scrolling the navigation');
    await context.close();
  }

  // ---- the public portal -----------------------------------------------------------------
  page = await newPage();
  await page.goto(server.base + '/public/#/index/qitaihe-quality/2020');
  await page.waitForSelector('#index-method', { timeout: 90000 });
  const method = await text(page, '#index-method');
  assert.doesNotMatch(method, /[A-Za-z]{3,}/, `the index method reads Chinese: ${method}`);
  assert.match(method, /距目标法/, `the method is named: ${method}`);
  const places = await page.locator('main table tbody td:nth-child(2)').allInnerTexts();
  assert.deepEqual(places.filter((c) => /\d{6}/.test(c)), [], 'the index table names counties without codes');
  await page.goto(server.base + '/public/#/plan/1');
  await page.waitForSelector('main h3', { timeout: 90000 });
  const heads = await page.locator('main h3').allInnerTexts();
  assert.deepEqual(heads.filter((x) => /\d{6}/.test(x)), [], `the plan's regions without codes: ${heads}`);
  // A rate's latest value carries its %, as on the office's pages.
  const latest = await page.locator('main table tbody tr', { hasText: '产品质量监督抽查合格率' }).first()
    .locator('td:nth-child(3)').innerText();
  assert.match(latest, /^[0-9.]+%$/, `the public latest value has its unit: ${latest}`);
  ok('the public index names its method in Chinese; regions without codes');

  // An index published before a year without data was refused: its page
  // says so instead of drawing an empty map (the answer rewritten as such
  // a snapshot reads).
  await page.route('**/api/public/indexes/qitaihe-quality/2020', async (route) => {
    const res = await route.fetch();
    const body = await res.json();
    for (const r of body.snapshot.regions) Object.assign(r, { index: null, rank: null });
    await route.fulfill({ response: res, json: body });
  });
  await page.goto(server.base + '/public/#/');
  await page.goto(server.base + '/public/#/index/qitaihe-quality/2020');
  const none = await page.locator('#index-empty').innerText({ timeout: 90000 });
  assert.match(none, /没有任何地区的数据/, none);
  assert.equal(await page.locator('#index-map, main table').count(), 0, 'no empty map or table');
  ok(`an index year without data reads: ${none}`);

  assert.deepEqual(errors, [], 'no script errors');
} finally {
  await browser.close();
  await server.stop();
  cleanup(dir);
}
