// 督查 and reminders in Debian's chromium driven by playwright-core: the
// office opens a 督查 item on the demo unit, the unit answers it, the
// office closes it; the office returns one of the unit's submissions and
// the unit finds it in its inbox (the nav badge counts it) and in its
// mail, which qcity serve's periodic reminder run sent to a local SMTP
// sink (Debian's python3-aiosmtpd) started here. Screenshots go to
// tests/artifacts/ (git-ignored).
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { demoDb, startServer, cleanup, QCITY, SRC } from '../api/server.mjs';
import { launch, signIn as signInAt } from './browser.mjs';

const artifacts = join(SRC, 'tests/artifacts');
mkdirSync(artifacts, { recursive: true });
const shot = (page, name) => page.screenshot({ path: join(artifacts, `remind-${name}.png`), fullPage: false });
let n = 0;
const ok = (what) => console.log(`ok ${++n} - ${what}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const freePort = () => new Promise((resolve) => {
  const s = createServer();
  s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

// The SMTP sink: each message becomes a file in maildir/new.
const { dir, db, env } = demoDb();
const maildir = join(dir, 'mail');
const port = await freePort();
const sink = spawn('/usr/bin/python3', ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${port}`,
  '-c', 'aiosmtpd.handlers.Mailbox', maildir], { stdio: ['ignore', 'ignore', 'inherit'] });
const qcity = (...args) => execFileSync(QCITY, ['--db', db, ...args], { env }).toString();
qcity('user', 'email', 'unit', 'unit@example.org');
const mails = () => (existsSync(join(maildir, 'new')) ? readdirSync(join(maildir, 'new')) : [])
  .map((f) => readFileSync(join(maildir, 'new', f), 'utf8'));
const decoded = (m) => {
  // Subject and body are base64 UTF-8 (src/lib/remind/deliver.c).
  const subj = (m.match(/^Subject: =\?UTF-8\?B\?([^?]*)\?=/m) || [])[1] || '';
  const body = m.split(/\r?\n\r?\n/).slice(1).join('').replace(/\s+/g, '');
  return { to: (m.match(/^To: <([^>]*)>/m) || [])[1], subject: Buffer.from(subj, 'base64').toString('utf8'),
    body: Buffer.from(body, 'base64').toString('utf8') };
};

// Reminders run every second inside the server.
const server = await startServer(db, env, ['--remind-every', '1', '--files', join(dir, 'files')]);
const browser = await launch();

// The API as the office, with a session (cookie and CSRF token).
async function session(name) {
  const res = await fetch(`${server.base}/api/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name, password: 'qcity-demo' }) });
  const j = await res.json();
  assert.equal(res.status, 200, JSON.stringify(j));
  const cookie = res.headers.get('set-cookie').split(';')[0];
  return async (method, path, body) => {
    const r = await fetch(server.base + path, { method, headers: { 'Content-Type': 'application/json', Cookie: cookie,
      'X-CSRF-Token': j.csrf }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await r.text();
    assert.ok(r.status < 300, `${method} ${path}: ${r.status} ${text}`);
    return JSON.parse(text);
  };
}

const signIn = (page, name) => signInAt(page, server.base, name);

try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); d.dismiss(); });

  // The admin sets up mail on the 消息 page; the password is not shown back.
  await signIn(page, 'admin');
  await page.goto(server.base + '/#/inbox');
  await page.waitForSelector('#smtp');
  await page.fill('#smtp-host', '127.0.0.1');
  await page.fill('#smtp-port', String(port));
  await page.selectOption('#smtp-tls', 'none');
  await page.fill('#smtp-password', 'smtp-secret-9');
  await page.fill('#smtp-from', 'qcity@example.org');
  await page.click('#smtp button[type=submit]');
  await page.locator('#smtp [role=status]', { hasText: '已保存' }).waitFor();
  // Loaded again from the server: the password field is empty.
  await page.reload();
  await page.waitForSelector('#smtp');
  assert.equal(await page.inputValue('#smtp-password'), '');
  assert.match(await page.getAttribute('#smtp-password', 'placeholder'), /已设置/);
  assert.ok(!(await page.content()).includes('smtp-secret-9'), 'the password is not in the page');
  await shot(page, '0-admin-mail-settings');
  ok('the admin sets the SMTP server on the 消息 page; the password is never shown back');
  await page.click('#logout');
  await page.waitForSelector('#login');

  // The office opens a 督查 item on 市市场监管局.
  await signIn(page, 'office');
  await page.goto(server.base + '/#/supervision');
  await page.waitForSelector('#sup-open');
  await page.selectOption('#sup-unit', { label: '市市场监管局' });
  await page.fill('#sup-finding', '抽查不合格产品后处理不到位');
  await page.fill('#sup-rectify', '十五日内完成后处理并报送整改报告');
  await page.fill('#sup-deadline', '2030-06-30');
  await page.click('#sup-open button[type=submit]');
  await page.locator('h2', { hasText: '待整改' }).waitFor();
  const id = page.url().match(/supervision\/(\d+)/)[1];
  await shot(page, '1-office-opened');
  ok(`the office opens 督查事项 ${id} on 市市场监管局`);

  // The unit sees only its own items, and answers.
  await page.click('#logout');
  await page.waitForSelector('#login');
  await signIn(page, 'unit');
  await page.goto(server.base + '/#/supervision');
  const row = page.locator('#supervision tr', { hasText: '抽查不合格产品后处理不到位' });
  await row.waitFor();
  const units = await page.locator('#supervision tr td:nth-child(2)').allTextContents();
  assert.ok(units.length > 0 && units.every((u) => u === '市市场监管局'), `the unit sees its own items only: ${units}`);
  await row.locator('a').click();
  await page.waitForSelector('#sup-answer', { timeout: 30000 }).catch(async (e) => {
    throw new Error(`item page: ${await page.locator('#app').textContent()} ${errors}: ${e.message}`);
  });
  assert.equal(await page.locator('#sup-close').count(), 0, 'a unit cannot close');
  // The report went up earlier, as the unit's own file: the answer form
  // offers it to choose (no id to type), and a photo uploaded in the form
  // joins the list, chosen.
  const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
  const upload = await (async () => {
    const res = await fetch(`${server.base}/api/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'unit', password: 'qcity-demo' }) });
    const j = await res.json();
    const cookie = res.headers.get('set-cookie').split(';')[0];
    const r = await fetch(`${server.base}/api/attachments?name=${encodeURIComponent('整改报告.pdf')}`, {
      method: 'POST', headers: { 'Content-Type': 'application/octet-stream', Cookie: cookie, 'X-CSRF-Token': j.csrf }, body: PDF });
    const text = await r.text();
    assert.equal(r.status, 201, `POST /api/attachments: ${r.status} ${text}`);
    return JSON.parse(text);
  })();
  const aid = String(upload.id);
  await page.reload();
  await page.waitForSelector('#sup-answer');
  await page.fill('#sup-answer', '已完成后处理，整改报告见附件');
  const report = page.locator(`#sup-files input[type=checkbox][value="${aid}"]`);
  await report.waitFor({ timeout: 10000 }).catch(async (e) => {
    throw new Error(`no file to choose in the answer form: ${await page.locator('#app').textContent()}: ${e.message}`);
  });
  assert.equal(await page.locator('#sup-files li', { hasText: '整改报告.pdf' }).count(), 1, 'the unit\'s file is listed by name');
  assert.equal(await report.isChecked(), false, 'nothing chosen until the user chooses');
  await report.check();
  await page.locator('#sup-attach input[type=file]').setInputFiles({ name: '整改照片.pdf', mimeType: 'application/pdf', buffer: PDF });
  const photo = page.locator('#sup-files li', { hasText: '整改照片.pdf' });
  await photo.waitFor();
  assert.equal(await photo.locator('input[type=checkbox]').isChecked(), true, 'an upload in the form is chosen');
  await shot(page, '2-unit-answer-files');
  await page.click('#sup-answer-send');
  await page.locator('h2', { hasText: '已答复' }).waitFor();
  const step = page.locator('#sup-steps li[data-action="answer"]');
  await step.locator('a.file', { hasText: '整改报告.pdf' }).waitFor();
  await step.locator('a.file', { hasText: '整改照片.pdf' }).waitFor();
  await shot(page, '2-unit-answered');
  ok('the unit answers with text, a file it had uploaded (chosen from a list) and one uploaded in the form');

  // The office closes it.
  await page.click('#logout');
  await page.waitForSelector('#login');
  await signIn(page, 'office');
  await page.goto(server.base + `/#/supervision/${id}`);
  await page.waitForSelector('#sup-close');
  await page.fill('#sup-note', '整改到位');
  await page.click('#sup-close');
  await page.locator('h2', { hasText: '已办结' }).waitFor();
  assert.equal(await page.locator('#sup-steps li').count(), 3);
  await shot(page, '3-office-closed');
  ok('the office closes the item: open → answered → closed');

  // The office returns a submission of the unit (through the API: the
  // review page is another part's); the server's reminder run sends it.
  const office = await session('office');
  const me = await (await session('unit'))('GET', '/api/me');
  const sub = await office('POST', '/api/submissions', { unit_id: me.user.unit_id, period: '2016' });
  await office('POST', `/api/submissions/${sub.id}/return`, { reason: '缺少数据来源说明' });
  await page.click('#logout');
  await page.waitForSelector('#login');
  await signIn(page, 'unit');
  let badge = '';
  for (let i = 0; i < 60 && !badge; i++) {
    await page.goto(server.base + '/#/inbox');
    await page.waitForSelector('#inbox, h2');
    if (await page.locator('.inbox-item[data-kind="returned"]').count())
      badge = (await page.locator('#inbox-badge').textContent()) || '';
    else await sleep(500);
  }
  assert.ok(Number(badge) > 0, `the nav badge counts unread reminders: '${badge}'`);
  const item = page.locator('.inbox-item[data-kind="returned"]');
  assert.ok((await item.getAttribute('class')).includes('unread'));
  await item.locator('.inbox-title').click();
  await item.locator('.inbox-body', { hasText: '缺少数据来源说明' }).waitFor();
  await page.waitForFunction((b) => (document.getElementById('inbox-badge').textContent || '0') !== b, badge);
  assert.ok(!(await item.getAttribute('class')).includes('unread'), 'opened, it is read');
  await shot(page, '4-unit-inbox');
  ok(`the unit's inbox has the returned submission with its reason (badge ${badge}, one less once read)`);

  // …and the mail, once.
  let got = [];
  for (let i = 0; i < 60; i++) {
    got = mails().map(decoded).filter((m) => m.to === 'unit@example.org' && m.subject.includes('退回修改'));
    if (got.length) break;
    await sleep(500);
  }
  assert.equal(got.length, 1, 'one mail about the returned submission');
  assert.ok(got[0].body.includes('缺少数据来源说明'), got[0].body);
  assert.equal(mails().map(decoded).filter((m) => m.subject.includes('督查事项：') || m.subject.includes('督查事项:'))
    .filter((m) => m.body.includes('抽查不合格产品后处理不到位')).length <= 1, true, 'the 督查 item mailed at most once');
  await sleep(2500);     // two more reminder runs
  assert.equal(mails().map(decoded).filter((m) => m.subject.includes('退回修改')).length, 1, 'not sent twice');
  ok('the unit got one e-mail in the local SMTP sink, not sent again by later runs');
  assert.deepEqual(errors, [], 'no script errors');
} finally {
  await browser.close();
  await server.stop();
  sink.kill('SIGTERM');
  cleanup(dir);
}
console.log(`${n} passed, 0 failed`);
