// The permission matrices of issue 12, generated from the route table
// (`qcity serve --routes`): EVERY route × role (anonymous, viewer, unit,
// region, office, admin) × target (own: the demo unit 市市场监管局 and its
// region 230900; other: another unit of that region, 市林业局; foreign:
// another region, 西安 610100). A route without an expectation here fails
// the test, so a new route cannot be missed. A refused request is 401
// (anonymous), 403 (role or write scope) or 404 (a single object outside
// a reader's subtree) and changes nothing: the only new audit rows are
// the refusal itself (entity account). Lists that region users and units
// read hold nothing outside their subtree. Also: the repro of issue 12,
// strict numbers (400 naming the parameter) and the account audit.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoDb, startServer, cleanup, QCITY } from './server.mjs';

const PW = 'qcity-demo';
const ROLES = ['anon', 'viewer', 'unit', 'region', 'office', 'admin'];
const HOME = '230900';            // the demo unit's and region user's region
const FOREIGN = '610100';         // 西安: plan 3
let base;
let passed = 0;
function ok(what) { passed++; console.log(`ok ${passed} - ${what}`); }

async function call(method, path, { body, form, token, raw } = {}) {
  const headers = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (raw !== undefined) headers['Content-Type'] = 'application/pdf';
  if (form !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded';
  const payload = raw !== undefined ? raw : form !== undefined ? new URLSearchParams(form).toString()
    : body !== undefined ? JSON.stringify(body) : undefined;
  const res = await fetch(base + path, { method, headers, body: payload });
  const text = await res.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, json, text };
}

const within = (code) => typeof code === 'string' && code.startsWith(HOME.slice(0, 4));

const { dir, db, env } = demoDb();
const server = await startServer(db, env);
base = server.base;
try {
  // ---- who is who ------------------------------------------------------------
  const tok = { anon: undefined };
  const who = {};
  // Tokens are made from a session (cookie + CSRF), as the page does.
  for (const role of ROLES.slice(1)) {
    const res = await fetch(`${base}/api/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: role, password: PW }) });
    const j = await res.json();
    assert.equal(res.status, 200, JSON.stringify(j));
    who[role] = j.user;
    const cookie = res.headers.get('set-cookie').split(';')[0];
    const t = await fetch(`${base}/api/tokens`, { method: 'POST', headers: { 'Content-Type': 'application/json',
      Cookie: cookie, 'X-CSRF-Token': j.csrf }, body: JSON.stringify({ name: 'scope' }) });
    assert.ok(t.status >= 200 && t.status < 300, `token for ${role}: ${t.status}`);
    tok[role] = (await t.json()).token;
  }
  const unit = who.unit;
  assert.equal(unit.unit, '市市场监管局');
  assert.equal(unit.region, HOME);
  assert.equal(who.region.region, HOME);
  const office = tok.office;
  const get = async (path) => {
    const r = await call('GET', path, { token: office });
    assert.equal(r.status, 200, `${path}: ${r.text}`);
    return r.json;
  };

  // ---- fixtures: own, other and foreign objects ----------------------------------
  const units = { own: unit.unit_id };
  units.other = (await get(`/api/units?region=${HOME}`)).find((u) => u.name === '市林业局').id;
  units.foreign = (await get(`/api/units?region=${FOREIGN}`))[0].id;
  const unitName = { own: unit.unit, other: '市林业局' };
  unitName.foreign = (await get(`/api/units?region=${FOREIGN}`))[0].name;
  const plan = { own: 1, other: 1, foreign: 3 };
  const target = {};
  for (const k of ['own', 'foreign'])
    target[k] = (await get(`/api/plans/${plan[k]}/status`)).targets[0].target;
  target.other = target.own;
  const entry = (await call('GET', `/api/plans/1/entry?period=2019`, { token: tok.unit })).json;
  const indicator = { own: entry.targets[0].canonical, other: '森林覆盖率' };
  indicator.foreign = indicator.own;
  assert.ok(!entry.targets.some((t) => t.canonical === '森林覆盖率'), '市市场监管局 owns no 森林覆盖率 target');
  const region = { own: HOME, other: HOME, foreign: FOREIGN };
  const tasks1 = await get('/api/plans/1/tasks');
  const ownKeys = new Set(tasks1.filter((x) => x.unit === unit.unit).map((x) => x.key));
  const otherTask = tasks1.find((x) => x.unit && !ownKeys.has(x.key));
  assert.ok(ownKeys.size > 0 && otherTask, 'plan 1 has tasks of 市市场监管局 and of other units');
  const task = { own: [...ownKeys][0], other: otherTask.key, foreign: (await get('/api/plans/3/tasks')).find((t) => t.kind === 'item').key };
  unitName.other = otherTask.unit;
  const alert = {};
  for (const k of ['own', 'foreign']) {
    const a = await get(`/api/plans/${plan[k]}/alerts`);
    assert.ok(a.length > 0, `plan ${plan[k]} has alerts`);
    alert[k] = a[0];
  }
  alert.other = alert.own;
  const failed = {};
  const uscc = {};
  for (const k of ['own', 'foreign']) {
    const f = await get(`/api/sampling?region=${region[k]}&failed=1&limit=1`);
    assert.equal(f.length, 1, `a failed sampling result in ${region[k]}`);
    failed[k] = f[0].id;
    uscc[k] = (await get(`/api/sampling?region=${region[k]}&limit=50`)).find((x) => x.uscc).uscc;
  }
  failed.other = failed.own;
  uscc.other = uscc.own;
  // Complaints: one in a county of the home city, one in 西安's 新城区.
  const county = { own: '230903', other: '230903', foreign: '610102' };
  async function complaintIn(k) {
    const r = await call('POST', '/api/complaints', { token: office, body: { region: county[k],
      respondent: '矩阵商户', text: '矩阵投诉', received_on: '2024-02-08', person_phone: '13812341234' } });
    assert.equal(r.status, 201, r.text);
    return r.json.id;
  }
  const complaint = { own: await complaintIn('own'), foreign: await complaintIn('foreign') };
  complaint.other = complaint.own;
  const serviceCode = (await get('/open311/v2/services.json'))[0].service_code;
  let seq = 0;
  let period = 1950;
  const T3_ = ['own', 'other', 'foreign'];
  async function submission(k, accept) {
    const r = await call('POST', '/api/submissions', { token: office, body: { unit_id: units[k], period: String(period++) } });
    assert.equal(r.status, 201, r.text);
    if (accept)
      assert.equal((await call('POST', `/api/submissions/${r.json.id}/accept`, { token: office, body: {} })).status, 200);
    return r.json.id;
  }

  // Attachments (issue 16): one per unit, the unit's own uploaded by it,
  // the others filed by the office for their units.
  const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');
  const attachment = {};
  for (const k of T3_) {
    const r = await call('POST', `/api/attachments?name=${k}.pdf${k === 'own' ? '' : `&unit=${units[k]}`}`,
      { raw: PDF, token: k === 'own' ? tok.unit : office });
    assert.equal(r.status, 201, r.text);
    attachment[k] = r.json.id;
  }
  // A submission of unit k holding one progress report: its item.
  async function reportItem(k) {
    const p = String(period++);
    const rep = await call('POST', '/api/progress', { token: office, body: { plan: plan[k], task: task[k],
      unit: unitName[k], period: p, status: 'in_progress' } });
    assert.equal(rep.status, 200, rep.text);
    // The task's lead unit (for 'other', not always 市林业局).
    const uid = (await get(`/api/units?region=${region[k]}`)).find((u) => u.name === unitName[k]).id;
    const sub = await call('POST', '/api/submissions', { token: office, body: { unit_id: uid, period: p } });
    assert.equal(sub.status, 201, sub.text);
    return { sub: sub.json.id, item: rep.json.id };
  }
  // 督查 items of the own, other and foreign unit, opened by the office.
  async function supItem(k, close) {
    const r = await call('POST', '/api/supervision', { token: office, body: { plan: plan[k], unit_id: units[k],
      finding: `矩阵督查${++seq}`, rectify: '整改', deadline: '2030-12-31' } });
    assert.equal(r.status, 201, r.text);
    if (close)
      assert.equal((await call('POST', `/api/supervision/${r.json.id}/close`, { token: office, body: {} })).status, 200);
    return r.json.id;
  }
  const sup = {};
  for (const k of ['own', 'other', 'foreign']) sup[k] = await supItem(k);
  async function draft() {
    const d = await call('POST', '/api/documents', { token: tok.admin, body: { kind: 'progress', plan: 1, period: '2020-H1' } });
    assert.equal(d.status, 201, d.text);
    return d.json.id;
  }
  // Publications for the public routes (issue 17): a plan, an index, a
  // document and a list with one file each (JSON, so the answer parses).
  const pubFile = join(dir, 'pub.json');
  writeFileSync(pubFile, '{"ok":true}\n');
  const cli = (...args) => execFileSync(QCITY, ['--db', db, ...args], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  cli('publish', 'plan', '1');
  cli('publish', 'index', 'qitaihe-quality', '--year', '2020');
  cli('publish', 'document', '七质强办〔2020〕1号', '--title', '通报', '--file', pubFile);
  cli('publish', 'list', 'red-2020', '--title', '红名单', '--file', pubFile);
  const pubFileId = JSON.parse(cli('--json', 'publish', 'list').toString()).find((x) => x.kind === 'document').id;
  // Special equipment: a unit in the home city's 桃山区, one in 西安's 新城区.
  const eqFile = join(dir, 'equipment.csv');
  writeFileSync(eqFile, '注册代码,设备类别,使用单位,所在区县,下次检验日期\n'
    + '3110230903901,电梯,矩阵物业,230903,2024-03-01\n3110610102901,电梯,矩阵商场,610102,2024-03-01\n');
  cli('equipment', 'import', eqFile);
  const equipment = { own: '3110230903901', other: '3110230903901', foreign: '3110610102901' };
  // Metrology: an instrument in 桃山区, one in 西安's 新城区.
  const mtFile = join(dir, 'metrology.csv');
  writeFileSync(mtFile, '器具编号,器具名称,使用单位,所在区县,有效期至\n'
    + 'JL901,电子计价秤,矩阵市场,230903,2024-03-01\nJL902,电子计价秤,矩阵商场,610102,2024-03-01\n');
  cli('metrology', 'import', mtFile);
  const metrology = { own: 'JL901', other: 'JL901', foreign: 'JL902' };
  // Certification: a certificate in 桃山区, one in 西安's 新城区.
  const ctFile = join(dir, 'certification.csv');
  writeFileSync(ctFile, '证书编号,获证组织名称,认证项目,认证机构,所在区县,证书到期日期\n'
    + 'C901,矩阵食品,质量管理体系认证,某机构,230903,2027-01-01\nC902,矩阵商场,服务认证,某机构,610102,2027-01-01\n');
  cli('certification', 'import', ctFile);
  // Traceability: a subject in 桃山区, one in 西安's 新城区.
  const trFile = join(dir, 'traceability.csv');
  writeFileSync(trFile, '追溯平台,主体名称,主体类型,行业类别,入驻日期,所在区县\n'
    + '省食品安全追溯平台,矩阵食品,生产,食品,2024-01-01,230903\n省食品安全追溯平台,矩阵商场,经营,食品,2024-01-01,610102\n');
  cli('traceability', 'import', trFile);

  // ---- the expectations, one per route -------------------------------------------
  // roles: who the route table lets in (checked against the table);
  // targets: the kinds of object the route is about (['any'] when none);
  // req(target, role): the request; scope(role, target): for unit and
  // region users, 'ok', 403 or 404 (admin and office: always 'ok');
  // list(json): for a list, whether it holds only the reader's subtree.
  const ANY = ['viewer', 'unit', 'region', 'office', 'admin'];
  const STAFF = ['office', 'admin'];
  const WRITERS = ['unit', 'office', 'admin'];
  const T3 = ['own', 'other', 'foreign'];
  const hideForeign = (role, t) => t === 'foreign' ? 404 : 'ok';
  const refuseForeign = (role, t) => t === 'foreign' ? 403 : 'ok';
  const ownOnly = (role, t) => t === 'own' ? 'ok' : 403;
  const q = (path) => () => ({ path });
  const spec = {
    'GET /api/health': { roles: ['public'], req: q('/api/health') },
    'POST /api/login': { roles: ['public'], req: () => ({ path: '/api/login', body: { name: 'viewer', password: PW } }) },
    'POST /api/logout': { roles: ANY, req: () => ({ path: '/api/logout', body: {} }) },
    'GET /api/me': { roles: ANY, req: q('/api/me') },
    'POST /api/tokens': { roles: ANY, req: () => ({ path: '/api/tokens', body: { name: 'matrix' } }) },
    'GET /api/tokens': { roles: ANY, req: q('/api/tokens'), list: (a) => a.every((t) => t.user === 'unit' || t.user === 'region') },
    'POST /api/tokens/{id}/revoke': { roles: ANY, req: async (t, role) => {
      const made = tok[role] && (await call('POST', '/api/tokens', { token: tok[role], body: { name: 'revoked' } })).json;
      return { path: `/api/tokens/${made ? made.id : 1}/revoke`, body: {} };
    } },
    'GET /api/users': { roles: ['admin'], req: q('/api/users') },
    'POST /api/users': { roles: ['admin'], req: () => ({ path: '/api/users',
      body: { name: `scope_${++seq}`, password: 'Vq7!kT9#zR2$wX5m-scope', role: 'viewer' } }) },
    'GET /api/plans': { roles: ANY, req: q('/api/plans'), list: (a) => a.every((p) => within(p.region)) },
    'GET /api/plans/{id}': { roles: ANY, targets: T3, req: (t) => ({ path: `/api/plans/${plan[t]}` }), scope: hideForeign },
    'POST /api/plans/{id}/state': { roles: STAFF, targets: T3, req: (t) => ({ path: `/api/plans/${plan[t]}/state`, body: { status: 'active' } }) },
    'GET /api/plans/{id}/status': { roles: ANY, targets: T3, req: (t) => ({ path: `/api/plans/${plan[t]}/status` }), scope: hideForeign },
    // Plan editing (issue 11): staff only, each within the plan's region.
    'POST /api/plans/{id}/edit/{part}': { roles: STAFF, targets: T3,
      req: (t) => ({ path: `/api/plans/${plan[t]}/edit/member`, body: { name: `矩阵成员${++seq}` } }) },
    'POST /api/plans/{id}/edit/{part}/{ref}': { roles: STAFF, targets: T3,
      req: (t) => ({ path: `/api/plans/${plan[t]}/edit/owner/target:1`, body: { unit: `矩阵协办${++seq}`, role: 'co' } }) },
    'PATCH /api/plans/{id}/edit/{part}': { roles: STAFF, targets: T3,
      req: (t) => ({ path: `/api/plans/${plan[t]}/edit/plan`, body: { issuer: `矩阵发文机关${++seq}` } }) },
    'PATCH /api/plans/{id}/edit/{part}/{ref}': { roles: STAFF, targets: T3, req: async (t) => {
      const name = `待改成员${++seq}`;
      const made = await call('POST', `/api/plans/${plan[t]}/edit/member`, { body: { name }, token: tok.admin });
      assert.equal(made.status, 201, made.text);
      return { path: `/api/plans/${plan[t]}/edit/member/${encodeURIComponent(name)}`, body: { name: `${name}改` } };
    } },
    'DELETE /api/plans/{id}/edit/{part}/{ref}': { roles: STAFF, targets: T3, req: async (t) => {
      const name = `待删成员${++seq}`;
      const made = await call('POST', `/api/plans/${plan[t]}/edit/member`, { body: { name }, token: tok.admin });
      assert.equal(made.status, 201, made.text);
      return { path: `/api/plans/${plan[t]}/edit/member/${encodeURIComponent(name)}` };
    } },
    'GET /api/plans/{id}/versions': { roles: ANY, targets: T3, req: (t) => ({ path: `/api/plans/${plan[t]}/versions` }),
      scope: hideForeign },
    'POST /api/plans/{id}/versions': { roles: STAFF, targets: T3,
      req: (t) => ({ path: `/api/plans/${plan[t]}/versions`, body: { note: `矩阵版本${++seq}` } }) },
    'GET /api/plans/{id}/diff': { roles: ANY, targets: T3, req: (t) => ({ path: `/api/plans/${plan[t]}/diff?from=1&to=1` }),
      scope: hideForeign },
    'GET /api/plans/{id}/targets/{tid}': { roles: ANY, targets: T3,
      // Target ids as they are now: a plan edit rewrites its targets.
      req: async (t) => ({ path: `/api/plans/${plan[t]}/targets/${(await get(`/api/plans/${plan[t]}/status`)).targets[0].target}` }),
      scope: hideForeign },
    // The county comparison (issue 16): a region user's rows stay in its subtree.
    'GET /api/plans/{id}/targets/{tid}/regions': { roles: ANY, targets: T3,
      req: async (t) => ({ path: `/api/plans/${plan[t]}/targets/${(await get(`/api/plans/${plan[t]}/status`)).targets[0].target}/regions` }),
      scope: hideForeign, list: (a) => a.length > 0 && a.every((x) => within(x.region)) },
    'GET /api/plans/{id}/tasks': { roles: ANY, targets: T3, req: (t) => ({ path: `/api/plans/${plan[t]}/tasks` }), scope: hideForeign },
    'GET /api/plans/{id}/alerts': { roles: ['region', ...STAFF], targets: T3, req: (t) => ({ path: `/api/plans/${plan[t]}/alerts` }),
      scope: hideForeign, list: (a) => a.every((x) => !x.region || within(x.region)) },
    'POST /api/plans/{id}/alerts/ack': { roles: STAFF, targets: T3, req: (t, role) => ({ path: `/api/plans/${plan[t]}/alerts/ack`,
      body: { kind: alert[t].kind, subject: alert[t].subject, region: alert[t].region || undefined,
        period: alert[t].period || undefined, note: `scope ${role}` } }) },
    'GET /api/plans/{id}/assessment': { roles: ['region', ...STAFF], targets: T3,
      req: (t) => ({ path: `/api/plans/${plan[t]}/assessment?year=2019` }), scope: hideForeign },
    'GET /api/plans/{id}/entry': { roles: WRITERS, targets: T3,
      req: (t, role) => ({ path: `/api/plans/${plan[t]}/entry?period=2019&unit=${role === 'unit' && t === 'foreign' ? units.own : units[t]}` }),
      scope: (role, t) => (t === 'own' ? 'ok' : t === 'other' ? 403 : 404) },
    'GET /api/indicators': { roles: ANY, req: q('/api/indicators?unconfirmed=1') },
    'POST /api/indicators/link': { roles: STAFF, req: () => ({ path: '/api/indicators/link',
      body: { name: '县公路优良路率', catalog: '公路优良路率' } }) },
    'GET /api/units': { roles: ANY, targets: T3, req: (t) => ({ path: `/api/units?region=${region[t]}` }),
      list: (a) => a.every((u) => within(u.region)) },
    'POST /api/units': { roles: STAFF, targets: T3, req: (t) => ({ path: '/api/units', body: { name: `矩阵单位${++seq}`, region: region[t] } }) },
    'POST /api/values': { roles: WRITERS, targets: T3, req: (t) => ({ path: '/api/values',
      body: { indicator: indicator[t], region: region[t], period: '2016', value: 50, note: '范围测试' } }), scope: ownOnly },
    'POST /api/progress': { roles: WRITERS, targets: T3, req: (t, role) => ({ path: '/api/progress',
      body: { plan: plan[t], task: task[t], unit: role === 'unit' ? undefined : unitName[t], period: '2016-H2', status: 'in_progress' } }),
      scope: ownOnly },
    'GET /api/progress': { roles: WRITERS, req: q('/api/progress?plan=1'), list: (a) => a.every((x) => x.unit_id === unit.unit_id) },
    'POST /api/attachments': { roles: WRITERS, req: () => ({ path: '/api/attachments?name=%E6%80%BB%E7%BB%93.pdf', raw: PDF }) },
    'GET /api/attachments': { roles: WRITERS, targets: T3, req: (t) => ({ path: `/api/attachments?unit=${units[t]}` }),
      scope: ownOnly, list: (a) => a.length > 0 && a.every((x) => x.unit_id === unit.unit_id) },
    'GET /api/attachments/{id}': { roles: WRITERS, targets: T3, req: (t) => ({ path: `/api/attachments/${attachment[t]}` }),
      scope: ownOnly, file: true },
    'GET /api/submissions/{id}': { roles: WRITERS, targets: T3, req: async (t) => ({ path: `/api/submissions/${await submission(t)}` }),
      scope: ownOnly },
    'POST /api/submissions/{id}/items': { roles: STAFF, targets: T3, req: async (t) => {
      const x = await reportItem(t);
      return { path: `/api/submissions/${x.sub}/items`, body: { kind: 'report', id: x.item, decision: 'accepted' } };
    } },
    'POST /api/plans/{id}/entry-rules': { roles: STAFF, targets: T3,
      req: (t) => ({ path: `/api/plans/${plan[t]}/entry-rules`, body: { jump_factor: 0.5 } }) },
    'GET /api/submissions': { roles: WRITERS, req: q('/api/submissions'), list: (a) => a.every((x) => x.unit_id === unit.unit_id) },
    'POST /api/submissions': { roles: WRITERS, targets: T3, req: (t) => ({ path: '/api/submissions',
      body: { unit_id: units[t], period: String(period++) } }), scope: ownOnly },
    'POST /api/submissions/{id}/accept': { roles: STAFF, targets: T3,
      req: async (t) => ({ path: `/api/submissions/${await submission(t)}/accept`, body: {} }) },
    'POST /api/submissions/{id}/return': { roles: STAFF, targets: T3,
      req: async (t) => ({ path: `/api/submissions/${await submission(t)}/return`, body: { reason: '缺少来源' } }) },
    'POST /api/submissions/{id}/reopen': { roles: STAFF, targets: T3,
      req: async (t) => ({ path: `/api/submissions/${await submission(t, true)}/reopen`, body: { reason: '更正' } }) },
    'GET /api/audit': { roles: STAFF, req: q('/api/audit?limit=5') },
    'POST /api/plans': { roles: STAFF, targets: T3, req: (t) => ({ path: '/api/plans', body: {
      plan: { title: `范围方案${++seq}`, doc_number: `范围〔2024〕${seq}号`, region: { code: region[t] } },
      targets: [{ indicator: '范围指标', op: '>=', value: 1, unit: '个' }] } }) },
    'POST /api/plans/extract': { roles: STAFF, req: () => ({ path: '/api/plans/extract', body: {
      text: '某区质量强区实施方案\n一、工作目标\n到2025年,产品质量监督抽查合格率达到95%以上。\n' } }) },
    'POST /api/values/import': { roles: STAFF, targets: T3, req: (t) => ({ path: '/api/values/import',
      body: { csv: `indicator,region,period,value\n${indicator[t]},${region[t]},2013,50\n` } }) },
    'GET /api/regions': { roles: ANY, req: q(`/api/regions?parent=${HOME}`) },
    // Townships of a county (issue 11): staff, within the office's region.
    'POST /api/regions/{code}/townships': { roles: STAFF, targets: T3, req: (t) => ({
      path: `/api/regions/${{ own: '230902', other: '230903', foreign: '610102' }[t]}/townships`, body: {} }) },
    'GET /api/credit-codes/{code}': { roles: ANY, req: () => ({ path: `/api/credit-codes/${uscc.own}` }) },
    'GET /api/enterprises/{code}': { roles: ['region', ...STAFF], targets: T3,
      req: (t) => ({ path: `/api/enterprises/${uscc[t]}` }), scope: hideForeign },
    'GET /api/sampling': { roles: ['region', ...STAFF], targets: T3, req: (t) => ({ path: `/api/sampling?region=${region[t]}&limit=20` }),
      scope: refuseForeign, list: (a) => a.every((x) => within(x.region)) },
    'POST /api/sampling': { roles: STAFF, targets: T3, req: (t) => ({ path: '/api/sampling', body: {
      table: `产品名称,生产企业名称,抽样日期,检验结论\n水泥,范围厂${++seq},2021-05-02,合格\n`, region: region[t] } }) },
    'GET /api/sampling/rates': { roles: ANY, targets: T3, req: (t) => ({ path: `/api/sampling/rates?region=${region[t]}&year=2021` }),
      scope: refuseForeign },
    'POST /api/sampling/bind': { roles: STAFF, req: () => ({ path: '/api/sampling/bind', body: { indicator: indicator.own } }) },
    'GET /api/sampling/followup': { roles: ['region', ...STAFF], targets: T3,
      req: (t) => ({ path: `/api/sampling/followup?region=${region[t]}` }), scope: refuseForeign,
      list: (a) => a.every((x) => within(x.region)) },
    'POST /api/sampling/{id}/followup': { roles: STAFF, targets: T3, req: (t) => ({ path: `/api/sampling/${failed[t]}/followup`,
      body: { step: 'notified', date: '2021-05-10' } }) },
    // The public portal (issue 17): anyone, signed in or not.
    'GET /api/public/credit/{list}': { roles: ['public'], req: q('/api/public/credit/black') },
    // Quality credit (issue 19): region users read their subtree only.
    'GET /api/credit/enterprises/{code}': { roles: ['region', ...STAFF], targets: T3,
      req: (t) => ({ path: `/api/credit/enterprises/${uscc[t]}` }), scope: hideForeign },
    'GET /api/credit/enterprises/{code}/report/{format}': { roles: ['region', ...STAFF], targets: T3,
      req: (t) => ({ path: `/api/credit/enterprises/${uscc[t]}/report/html` }), scope: hideForeign, file: true },
    'GET /api/credit/lists/{list}': { roles: ['region', ...STAFF], targets: T3,
      req: (t) => ({ path: `/api/credit/lists/black?region=${region[t]}&all=1` }), scope: refuseForeign,
      list: (a) => a.every((x) => within(x.region)) },
    'POST /api/credit/check': { roles: STAFF, req: () => ({ path: '/api/credit/check', body: { uscc: uscc.own, purpose: 'award' } }) },
    'POST /api/credit/listings': { roles: STAFF, req: () => ({ path: '/api/credit/listings',
      body: { list: 'red', uscc: uscc.own, ground: '矩阵', date: '2024-01-01' } }) },
    'POST /api/credit/listings/{id}/{step}': { roles: STAFF, req: async () => {
      const made = await call('POST', '/api/credit/listings', { token: tok.admin,
        body: { list: 'red', uscc: uscc.own, ground: '矩阵', date: '2024-01-01' } });
      assert.equal(made.status, 201, made.text);
      return { path: `/api/credit/listings/${made.json.id}/publish`, body: {} };
    } },
    'GET /api/awards': { roles: ['region', ...STAFF], targets: T3, req: (t) => ({ path: `/api/awards?region=${region[t]}` }),
      scope: refuseForeign, list: (a) => a.every((x) => within(x.region)) },
    'POST /api/awards/import': { roles: STAFF, req: () => ({ path: '/api/awards/import',
      body: { csv: `获奖单位,类别,年度,地区\n矩阵厂${++seq},驰名商标,2019,${HOME}\n` } }) },
    'GET /api/rewards': { roles: STAFF, req: q('/api/rewards?year=2019') },
    'GET /api/public/publications': { roles: ['public'], req: q('/api/public/publications') },
    'GET /api/public/plans/{id}': { roles: ['public'], req: q('/api/public/plans/1') },
    'GET /api/public/indexes/{id}/{year}': { roles: ['public'], req: q('/api/public/indexes/qitaihe-quality/2020') },
    'GET /api/public/documents/{ref}': { roles: ['public'], req: q(`/api/public/documents/${encodeURIComponent('七质强办〔2020〕1号')}`) },
    'GET /api/public/lists/{ref}': { roles: ['public'], req: q('/api/public/lists/red-2020') },
    'GET /api/public/files/{id}/{name}': { roles: ['public'], req: () => ({ path: `/api/public/files/${pubFileId}/pub.json` }) },
    'GET /api/public/data/{file}': { roles: ['public'], req: q('/api/public/data/values.json') },
    'POST /api/publications': { roles: STAFF, req: () => ({ path: '/api/publications', body: { kind: 'plan', plan: 1 } }) },
    'POST /api/publications/unpublish': { roles: STAFF, req: async () => {
      const made = await call('POST', '/api/publications', { token: tok.admin, body: { kind: 'plan', plan: 3 } });
      assert.equal(made.status, 201, made.text);
      return { path: '/api/publications/unpublish', body: { kind: 'plan', ref: '3' } };
    } },
    'GET /api/sampling/lists': { roles: ['region', ...STAFF], targets: T3,
      req: (t) => ({ path: `/api/sampling/lists?region=${region[t]}&year=2021` }), scope: refuseForeign },
    // Reminders: each user's own inbox; settings for the admin.
    'GET /api/inbox': { roles: ANY, req: q('/api/inbox') },
    'POST /api/inbox/read': { roles: ANY, req: () => ({ path: '/api/inbox/read', body: {} }) },
    'GET /api/remind/settings': { roles: ['admin'], req: q('/api/remind/settings') },
    'POST /api/remind/settings': { roles: ['admin'], req: () => ({ path: '/api/remind/settings', body: { due_days: 3 } }) },
    'GET /api/remind/log': { roles: STAFF, req: q('/api/remind/log') },
    'POST /api/remind/run': { roles: STAFF, req: () => ({ path: '/api/remind/run', body: {} }) },
    // 督查: a unit sees and answers only its own unit's items (404 else).
    'GET /api/supervision': { roles: WRITERS, req: q('/api/supervision'), list: (a) => a.every((x) => x.unit_id === unit.unit_id) },
    'POST /api/supervision': { roles: STAFF, targets: T3, req: (t) => ({ path: '/api/supervision',
      body: { plan: plan[t], unit_id: units[t], finding: `矩阵发现${++seq}`, rectify: '整改', deadline: '2030-12-31' } }) },
    'GET /api/supervision/{id}': { roles: WRITERS, targets: T3, req: (t) => ({ path: `/api/supervision/${sup[t]}` }),
      scope: (role, t) => (t === 'own' ? 'ok' : 404) },
    'POST /api/supervision/{id}/answer': { roles: WRITERS, targets: T3,
      req: (t) => ({ path: `/api/supervision/${sup[t]}/answer`, body: { text: '已整改' } }),
      scope: (role, t) => (t === 'own' ? 'ok' : 404) },
    'POST /api/supervision/{id}/close': { roles: STAFF, targets: T3,
      req: async (t) => ({ path: `/api/supervision/${await supItem(t)}/close`, body: {} }) },
    'POST /api/supervision/{id}/reopen': { roles: STAFF, targets: T3,
      req: async (t) => ({ path: `/api/supervision/${await supItem(t, true)}/reopen`, body: { reason: '整改不到位' } }) },
    'GET /api/accountability': { roles: STAFF, req: q('/api/accountability') },
    'POST /api/accountability': { roles: STAFF, targets: T3, req: (t) => ({ path: '/api/accountability',
      body: { unit_id: units[t], year: 2020, kind: 'interview' } }) },
    // Documents (issue 17): office and admin only; each request on a fresh
    // draft of the progress 通报 (no charts), made by the admin.
    'GET /api/documents': { roles: STAFF, req: q('/api/documents?plan=1') },
    'POST /api/documents': { roles: STAFF, req: () => ({ path: '/api/documents',
      body: { kind: 'progress', plan: 1, period: '2020-H1' } }) },
    'GET /api/documents/{id}': { roles: STAFF, req: async () => ({ path: `/api/documents/${await draft()}` }) },
    'PATCH /api/documents/{id}': { roles: STAFF, req: async () => ({ path: `/api/documents/${await draft()}`,
      body: { block: 1, text: `矩阵修改${++seq}` } }) },
    'POST /api/documents/{id}/issue': { roles: STAFF, req: async () => ({ path: `/api/documents/${await draft()}/issue`,
      body: {} }) },
    'GET /api/documents/{id}/file/{format}': { roles: STAFF, file: true,
      req: async () => ({ path: `/api/documents/${await draft()}/file/html` }) },
    'GET /api/complaints': { roles: ['region', ...STAFF], targets: T3, req: (t) => ({ path: `/api/complaints?region=${region[t]}` }),
      scope: refuseForeign, list: (a) => a.every((x) => within(x.region) && !x.person_phone.includes('12341234')) },
    'POST /api/complaints': { roles: ['region', ...STAFF], targets: T3, req: (t) => ({ path: '/api/complaints',
      body: { region: county[t], respondent: `矩阵商户${++seq}`, text: '矩阵', received_on: '2024-02-08' } }), scope: refuseForeign },
    'GET /api/complaints/hotspots': { roles: ['region', ...STAFF], targets: T3,
      req: (t) => ({ path: `/api/complaints/hotspots?month=2024-02&region=${region[t]}` }), scope: refuseForeign },
    'GET /api/complaints/{id}': { roles: ['region', ...STAFF], targets: T3, req: (t) => ({ path: `/api/complaints/${complaint[t]}` }),
      scope: hideForeign },
    'GET /open311/v2/services.json': { roles: ['region', ...STAFF], req: q('/open311/v2/services.json') },
    'GET /open311/v2/requests.json': { roles: ['region', ...STAFF], req: q('/open311/v2/requests.json'),
      list: (a) => a.every((x) => within(x.agency_responsible)) },
    'POST /open311/v2/requests.json': { roles: ['region', ...STAFF], targets: T3, req: (t) => ({ path: '/open311/v2/requests.json',
      form: { service_code: serviceCode, jurisdiction_id: county[t], description: '矩阵', 'attribute[respondent]': '矩阵商户' } }),
      scope: refuseForeign },
    'GET /open311/v2/requests/{id}': { roles: ['region', ...STAFF], targets: T3,
      req: (t) => ({ path: `/open311/v2/requests/${complaint[t]}.json` }), scope: hideForeign },
    'POST /api/complaints/{id}/steps': { roles: ['region', ...STAFF], targets: T3,
      req: async (t) => ({ path: `/api/complaints/${await complaintIn(t)}/steps`, body: { state: 'accepted', date: '2024-02-09' } }),
      scope: refuseForeign },
    'GET /api/federation/provinces': { roles: STAFF, req: q('/api/federation/provinces') },
    // Special equipment: the office and the lower governments, each on its own
    // region; a unit outside a region account's subtree is as if it did not exist.
    'GET /api/equipment': { roles: ['region', ...STAFF], targets: T3,
      req: (t) => ({ path: `/api/equipment?region=${region[t]}` }), scope: refuseForeign },
    'GET /api/equipment/figures': { roles: ['region', ...STAFF], targets: T3,
      req: (t) => ({ path: `/api/equipment/figures?region=${region[t]}&year=2024` }), scope: refuseForeign },
    'POST /api/equipment/accidents': { roles: ['region', ...STAFF], targets: T3, req: (t) => ({ path: '/api/equipment/accidents',
      body: { date: '2024-02-08', region: county[t], deaths: 0 } }), scope: refuseForeign },
    'GET /api/equipment/{code}': { roles: ['region', ...STAFF], targets: T3,
      req: (t) => ({ path: `/api/equipment/${equipment[t]}` }), scope: hideForeign },
    'POST /api/equipment/{code}/inspections': { roles: ['region', ...STAFF], targets: T3,
      req: (t) => ({ path: `/api/equipment/${equipment[t]}/inspections`, body: { date: '2024-02-20', result: '合格', next: '2025-02-20' } }),
      scope: hideForeign },
    // A register's file: every row must lie in the account's region (a row
    // in 西安 from the city's region account: 403, nothing written).
    'POST /api/equipment/import': { roles: ['region', ...STAFF], targets: T3,
      req: (t) => ({ path: '/api/equipment/import?name=scope.csv', raw: '注册代码,设备类别,使用单位,所在区县,下次检验日期\n'
        + `${t === 'foreign' ? '3110610102951' : '3110230903951'},电梯,矩阵物业,${county[t]},2024-03-01\n` }), scope: refuseForeign },
    // Metrology: the same rules as special equipment.
    'POST /api/metrology/import': { roles: ['region', ...STAFF], targets: T3,
      req: (t) => ({ path: '/api/metrology/import?name=scope.csv', raw: '器具编号,器具名称,使用单位,所在区县,有效期至\n'
        + `${t === 'foreign' ? 'JL952' : 'JL951'},电子计价秤,矩阵市场,${county[t]},2024-03-01\n` }), scope: refuseForeign },
    'GET /api/metrology': { roles: ['region', ...STAFF], targets: T3,
      req: (t) => ({ path: `/api/metrology?region=${region[t]}` }), scope: refuseForeign },
    'GET /api/metrology/figures': { roles: ['region', ...STAFF], targets: T3,
      req: (t) => ({ path: `/api/metrology/figures?region=${region[t]}&year=2024` }), scope: refuseForeign },
    'GET /api/metrology/{ref}': { roles: ['region', ...STAFF], targets: T3,
      req: (t) => ({ path: `/api/metrology/${metrology[t]}` }), scope: hideForeign },
    'POST /api/metrology/{ref}/verifications': { roles: ['region', ...STAFF], targets: T3,
      req: (t) => ({ path: `/api/metrology/${metrology[t]}/verifications`, body: { date: '2024-02-20', result: '合格', next: '2025-02-20' } }),
      scope: hideForeign },
    // Certification: read only, each on its own region.
    'GET /api/certification': { roles: ['region', ...STAFF], targets: T3,
      req: (t) => ({ path: `/api/certification?region=${region[t]}` }), scope: refuseForeign },
    'GET /api/certification/figures': { roles: ['region', ...STAFF], targets: T3,
      req: (t) => ({ path: `/api/certification/figures?region=${region[t]}` }), scope: refuseForeign },
    // Traceability: its reads as certification's, its import as metrology's.
    'GET /api/traceability': { roles: ['region', ...STAFF], targets: T3,
      req: (t) => ({ path: `/api/traceability?region=${region[t]}` }), scope: refuseForeign },
    'GET /api/traceability/figures': { roles: ['region', ...STAFF], targets: T3,
      req: (t) => ({ path: `/api/traceability/figures?region=${region[t]}` }), scope: refuseForeign },
    'POST /api/traceability/import': { roles: ['region', ...STAFF], targets: T3,
      req: (t) => ({ path: '/api/traceability/import?name=scope.csv', raw: '追溯平台,主体名称,主体类型,行业类别,入驻日期,所在区县\n'
        + `省食品安全追溯平台,${t === 'foreign' ? '矩阵超市' : '矩阵饮料'},生产,食品,2024-01-01,${county[t]}\n` }), scope: refuseForeign },
  };

  // ---- the route table, as the server declares it -----------------------------------
  const table = execFileSync(QCITY, ['serve', '--routes'], { env }).toString().trim().split('\n')
    .map((l) => { const [method, path, roles] = l.split('\t'); return { method, path, roles: roles.split(',') }; });
  const keys = table.map((r) => `${r.method} ${r.path}`);
  const missing = keys.filter((k) => !spec[k]);
  assert.deepEqual(missing, [], `routes with no expectation in tests/api/test_scope.mjs: ${missing.join(', ')}`);
  assert.deepEqual(Object.keys(spec).filter((k) => !keys.includes(k)), [], 'expectations for routes that do not exist');
  for (const r of table)
    assert.deepEqual([...r.roles].sort(), [...spec[`${r.method} ${r.path}`].roles].sort(), `${r.method} ${r.path}: roles`);
  ok(`all ${table.length} routes of the route table have an expectation`);

  // ---- the matrix ---------------------------------------------------------------------
  async function lastAudit() {
    const a = await call('GET', '/api/audit?limit=1', { token: tok.admin });
    return a.json.length ? a.json[0].id : 0;
  }
  async function auditSince(id) {
    const a = await call('GET', '/api/audit?limit=50', { token: tok.admin });
    return a.json.filter((e) => e.id > id);
  }
  function expected(s, role, t) {
    if (role === 'anon') return s.roles.includes('public') ? 'ok' : 401;
    if (!s.roles.includes('public') && !s.roles.includes(role)) return 403;
    if (role === 'office' || role === 'admin' || !s.scope) return 'ok';
    if (role === 'viewer') return 'ok';
    return s.scope(role, t);
  }
  const counts = { ok: 0, refused: 0, lists: 0 };
  for (const r of table) {
    const key = `${r.method} ${r.path}`;
    const s = spec[key];
    for (const t of s.targets || ['any']) {
      for (const role of ROLES) {
        const want = expected(s, role, t);
        const rq = await s.req(t, role);
        const mark = want === 'ok' ? null : await lastAudit();
        const res = await call(r.method, rq.path, { body: rq.body, raw: rq.raw, form: rq.form, token: tok[role] });
        const what = `${role} ${key} (${t}: ${rq.path})`;
        assert.ok(res.json !== null || (s.file && want === 'ok' && res.text.length > 0),
          `${what}: the answer is JSON (or, for a download, the file)`);
        if (want === 'ok') {
          assert.ok(res.status >= 200 && res.status < 300, `${what} should be allowed, got ${res.status} ${res.text}`);
          if (s.list && (role === 'unit' || role === 'region')) {
            assert.ok(Array.isArray(res.json) && s.list(res.json),
              `${what}: the list holds only region ${HOME}'s subtree: ${res.text.slice(0, 300)}`);
            counts.lists++;
          }
          counts.ok++;
          continue;
        }
        assert.equal(res.status, want, `${what} should be ${want}, got ${res.status} ${res.text}`);
        // Refused: nothing changed; a signed-in refusal (403) is audited.
        const rows = await auditSince(mark);
        if (want === 403) {
          assert.equal(rows.length, 1, `${what}: one audit row (the refusal), got ${JSON.stringify(rows)}`);
          assert.equal(rows[0].entity, 'account');
          assert.equal(rows[0].action, 'refused');
          assert.equal(rows[0].key, role);
          const after = JSON.parse(rows[0].after);
          assert.equal(after.addr, '127.0.0.1');
          assert.equal(after.path, decodeURIComponent(rq.path.split('?')[0]));
        } else {
          assert.deepEqual(rows, [], `${what}: no audit row`);
        }
        counts.refused++;
      }
    }
  }
  ok(`matrix: ${counts.ok} allowed, ${counts.refused} refused (nothing changed), ${counts.lists} lists within the subtree`);

  // ---- personal data of complaints: masked, unmasked only for the handler ------------
  {
    const plain = await call('GET', `/api/complaints/${complaint.own}`, { token: tok.region });
    assert.equal(plain.json.person_phone, '138****1234');
    const refused = await call('GET', `/api/complaints/${complaint.own}?unmask=1`, { token: tok.region });
    assert.equal(refused.status, 403, 'the city account is not the handling county');
    const mark = await lastAudit();
    const full = await call('GET', `/api/complaints/${complaint.own}?unmask=1`, { token: office });
    assert.equal(full.json.person_phone, '13812341234');
    const rows = await auditSince(mark);
    assert.deepEqual(rows.map((e) => [e.action, e.entity, e.key]), [['view_personal_data', 'complaint', String(complaint.own)]]);
    ok('complaints: personal data masked, shown to the office with an audit row, refused to others');
  }

  // ---- the repro of issue 12 ----------------------------------------------------------
  const forest = (await get('/api/plans/1/status?series=1')).targets.find((x) => x.indicator === '森林覆盖率');
  const beforeSeries = JSON.stringify(forest.series);
  const mark = await lastAudit();
  const repro = await call('POST', '/api/values', { token: tok.unit,
    body: { indicator: '森林覆盖率', region: '230900', period: '2018', value: 3 } });
  assert.equal(repro.status, 403, repro.text);
  assert.match(repro.json.error, /市市场监管局 在覆盖地区 .* 的计划中不牵头也不配合指标“森林覆盖率”的任何目标/);
  const after = (await get(`/api/plans/1/targets/${forest.target}`)).series;
  assert.equal(JSON.stringify(after), beforeSeries, 'the value is unchanged');
  assert.deepEqual((await auditSince(mark)).map((e) => e.action), ['refused']);
  ok('repro: the unit posting 森林覆盖率 for 230900 gets 403 and changes nothing');

  let r;

  // ---- draft plans: office and admin only -------------------------------------------
  assert.equal((await call('POST', '/api/plans/1/state', { token: office, body: { status: 'draft' } })).status, 200);
  for (const role of ['unit', 'region', 'viewer']) {
    for (const p of ['', '/status', '/tasks'])
      assert.equal((await call('GET', `/api/plans/1${p}`, { token: tok[role] })).status, 404, `${role} reads a draft${p}`);
    assert.ok(!(await call('GET', '/api/plans', { token: tok[role] })).json.some((p) => p.id === 1), `${role} lists a draft`);
  }
  for (const role of ['office', 'admin'])
    assert.equal((await call('GET', '/api/plans/1/status', { token: tok[role] })).status, 200);
  assert.equal((await call('POST', '/api/plans/1/state', { token: office, body: { status: 'active' } })).status, 200);
  ok('draft plans: office and admin only (404 for the others, left out of lists)');

  // ---- strict numbers -----------------------------------------------------------------
  for (const [path, name] of [
    [`/api/plans/1/assessment?year=${encodeURIComponent("' OR 1=1--")}`, 'year'],
    ['/api/plans/1/assessment?year=2019abc', 'year'],
    ['/api/plans/1/assessment?year=1800', 'year'],
    ['/api/audit?limit=10abc', 'limit'],
    ['/api/audit?limit=0x10', 'limit'],
    [`/api/sampling?year=${encodeURIComponent('2021 OR 1=1')}`, 'year'],
    ['/api/sampling?limit=99999999999999999999', 'limit'],
    ['/api/sampling/lists?region=230900&year=2021&years=3y', 'years'],
    ['/api/sampling/rates?region=230900&year=+2021x', 'year'],
    ['/api/plans/1/entry?period=2019&unit=1e3', 'unit'],
  ]) {
    r = await call('GET', path, { token: office });
    assert.equal(r.status, 400, `${path}: ${r.text}`);
    assert.match(r.json.error, new RegExp(`^${name}：`), `${path}: names the parameter`);
  }
  for (const path of ['/api/plans/1x/status', '/api/plans/-1/status', '/api/plans/99999999999999999999/status',
    '/api/plans/1/targets/0x1', '/api/submissions/1.0/accept']) {
    r = await call(path.endsWith('accept') ? 'POST' : 'GET', path, { token: office, body: path.endsWith('accept') ? {} : undefined });
    assert.equal(r.status, 400, `${path}: ${r.text}`);
    assert.match(r.json.error, /不是编号/);
  }
  r = await call('POST', '/api/progress', { token: office, body: { plan: '1', task: 'x', unit: 'y', period: '2016', status: 'done' } });
  assert.equal(r.status, 400);
  assert.match(r.json.error, /“plan”须为整数/);
  for (const [path, body, re] of [
    ['/api/progress', { plan: -1, task: 'x', unit: 'y', period: '2016', status: 'done' }, /“plan”须为编号/],
    ['/api/progress', { plan: 1.5, task: 'x', unit: 'y', period: '2016', status: 'done' }, /“plan”须为整数/],
    ['/api/submissions', { unit_id: 0, period: '2016' }, /“unit_id”须为编号/],
  ]) {
    r = await call('POST', path, { token: office, body });
    assert.equal(r.status, 400, `${path} ${JSON.stringify(body)}: ${r.text}`);
    assert.match(r.json.error, re);
  }
  ok('numbers in paths, queries and bodies are whole and in range: 400 naming the parameter');

  // ---- account audit ---------------------------------------------------------------------
  const m2 = await lastAudit();
  r = await call('POST', '/api/login', { body: { name: 'office', password: 'not the password' } });
  assert.equal(r.status, 403);
  r = await call('POST', '/api/login', { body: { name: 'region', password: PW } });
  assert.equal(r.status, 200);
  const rows = (await auditSince(m2)).filter((e) => e.entity === 'account');
  const failedRow = rows.find((e) => e.action === 'login_failed');
  assert.ok(failedRow && failedRow.key === 'office' && JSON.parse(failedRow.after).addr === '127.0.0.1',
    `a failed sign-in is audited with name and address: ${JSON.stringify(rows)}`);
  const loginRow = rows.find((e) => e.action === 'login');
  assert.ok(loginRow && loginRow.key === 'region' && JSON.parse(loginRow.after).addr === '127.0.0.1',
    'a sign-in is audited with name and address');
  assert.ok(rows.every((e) => !JSON.stringify(e).includes('not the password') && !JSON.stringify(e).includes(PW)),
    'no password in the audit log');
  ok('sign-ins, failed sign-ins and refusals are in the audit log with user and address');
} finally {
  await server.stop();
  cleanup(dir);
}
ok('the server stops cleanly on SIGTERM');
console.log(`${passed} passed, 0 failed`);
