// One language for users (issue 16): signed in as each demo role, every
// page the navigation offers is rendered in Chromium and its visible text
// scanned for English (tests/i18n-scan.mjs); so is the sign-in page and a
// failed sign-in. The account name in the header is data and left out.
import assert from 'node:assert/strict';
import { demoDb, startServer, cleanup, SRC } from '../api/server.mjs';
import { allowList, englishWords } from '../i18n-scan.mjs';
import { launch } from './browser.mjs';

const allow = allowList(SRC);
const { dir, db, env } = demoDb();
const server = await startServer(db, env);
const browser = await launch();
let n = 0;
const ok = (what) => console.log(`ok ${++n} - ${what}`);
const problems = [];

async function scan(page, what) {
  await page.waitForLoadState('networkidle');
  // Charts draw after their data; text settles once nothing is loading.
  await page.waitForFunction(() => !document.body.innerText.includes('正在加载'), null, { timeout: 15000 })
    .catch(() => {});
  const text = await page.evaluate(() => {
    // What a click shows is read too: closed <details> hid the
    // assessment's 来源 codes from this scan.
    for (const d of document.querySelectorAll('details')) d.open = true;
    const who = document.getElementById('who');
    const saved = who ? who.textContent : '';
    if (who) who.textContent = '';
    // Visible text, and what people read without it showing: titles,
    // placeholders, labels for screen readers.
    const extra = [...document.querySelectorAll('[title], [placeholder], [aria-label]')]
      .map((e) => [e.getAttribute('title'), e.getAttribute('placeholder'), e.getAttribute('aria-label')]
        .filter(Boolean).join(' '));
    const t = document.body.innerText + '\n' + extra.join('\n') + '\n' + document.title;
    if (who) who.textContent = saved;
    return t;
  });
  assert.ok(text.trim().length > 20, `${what}: the page has text`);
  const words = englishWords(text, allow);
  if (words.length) problems.push(`${what}: ${words.join('; ')}`);
  return text;
}

try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));

  await page.goto(server.base + '/');
  await page.waitForSelector('#login');
  await scan(page, 'sign-in page');
  await page.fill('#name', 'office');
  await page.fill('#password', 'wrong password here');
  await page.click('#login button[type=submit]');
  await page.locator('#login .error').filter({ hasText: /\S/ }).waitFor();
  await scan(page, 'a failed sign-in');
  ok('the sign-in page and its error read Chinese (browser locale en-US)');

  for (const role of ['admin', 'office', 'unit', 'region', 'viewer']) {
    await page.goto(server.base + '/');
    await page.fill('#name', role);
    await page.fill('#password', 'qcity-demo');
    await page.click('#login button[type=submit]');
    // The dashboard drawn after sign-in: a watchdog, not a timed check (the
    // default 30 s ran out under ASan on a loaded 2-core machine).
    await page.waitForSelector('#counts', { timeout: 90000 });
    const links = await page.$$eval('#nav a', (as) => as.filter((a) => !a.hidden).map((a) => a.getAttribute('href')));
    assert.ok(links.length >= 3, `${role}: the nav offers pages (${links})`);
    const seen = [];
    for (const href of links) {
      await page.goto(server.base + '/' + href);
      await scan(page, `${role} ${href}`);
      seen.push(href);
    }
    // A target's page (its chart and 依据) from the dashboard's first card.
    await page.goto(server.base + '/#/');
    const card = page.locator('article.target a').first();
    if (await card.count()) {
      await card.click();
      await scan(page, `${role} target page`);
      seen.push('target');
    }
    await page.click('#logout');
    await page.waitForSelector('#login');
    ok(`${role}: ${seen.length} pages scanned (${seen.join(' ')})`);
  }
  assert.deepEqual(errors, [], 'no script errors');
  assert.deepEqual(problems, [], `pages read English:\n${problems.join('\n')}`);
  ok('no page reads English outside the allow-list');
} finally {
  await browser.close();
  await server.stop();
  cleanup(dir);
}
