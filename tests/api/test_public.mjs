// The public portal shows only what the office published (issue 17,
// part 4). Every public route of the route table (those open to anyone
// under /api/public/, and the portal's static pages) is called with every
// plausible parameter against the demo database, which is full of plans,
// targets, values and units that nobody published: none of it may appear.
// An assessment 通报 of plan 1 is issued (numbered, kept) but not
// published: nothing of it either. Then plan 1 and an index are
// published, plan 1 is edited and a value changed afterwards: the portal
// shows plan 1 as published, and still nothing of plans 2-5, the edit,
// the new value or the 通报. Then the 通报 is published: its .docx and PDF
// download as kept at issue. Runs on both engines (QCITY_TEST_PG, as the
// other API tests).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { inflateRawSync } from 'node:zlib';
import { demoDb, startServer, cleanup, QCITY } from './server.mjs';

let passed = 0;
function ok(what) { passed++; console.log(`ok ${passed} - ${what}`); }

// The text of every member of a zip archive (an XLSX answer).
function unzipText(buf) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  assert.ok(eocd >= 0, 'a zip archive');
  const n = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  let text = '';
  for (let i = 0; i < n; i++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extra = buf.readUInt16LE(p + 30);
    const comment = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    text += (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    p += 46 + nameLen + extra + comment;
  }
  return text;
}

const { dir, db, env } = demoDb();
const server = await startServer(db, env);
const base = server.base;

async function fetchText(path, token) {
  const res = await fetch(base + path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  const buf = Buffer.from(await res.arrayBuffer());
  const zip = buf.length > 4 && buf.readUInt32LE(0) === 0x04034b50;
  return { status: res.status, text: zip ? unzipText(buf) : buf.toString('utf8'), headers: res.headers };
}

try {
  // ---- what the database holds (read as the office) ----------------------------------
  const login = await fetch(`${base}/api/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'office', password: 'qcity-demo' }) });
  const lj = await login.json();
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const tk = await fetch(`${base}/api/tokens`, { method: 'POST', headers: { 'Content-Type': 'application/json',
    Cookie: cookie, 'X-CSRF-Token': lj.csrf }, body: JSON.stringify({ name: 'public-test' }) });
  const office = (await tk.json()).token;
  const asOffice = async (method, path, body) => {
    const res = await fetch(base + path, { method, headers: { Authorization: `Bearer ${office}`,
      ...(body ? { 'Content-Type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
    const j = await res.json();
    assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${JSON.stringify(j)}`);
    return j;
  };
  const plans = await asOffice('GET', '/api/plans');
  assert.equal(plans.length, 5);
  const strings = new Map();        // plan id → strings of that plan
  for (const p of plans) {
    const s = new Set([p.title, p.doc_number].filter(Boolean));
    const st = await asOffice('GET', `/api/plans/${p.id}/status`);
    for (const t of st.targets) {
      for (const x of [t.indicator, t.goal, t.requirement, ...(t.owners || '').split('、')])
        if (x && x.length >= 4) s.add(x);
    }
    strings.set(p.id, s);
  }
  const units = (await asOffice('GET', '/api/units?region=230900')).map((u) => u.name);
  // The demo's credit listings (issue 19), none published yet.
  const credit = {};
  for (const l of ['black', 'penalty', 'red'])
    credit[l] = await asOffice('GET', `/api/credit/lists/${l}?all=1`);
  const creditStrings = Object.values(credit).flat().flatMap((x) => [x.name, x.decision_no]).filter((x) => x && x.length >= 4);
  assert.ok(creditStrings.length >= 3, 'the demo holds credit listings');
  // An issued 通报 (numbered, its files kept), not published.
  const draft = await asOffice('POST', '/api/documents', { kind: 'assessment', plan: 1, year: 2020 });
  const issued = await asOffice('POST', `/api/documents/${draft.id}/issue`, {});
  const number = issued.number;
  const docTitle = (await asOffice('GET', `/api/documents/${draft.id}`)).document.title;
  assert.ok(number && docTitle.includes('考核结果'), `issued ${number}: ${docTitle}`);
  const everything = new Set([...[...strings.values()].flatMap((s) => [...s]), ...units, ...creditStrings, number, docTitle]);
  assert.ok(everything.size > 100, `the demo holds data (${everything.size} strings)`);

  // ---- every public route, with every plausible parameter ----------------------------------
  const routes = execFileSync(QCITY, ['serve', '--routes'], { env }).toString().trim().split('\n')
    .map((l) => l.split('\t')).filter(([, path, roles]) => roles === 'public' && path.startsWith('/api/public/'));
  assert.ok(routes.length >= 7, `public routes: ${routes.length}`);
  const docRefs = plans.map((p) => p.doc_number).filter(Boolean);
  const fill = {
    '/api/public/publications': [[], ['?kind=plan'], ['?kind=index'], ['?kind=document'], ['?kind=list']],
    '/api/public/plans/{id}': plans.map((p) => [p.id]),
    '/api/public/indexes/{id}/{year}': ['qitaihe-quality', 'mqci'].flatMap((i) => [2017, 2018, 2019, 2020].map((y) => [i, y])),
    '/api/public/documents/{ref}': [...docRefs, number, String(draft.id), '1'].map((r) => [r]),
    '/api/public/lists/{ref}': [['red'], ['black'], ['1']],
    '/api/public/files/{id}/{name}': [1, 2, 3, 4, 5, 6].flatMap((i) => [[i, 'x.pdf'], [i, `${number}.pdf`], [i, `${number}.docx`]]),
    '/api/public/credit/{list}': [['black'], ['penalty'], ['red'], ['x']],
    '/api/public/data/{file}': ['values.sdmx.csv', 'values.csv', 'values.json', 'values.xlsx',
      'codelist-indicators.csv', 'codelist-regions.csv'].map((f) => [f]),
  };
  const unknown = routes.map(([, path]) => path).filter((p) => !fill[p]);
  assert.deepEqual(unknown, [], `public routes this test does not enumerate: ${unknown.join(', ')}`);
  function paths() {
    const out = ['/public/', '/public/index.html', '/public/portal.js'];
    for (const [method, pattern] of routes) {
      assert.equal(method, 'GET', `${pattern}: public routes only read`);
      for (const args of fill[pattern]) {
        if (pattern.endsWith('publications')) { out.push(pattern + (args[0] || '')); continue; }
        let i = 0;
        out.push(pattern.replace(/\{\w+\}/g, () => encodeURIComponent(String(args[i++]))));
      }
    }
    return out;
  }
  async function sweep(secrets, label) {
    const seen = {};
    let calls = 0;
    for (const path of paths()) {
      const r = await fetchText(path);
      calls++;
      assert.ok([200, 404].includes(r.status), `${path}: ${r.status} ${r.text.slice(0, 200)}`);
      assert.ok(r.headers.get('content-security-policy') && r.headers.get('x-content-type-options') === 'nosniff',
        `${path}: the security headers`);
      for (const s of secrets)
        if (r.text.includes(s)) (seen[s] ||= []).push(path);
      seen[' status'] = (seen[' status'] || 0) + (r.status === 200 ? 1 : 0);
    }
    const leaks = Object.entries(seen).filter(([k]) => k !== ' status');
    assert.deepEqual(leaks, [], `${label}: unpublished data on public routes: ${JSON.stringify(leaks).slice(0, 800)}`);
    return { calls, ok: seen[' status'] };
  }

  let r = await sweep(everything, 'nothing published');
  const list = JSON.parse((await fetchText('/api/public/publications')).text);
  assert.deepEqual(list.publications, []);
  for (const f of ['values.csv', 'values.sdmx.csv']) {
    const t = (await fetchText(`/api/public/data/${f}`)).text.trim().split('\n');
    assert.equal(t.length, 1, `${f}: the header alone`);
  }
  ok(`nothing published: ${r.calls} public requests (${routes.length} routes) show none of ${everything.size} strings of the demo`);

  // ---- publish plan 1 and an index, then change things -------------------------------------
  await asOffice('POST', '/api/publications', { kind: 'plan', plan: 1, as_of: '2020-12-31' });
  await asOffice('POST', '/api/publications', { kind: 'index', index: 'qitaihe-quality', year: 2020 });
  // A year no county has data for is refused, not published as an empty
  // map and table (the publish page's year starts at last year).
  const empty = await fetch(base + '/api/publications', { method: 'POST', headers: { Authorization: `Bearer ${office}`,
    'Content-Type': 'application/json' }, body: JSON.stringify({ kind: 'index', index: 'qitaihe-quality', year: 2030 }) });
  const emptyBody = await empty.json();
  assert.equal(empty.status, 400, `an index year without data: ${empty.status} ${JSON.stringify(emptyBody)}`);
  assert.match(emptyBody.error, /2030 年没有任何地区的数据/, emptyBody.error);
  assert.equal((await fetchText('/api/public/indexes/qitaihe-quality/2030')).status, 404, 'nothing published for 2030');
  await asOffice('PATCH', '/api/plans/1/edit/plan', { issuer: '泄漏检测发文机关' });
  await asOffice('POST', '/api/values', { indicator: '森林覆盖率', region: '230902', period: '2020', value: 43.2109 });
  const plan1 = await fetchText('/api/public/plans/1');
  assert.equal(plan1.status, 200);
  const p1 = JSON.parse(plan1.text);
  assert.equal(p1.as_of, '2020-12-31');
  assert.equal(p1.snapshot.title, plans.find((p) => p.id === 1).title);
  assert.ok(!plan1.text.includes('泄漏检测发文机关') && !plan1.text.includes('43.2109'), 'the snapshot, not the live plan');
  // Strings of plans 2-5 that plan 1 does not also hold.
  const own = [...strings.get(1)].join('\n') + '\n' + units.join('\n');
  const others = new Set([...strings.entries()].filter(([id]) => id !== 1).flatMap(([, s]) => [...s])
    .filter((s) => !own.includes(s)));
  others.add('泄漏检测发文机关');
  others.add('43.2109');
  others.add(number);
  others.add(docTitle);
  assert.ok(others.size > 20, `plans 2-5 hold their own strings (${others.size})`);
  r = await sweep(others, 'plan 1 published');
  assert.ok(r.ok >= 10, `published pages answer (${r.ok})`);
  const csv = (await fetchText('/api/public/data/values.csv')).text;
  assert.ok(csv.split('\n').length > 100 && csv.includes('七台河市'), 'the open data holds plan 1');
  ok(`plan 1 and an index published, then plan 1 edited and a value changed: ${r.calls} requests show ` +
     `plan 1 as published and none of ${others.size} other strings`);

  // ---- the 通报 published: its files as kept at issue --------------------------------------
  const pub = await asOffice('POST', '/api/publications', { kind: 'document', document: draft.id });
  assert.ok(pub.publication > 0);
  const doc = JSON.parse((await fetchText(`/api/public/documents/${encodeURIComponent(number)}`)).text);
  assert.equal(doc.title, docTitle);
  assert.equal(doc.snapshot.number, number);
  assert.deepEqual(doc.files.map((f) => f.name).sort(), [`${number}.docx`, `${number}.pdf`]);
  for (const [ext, magic] of [['pdf', '%PDF'], ['docx', 'PK']]) {
    const res = await fetch(`${base}/api/public/files/${doc.id}/${encodeURIComponent(`${number}.${ext}`)}`);
    assert.equal(res.status, 200);
    const got = Buffer.from(await res.arrayBuffer());
    const kept = Buffer.from(await (await fetch(`${base}/api/documents/${draft.id}/file/${ext}`,
      { headers: { Authorization: `Bearer ${office}` } })).arrayBuffer());
    assert.equal(got.subarray(0, magic.length).toString('latin1'), magic, `${ext}: a ${ext} file`);
    assert.ok(got.equals(kept), `${ext}: the bytes kept at issue`);
    assert.match(res.headers.get('content-disposition'), /^attachment/);
  }
  // A draft is refused, and so is an unknown document.
  const draft2 = await asOffice('POST', '/api/documents', { kind: 'progress', plan: 1, period: '2020' });
  for (const [id, status] of [[draft2.id, 409], [99999, 404]]) {
    const res = await fetch(`${base}/api/publications`, { method: 'POST', headers: { Authorization: `Bearer ${office}`,
      'Content-Type': 'application/json' }, body: JSON.stringify({ kind: 'document', document: id }) });
    assert.equal(res.status, status, `publish document ${id}`);
  }
  const home = JSON.parse((await fetchText('/api/public/publications?kind=document')).text);
  assert.deepEqual(home.publications.map((p) => p.ref), [number]);
  await asOffice('POST', '/api/publications/unpublish', { kind: 'document', ref: number });
  ok(`the issued 通报 ${number} published: its .docx and PDF download as kept at issue; a draft is refused (409)`);

  // ---- unpublish: gone again ------------------------------------------------------------------
  await asOffice('POST', '/api/publications/unpublish', { kind: 'plan', ref: '1' });
  await asOffice('POST', '/api/publications/unpublish', { kind: 'index', ref: 'qitaihe-quality/2020' });
  r = await sweep(everything, 'unpublished again');
  ok(`unpublished: ${r.calls} requests show nothing again`);

  // ---- the credit lists: only what the office published -------------------------------------
  const black = credit.black[0];
  await asOffice('POST', `/api/credit/listings/${black.id}/publish`, {});
  const listed = JSON.parse((await fetchText('/api/public/credit/black')).text);
  assert.deepEqual(listed.rows.map((x) => x.uscc), [black.uscc]);
  assert.ok(!('repair_from' in listed.rows[0]) && !('id' in listed.rows[0]), 'no staff fields on the portal');
  const unpublished = new Set([...credit.penalty, ...credit.red].flatMap((x) => [x.name, x.decision_no])
    .filter((x) => x && x.length >= 4 && x !== black.name));
  r = await sweep(unpublished, 'black listing published');
  ok(`credit: the published black listing shows on /api/public/credit/black; the unpublished penalty and red entries ` +
     `(${unpublished.size} strings) on none of ${r.calls} requests`);
} finally {
  await server.stop();
  cleanup(dir);
}
ok('the server stops cleanly on SIGTERM');
console.log(`${passed} passed, 0 failed`);
