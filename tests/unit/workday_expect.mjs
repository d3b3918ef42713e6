// Writes what the chinese-days package's own functions answer for every
// day of the years its holiday notices cover: whether the day is a working
// day, the n-th working day after it (findWorkday) for the legal limits'
// n, and the working days after it up to 60 days on (getWorkdaysInRange,
// which counts the first day too). test_workday_cross compares qcity's
// counting with these answers: an implementation written without ours.
// Usage: node workday_expect.mjs CHINESE_DAYS_DIR OUT
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const [dir, out] = process.argv.slice(2);
const cd = createRequire(import.meta.url)(resolve(dir, 'index.min.js'));
const data = JSON.parse(readFileSync(join(dir, 'chinese-days.json'), 'utf8'));
const years = Object.keys(data.holidays).map((d) => Number(d.slice(0, 4)));
const first = Math.min(...years);
const last = Math.max(...years);

const iso = (t) => new Date(t).toISOString().slice(0, 10);
const DAY = 86400000;
const lines = [`# chinese-days ${first}-${last}: date workday due1 due7 due15 due45 to60 between60`];
for (let t = Date.UTC(first, 0, 1); t <= Date.UTC(last, 11, 31); t += DAY) {
  const date = iso(t);
  // A deadline past the last covered year is refused by qcity: "-".
  const due = [1, 7, 15, 45].map((n) => {
    const d = cd.findWorkday(n, date);
    return Number(d.slice(0, 4)) > last ? '-' : d;
  });
  let to = iso(t + 60 * DAY);
  let between = '-';
  if (Number(to.slice(0, 4)) <= last)
    between = cd.getWorkdaysInRange(date, to).length - (cd.isWorkday(date) ? 1 : 0);
  else
    to = '-';
  lines.push([date, cd.isWorkday(date) ? 1 : 0, ...due, to, between].join('\t'));
}
writeFileSync(out, lines.join('\n') + '\n');
