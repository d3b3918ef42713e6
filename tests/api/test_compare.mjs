// The county comparison of a target (issue 16): GET
// /api/plans/{id}/targets/{tid}/regions has one row per region below the
// plan's region, and each row is what the target's own page says for that
// region (?region=CODE): the same status, latest value and period. A
// county plan has no rows; an unknown target is 404.
import assert from 'node:assert/strict';
import { demoDb, startServer, cleanup } from './server.mjs';

let passed = 0;
const ok = (what) => { passed++; console.log(`ok ${passed} - ${what}`); };
const { dir, db, env } = demoDb();
const server = await startServer(db, env);
try {
  const login = await fetch(`${server.base}/api/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'office', password: 'qcity-demo' }) });
  assert.equal(login.status, 200);
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const get = async (path, want = 200) => {
    const r = await fetch(server.base + path, { headers: { Cookie: cookie } });
    const j = await r.json();
    assert.equal(r.status, want, `${path}: ${JSON.stringify(j)}`);
    return j;
  };

  const kids = (await get('/api/regions?parent=230900')).filter((g) => g.code !== '230900');
  assert.equal(kids.length, 4, '七台河 has four counties');
  const st = await get('/api/plans/1/status');
  let compared = 0;
  for (const t of st.targets.slice(0, 12)) {
    const rows = await get(`/api/plans/1/targets/${t.target}/regions`);
    assert.deepEqual(rows.map((x) => x.region), kids.map((g) => g.code), `target ${t.target}: one row per county, in code order`);
    assert.deepEqual(rows.map((x) => x.name), kids.map((g) => g.name));
    for (const x of rows) {
      const own = await get(`/api/plans/1/targets/${t.target}?region=${x.region}`);
      assert.equal(x.status, own.status, `target ${t.target} in ${x.name}: status`);
      assert.equal(x.current, own.current, `target ${t.target} in ${x.name}: current`);
      assert.equal(x.latest_period, own.latest_period ?? null);
      if (own.series.length) {
        assert.equal(x.latest_period, own.series.at(-1).period);
        compared++;
      }
    }
  }
  assert.ok(compared >= 20, `counties with values compared: ${compared}`);
  ok(`each county's row agrees with the target's page for that county (${compared} with values)`);

  const counties = await get('/api/plans/1/status?region=230904');
  assert.ok(counties.targets.some((t) => t.status !== 'no_data'), 'the demo has values in 茄子河区');

  const spt = (await get('/api/plans/5/status')).targets[0].target;
  assert.deepEqual(await get(`/api/plans/5/targets/${spt}/regions`), [], 'a county plan (沙坡头区) has no regions below');
  await get('/api/plans/1/targets/999999/regions', 404);
  await get('/api/plans/1/targets/abc/regions', 400);
  ok('a county plan has no rows; an unknown target is 404, a bad id 400');
} finally {
  await server.stop();
  cleanup(dir);
}
console.log(`${passed} passed, 0 failed`);
