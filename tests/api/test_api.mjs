// API tests over a loopback port: sign-in, the full permission matrix
// (every role × every write route: allowed or 403), malformed requests,
// the review lock, published-only reading, the audit log, the sign-in
// rate limit and a clean stop on SIGTERM.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { demoDb, startServer, cleanup, QCITY } from './server.mjs';

const PW = 'qcity-demo';
const ROLES = ['admin', 'office', 'unit', 'region', 'viewer'];
let base;
let passed = 0;

function ok(what) { passed++; console.log(`ok ${passed} - ${what}`); }

async function call(method, path, { body, token, cookie, csrf, raw, type } = {}) {
  const headers = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (cookie) headers.Cookie = cookie;
  if (csrf) headers['X-CSRF-Token'] = csrf;
  if (body !== undefined || raw !== undefined) headers['Content-Type'] = type || 'application/json';
  const res = await fetch(base + path, { method, headers,
    body: raw !== undefined ? raw : body !== undefined ? JSON.stringify(body) : undefined });
  const text = await res.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, json, text, headers: res.headers };
}

async function login(name, password = PW) {
  const r = await call('POST', '/api/login', { body: { name, password } });
  assert.equal(r.status, 200, `login ${name}: ${r.text}`);
  const cookie = r.headers.get('set-cookie');
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  return { cookie: cookie.split(';')[0], csrf: r.json.csrf, user: r.json.user };
}

const { dir, db, env } = demoDb();
const server = await startServer(db, env);
base = server.base;
try {
  // ---- who is who ----------------------------------------------------------
  const s = {};
  const tok = {};
  for (const role of ROLES) {
    s[role] = await login(role);
    const t = await call('POST', '/api/tokens', { body: { name: 'tests' }, cookie: s[role].cookie, csrf: s[role].csrf });
    assert.equal(t.status, 201, t.text);
    tok[role] = t.json.token;
  }
  ok('every demo role signs in (HttpOnly, SameSite=Strict cookie) and makes an API token');
  const unit = s.unit.user;
  assert.ok(unit.unit_id && unit.unit, 'the demo unit reporter is bound to a unit');

  // The route table, as the server declares it.
  const table = execFileSync(QCITY, ['serve', '--routes'], { env }).toString().trim().split('\n')
    .map((l) => { const [method, path, roles] = l.split('\t'); return { method, path, roles: roles.split(',') }; });
  const writes = table.filter((r) => r.method !== 'GET' && r.path !== '/api/login');

  // ---- fixtures the write routes need ------------------------------------------
  const plan = 1;
  const entry = await call('GET', `/api/plans/${plan}/entry?period=2019`, { token: tok.unit });
  assert.equal(entry.status, 200, entry.text);
  assert.ok(entry.json.targets.length > 0, 'the unit leads targets of plan 1');
  const indicator = entry.json.targets[0].canonical;
  const region = entry.json.region;
  const tasks = (await call('GET', `/api/plans/${plan}/tasks`, { token: tok.office })).json;
  // A work item: progress on a section (an outline heading) is refused.
  const items = tasks.filter((t) => t.kind === 'item');
  const task = items.find((t) => t.unit === unit.unit) || items[0];
  const section = tasks.find((t) => t.kind === 'section');
  // The demo's 七台河 plan names no lead unit on its work items (the
  // owners stand on its targets' clauses, sections): the office adds one.
  if (task.unit !== unit.unit) {
    const r0 = await call('POST', `/api/plans/${plan}/edit/owner/task:${encodeURIComponent(task.key)}`,
      { token: tok.office, body: { unit: unit.unit, role: 'lead' } });
    assert.ok(r0.status >= 200 && r0.status < 300, r0.text);
  }
  let yearSeq = 1990;
  async function submitted() {
    const r = await call('POST', '/api/submissions', { token: tok.office, body: { unit_id: unit.unit_id, period: String(yearSeq++) } });
    assert.equal(r.status, 201, r.text);
    return r.json.id;
  }
  async function complaintId() {
    const r = await call('POST', '/api/complaints', { token: tok.office, body: { region: '230903', respondent: '矩阵商户',
      text: '矩阵投诉', received_on: '2024-02-08' } });
    assert.equal(r.status, 201, r.text);
    return r.json.id;
  }
  const code311 = (await call('GET', '/open311/v2/services.json', { token: tok.office })).json[0].service_code;
  // A special-equipment unit of 桃山区, imported as the regulator's register is.
  const eqCsv = `${dir}/equipment.csv`;
  writeFileSync(eqCsv, '注册代码,设备类别,使用单位,所在区县,下次检验日期\n3110230903777,电梯,矩阵物业,230903,2024-03-01\n');
  execFileSync(QCITY, ['--db', db, 'equipment', 'import', eqCsv], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  // And an instrument under compulsory verification of 桃山区.
  const mtCsv = `${dir}/metrology.csv`;
  writeFileSync(mtCsv, '器具编号,器具名称,使用单位,所在区县,有效期至,器具状态\nJL-MATRIX,电子计价秤,矩阵市场,230903,2024-03-01,在用\n');
  execFileSync(QCITY, ['--db', db, 'metrology', 'import', mtCsv], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  async function draft() {
    const r = await call('POST', '/api/documents', { token: tok.office, body: { kind: 'progress', plan, period: '2020-H1' } });
    assert.equal(r.status, 201, r.text);
    return r.json.id;
  }
  async function accepted() {
    const id = await submitted();
    assert.equal((await call('POST', `/api/submissions/${id}/accept`, { token: tok.office, body: {} })).status, 200);
    return id;
  }
  // An unqualified sampling result, for the follow-up route.
  const seeded = await call('POST', '/api/sampling', { token: tok.office, body: {
    table: '产品名称,生产企业名称,抽样日期,检验结论\n水泥,矩阵水泥厂,2021-05-01,不合格\n', region } });
  assert.equal(seeded.status, 200, seeded.text);
  const failed = (await call('GET', '/api/sampling?failed=1&limit=1', { token: tok.office })).json;
  assert.equal(failed.length, 1);
  let planSeq = 0;
  const alerts = (await call('GET', `/api/plans/${plan}/alerts`, { token: tok.office })).json;
  assert.ok(alerts.length > 0, 'the demo plan has alerts');
  async function supItem(close) {
    const r = await call('POST', '/api/supervision', { token: tok.office, body: { plan, unit_id: unit.unit_id,
      finding: '矩阵督查', rectify: '整改', deadline: '2030-12-31' } });
    assert.equal(r.status, 201, r.text);
    if (close)
      assert.equal((await call('POST', `/api/supervision/${r.json.id}/close`, { token: tok.office, body: {} })).status, 200);
    return r.json.id;
  }
  // Quality credit (issue 19): the demo's black-listed enterprise.
  const blackRow = (await call('GET', '/api/credit/lists/black', { token: tok.office })).json[0];
  assert.ok(blackRow && blackRow.uscc, 'the demo has a black listing');
  async function listingId() {
    const r = await call('POST', '/api/credit/listings', { token: tok.office,
      body: { list: 'red', uscc: blackRow.uscc, ground: '矩阵', date: '2024-01-01' } });
    assert.equal(r.status, 201, r.text);
    return r.json.id;
  }
  // A request for each write route that an allowed role can carry out.
  const requests = {
    'POST /api/inbox/read': async () => ({ path: '/api/inbox/read', body: {} }),
    'POST /api/remind/settings': async () => ({ path: '/api/remind/settings', body: { due_days: 4 } }),
    'POST /api/remind/run': async () => ({ path: '/api/remind/run', body: {} }),
    'POST /api/supervision': async (role) => ({ path: '/api/supervision', body: { plan, unit_id: unit.unit_id,
      finding: `矩阵${role}`, rectify: '整改', deadline: '2030-12-31' } }),
    'POST /api/supervision/{id}/answer': async () => ({ path: `/api/supervision/${await supItem()}/answer`, body: { text: '已整改' } }),
    'POST /api/supervision/{id}/close': async () => ({ path: `/api/supervision/${await supItem()}/close`, body: {} }),
    'POST /api/supervision/{id}/reopen': async () => ({ path: `/api/supervision/${await supItem(true)}/reopen`, body: { reason: '重查' } }),
    'POST /api/accountability': async () => ({ path: '/api/accountability', body: { unit_id: unit.unit_id, year: 2020, kind: 'criticism' } }),
    'POST /api/plans': async (role) => ({ path: '/api/plans', body: { plan: { title: `矩阵方案${role}`,
      doc_number: `矩阵〔2024〕${++planSeq}号`, region: { code: region } },
      targets: [{ indicator: '矩阵指标', op: '>=', value: 1, unit: '个' }] } }),
    'POST /api/plans/extract': async () => ({ path: '/api/plans/extract', body: {
      text: '某区质量强区实施方案\n一、工作目标\n到2025年,产品质量监督抽查合格率达到95%以上。\n' } }),
    'POST /api/values/import': async () => ({ path: '/api/values/import', body: {
      csv: `indicator,region,period,value\n${indicator},${region},2014,50\n` } }),
    'POST /api/sampling': async (role) => ({ path: '/api/sampling', body: {
      table: `产品名称,生产企业名称,抽样日期,检验结论\n水泥,矩阵厂${role},2021-05-02,合格\n`, region } }),
    'POST /api/sampling/bind': async () => ({ path: '/api/sampling/bind', body: { indicator } }),
    'POST /api/plans/{id}/alerts/ack': async (role) => ({ path: `/api/plans/${plan}/alerts/ack`, body: {
      kind: alerts[0].kind, subject: alerts[0].subject, region: alerts[0].region || undefined,
      period: alerts[0].period || undefined, note: `已阅 ${role}` } }),
    'POST /api/sampling/{id}/followup': async () => ({ path: `/api/sampling/${failed[0].id}/followup`,
      body: { step: 'notified', date: '2021-05-10' } }),
    'POST /api/logout': async () => ({ path: '/api/logout', body: {} }),
    'POST /api/tokens': async () => ({ path: '/api/tokens', body: { name: 'matrix' } }),
    'POST /api/tokens/{id}/revoke': async (role) => {
      const t = tok[role] && (await call('POST', '/api/tokens', { token: tok[role], body: { name: 'revoked' } })).json;
      return { path: `/api/tokens/${t ? t.id : 1}/revoke`, body: {} };
    },
    'POST /api/users': async (role) => ({ path: '/api/users', body: { name: `m_${role}`, password: 'amber-kettle-seventy', role: 'viewer' } }),
    'POST /api/plans/{id}/state': async () => ({ path: `/api/plans/${plan}/state`, body: { status: 'active' } }),
    'POST /api/units': async (role) => ({ path: '/api/units', body: { name: `矩阵单位${role}`, region } }),
    'POST /api/indicators/link': async () => ({ path: '/api/indicators/link', body: { name: '县公路优良路率', catalog: '公路优良路率' } }),
    'POST /api/values': async () => ({ path: '/api/values', body: { indicator, region, period: '2016', value: 50, reporter: unit.unit, note: '矩阵' } }),
    'POST /api/progress': async () => ({ path: '/api/progress', body: { plan, task: task.key, unit: unit.unit, period: '2016-H2', status: 'in_progress', text: '推进中' } }),
    'POST /api/submissions': async () => ({ path: '/api/submissions', body: { unit_id: unit.unit_id, period: '2015' } }),
    'POST /api/submissions/{id}/accept': async () => ({ path: `/api/submissions/${await submitted()}/accept`, body: {} }),
    'POST /api/submissions/{id}/return': async () => ({ path: `/api/submissions/${await submitted()}/return`, body: { reason: '数据缺少来源' } }),
    'POST /api/submissions/{id}/reopen': async () => ({ path: `/api/submissions/${await accepted()}/reopen`, body: { reason: '更正' } }),
    'POST /api/plans/{id}/edit/{part}': async (role) => ({ path: `/api/plans/${plan}/edit/member`, body: { name: `矩阵成员${role}` } }),
    'POST /api/plans/{id}/edit/{part}/{ref}': async (role) => ({ path: `/api/plans/${plan}/edit/owner/target:1`,
      body: { unit: `矩阵协办${role}`, role: 'co' } }),
    'PATCH /api/plans/{id}/edit/{part}': async () => ({ path: `/api/plans/${plan}/edit/plan`, body: { issuer: '七台河市人民政府' } }),
    'PATCH /api/plans/{id}/edit/{part}/{ref}': async () => ({ path: `/api/plans/${plan}/edit/duty/1`, body: { grace_days: 12 } }),
    'DELETE /api/plans/{id}/edit/{part}/{ref}': async (role) => {
      const name = `待删成员${role}`;
      const r = await call('POST', `/api/plans/${plan}/edit/member`, { token: tok.office, body: { name } });
      assert.equal(r.status, 201, r.text);
      return { path: `/api/plans/${plan}/edit/member/${encodeURIComponent(name)}` };
    },
    'POST /api/plans/{id}/versions': async (role) => ({ path: `/api/plans/${plan}/versions`, body: { note: `矩阵${role}` } }),
    'POST /api/attachments': async () => ({ path: '/api/attachments?name=matrix.pdf', raw: '%PDF-1.4\n%%EOF\n', type: 'application/pdf' }),
    'POST /api/submissions/{id}/items': async () => {
      const period = String(yearSeq++);
      const rep = await call('POST', '/api/progress', { token: tok.office, body: { plan, task: task.key, unit: unit.unit, period, status: 'in_progress' } });
      assert.equal(rep.status, 200, rep.text);
      const sub = await call('POST', '/api/submissions', { token: tok.office, body: { unit_id: unit.unit_id, period } });
      assert.equal(sub.status, 201, sub.text);
      return { path: `/api/submissions/${sub.json.id}/items`, body: { kind: 'report', id: rep.json.id, decision: 'accepted' } };
    },
    'POST /api/plans/{id}/entry-rules': async () => ({ path: `/api/plans/${plan}/entry-rules`, body: { jump_factor: 0.5 } }),
    'POST /api/complaints': async (role) => ({ path: '/api/complaints', body: { region: '230903', respondent: `矩阵${role}`,
      text: '矩阵', received_on: '2024-02-08' } }),
    'POST /api/equipment/{code}/inspections': async () => ({ path: '/api/equipment/3110230903777/inspections',
      body: { date: '2024-02-20', result: '合格', next: '2025-02-20' } }),
    'POST /api/equipment/accidents': async () => ({ path: '/api/equipment/accidents',
      body: { date: '2024-02-08', region: '230903', deaths: 0 } }),
    'POST /api/equipment/import': async (role) => ({ path: '/api/equipment/import?name=matrix.csv',
      raw: `注册代码,设备类别,使用单位,所在区县,下次检验日期\n31102309037${ROLES.indexOf(role) + 1},电梯,矩阵物业,230903,2025-03-01\n`, type: 'text/csv' }),
    'POST /api/metrology/import': async (role) => ({ path: '/api/metrology/import?name=matrix.csv',
      raw: `器具编号,器具名称,使用单位,所在区县,有效期至\nJL-MATRIX-${role},电子计价秤,矩阵市场,230903,2025-03-01\n`, type: 'text/csv' }),
    'POST /api/traceability/import': async (role) => ({ path: '/api/traceability/import?name=matrix.csv',
      raw: `追溯平台,主体名称,主体类型,行业类别,入驻日期,所在区县\n省食品安全追溯平台,矩阵食品${role},生产,食品,2024-01-05,230903\n`, type: 'text/csv' }),
    'POST /api/metrology/{ref}/verifications': async () => ({ path: '/api/metrology/JL-MATRIX/verifications',
      body: { date: '2024-02-20', result: '合格', next: '2025-02-20' } }),
    'POST /api/complaints/{id}/steps': async () => ({ path: `/api/complaints/${await complaintId()}/steps`,
      body: { state: 'accepted', date: '2024-02-09' } }),
    'POST /open311/v2/requests.json': async () => ({ path: '/open311/v2/requests.json', type: 'application/x-www-form-urlencoded',
      raw: new URLSearchParams({ service_code: code311, jurisdiction_id: '230903', description: '矩阵' }).toString() }),
    'POST /api/regions/{code}/townships': async () => ({ path: '/api/regions/230902/townships', body: {} }),
    'POST /api/documents': async () => ({ path: '/api/documents', body: { kind: 'progress', plan, period: '2020-H1' } }),
    'PATCH /api/documents/{id}': async (role) => ({ path: `/api/documents/${await draft()}`, body: { title: `矩阵标题${role}` } }),
    'POST /api/documents/{id}/issue': async () => ({ path: `/api/documents/${await draft()}/issue`, body: {} }),
    'POST /api/credit/check': async () => ({ path: '/api/credit/check', body: { uscc: blackRow.uscc, purpose: 'procurement' } }),
    'POST /api/credit/listings': async (role) => ({ path: '/api/credit/listings',
      body: { list: 'red', uscc: blackRow.uscc, ground: `矩阵${role}`, date: '2024-01-01' } }),
    'POST /api/credit/listings/{id}/{step}': async () => ({ path: `/api/credit/listings/${await listingId()}/publish`, body: {} }),
    'POST /api/awards/import': async (role) => ({ path: '/api/awards/import',
      body: { csv: `获奖单位,类别,年度,地区\n矩阵${role}厂,驰名商标,2019,${region}\n` } }),
    'POST /api/publications': async () => ({ path: '/api/publications', body: { kind: 'plan', plan } }),
    'POST /api/publications/unpublish': async () => {
      const r = await call('POST', '/api/publications', { token: tok.office, body: { kind: 'plan', plan } });
      assert.equal(r.status, 201, r.text);
      return { path: '/api/publications/unpublish', body: { kind: 'plan', ref: String(plan) } };
    },
  };
  // Who may write what: written here by hand, then compared with the table.
  const expected = {
    'POST /api/logout': ROLES, 'POST /api/tokens': ROLES,
    'POST /api/tokens/{id}/revoke': ROLES,
    'POST /api/users': ['admin'],
    'POST /api/plans/{id}/state': ['admin', 'office'],
    'POST /api/units': ['admin', 'office'],
    'POST /api/indicators/link': ['admin', 'office'],
    'POST /api/values': ['admin', 'office', 'unit'],
    'POST /api/progress': ['admin', 'office', 'unit'],
    'POST /api/submissions': ['admin', 'office', 'unit'],
    'POST /api/submissions/{id}/accept': ['admin', 'office'],
    'POST /api/submissions/{id}/return': ['admin', 'office'],
    'POST /api/submissions/{id}/reopen': ['admin', 'office'],
    'POST /api/plans': ['admin', 'office'],
    'POST /api/plans/extract': ['admin', 'office'],
    'POST /api/values/import': ['admin', 'office'],
    'POST /api/sampling': ['admin', 'office'],
    'POST /api/sampling/bind': ['admin', 'office'],
    'POST /api/plans/{id}/alerts/ack': ['admin', 'office'],
    'POST /api/sampling/{id}/followup': ['admin', 'office'],
    'POST /api/plans/{id}/edit/{part}': ['admin', 'office'],
    'POST /api/plans/{id}/edit/{part}/{ref}': ['admin', 'office'],
    'PATCH /api/plans/{id}/edit/{part}': ['admin', 'office'],
    'PATCH /api/plans/{id}/edit/{part}/{ref}': ['admin', 'office'],
    'DELETE /api/plans/{id}/edit/{part}/{ref}': ['admin', 'office'],
    'POST /api/plans/{id}/versions': ['admin', 'office'],
    'POST /api/attachments': ['admin', 'office', 'unit'],
    'POST /api/submissions/{id}/items': ['admin', 'office'],
    'POST /api/plans/{id}/entry-rules': ['admin', 'office'],
    'POST /api/inbox/read': ROLES,
    'POST /api/remind/settings': ['admin'],
    'POST /api/remind/run': ['admin', 'office'],
    'POST /api/supervision': ['admin', 'office'],
    'POST /api/supervision/{id}/answer': ['admin', 'office', 'unit'],
    'POST /api/supervision/{id}/close': ['admin', 'office'],
    'POST /api/supervision/{id}/reopen': ['admin', 'office'],
    'POST /api/accountability': ['admin', 'office'],
    'POST /api/complaints': ['admin', 'office', 'region'],
    'POST /api/complaints/{id}/steps': ['admin', 'office', 'region'],
    'POST /api/equipment/{code}/inspections': ['admin', 'office', 'region'],
    'POST /api/equipment/accidents': ['admin', 'office', 'region'],
    'POST /api/metrology/{ref}/verifications': ['admin', 'office', 'region'],
    'POST /api/equipment/import': ['admin', 'office', 'region'],
    'POST /api/metrology/import': ['admin', 'office', 'region'],
    'POST /api/traceability/import': ['admin', 'office', 'region'],
    'POST /open311/v2/requests.json': ['admin', 'office', 'region'],
    'POST /api/regions/{code}/townships': ['admin', 'office'],
    'POST /api/documents': ['admin', 'office'],
    'PATCH /api/documents/{id}': ['admin', 'office'],
    'POST /api/documents/{id}/issue': ['admin', 'office'],
    'POST /api/credit/check': ['admin', 'office'],
    'POST /api/credit/listings': ['admin', 'office'],
    'POST /api/credit/listings/{id}/{step}': ['admin', 'office'],
    'POST /api/awards/import': ['admin', 'office'],
    'POST /api/publications': ['admin', 'office'],
    'POST /api/publications/unpublish': ['admin', 'office'],
  };
  assert.deepEqual(writes.map((w) => `${w.method} ${w.path}`).sort(), Object.keys(expected).sort(),
    'every write route is in the matrix');

  // ---- the permission matrix -------------------------------------------------------
  for (const w of writes) {
    const key = `${w.method} ${w.path}`;
    assert.deepEqual([...w.roles].sort(), [...expected[key]].sort(), `${key}: route table roles`);
    const anon = await requests[key]('anon');
    const r0 = await call(w.method, anon.path, { body: anon.body, raw: anon.raw, type: anon.type });
    assert.equal(r0.status, 401, `${key} without signing in: ${r0.text}`);
    for (const role of ROLES) {
      const q = await requests[key](role);
      const r = await call(w.method, q.path, { body: q.body, raw: q.raw, type: q.type, token: tok[role] });
      if (expected[key].includes(role))
        assert.ok(r.status >= 200 && r.status < 300, `${role} ${key} should be allowed, got ${r.status} ${r.text}`);
      else
        assert.equal(r.status, 403, `${role} ${key} should be 403, got ${r.status} ${r.text}`);
      assert.ok(r.json, `${role} ${key}: the answer is JSON`);
    }
  }
  ok(`permission matrix: ${writes.length} write routes × ${ROLES.length} roles, and 401 without signing in`);

  // ---- credit check (issue 19): restricted while black-listed, logged ----------------
  {
    let r = await call('POST', '/api/credit/check', { token: tok.office, body: { uscc: blackRow.uscc, purpose: 'procurement' } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.result, 'restricted');
    assert.equal(r.json.listing_id, blackRow.id);
    assert.match(r.json.listing, new RegExp(blackRow.decided_on));
    r = await call('POST', '/api/credit/check', { token: tok.office, body: { uscc: blackRow.uscc, purpose: 'lunch' } });
    assert.equal(r.status, 400, r.text);
    const page = await call('GET', `/api/credit/enterprises/${blackRow.uscc}`, { token: tok.office });
    assert.equal(page.status, 200, page.text);
    assert.equal(page.json.grade.grade, 'D', 'a black listing fixes the grade');
    const csv = await fetch(`${base}/api/credit/lists/black?format=csv`, { headers: { Authorization: `Bearer ${tok.office}` } });
    assert.equal(csv.status, 200);
    assert.match(await csv.text(), new RegExp(blackRow.uscc));
    ok('credit: the demo black listing restricts procurement, fixes the grade at D, and exports as CSV');
  }

  // A user with a reminder address: both or neither (docs/reminders.md).
  const badMail = await call('POST', '/api/users', { token: tok.admin, body: { name: 'mailer', password: 'amber-kettle-seventy',
    role: 'viewer', email: 'no address' } });
  assert.equal(badMail.status, 400, badMail.text);
  assert.match(badMail.json.error, /email/);
  assert.ok(!(await call('GET', '/api/users', { token: tok.admin })).json.some((u) => u.name === 'mailer'), 'no user without its address');
  const goodMail = await call('POST', '/api/users', { token: tok.admin, body: { name: 'mailer', password: 'amber-kettle-seventy',
    role: 'viewer', email: 'mailer@example.org' } });
  assert.equal(goodMail.status, 201, goodMail.text);
  ok('a user is added with its reminder address, or not at all');
  // Townships (issue 11): the matrix loaded 新兴区's; they are listed with
  // nine-digit codes, and a prefecture is refused (townships go under a
  // county).
  const towns = await call('GET', '/api/regions?parent=230902', { token: tok.viewer });
  assert.equal(towns.status, 200, towns.text);
  assert.ok(towns.json.length > 0 && towns.json.every((x) => /^230902[0-9]{3}$/.test(x.code) && x.level === 4), towns.text);
  const city = await call('POST', '/api/regions/230900/townships', { token: tok.office, body: {} });
  assert.equal(city.status, 400, city.text);
  assert.match(city.json.error, /不是县（区）/);
  ok(`a county's townships loaded over HTTP: ${towns.json.length} under 新兴区; a prefecture refused`);

  // Series (issue 11): links reviewed by the office, ranges refused.
  const listed = await call('GET', '/api/indicators', { token: tok.viewer });
  assert.equal(listed.status, 200, listed.text);
  const county = listed.json.indicators.find((x) => x.name === '县公路优良路率');
  assert.equal(county.catalog, '公路优良路率');
  assert.equal(county.link, 'confirmed');
  assert.equal(county.max, 100);
  const cleared = await call('POST', '/api/indicators/link', { token: tok.office, body: { name: '县公路优良路率', catalog: null } });
  assert.equal(cleared.status, 200, cleared.text);
  const unconf = await call('GET', '/api/indicators?unconfirmed=1', { token: tok.office });
  assert.ok(unconf.json.indicators.some((x) => x.name === '县公路优良路率' && x.catalog == null));
  assert.ok(unconf.json.indicators.every((x) => !x.in_catalog && x.link !== 'confirmed'));
  const unknown = await call('POST', '/api/indicators/link', { token: tok.office, body: { name: '县公路优良路率', catalog: '没有的目录指标' } });
  assert.equal(unknown.status, 404, unknown.text);
  const huge = await call('POST', '/api/values', { token: tok.office, body: { indicator: '县公路优良路率', region: '七台河市', period: '2016', value: -1e308 } });
  assert.equal(huge.status, 400, huge.text);
  assert.match(huge.json.error, /超出该指标的取值范围 \[0, 100\]/);
  ok('series: catalogue links listed, cleared and refused through the API; a rate of -1e308 is 400');

  // Plans edited over the API (issue 11, part 4): a target's value
  // changed, refused with the field named, versions listed and diffed,
  // status as of the version before the edit.
  const shown = (await call('GET', `/api/plans/${plan}`, { token: tok.office })).json;
  const n = shown.targets.findIndex((t) => t.indicator === '县公路优良路率') + 1;
  assert.ok(n > 0, 'the demo plan has 县公路优良路率');
  const bad = await call('PATCH', `/api/plans/${plan}/edit/target/${n}`, { token: tok.office, body: { value: 'abc' } });
  assert.equal(bad.status, 400, bad.text);
  assert.match(bad.json.error, /目标值：“abc”不是数字/);
  const noType = await call('PATCH', `/api/plans/${plan}/edit/target/${n}`, { token: tok.office, raw: '{"value": 1}', type: 'text/plain' });
  assert.equal(noType.status, 415, noType.text);
  const patched = await call('PATCH', `/api/plans/${plan}/edit/target/${n}`, { token: tok.office,
    body: { value: 72, note: '2021年工作要点' } });
  assert.equal(patched.status, 200, patched.text);
  const vs = await call('GET', `/api/plans/${plan}/versions`, { token: tok.viewer });
  assert.equal(vs.status, 200, vs.text);
  assert.equal(vs.json.versions.at(-1).version, patched.json.version);
  assert.equal(vs.json.versions.at(-1).note, '2021年工作要点');
  const diff = await call('GET', `/api/plans/${plan}/diff?from=${patched.json.version - 1}&to=${patched.json.version}`, { token: tok.viewer });
  assert.equal(diff.status, 200, diff.text);
  assert.deepEqual(diff.json.changes, [{ part: 'target', change: 'changed', what: '县公路优良路率',
    field: 'requirement', before: '≥ 65% 2020年前', after: '≥ 72% 2020年前' }]);
  const now = await call('GET', `/api/plans/${plan}/status`, { token: tok.viewer });
  const then = await call('GET', `/api/plans/${plan}/status?version=${patched.json.version - 1}`, { token: tok.viewer });
  assert.equal(then.status, 200, then.text);
  const req = (st) => st.json.targets.find((t) => t.indicator === '县公路优良路率').requirement;
  assert.equal(req(now), '≥ 72%');
  assert.equal(req(then), '≥ 65%');
  const edited = await call('GET', '/api/audit?entity=plan_target&limit=1', { token: tok.office });
  assert.match(edited.text, /"value\\?":72/);
  ok('plans edited over the API: field errors 400, versions, diff, status as of a version, audited');

  // A region account reads registries of its own region only.
  const inside = await call('GET', '/api/sampling?failed=1', { token: tok.region });
  assert.equal(inside.status, 200, inside.text);
  assert.ok(inside.json.length >= 1, 'its own region by default');
  const outside = await call('GET', '/api/sampling/lists?region=110000&year=2021', { token: tok.region });
  assert.equal(outside.status, 403, outside.text);
  const viewerList = await call('GET', '/api/sampling', { token: tok.viewer });
  assert.equal(viewerList.status, 403, viewerList.text);
  const code = await call('GET', '/api/credit-codes/91350100M000100Y44', { token: tok.viewer });
  assert.equal(code.json.valid, false);
  assert.match(code.json.reason, /按代码应为“3”/);
  ok('registry reads: region accounts held to their region, viewers to published figures');

  // The follow-up board and the red and black lists a page at a time
  // (keyset): pages put together are the whole answer, in its order.
  const fails = ['甲', '乙', '丙', '丁', '戊'].map((n, i) => `电线,分页${n}厂,2021-0${i + 1}-10,不合格`).join('\n');
  const paged = await call('POST', '/api/sampling', { token: tok.office, body: {
    table: `产品名称,生产企业名称,抽样日期,检验结论\n${fails}\n`, region } });
  assert.equal(paged.status, 200, paged.text);
  const board = (await call('GET', `/api/sampling/followup?region=${region}`, { token: tok.office })).json;
  assert.ok(board.length >= 5, 'the five follow-ups are on the board');
  const p1 = (await call('GET', `/api/sampling/followup?region=${region}&limit=2`, { token: tok.office })).json;
  assert.equal(p1.length, 2);
  const rest = (await call('GET', `/api/sampling/followup?region=${region}&limit=10000&after=${p1[1].due},${p1[1].result}`,
    { token: tok.office })).json;
  assert.deepEqual([...p1, ...rest].map((f) => f.result), board.map((f) => f.result));
  assert.equal((await call('GET', '/api/sampling/followup?after=2021-01-01', { token: tok.office })).status, 400);
  const lists = (await call('GET', `/api/sampling/lists?region=${region}&year=2021`, { token: tok.office })).json;
  assert.ok(lists.black.length >= 5, 'the five enterprises are on the black list');
  const l1 = (await call('GET', `/api/sampling/lists?region=${region}&year=2021&limit=2`, { token: tok.office })).json;
  assert.equal(l1.black.length, 2);
  const lb = l1.black[1];
  const l2 = (await call('GET', `/api/sampling/lists?region=${region}&year=2021&limit=10000`
    + `&black_failed=${lb.failed}&black_after=${lb.enterprise_id}`, { token: tok.office })).json;
  assert.deepEqual([...l1.black, ...l2.black].map((r) => r.enterprise_id), lists.black.map((r) => r.enterprise_id));
  ok('the follow-up board and the red and black lists page by keyset; pages put together are the whole list');

  // A unit reporter is held to its own unit.
  const units = (await call('GET', `/api/units?region=${region}`, { token: tok.office })).json;
  const other = units.find((u) => u.id !== unit.unit_id);
  for (const [path, body] of [
    ['/api/values', { indicator, region, period: '2016', value: 1, reporter: other.name }],
    ['/api/progress', { plan, task: task.key, unit: other.name, period: '2016-H2', status: 'done' }],
    ['/api/submissions', { unit_id: other.id, period: '2016' }],
    ['/api/values', { indicator, region: '110000', period: '2016', value: 1 }],
  ]) {
    const r = await call('POST', path, { body, token: tok.unit });
    assert.equal(r.status, 403, `unit writing for another unit or region via ${path}: ${r.text}`);
  }
  assert.equal((await call('GET', `/api/plans/${plan}/entry?unit=${other.id}&period=2019`, { token: tok.unit })).status, 403);
  const own = (await call('GET', '/api/submissions', { token: tok.unit })).json;
  assert.ok(own.every((x) => x.unit_id === unit.unit_id), 'a unit sees only its own submissions');
  ok('a unit reporter cannot write or read another unit\'s data');

  // ---- browser writes need the CSRF token --------------------------------------------
  const office = await login('office');
  let r = await call('POST', '/api/units', { body: { name: '无令牌单位', region }, cookie: office.cookie });
  assert.equal(r.status, 403);
  assert.match(r.json.error, /CSRF/);
  r = await call('POST', '/api/units', { body: { name: '无令牌单位', region }, cookie: office.cookie, csrf: 'x'.repeat(64) });
  assert.equal(r.status, 403);
  r = await call('POST', '/api/units', { body: { name: '有令牌单位', region }, cookie: office.cookie, csrf: office.csrf });
  assert.equal(r.status, 201, r.text);
  ok('a session write without the right X-CSRF-Token is 403');

  // ---- malformed requests ---------------------------------------------------------------
  r = await call('POST', '/api/values', { raw: '{"indicator": "x",', token: tok.office });
  assert.equal(r.status, 400);
  assert.match(r.json.error, /不是有效的 JSON：第 1 行/);
  r = await call('POST', '/api/values', { raw: '[1,2]', token: tok.office });
  assert.equal(r.status, 400);
  assert.match(r.json.error, /JSON 对象/);
  r = await call('POST', '/api/values', { body: { indicator, region, period: '2016', value: '98%' }, token: tok.office });
  assert.equal(r.status, 400);
  assert.match(r.json.error, /“value”须为数字/);
  r = await call('POST', '/api/values', { body: { indicator: 42, region, period: '2016', value: 1 }, token: tok.office });
  assert.equal(r.status, 400);
  assert.match(r.json.error, /“indicator”须为字符串/);
  r = await call('POST', '/api/values', { body: { indicator, region, period: '2016年', value: 1 }, token: tok.office });
  assert.equal(r.status, 400);
  assert.match(r.json.error, /统计期间/);
  r = await call('POST', '/api/progress', { body: { plan, task: section.key, unit: unit.unit, period: '2016-H2', status: 'done' }, token: tok.office });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.code, 'bad_request');
  assert.match(r.json.error, /提纲标题/);
  r = await call('POST', '/api/progress', { body: { plan: 'one', task: 'x', unit: 'y', period: '2016', status: 'done' }, token: tok.office });
  assert.equal(r.status, 400);
  assert.match(r.json.error, /“plan”须为整数/);
  r = await call('POST', '/api/values', { raw: JSON.stringify({ note: 'x'.repeat(100 * 1024) }), token: tok.office });
  assert.equal(r.status, 413);
  assert.match(r.json.error, /超过 64 KiB/);
  r = await call('POST', '/api/values', { raw: 'indicator=x', type: 'application/x-www-form-urlencoded', token: tok.office });
  assert.equal(r.status, 415);
  r = await call('GET', '/api/plans/abc/status', { token: tok.office });
  assert.equal(r.status, 400);
  r = await call('GET', '/api/nothing', { token: tok.office });
  assert.equal(r.status, 404);
  assert.ok(r.json.error);
  r = await call('DELETE', '/api/units', { token: tok.office });
  assert.equal(r.status, 405);
  r = await call('POST', '/api/submissions/1/return', { body: {}, token: tok.office });
  assert.equal(r.status, 400, 'returning needs a reason');
  ok('bad JSON, wrong types, bad periods, oversized and non-JSON bodies get 4xx with a message');

  const evil = "x'); DROP TABLE units; --";
  r = await call('POST', '/api/units', { body: { name: evil, region }, token: tok.office });
  assert.equal(r.status, 201, r.text);
  const after = (await call('GET', `/api/units?region=${region}`, { token: tok.office })).json;
  assert.ok(after.some((u) => u.name === evil), 'the SQL-looking name is stored verbatim');
  r = await call('POST', '/api/values', { body: { indicator, region, period: '2014', value: 12.5, note: "1' OR '1'='1" }, token: tok.office });
  assert.equal(r.status, 200, r.text);
  ok('SQL-looking strings are stored verbatim');

  // ---- review workflow and the lock ----------------------------------------------------
  const v = { indicator, region, period: '2019', value: 77.5 };
  assert.equal((await call('POST', '/api/values', { body: v, token: tok.unit })).status, 200);
  r = await call('POST', '/api/submissions', { body: { period: '2019' }, token: tok.unit });
  assert.equal(r.status, 201, r.text);
  const sid = r.json.id;
  assert.equal(r.json.state, 'submitted');
  assert.ok(r.json.values >= 1);
  const queue = (await call('GET', '/api/submissions?state=submitted', { token: tok.office })).json;
  assert.ok(queue.some((x) => x.id === sid), 'the office sees the submission in its queue');
  assert.equal((await call('POST', `/api/submissions/${sid}/accept`, { body: {}, token: tok.office })).status, 200);
  r = await call('POST', '/api/values', { body: { ...v, value: 80 }, token: tok.unit });
  assert.equal(r.status, 409, 'accepted data is locked');
  assert.match(r.json.error, /锁定；如需修改，请办公室重新开放/);
  r = await call('POST', '/api/submissions', { body: { period: '2019' }, token: tok.unit });
  assert.equal(r.status, 409);
  assert.equal((await call('POST', `/api/submissions/${sid}/reopen`, { body: { reason: '请更正' }, token: tok.office })).status, 200);
  assert.equal((await call('POST', '/api/values', { body: { ...v, value: 80 }, token: tok.unit })).status, 200);
  r = await call('POST', '/api/submissions', { body: { period: '2019' }, token: tok.unit });
  assert.equal(r.status, 201);
  r = await call('POST', `/api/submissions/${sid}/return`, { body: { reason: '与统计年鉴不符' }, token: tok.office });
  assert.equal(r.json.state, 'returned');
  assert.equal(r.json.reason, '与统计年鉴不符');
  ok('submit → accept locks the period; reopen unlocks; return carries its reason');

  // ---- audit ------------------------------------------------------------------------------
  const audit = (await call('GET', '/api/audit?limit=200', { token: tok.office })).json;
  const change = audit.find((e) => e.entity === 'value' && e.actor === 'web:unit' && e.before && e.after);
  assert.ok(change, 'a unit\'s value change is in the audit log with before and after');
  assert.ok(audit.some((e) => e.action === 'accept' && e.actor === 'web:office'));
  assert.equal((await call('GET', '/api/audit', { token: tok.unit })).status, 403);
  ok('every write is in the audit log (who, when, before, after); only staff read it');

  // ---- the nation's provinces: the demo server (SQLite or PostgreSQL) is not national -------
  r = await call('GET', '/api/federation/provinces', { token: tok.office });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, { national: false, provinces: [] });
  assert.equal((await call('GET', '/api/federation/provinces', { token: tok.viewer })).status, 403);
  ok('federation provinces: an empty list with national false on a server that is not national; staff only');

  // ---- reading: published only, region subtree ---------------------------------------------
  assert.equal((await call('POST', '/api/plans/2/state', { body: { status: 'draft' }, token: tok.office })).status, 200);
  const seen = (await call('GET', '/api/plans', { token: tok.viewer })).json;
  assert.ok(!seen.some((p) => p.id === 2), 'a viewer does not see a draft plan');
  assert.equal((await call('GET', '/api/plans/2/status', { token: tok.viewer })).status, 404);
  assert.equal((await call('GET', '/api/plans/2/status', { token: tok.office })).status, 200);
  r = await call('GET', `/api/plans/${plan}/status?region=110000`, { token: tok.region });
  assert.equal(r.status, 403);
  r = await call('GET', `/api/plans/${plan}/status`, { token: tok.region });
  assert.equal(r.status, 200);
  assert.equal(r.json.region, s.region.user.region);
  r = await call('GET', `/api/plans/${plan}/status?series=1`, { token: tok.viewer });
  assert.ok(r.json.targets.length > 0 && Array.isArray(r.json.targets[0].series));
  assert.ok(Object.keys(r.json.counts).includes('met'));
  for (const p of ['tasks', 'alerts', 'assessment?year=2019', `targets/${r.json.targets[0].target}`]) {
    const x = await call('GET', `/api/plans/${plan}/${p}`, { token: tok.office });
    assert.equal(x.status, 200, `${p}: ${x.text}`);
  }
  assert.equal((await call('GET', `/api/plans/${plan}/alerts`, { token: tok.viewer })).status, 403);
  ok('viewers see published plans only; region users their subtree; reading routes answer');

  // ---- static files ------------------------------------------------------------------------
  r = await call('GET', '/');
  assert.equal(r.status, 200);
  assert.match(r.text, /质量强市/);
  r = await call('GET', '/vendor/echarts.mjs');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /javascript/);
  assert.equal((await call('GET', '/../meson.build')).status, 404);
  assert.equal((await call('GET', '/%2e%2e/meson.build')).status, 404);
  ok('the UI and ECharts are served by the program; no path escapes web/');

  // ---- sign-in rate limit and logout ---------------------------------------------------------
  for (let i = 0; i < 5; i++) {
    r = await call('POST', '/api/login', { body: { name: 'viewer', password: 'wrong password' } });
    assert.equal(r.status, 403);
  }
  r = await call('POST', '/api/login', { body: { name: 'viewer', password: PW } });
  assert.equal(r.status, 403);
  assert.match(r.json.error, /登录失败次数过多/);
  const out = await call('POST', '/api/logout', { body: {}, cookie: s.admin.cookie, csrf: s.admin.csrf });
  assert.equal(out.status, 200);
  assert.equal((await call('GET', '/api/me', { cookie: s.admin.cookie })).status, 401);
  ok('five failed sign-ins lock the name out; logout ends the session');
} finally {
  await server.stop();
  cleanup(dir);
}
ok('the server stops cleanly on SIGTERM');
console.log(`${passed} passed`);
