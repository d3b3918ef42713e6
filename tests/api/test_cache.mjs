// The status cache never serves a stale answer (docs/web.md, Security):
// two writers record values of two indicators of plan 1 side by side
// while a reader asks for the plan's status (a cached route) without
// pause. A read that starts after a write was acknowledged must show
// that write or a later one; each writer also reads back its own value.
// With QCITY_TEST_PG (scripts/run-tests sets it) this runs on a fresh
// PostgreSQL database; else on SQLite.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { demoDb, startServer, cleanup, QCITY } from './server.mjs';

const WRITES = 60;
let passed = 0;
function ok(what) { passed++; console.log(`ok ${passed} - ${what}`); }

// demoDb puts the demo into a fresh PostgreSQL database when
// QCITY_TEST_PG is set.
const { dir, db, env } = demoDb();
const pg = process.env.QCITY_TEST_PG && process.env.QCITY_TEST_PG !== 'off';
const server = await startServer(db, env, ['--threads', '4']);
const base = server.base;
const token = execFileSync(QCITY, ['--db', db, 'user', 'token', 'create', 'admin', '--name', 'cache-test'], { env })
  .toString().split('\n')[0];
const H = { Authorization: `Bearer ${token}` };

async function status() {
  const r = await fetch(`${base}/api/plans/1/status`, { headers: H });
  assert.equal(r.status, 200);
  const j = await r.json();
  return (indicator) => j.targets.find((t) => t.indicator === indicator).current;
}

try {
  const region = (await (await fetch(`${base}/api/plans/1/status`, { headers: H })).json()).region;
  // Each writer's values only grow, so "not stale" is "at least the last
  // acknowledged one".
  const writers = [
    { indicator: '产品出厂合格率', value: (i) => 90 + i / 1000, acked: 0 },
    { indicator: '国家及以上标准采标率', value: (i) => 60 + i / 1000, acked: 0 },
  ];
  let reads = 0;
  let running = true;
  const writer = async (w) => {
    for (let i = 1; i <= WRITES && running; i++) {
      const r = await fetch(`${base}/api/values`, { method: 'POST', headers: { ...H, 'Content-Type': 'application/json' },
        body: JSON.stringify({ indicator: w.indicator, region, period: '2020', value: w.value(i) }) });
      assert.equal(r.status, 200, await r.text());
      await r.arrayBuffer().catch(() => {});
      w.acked = i;
      const own = (await status())(w.indicator);
      assert.equal(own, w.value(i), `${w.indicator}: read back ${own} after writing ${w.value(i)}`);
    }
  };
  const reader = async () => {
    while (running) {
      const before = writers.map((w) => w.acked);
      const cur = await status();
      writers.forEach((w, k) => {
        if (before[k]) assert.ok(cur(w.indicator) >= w.value(before[k]),
          `stale: ${w.indicator} is ${cur(w.indicator)} after ${w.value(before[k])} was acknowledged`);
      });
      reads++;
    }
  };
  // A failure on either side stops the other before the server does.
  const r = reader().then(() => null, (e) => { running = false; return e; });
  const werr = await Promise.all(writers.map(writer)).then(() => null, (e) => e);
  running = false;
  const rerr = await r;
  if (rerr || werr) throw rerr || werr;
  ok(`${pg ? 'PostgreSQL' : 'SQLite'}: 2 writers × ${WRITES} writes and ${reads} concurrent status reads, none stale`);
} finally {
  await server.stop();
  cleanup(dir);
}
console.log(`1..${passed}`);
