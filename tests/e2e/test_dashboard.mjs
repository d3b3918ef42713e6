// The dashboard an office reads at a glance (issue 16, part 7), in
// Debian's chromium driven by playwright-core: nav hidden before sign-in;
// the target line in view on an off-track card, with the gap labelled; no
// projection for a year that has a value; regions picked by name; the
// county comparison of a city target (one bar per county, the county map
// with each county); alerts with their region and headers on one line;
// the assessment in rank order; the sampling page on its latest year; and
// a phone-sized viewport (390 px) where every page fits the width and the
// entry form takes a value. Screenshots of each page at 1400 px and
// 390 px go to build/screenshots/ for a reviewer.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { demoDb, startServer, cleanup, SRC } from '../api/server.mjs';
import { launch, signIn as signInAt } from './browser.mjs';

const shots = join(process.env.BUILD || join(SRC, 'build'), 'screenshots');
mkdirSync(shots, { recursive: true });
// Pages that other parts of issue 16 and 17 add are shot when the nav has them.
const PAGES_ALL = [['dashboard', '#/', '#counts'], ['tasks', '#/tasks', 'ul.tasks'], ['entry', '#/entry', 'main h2, main table'],
  ['review', '#/review', 'main h2, main table'], ['alerts', '#/alerts', '#alerts'], ['assessment', '#/assessment', 'details'],
  ['sampling', '#/sampling', '#followup'], ['indicators', '#/indicators', 'main table'], ['tokens', '#/tokens', 'main form'],
  ['plan-edit', '#/plan-edit', '#versions'], ['documents', '#/documents', '#kind'], ['publish', '#/publish', 'main h2'],
  ['supervision', '#/supervision', '#supervision'], ['inbox', '#/inbox', 'main h2']];
let PAGES = PAGES_ALL;

const { dir, db, env } = demoDb();
const server = await startServer(db, env);
const browser = await launch();
let n = 0;
const ok = (what) => console.log(`ok ${++n} - ${what}`);
const errors = [];

async function newPage(width, height) {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`${width}px: ${e.message}`));
  page.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); d.dismiss(); });
  return page;
}

const signIn = (page, name) => signInAt(page, server.base, name);

async function open(page, hash, sel) {
  // Empty the page first, so that what is waited for is the new page's
  // (the same hash again would not route: reload then).
  const same = await page.evaluate((x) => location.hash === x, hash);
  await page.evaluate(() => document.getElementById('app').replaceChildren());
  if (same) await page.reload();
  else await page.goto(server.base + '/' + hash);
  await page.waitForSelector(sel, { timeout: 90000 }).catch(async (e) => {
    const shown = await page.locator('p.error').allTextContents();
    throw new Error(`${hash}: ${sel} did not appear (page error: ${shown.join(' ') || 'none'}): ${e.message}`);
  });
  await page.waitForTimeout(200);   // charts draw after the page is in place
}

const shot = (page, name, width) => page.screenshot({ path: join(shots, `${name}-${width}.png`), fullPage: true });

try {
  // ---- before sign-in: no navigation, no 退出 -----------------------------------
  const page = await newPage(1400, 900);
  await page.goto(server.base + '/');
  await page.waitForSelector('#login');
  assert.equal(await page.locator('#nav').isVisible(), false, 'the nav is hidden before sign-in');
  assert.equal(await page.locator('#logout').isVisible(), false, '退出 is hidden before sign-in');
  await shot(page, 'login', 1400);
  await signIn(page, 'office');
  assert.ok(await page.locator('#logout').isVisible(), '退出 shows once signed in');
  const linked = new Set(await page.locator('#nav a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))));
  PAGES = PAGES_ALL.filter(([, hash]) => linked.has(hash));
  assert.ok(PAGES.length >= 9, `pages in the nav: ${[...linked]}`);
  ok('nav and 退出 are hidden before sign-in and shown after');

  // ---- the target line in view on an off-track card ---------------------------------
  const cards = await page.evaluate(async () => {
    const { yExtent, echarts } = await import('/chart.js');
    return [...document.querySelectorAll('article.target')].map((a) => {
      const el = a.querySelector('.chart');
      const ticks = echarts.getInstanceByDom(el).getModel().getComponent('yAxis', 0).axis.scale.getTicks().map((k) => k.value);
      return { target: a.dataset.target, cls: a.className, levels: el.dataset.levels, projection: el.dataset.projection,
        extent: yExtent(el), ticks, text: el.textContent, card: a.textContent, gap: (a.querySelector('.gap') || {}).textContent || '' };
    });
  });
  const st = await (await page.request.get(`${server.base}/api/plans/1/status?series=1`)).json();
  const byId = new Map(st.targets.map((t) => [String(t.target), t]));
  assert.equal(cards.length, st.targets.length, 'one card per target');
  let outside = 0;
  for (const c of cards) {
    const t = byId.get(c.target);
    const levels = c.levels ? c.levels.split(',').map(Number) : [];
    for (const y of levels)
      assert.ok(c.extent[0] <= y && y <= c.extent[1], `target ${c.target}: line ${y} within the y range ${c.extent}`);
    const values = t.series.map((p) => p.value);
    if (/s-(limited_progress|deteriorating|acceleration_needed)/.test(c.cls) && levels.length &&
        levels.some((y) => y > Math.max(...values) || y < Math.min(...values))) {
      outside++;
      assert.match(c.text, /目标 [0-9.]+（(差|超出|相差) [0-9.]+/, `target ${c.target}: the gap is labelled on the chart`);
      assert.match(c.gap, /距目标：(差|超出|相差) /, `target ${c.target}: the card says the gap`);
    }
  }
  assert.ok(outside >= 3, `off-track cards whose target lies outside their values: ${outside}`);
  // A count (中国质量奖 ≥ 1个, values 0) steps by whole numbers: no 0.2 of a prize.
  let counts = 0;
  for (const c of cards) {
    const t = byId.get(c.target);
    const levels = c.levels ? c.levels.split(',').map(Number) : [];
    const xs = [...t.series.map((p) => p.value), ...levels];
    if (t.unit === '%' || !xs.length || !xs.every(Number.isInteger)) continue;
    counts++;
    assert.ok(c.ticks.every(Number.isInteger), `target ${c.target} (${t.unit}): whole ticks, not ${c.ticks}`);
  }
  assert.ok(counts >= 2, `cards of whole counts: ${counts}`);
  // A change in percentage points (提高2个百分点) reads as words and its
  // values in %, never as the stored code pp.
  const pp = cards.filter((c) => byId.get(c.target).unit === 'pp');
  assert.ok(pp.length >= 1, 'a card of a change in percentage points');
  for (const c of pp)
    assert.ok(!/[0-9]\s*pp\b/.test(c.card) && /个百分点/.test(c.card), `target ${c.target}: ${c.card.slice(0, 200)}`);
  ok(`the target line is in the y range on all ${cards.length} cards, ${outside} of them off track with the line beyond every value, the gap labelled; ${counts} cards of counts on whole ticks`);

  // ---- no projection for a year that has a value ------------------------------------
  let withDue = 0;
  for (const c of cards) {
    const t = byId.get(c.target);
    const due = t.due || t.year;
    if (due && t.series.some((p) => parseInt(p.period, 10) === due)) {
      withDue++;
      assert.equal(c.projection, '', `target ${c.target}: no projection, ${due} has a value`);
    }
  }
  assert.ok(withDue > 10, `cards whose due year has a value: ${withDue}`);
  const rule = await page.evaluate(async () => {
    const { projectionYear, drawSeries } = await import('/chart.js');
    const el = document.createElement('div');
    el.style.cssText = 'width:300px;height:150px';
    document.body.append(el);
    const base = { op: '>=', value: 90, required: 90, due: 2020, projected: 88, unit: '%', current: 85 };
    const before = drawSeries(el, { ...base, series: [{ period: '2017', value: 80 }, { period: '2018', value: 85 }] }, true)
      .getOption().series.map((s) => s.name);
    const after = drawSeries(el, { ...base, series: [{ period: '2019', value: 84 }, { period: '2020', value: 85 }] }, true)
      .getOption().series.map((s) => s.name);
    el.remove();
    return { before, after, half: projectionYear({ ...base, series: [{ period: '2020-H1', value: 85 }] }) };
  });
  assert.deepEqual(rule.before, ['实际值', '趋势预测'], 'a due year after the last value is projected');
  assert.deepEqual(rule.after, ['实际值'], 'a due year with a value is not');
  assert.equal(rule.half, null, 'nor a due year with a half-year value');
  ok(`no projection on the ${withDue} cards whose due year has a value (and one drawn only past the last actual)`);
  await shot(page, 'dashboard', 1400);

  // ---- regions by name ------------------------------------------------------------------
  const options = await page.locator('#region option').allTextContents();
  assert.equal(options[0], '七台河市', 'the plan\'s region first');
  assert.deepEqual([...options].sort(), ['七台河市', '新兴区', '桃山区', '茄子河区', '勃利县'].sort());
  assert.ok(options.every((o) => !/\d/.test(o)), `region names, no codes: ${options}`);
  await page.selectOption('#region', { label: '茄子河区' });
  await page.locator('main h2', { hasText: '茄子河区' }).waitFor();
  const county = await (await page.request.get(`${server.base}/api/plans/1/status?region=230904`)).json();
  const chip = await page.locator('#counts [data-status="met"]').textContent();
  assert.equal(chip, `已达标 ${county.counts.met}`, 'the counts are the county\'s');
  await page.selectOption('#region', { label: '七台河市' });
  await page.locator('main h2', { hasText: '七台河市' }).waitFor();
  ok(`the dashboard's region picker offers ${options.join('、')} by name and shows the county chosen`);

  // ---- the county comparison --------------------------------------------------------------
  const off = cards.find((c) => /s-(limited_progress|acceleration_needed)/.test(c.cls));
  const rows = await (await page.request.get(`${server.base}/api/plans/1/targets/${off.target}/regions`)).json();
  assert.equal(rows.length, 4);
  await open(page, `#/target/1/${off.target}`, '#compare-map svg');
  await page.waitForSelector('#compare-bars svg');
  const cmp = await page.evaluate(async () => {
    const { echarts } = await import('/chart.js');
    const bars = echarts.getInstanceByDom(document.getElementById('compare-bars')).getOption();
    const m = document.getElementById('compare-map');
    const map = echarts.getInstanceByDom(m).getOption();
    return { bars: bars.series[0].data.length, names: bars.yAxis[0].data, map: m.dataset, mapData: map.series[0].data.map((d) => d.name),
      paths: m.querySelectorAll('path').length, rows: [...document.querySelectorAll('#compare-table tr[data-region]')].map((r) => r.dataset.region) };
  });
  const withValue = rows.filter((r) => r.current != null);
  assert.equal(cmp.bars, withValue.length, 'one bar per county with a value');
  assert.equal(cmp.bars, 4, 'four counties, four bars');
  assert.deepEqual([...cmp.names].sort(), withValue.map((r) => r.name).sort());
  assert.equal(cmp.map.map, '七台河');
  assert.equal(cmp.map.features, '4', 'the map has 七台河\'s four counties');
  assert.equal(cmp.map.counties, '4', 'each county has its shape on the map');
  assert.deepEqual([...cmp.mapData].sort(), ['勃利县', '新兴区', '桃山区', '茄子河区'].sort());
  assert.ok(cmp.paths >= 4, `county shapes drawn: ${cmp.paths}`);
  // Ranked: best first for a target to reach or exceed.
  const shown = await page.locator('#compare-table tr[data-region] td:nth-child(3)').allTextContents();
  const nums = shown.map((x) => parseFloat(x)).filter((x) => !Number.isNaN(x));
  if (off.cls && byId.get(off.target).op === '>=')
    assert.deepEqual(nums, [...nums].sort((a, b) => b - a), 'ranked best first');
  const big = await page.evaluate(async () => {
    const { yExtent } = await import('/chart.js');
    const el = document.querySelector('.chart.big');
    return { extent: yExtent(el), levels: el.dataset.levels };
  });
  for (const y of big.levels.split(',').map(Number))
    assert.ok(big.extent[0] <= y && y <= big.extent[1], 'the target page\'s chart holds its target line');
  await shot(page, 'target', 1400);
  ok(`the county comparison of ${byId.get(off.target).indicator}: ${cmp.bars} bars, ranked, and the 七台河 map with its ${cmp.map.counties} counties`);

  // ---- alerts: the region column, headers on one line ------------------------------------------
  await open(page, '#/alerts', '#alerts');
  const heads = await page.locator('#alerts th').allTextContents();
  assert.ok(heads.includes('地区'), `a region column: ${heads}`);
  const regions = await page.locator('#alerts td.region').allTextContents();
  assert.ok(regions.length > 0 && regions.every((r) => r && !/\d/.test(r)), `regions by name: ${[...new Set(regions)]}`);
  assert.ok(new Set(regions).size >= 3, 'alerts of several regions');
  const lines = await page.locator('#alerts tr').evaluateAll((trs) => trs.slice(1).map((tr) =>
    [...tr.children].slice(0, 5).map((td) => td.textContent).join('|')));
  assert.equal(new Set(lines).size, lines.length, 'no two alerts read the same');
  const tall = async () => page.locator('#alerts th').evaluateAll((ths) => ths.filter((th) => {
    const line = parseFloat(getComputedStyle(th).lineHeight) || 22;
    return th.getBoundingClientRect().height > line * 1.6 + 12;
  }).map((th) => th.textContent));
  assert.deepEqual(await tall(), [], 'header cells stay on one line at 1400 px');
  await shot(page, 'alerts', 1400);
  ok(`alerts name their region (${[...new Set(regions)].join('、')}), rows differ, headers on one line`);

  // ---- assessment in rank order -------------------------------------------------------------------
  await open(page, '#/assessment', 'details');
  for (const sec of ['#assess-units', '#assess-regions']) {
    const ranks = (await page.locator(`${sec} details`).evaluateAll((d) => d.map((x) => Number(x.dataset.rank))));
    assert.ok(ranks.length > 1, `${sec}: subjects`);
    assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b), `${sec} in rank order`);
  }
  assert.equal(await page.locator('#year').inputValue(), '2020', 'the assessment opens on 2020, the latest year with values');
  await shot(page, 'assessment', 1400);
  ok('the assessment lists units and regions in rank order, opening on the latest year with data');

  // ---- sampling opens on its latest year ---------------------------------------------------------------
  await open(page, '#/sampling', '#followup');
  assert.equal(await page.locator('#year').inputValue(), '2020', 'the latest year with results');
  assert.doesNotMatch(await page.locator('main h2').textContent(), /暂无结果/);
  const sregions = await page.locator('#region option').allTextContents();
  assert.ok(sregions.includes('七台河市') && sregions.every((o) => !/\d/.test(o)), `sampling regions by name: ${sregions}`);
  ok('the sampling page opens on 2020 (its latest results), regions chosen by name');

  // ---- every page at 1400 px ----------------------------------------------------------------------------
  for (const [name, hash, sel] of PAGES) {
    await open(page, hash, sel);
    await shot(page, name, 1400);
  }
  ok(`screenshots of ${PAGES.length + 2} pages at 1400 px in ${shots}`);

  // ---- a region user (七台河市) and a viewer choose among the same names -------------------------
  for (const who of ['region', 'viewer']) {
    await page.click('#logout');
    await page.waitForSelector('#login');
    assert.equal(await page.locator('#nav').isVisible(), false, `the nav is hidden again after ${who === 'region' ? 'office' : 'region'} signs out`);
    await signIn(page, who);
    const names = await page.locator('#region option').allTextContents();
    assert.deepEqual([...names].sort(), ['七台河市', '新兴区', '桃山区', '茄子河区', '勃利县'].sort(), `${who}: ${names}`);
    await page.selectOption('#region', { label: '勃利县' });
    await page.locator('main h2', { hasText: '勃利县' }).waitFor();
    await page.locator('a.compare-link').first().click();
    await page.waitForSelector('#compare-bars svg');
    assert.equal(await page.locator('#compare-table tr[data-region]').count(), 4, `${who}: the four counties compared`);
  }
  ok('a region user and a viewer pick regions by name and see the county comparison');

  // ---- a phone: 390 px ------------------------------------------------------------------------------------
  const phone = await newPage(390, 844);
  await phone.goto(server.base + '/');
  await phone.waitForSelector('#login');
  assert.equal(await phone.locator('#nav').isVisible(), false);
  const loginBox = await phone.locator('#login').boundingBox();
  assert.ok(loginBox.x >= 0 && loginBox.x + loginBox.width <= 390, 'the sign-in form fits');
  await shot(phone, 'login', 390);
  await signIn(phone, 'office');
  const fits = async (what) => {
    const w = await phone.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(w <= 390, `${what}: the page is ${w} px wide at 390 px (tables scroll in their box)`);
  };
  for (const [name, hash, sel] of [...PAGES, ['target', `#/target/1/${off.target}`, '#compare-map svg']]) {
    await open(phone, hash, sel);
    await fits(name);
    await shot(phone, name, 390);
  }
  // The nav scrolls sideways and every link can be reached and tapped.
  await phone.locator('#nav a[href="#/alerts"]').scrollIntoViewIfNeeded();
  assert.ok(await phone.locator('#nav a[href="#/alerts"]').isVisible());
  await phone.locator('#nav a[href="#/alerts"]').click();
  await phone.waitForSelector('#alerts');
  assert.deepEqual(await phone.locator('#alerts th').evaluateAll((ths) => ths.filter((th) =>
    th.getBoundingClientRect().height > (parseFloat(getComputedStyle(th).lineHeight) || 24) * 1.6 + 12).map((th) => th.textContent)),
  [], 'alert headers on one line at 390 px');
  // Cards take the width, one per row.
  await open(phone, '#/', '#counts');
  const card = await phone.locator('article.target').first().boundingBox();
  assert.ok(card.width > 300 && card.x + card.width <= 390, `a dashboard card is ${card.width} px of the 390`);
  // A unit enters a value on the phone: the field is on screen, takes typing and says what is wrong in place.
  await phone.click('#logout');
  await phone.waitForSelector('#login');
  await signIn(phone, 'unit');
  await open(phone, '#/entry', 'table.entry input.value');
  const input = phone.locator('table.entry input.value').first();
  await input.scrollIntoViewIfNeeded();
  const box = await input.boundingBox();
  assert.ok(box.height >= 30 && box.width >= 60, `the value field is large enough to tap: ${box.width}×${box.height}`);
  await input.fill('九十八');
  await phone.locator('table.entry .field-error', { hasText: /\S/ }).first().waitFor();
  await fits('entry with a message');
  await shot(phone, 'entry-unit', 390);
  ok('at 390 px: no page wider than the screen, the nav reachable, cards full width, the entry field usable');

  assert.deepEqual(errors, [], 'no script errors');
  ok(`no script errors; screenshots in ${shots}`);
} finally {
  await browser.close();
  await server.stop();
  cleanup(dir);
}
console.log(`${n} passed, 0 failed`);
