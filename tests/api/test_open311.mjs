// Open311 GeoReport v2 round trip (issue 18): an API token as api_key,
// the services (product categories), a complaint filed form-encoded as
// the specification has it, read back by id and in the open list; the
// errors an Open311 client reads; no session cookie is honoured there.
import assert from 'node:assert/strict';
import { demoDb, startServer, cleanup } from './server.mjs';

const { dir, db, env } = demoDb();
const server = await startServer(db, env);
const base = server.base;
let n = 0;
const ok = (what) => console.log(`ok ${++n} - ${what}`);

try {
  const login = await fetch(`${base}/api/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'office', password: 'qcity-demo' }) });
  const session = await login.json();
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const made = await fetch(`${base}/api/tokens`, { method: 'POST', headers: { 'Content-Type': 'application/json',
    Cookie: cookie, 'X-CSRF-Token': session.csrf }, body: JSON.stringify({ name: 'open311 client' }) });
  const key = (await made.json()).token;
  assert.ok(key);

  const services = await (await fetch(`${base}/open311/v2/services.json?api_key=${key}`)).json();
  assert.ok(Array.isArray(services) && services.length > 0, JSON.stringify(services));
  for (const s of services)
    assert.deepEqual(Object.keys(s).sort(), ['description', 'group', 'keywords', 'metadata', 'service_code', 'service_name', 'type']);
  ok(`services.json lists ${services.length} services`);

  const post = (form, headers = {}) => fetch(`${base}/open311/v2/requests.json`, { method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(form).toString() });
  let r = await post({ api_key: key, service_code: services[0].service_code, jurisdiction_id: '230903',
    description: '电热水壶漏电', first_name: '三丰', last_name: '张', phone: '13812341234',
    'attribute[respondent]': '某电器商行', address_string: '桃山区某路 1 号' });
  assert.equal(r.status, 201, await r.clone().text());
  const filed = await r.json();
  assert.equal(filed.length, 1);
  const id = filed[0].service_request_id;
  assert.match(id, /^[0-9]+$/);
  assert.match(filed[0].service_notice, /7 个工作日/);
  ok(`a request filed form-encoded with api_key in the body: ${id}`);

  const one = await (await fetch(`${base}/open311/v2/requests/${id}.json?api_key=${key}`)).json();
  assert.equal(one[0].service_request_id, id);
  assert.equal(one[0].status, 'open');
  assert.equal(one[0].service_name, services[0].service_name);
  assert.equal(one[0].agency_responsible, '230903');
  assert.match(one[0].expected_datetime, /^\d{4}-\d{2}-\d{2}$/);
  assert.ok(!JSON.stringify(one).includes('13812341234'), 'no personal data in a service request');
  const open = await (await fetch(`${base}/open311/v2/requests.json`, { headers: { Authorization: `Bearer ${key}` } })).json();
  assert.ok(open.some((x) => x.service_request_id === id));
  ok('read back by id and in the open list, without personal data');

  // The register behind it: the office sees the complaint with its phone masked.
  const item = await (await fetch(`${base}/api/complaints/${id}`, { headers: { Authorization: `Bearer ${key}` } })).json();
  assert.equal(item.respondent, '某电器商行');
  assert.equal(item.person_phone, '138****1234');
  assert.equal(item.person_name, '张**');
  ok('the complaint is in the register, personal data masked');

  r = await post({ api_key: key, service_code: '999999', jurisdiction_id: '230903', description: 'x' });
  assert.equal(r.status, 400);
  const e = await r.json();
  assert.ok(Array.isArray(e) && e[0].code === 400 && /service_code/.test(e[0].description), JSON.stringify(e));
  r = await post({ api_key: key, service_code: services[0].service_code, description: 'x' });
  assert.equal(r.status, 400);
  assert.match((await r.json())[0].description, /jurisdiction_id/);
  r = await fetch(`${base}/open311/v2/requests.json?api_key=${key}`, { method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'service_code=%ZZ' });
  assert.equal(r.status, 400);
  ok('errors as Open311 arrays of {code, description}');

  // The overdue board a page at a time (GET /api/complaints?overdue=1):
  // following `next` gives the board's overdue items, each once, by
  // deadline then id, with their total.
  const auth = { headers: { Authorization: `Bearer ${key}` } };
  for (const [on, who] of [['2024-02-08', '甲商行'], ['2024-02-08', '乙商行'], ['2024-03-01', '丙商行']]) {
    r = await fetch(`${base}/api/complaints`, { method: 'POST', headers: { 'Content-Type': 'application/json',
      Cookie: cookie, 'X-CSRF-Token': session.csrf }, body: JSON.stringify({ region: '230903', respondent: who,
      text: '逾期分页', received_on: on }) });
    assert.equal(r.status, 201, await r.clone().text());
  }
  const board = await (await fetch(`${base}/api/complaints`, auth)).json();
  const want = board.filter((x) => x.overdue).sort((a, b) => a.due < b.due ? -1 : a.due > b.due ? 1 : a.id - b.id).map((x) => x.id);
  assert.ok(want.length >= 3, JSON.stringify(want));
  const got = [];
  let after = null;
  do {
    const page = await (await fetch(`${base}/api/complaints?overdue=1&limit=2${after ? `&after=${after}` : ''}`, auth)).json();
    assert.equal(page.total, want.length);
    assert.ok(page.items.length >= 1 && page.items.length <= 2, JSON.stringify(page));
    got.push(...page.items.map((x) => x.id));
    assert.ok(!JSON.stringify(page).includes('13812341234'), 'personal data masked in the pages');
    after = page.next;
  } while (after);
  assert.deepEqual(got, want);
  r = await fetch(`${base}/api/complaints?after=2024-01-01.1`, auth);
  assert.equal(r.status, 400);
  r = await fetch(`${base}/api/complaints?overdue=1&after=nonsense`, auth);
  assert.equal(r.status, 400);
  assert.match((await r.json()).error, /YYYY-MM-DD/);
  ok(`the overdue board in pages: ${want.length} items, each once, by deadline`);

  // No key: 401, even with a valid session cookie (no cross-site forms).
  r = await post({ service_code: services[0].service_code, jurisdiction_id: '230903', description: 'x' }, { Cookie: cookie });
  assert.equal(r.status, 401);
  r = await fetch(`${base}/open311/v2/services.json?api_key=wrong`);
  assert.equal(r.status, 401);
  ok('without a valid api_key: 401, a session cookie is not read');
} finally {
  await server.stop();
  cleanup(dir);
}
