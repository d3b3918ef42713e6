// What every browser test starts with: Debian's chromium driven by
// playwright-core, and a demo account signed in.
import { chromium } from 'playwright-core';

// launch() gives Chromium a fresh, empty profile of its own.
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// Sign in at base as a demo account (password qcity-demo). The dashboard
// drawn after sign-in is a watchdog, not a timed check (the default 30 s
// ran out under ASan on a loaded 2-core machine).
export async function signIn(page, base, name) {
  await page.goto(base + '/');
  await page.waitForSelector('#login');
  await page.fill('#name', name);
  await page.fill('#password', 'qcity-demo');
  await page.click('#login button[type=submit]');
  await page.waitForSelector('#counts', { timeout: 90000 });
}

// The page at url on a phone (390 × 844) once selector shows: its width
// in pixels (a page that fits is at most 392: tables scroll in their
// box), with a screenshot at shot.
export async function phoneWidth(context, url, selector, shot) {
  const phone = await context.newPage();
  await phone.setViewportSize({ width: 390, height: 844 });
  await phone.goto(url);
  await phone.waitForSelector(selector);
  const width = await phone.evaluate(() => document.documentElement.scrollWidth);
  await phone.screenshot({ path: shot, fullPage: true });
  return width;
}
